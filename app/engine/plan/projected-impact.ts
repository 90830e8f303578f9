/**
 * Step 6: the projected impact of the delivery changes, each computed from the store's own
 * measurements (see impact.ts): the late rate cut to a target (the merchant's, or what the
 * store's best carrier already achieves), and the value of each point of late and exception
 * rate.
 */
import type { StoreAnalysis } from "../analyze/analyze-store";
import { formatPercent } from "../analyze/format";
import type { MarginBasis } from "../analyze/margin";
import { rateCutImpact } from "./impact";
import { returningCustomerValue } from "./levers";
import { unknownFigure } from "./plan-figure";
import { lateExtremes } from "./testing-roadmap";
import type { ImpactRow, PlanAnswers } from "./types";

function unknownRow(name: string, why: string): ImpactRow {
  return {
    name,
    sentence: `${name}: unknown — ${why}.`,
    repeatRateChange: unknownFigure("points", why),
    extraReturningCustomers: unknownFigure("count", why, "data", "year"),
    revenue: unknownFigure("money", why, "data", "year"),
    margin: unknownFigure("money", why, "data", "year"),
  };
}

export function projectedImpact(analysis: StoreAnalysis, answers: PlanAnswers, margin: MarginBasis): ImpactRow[] {
  const d = analysis.delivery;
  const windowDays = d.windowDays;
  const { value } = returningCustomerValue(analysis);
  const currency = analysis.currency;
  const repeatValue = { value: value.value, low: value.low, high: value.high, n: 0, confidence: value.confidence, source: value.source, caveats: value.notes };
  const rows: ImpactRow[] = [];
  const late = analysis.headline.lateRate.value;
  const lateGap = d.lateAny?.repeatGap ?? null;
  const base = { newCustomers: d.newDeliveryCustomersPerYear, repeatValue, windowDays: windowDays ?? 0, margin, currency };

  // The late rate to a target.
  const name = "Cut the late rate";
  const merchantTarget = answers.targetLateRatePercent;
  const carriers = lateExtremes(analysis.journey.breakdowns.carrier);
  let target: { rate: number; basis: string; source: "data" | "merchant answer" } | null = null;
  if (typeof merchantTarget === "number" && Number.isFinite(merchantTarget) && merchantTarget >= 0 && merchantTarget <= 100) {
    target = { rate: merchantTarget / 100, basis: "your target", source: "merchant answer" };
  } else if (carriers && late !== null) {
    const o = carriers.best.onTime;
    const best = (o.late1to2Days + o.late3PlusDays) / o.judged;
    if (best < late) target = { rate: best, basis: `what your best carrier, ${carriers.best.key}, already achieves`, source: "data" };
  }
  if (late === null || lateGap === null || windowDays === null) rows.push(unknownRow(name, "the late rate and its effect on repeat purchases need more judged deliveries and customers followed long enough"));
  else if (target === null) rows.push(unknownRow(name, "a target late rate: tell us yours, or ship with a second carrier long enough to compare"));
  else if (target.rate >= late) rows.push(unknownRow(name, `your late rate (${formatPercent(late)}) is already at or below the target (${formatPercent(target.rate)})`));
  else rows.push(rateCutImpact({ ...base, name, what: "late rate", current: late, target: target.rate, targetBasis: target.basis, targetSource: target.source, gap: lateGap }));

  // Sensitivities: one point of late and of exception rate.
  if (late !== null && lateGap !== null && windowDays !== null && late >= 0.01) {
    rows.push(rateCutImpact({ ...base, name: "Each point of late rate", what: "late rate", current: late, target: late - 0.01, targetBasis: "one point", targetSource: "data", gap: lateGap }));
  } else rows.push(unknownRow("Each point of late rate", "the late rate and its effect on repeat purchases need more data"));
  const exceptionRate = analysis.headline.exceptionRate.value;
  const exception = d.frictions.find((f) => f.problem === "exception");
  if (exceptionRate !== null && exception && exception.repeatGap.value !== null && windowDays !== null && exceptionRate >= 0.01) {
    rows.push(
      rateCutImpact({ ...base, name: "Each point of carrier exceptions", what: "exception rate", current: exceptionRate, target: exceptionRate - 0.01, targetBasis: "one point", targetSource: "data", gap: exception.repeatGap }),
    );
  } else rows.push(unknownRow("Each point of carrier exceptions", "the exception rate and its effect on repeat purchases need more carrier events and customers followed long enough"));
  return rows;
}
