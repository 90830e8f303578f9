/**
 * Segment diagnosis: each seed and delivery-behaviour segment against the whole store (size,
 * share of revenue, order value, repeat rate, P(alive), expected orders, predicted value), with
 * its action package. Segments whose rule needs 2+ orders (price-sensitive, return risk,
 * first-of-month) repeat at ~100% by construction: for them the diagnosis compares P(alive)
 * and expected orders with the store's repeat customers instead, and says so.
 */
import type { Confidence } from "../types";
import type { StoreAnalysis } from "../analyze/analyze-store";
import { weakest } from "../analyze/figure";
import { formatMoney, formatPercent } from "../analyze/format";
import type { MarginBasis } from "../analyze/margin";
import { proportionEstimate } from "../stats/estimates";
import type { SegmentSummaryRow } from "../segments/segment-summary";
import { planFigure, unknownFigure } from "./plan-figure";
import { marginOf } from "./plan-margin";
import { BEHAVIOUR_PLAYBOOK, SEED_PLAYBOOK } from "./segment-actions";
import { oneDecimal } from "../segments/membership";
import { seedSegmentsNeedingRepeat } from "../segments/seed-segments";
import { behaviourSegmentsNeedingRepeat } from "../segments/behaviour-segments";
import type { ActionPackage, PlanFigure, SegmentDiagnosisRow } from "./types";

/** Confidence of a segment figure from the members behind it. */
export function sizeConfidence(n: number): Confidence {
  return n < 30 ? "insufficient" : n < 100 ? "low" : n < 300 ? "medium" : "high";
}

function share(value: number | null, n: number, unknown: string): PlanFigure {
  return value === null ? unknownFigure("share", unknown) : { value, unit: "share", source: "data", confidence: sizeConfidence(n) };
}

export function segmentDiagnosis(analysis: StoreAnalysis, margin: MarginBasis): { rows: SegmentDiagnosisRow[]; packages: ActionPackage[] } {
  const { currency } = analysis;
  const seed = analysis.segments.seed.summary;
  const behaviour = analysis.segments.behaviour.summary;
  const all = seed.all;
  const clvConfidence = analysis.clv.confidence;
  const rows: SegmentDiagnosisRow[] = [];
  const packages: ActionPackage[] = [];

  const byRule = segmentsNeedingRepeat();
  const modelConfidence = (n: number) => weakest(clvConfidence, sizeConfidence(n));
  const add = (family: "seed" | "behaviour", r: SegmentSummaryRow, actions: string[]) => {
    packages.push({ family, segment: r.segment, label: r.label, customers: r.customers, actions });
    if (r.customers === 0) return;
    const repeaters = Math.round((r.repeatRate ?? 0) * r.customers);
    const repeatByRule = byRule.has(r.segment);
    const repeat = planFigure({ ...proportionEstimate(repeaters, r.customers, { unit: "customers" }), source: "data" }, "share", "customers in this segment");
    if (repeatByRule) repeat.notes = [...(repeat.notes ?? []), "High by construction: the segment's rule needs 2+ orders."];
    const noModel = "needs per-customer predictions from the lifetime value model";
    const activeProbability: PlanFigure =
      r.averagePAlive === null ? unknownFigure("share", noModel, "model") : { value: r.averagePAlive, unit: "share", source: "model", confidence: modelConfidence(r.customers) };
    const expectedOrders: PlanFigure =
      r.averageExpectedOrders === null
        ? unknownFigure("count", noModel, "model")
        : { value: r.averageExpectedOrders, unit: "count", source: "model", confidence: modelConfidence(r.customers) };
    const predicted: PlanFigure =
      r.averagePredictedClv === null
        ? unknownFigure("money", "predicted value needs repeat customers to fit the model", "model")
        : { value: r.averagePredictedClv, unit: "money", source: "model", confidence: weakest(clvConfidence, sizeConfidence(r.predictedClvCustomers)) };
    rows.push({
      family,
      segment: r.segment,
      label: r.label,
      customers: { value: r.customers, unit: "count", source: "data", confidence: "high" },
      customerShare: share(r.customerShare, r.customers, "no customers yet"),
      revenueShare: share(r.revenueShare, r.customers, "no revenue yet"),
      averageOrderValue: r.averageOrderValue === null ? unknownFigure("money", "no orders") : { value: r.averageOrderValue, unit: "money", source: "data", confidence: sizeConfidence(r.orders) },
      repeatRate: repeat,
      repeatByRule,
      activeProbability,
      expectedOrders,
      predictedValue: predicted,
      predictedMargin: marginOf(predicted, margin),
      diagnosis: diagnose(r, all, currency, repeatByRule, analysis.settings.horizonMonths),
    });
  };
  for (const r of seed.segments) add("seed", r, SEED_PLAYBOOK[r.segment as keyof typeof SEED_PLAYBOOK]?.actions ?? []);
  for (const r of behaviour.segments) add("behaviour", r, BEHAVIOUR_PLAYBOOK[r.segment as keyof typeof BEHAVIOUR_PLAYBOOK]?.actions ?? []);
  return { rows, packages };
}

