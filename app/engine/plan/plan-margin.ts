/**
 * The margin the plan's money figures use: the analysis' margin, re-resolved with the
 * merchant's gross-margin answer when the plan has one (costs from Shopify still win where known).
 */
import { resolveMargin, type MarginBasis } from "../analyze/margin";
import type { StoreAnalysis } from "../analyze/analyze-store";
import { weakest } from "../analyze/figure";
import type { PlanAnswers, PlanFigure } from "./types";

export function planMargin(analysis: StoreAnalysis, answers: PlanAnswers): MarginBasis {
  const pct = answers.grossMarginPercent;
  if (typeof pct !== "number" || !Number.isFinite(pct) || pct < 0 || pct > 100) return analysis.margin;
  const m = analysis.margin;
  // Coverage as shares of one unit of product revenue (all resolveMargin needs).
  const share = m.knownCostShare ?? 0;
  const coverage = { productRevenue: 1, knownCostRevenue: share, knownCost: m.measuredRate === null ? 0 : share * (1 - m.measuredRate) };
  return resolveMargin(coverage, pct / 100);
}

/** A revenue figure in margin terms (unknown when the margin is). */
export function marginOf(revenue: PlanFigure, margin: MarginBasis): PlanFigure {
  if (margin.rate === null) {
    return { value: null, unit: revenue.unit, per: revenue.per, source: "merchant answer", confidence: "insufficient", unknown: "your gross margin % (or unit costs on your products in Shopify)" };
  }
  if (revenue.value === null) return { ...revenue };
  const r = margin.rate;
  return {
    ...revenue,
    value: revenue.value * r,
    low: revenue.low == null ? null : revenue.low * r,
    high: revenue.high == null ? null : revenue.high * r,
    source: margin.source === "merchant answer" && revenue.source === "data" ? "merchant answer" : revenue.source,
    confidence: weakest(revenue.confidence, margin.confidence),
    notes: [...(revenue.notes ?? []), margin.note],
  };
}
