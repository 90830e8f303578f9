/**
 * Projected impact of cutting a delivery problem's rate, computed from the store's own
 * measurements (no fixed percentages):
 *
 *   repeat-rate change  = (current rate − target rate) × measured repeat gap (points)
 *   extra returning     = new customers a year whose first order ships × repeat-rate change
 *   revenue a year      = extra returning × repeat revenue per returning customer (measured)
 *   margin a year       = revenue × margin rate (unit costs or the merchant's answer)
 *
 * It assumes first deliveries improve by the same points as all deliveries, and that the
 * customers won back behave like today's returning customers. The range is the gap's interval.
 */
import type { Confidence } from "../types";
import { weakest, type Figure, type FigureSource } from "../analyze/figure";
import { formatCount, formatMoney, formatPercent } from "../analyze/format";
import type { MarginBasis } from "../analyze/margin";
import { leastDirect, unknownFigure } from "./plan-figure";
import { marginOf } from "./plan-margin";
import type { ImpactRow, PlanFigure } from "./types";

export interface RateCutInput {
  name: string;
  /** What is cut, in words: "late rate". */
  what: string;
  current: number;
  target: number;
  /** Where the target comes from, in words ("your best carrier, UPS" / "your target"). */
  targetBasis: string;
  targetSource: FigureSource;
  /** Repeat-rate difference of affected vs unaffected customers (negative = fewer return). */
  gap: Figure;
  /** New customers a year whose first order ships. */
  newCustomers: Figure;
  /** Repeat revenue per returning customer over the same horizon as the gap. */
  repeatValue: Figure;
  windowDays: number;
  margin: MarginBasis;
  currency: string;
}

const points = (x: number) => `${(x * 100).toFixed(2)} points`;

export function rateCutImpact(x: RateCutInput): ImpactRow {
  const cut = Math.max(0, x.current - x.target);
  const g = x.gap;
  const missing = (what: string) => ({
    name: x.name,
    sentence: `${x.name}: unknown — ${what}.`,
    repeatRateChange: unknownFigure("points", what),
    extraReturningCustomers: unknownFigure("count", what, "data", "year"),
    revenue: unknownFigure("money", what, "data", "year"),
    margin: unknownFigure("money", what, "data", "year"),
  });
  if (g.value === null) return missing(`the repeat-rate gap needs more customers followed long enough (${g.caveats?.[0] ?? "not measured"})`);
  if (x.newCustomers.value === null) return missing("new customers per year are not measured yet");
  if (x.repeatValue.value === null) return missing(`no customer has come back within ${x.windowDays} days yet, so a returning customer's value is unknown`);

  const loss = (d: number | null | undefined) => (d == null ? null : Math.max(0, -d));
  const change = { value: cut * (loss(g.value) as number), low: g.high == null ? null : cut * (loss(g.high) as number), high: g.low == null ? null : cut * (loss(g.low) as number) };
  const N = x.newCustomers.value;
  const V = x.repeatValue.value;
  const source = leastDirect("data", x.targetSource);
  let confidence: Confidence = weakest(g.confidence, x.newCustomers.confidence, x.repeatValue.confidence);
  const notes: string[] = [];
  if (g.low != null && g.high != null && g.low <= 0 && g.high >= 0) {
    confidence = weakest(confidence, "low");
    notes.push("The repeat-rate gap behind this could be chance (its interval includes no difference).");
  }
  const fig = (v: { value: number; low: number | null; high: number | null }, unit: PlanFigure["unit"], per?: "year"): PlanFigure => ({ ...v, unit, per, source, confidence, notes });
  const repeatRateChange = fig(change, "points");
  const extra = { value: N * change.value, low: change.low === null ? null : N * change.low, high: change.high === null ? null : N * change.high };
  const revenueRange = { value: extra.value * V, low: extra.low === null ? null : extra.low * V, high: extra.high === null ? null : extra.high * V };
  const revenue = fig(revenueRange, "money", "year");
  const margin = marginOf(revenue, x.margin);

  const m = (v: number | null | undefined) => (v == null ? "unknown" : formatMoney(v, x.currency));
  const gapPoints = (loss(g.value) as number) * 100;
  const range = change.low !== null && change.high !== null ? ` (range +${(change.low * 100).toFixed(2)} to +${points(change.high)})` : "";
  const marginText = margin.value === null ? "margin unknown until we know your gross margin" : `${m(margin.value)} in gross margin`;
  const sentence =
    gapPoints === 0
      ? `${x.name}: customers hit by this come back as often as others here, so cutting the ${x.what} shows no measurable repeat revenue.`
      : `Cutting the ${x.what} from ${formatPercent(x.current)} to ${formatPercent(x.target)} (${x.targetBasis}) moves new customers' ${x.windowDays}-day repeat rate by ` +
        `${(cut * 100).toFixed(1)} points × the measured ${gapPoints.toFixed(1)}-point gap = +${points(change.value)}${range}, which at ` +
        `${formatCount(N)} new customers a year whose first order ships and ${m(V)} of repeat revenue per returning customer is ${m(revenueRange.value)} a year in repeat revenue ` +
        `(range ${m(revenueRange.low)}–${m(revenueRange.high)}); ${marginText}.`;
  return {
    name: x.name,
    sentence,
    repeatRateChange,
    extraReturningCustomers: fig(extra, "count", "year"),
    revenue,
    margin,
  };
}
