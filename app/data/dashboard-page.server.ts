/**
 * The dashboard's data: sync progress, the headline figures with their trend and confidence,
 * and the biggest delivery friction, all read from the stored analysis (no order is read here).
 */
import type { Figure } from "../engine/analyze/figure";
import type { DeliveryFriction } from "../engine/analyze/delivery-friction";
import type { StoreAnalysis } from "../engine/analyze/analyze-store";
import type { Estimate } from "../engine/types";
import { getSyncProgress, type SyncProgress } from "../services/sync-progress.server";
import { analysisStatus, type AnalysisStatusView } from "./analysis-status";
import { loadStoreAnalysis } from "./store-analysis.server";

export type FigureUnit = "share" | "days" | "money";

export interface TrendPoint {
  key: string;
  value: number;
  n: number;
}

export interface Trend {
  /** What the series measures, when it is not the headline figure itself. */
  label: string;
  points: TrendPoint[];
  /** Last three months against the three before, in the figure's unit; null when too thin. */
  change: number | null;
  /** Whether the change is larger than chance (two-proportion z-test at 95%). */
  clear: boolean;
}

export interface HeadlineCard {
  key: string;
  label: string;
  unit: FigureUnit;
  figure: Figure;
  /** Which direction is good for the merchant. */
  better: "higher" | "lower";
  /** What the sample size counts. */
  nUnit: "customers" | "orders";
  trend: Trend | null;
  /** Why there is no trend. */
  noTrend?: string;
}

export interface DashboardData {
  status: AnalysisStatusView;
  sync: SyncProgress | null;
  currency: string;
  counts: StoreAnalysis["counts"] | null;
  headline: HeadlineCard[];
  friction: DeliveryFriction | null;
  frictionSentence: string | null;
}

type MonthRow = StoreAnalysis["journey"]["breakdowns"]["month"][number];

/** Rates as counts over the last 12 complete-ish months. */
function series(rows: readonly MonthRow[], pick: (r: MonthRow) => Estimate | null): TrendPoint[] {
  const out: TrendPoint[] = [];
  for (const r of rows) {
    const e = pick(r);
    if (e === null || e.value === null || e.n === 0) continue;
    out.push({ key: r.key, value: e.value, n: e.n });
  }
  return out.slice(-12);
}

/** Pooled proportion of the last three points against the three before. */
export function trendOf(label: string, points: TrendPoint[]): Trend {
  if (points.length < 6) return { label, points, change: null, clear: false };
  const pool = (ps: TrendPoint[]) => {
    const n = ps.reduce((s, p) => s + p.n, 0);
    const x = ps.reduce((s, p) => s + p.value * p.n, 0);
    return { n, p: n > 0 ? x / n : 0 };
  };
  const recent = pool(points.slice(-3));
  const before = pool(points.slice(-6, -3));
  if (recent.n === 0 || before.n === 0) return { label, points, change: null, clear: false };
  const change = recent.p - before.p;
  const p = (recent.p * recent.n + before.p * before.n) / (recent.n + before.n);
  const se = Math.sqrt(p * (1 - p) * (1 / recent.n + 1 / before.n));
  return { label, points, change, clear: se > 0 && Math.abs(change / se) > 1.96 };
}

export function headlineCards(a: StoreAnalysis): HeadlineCard[] {
  const months = a.journey.breakdowns.month ?? [];
  const h = a.headline;
  const cohorts = a.repeat.cohorts.cohorts
    .filter((c) => c.cells[1]?.complete)
    .map((c) => ({ key: c.cohort, value: c.cells[1].share, n: c.customers }))
    .slice(-12);
  const lateOf = (r: MonthRow): Estimate | null =>
    r.onTime.judged > 0 ? { value: (r.onTime.late1to2Days + r.onTime.late3PlusDays) / r.onTime.judged, n: r.onTime.judged, confidence: r.onTime.rate.confidence } : null;
  return [
    {
      key: "repeatRate",
      label: "Repeat rate",
      unit: "share",
      figure: h.repeatRate,
      better: "higher",
      nUnit: "customers",
      trend: trendOf("New customers who ordered again the next month, by first-order month", cohorts),
    },
    {
      key: "medianDaysToSecondOrder",
      label: "Median time to second order",
      unit: "days",
      figure: h.medianDaysToSecondOrder,
      better: "lower",
      nUnit: "customers",
      trend: null,
      noTrend: "Measured over the whole history (a survival curve); no monthly trend.",
    },
    { key: "onTimeRate", label: "On-time deliveries", unit: "share", figure: h.onTimeRate, better: "higher", nUnit: "orders", trend: trendOf("On-time rate by order month", series(months, (r) => r.onTime.rate)) },
    { key: "lateRate", label: "Late deliveries", unit: "share", figure: h.lateRate, better: "lower", nUnit: "orders", trend: trendOf("Late rate by order month", series(months, lateOf)) },
    { key: "exceptionRate", label: "Carrier exceptions", unit: "share", figure: h.exceptionRate, better: "lower", nUnit: "orders", trend: trendOf("Exception rate by order month", series(months, (r) => r.exceptions.any)) },
    { key: "returnRate", label: "Return rate", unit: "share", figure: h.returnRate, better: "lower", nUnit: "orders", trend: trendOf("Return rate by order month", series(months, (r) => r.returnRate)) },
    {
      key: "averagePredictedClv",
      label: `Average predicted CLV (${a.settings.horizonMonths} months)`,
      unit: "money",
      figure: h.averagePredictedClv,
      better: "higher",
      nUnit: "customers",
      trend: null,
      noTrend: "One model fitted on the whole history; it is refitted at every analysis.",
    },
  ];
}

export async function loadDashboard(shop: string): Promise<DashboardData> {
  const [loaded, sync] = await Promise.all([loadStoreAnalysis(shop), getSyncProgress(shop)]);
  const a = loaded.analysis;
  return {
    status: analysisStatus(loaded),
    sync,
    currency: a?.currency ?? "USD",
    counts: a?.counts ?? null,
    headline: a ? headlineCards(a) : [],
    friction: a?.delivery.biggest ?? null,
    frictionSentence: a?.delivery.sentence ?? null,
  };
}
