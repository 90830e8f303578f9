/**
 * The personalization plan: per delivery-behaviour segment, how many customers it holds, what
 * they value (with the store's evidence: their repeat rate, order value and what they told us
 * at checkout) and the action package that serves them.
 */
import type { StoreAnalysis } from "../analyze/analyze-store";
import { formatCount, formatMoney, formatPercent } from "../analyze/format";
import { BEHAVIOUR_SEGMENTS, type BehaviourSegment } from "../segments/behaviour-segments";
import { known, unknownFigure } from "./plan-figure";
import { BEHAVIOUR_PLAYBOOK } from "./segment-actions";
import { sizeConfidence } from "./segment-diagnosis";
import type { PersonalizationRow } from "./types";

function statedEvidence(analysis: StoreAnalysis, segment: BehaviourSegment): string | null {
  const p = analysis.segments.preferences;
  if (p.customersWithAnswers === 0) return null;
  switch (segment) {
    case "speed_focused":
      return `${formatCount(p.speedVsCost.speed)} customers said at checkout they prefer speed over cost.`;
    case "price_sensitive_shipping":
      return `${formatCount(p.speedVsCost.cost)} customers said at checkout they prefer lower cost over speed.`;
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
    if (r.repeatRate !== null && all.repeatRate !== null) parts.push(`Repeat rate ${formatPercent(r.repeatRate, 0)} vs ${formatPercent(all.repeatRate, 0)} for all customers.`);
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