/** Segments whose rule needs 2+ orders (their repeat rate is ~100% by construction). */
export function segmentsNeedingRepeat(): ReadonlySet<string> {
  return new Set<string>([...seedSegmentsNeedingRepeat(), ...behaviourSegmentsNeedingRepeat()]);
}

/**
 * How a segment's customers come back, against the store: the repeat rate, or, when the rule
 * already demands repeat orders, P(alive) against the store's repeat customers (and says why).
 */
export function repeatComparison(r: SegmentSummaryRow, all: SegmentSummaryRow, repeatByRule: boolean): string[] {
  if (!repeatByRule) {
    return r.repeatRate !== null && all.repeatRate !== null ? [`repeat rate ${formatPercent(r.repeatRate, 0)} vs ${formatPercent(all.repeatRate, 0)} for the store`] : [];
  }
  const parts = ["repeat rate is high by definition (the rule needs 2+ orders)"];
  if (r.averagePAlive !== null && all.repeatersAveragePAlive !== null) {
    parts.push(`still active (P(alive)) ${formatPercent(r.averagePAlive, 0)} vs ${formatPercent(all.repeatersAveragePAlive, 0)} for all repeat customers`);
  }
  return parts;
}

function diagnose(r: SegmentSummaryRow, all: SegmentSummaryRow, currency: string, repeatByRule: boolean, horizonMonths: number): string {
  const parts: string[] = [];
  if (r.customerShare !== null && r.revenueShare !== null) {
    parts.push(`${formatPercent(r.customerShare, 0)} of customers, ${formatPercent(r.revenueShare, 0)} of revenue`);
  }
  parts.push(...repeatComparison(r, all, repeatByRule));
  if (r.averageExpectedOrders !== null && all.averageExpectedOrders !== null) {
    parts.push(`${oneDecimal(r.averageExpectedOrders)} expected repeat orders per customer in the next ${horizonMonths} months vs ${oneDecimal(all.averageExpectedOrders)}`);
  }
  if (r.averageOrderValue !== null && all.averageOrderValue !== null) {
    parts.push(`order value ${formatMoney(r.averageOrderValue, currency)} vs ${formatMoney(all.averageOrderValue, currency)}`);
  }
  if (r.averagePredictedClv !== null && all.averagePredictedClv !== null) {
    parts.push(`predicted value ${formatMoney(r.averagePredictedClv, currency)} vs ${formatMoney(all.averagePredictedClv, currency)}`);
  }
  if (r.customers < 30) parts.push(`only ${r.customers} customers: treat as directional`);
  const text = parts.join("; ");
  return text ? text.charAt(0).toUpperCase() + text.slice(1) + "." : "No figures yet.";
}
