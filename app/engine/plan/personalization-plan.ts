/**
 * The personalization plan: per delivery-behaviour segment, how many customers it holds, what
 * they value (with the store's evidence: their repeat rate, order value and what they told us
 * at checkout) and the action package that serves them.
 */
import type { StoreAnalysis } from "../analyze/analyze-store";
import { formatCount, formatMoney } from "../analyze/format";
import { BEHAVIOUR_SEGMENTS, type BehaviourSegment } from "../segments/behaviour-segments";
import { agreementSentence } from "../preferences/agreement-text";
import { known, unknownFigure } from "./plan-figure";
import { BEHAVIOUR_PLAYBOOK } from "./segment-actions";
import { repeatComparison, segmentsNeedingRepeat, sizeConfidence } from "./segment-diagnosis";
import type { PersonalizationRow } from "./types";

const withAgreement = (said: string, agreement: string | null) => (agreement ? `${said} ${agreement}` : said);

function statedEvidence(analysis: StoreAnalysis, segment: BehaviourSegment): string | null {
  const p = analysis.segments.preferences;
  if (p.customersWithAnswers === 0) return null;
  switch (segment) {
    // Stated vs observed (H5 preferences): does what they said match what they buy?
    case "speed_focused":
      return withAgreement(`${formatCount(p.speedVsCost.speed)} customers said at checkout they prefer speed over cost.`, agreementSentence("speed", p.agreement.speed));
    case "price_sensitive_shipping":
      return withAgreement(`${formatCount(p.speedVsCost.cost)} customers said at checkout they prefer lower cost over speed.`, agreementSentence("cost", p.agreement.cost));
    case "gift_giver":
      return `${formatCount(p.giftPackaging)} customers asked for gift packaging.`;
    default:
      return null;
  }
}

export function personalizationPlan(analysis: StoreAnalysis): PersonalizationRow[] {
  const s = analysis.segments.behaviour.summary;
  const all = s.all;
  return BEHAVIOUR_SEGMENTS.map((segment) => {
    const r = s.segments.find((x) => x.segment === segment);
    const playbook = BEHAVIOUR_PLAYBOOK[segment];
    if (!r || r.customers === 0) {
      return {
        segment,
        label: r?.label ?? segment,
        size: known(0, "count", "data", all.customers > 0 ? "high" : "insufficient"),
        share: all.customers > 0 ? known(0, "share", "data", sizeConfidence(all.customers)) : unknownFigure("share", "no customers yet"),
        values: playbook.values,
        evidence: all.customers > 0 ? "No customer matches this behaviour yet." : "No customers yet.",
        actions: playbook.actions,
      };
    }
    const parts: string[] = [];
    const repeat = repeatComparison(r, all, segmentsNeedingRepeat().has(segment)).join("; ");
    if (repeat) parts.push(`${repeat.charAt(0).toUpperCase()}${repeat.slice(1)}.`);
    if (r.averageOrderValue !== null && all.averageOrderValue !== null) {
      parts.push(`Order value ${formatMoney(r.averageOrderValue, analysis.currency)} vs ${formatMoney(all.averageOrderValue, analysis.currency)}.`);
    }
    const stated = statedEvidence(analysis, segment);
    if (stated) parts.push(stated);
    return {
      segment,
      label: r.label,
      size: known(r.customers, "count", "data", "high"),
      share: known(r.customerShare ?? 0, "share", "data", sizeConfidence(r.customers)),
      values: playbook.values,
      evidence: parts.join(" "),
      actions: playbook.actions,
    };
  });
}
