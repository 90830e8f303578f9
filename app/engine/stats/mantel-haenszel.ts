/**
 * Mantel–Haenszel pooled risk difference across strata (cohort data), the engine's
 * confounder-controlled comparison: each stratum compares like with like (same cohort
 * month, channel, order value band) and strata are pooled with weights n1·n0/N.
 *
 * Variance: Sato (1989), consistent both for a few large strata and for many sparse
 * strata (the usual case when stratifying by month × channel × value band); the
 * Greenland–Robins (1985) large-strata variance is reported alongside.
 */
import { zForLevel } from "./normal";

/** Per-stratum counts, as parallel arrays (typed arrays welcome). */
export interface StratifiedCounts {
  /** Events (e.g. reorders) in the exposed group of each stratum. */
  exposedEvents: ArrayLike<number>;
  exposedTotal: ArrayLike<number>;
  unexposedEvents: ArrayLike<number>;
  unexposedTotal: ArrayLike<number>;
}

export interface MantelHaenszelResult {
  /** Pooled exposed − unexposed risk, or null when no stratum holds both groups. */
  estimate: number | null;
  low: number | null;
  high: number | null;
  level: number;
  /** Sato variance (used for the interval). */
  variance: number | null;
  varianceGreenlandRobins: number | null;
  /** Strata holding both groups (the only ones that inform the estimate). */
  strataUsed: number;
  /** Exposed and unexposed subjects inside informative strata. */
  exposedInStrata: number;
  unexposedInStrata: number;
}

export function mantelHaenszelRiskDifference(counts: StratifiedCounts, level = 0.95): MantelHaenszelResult {
  const { exposedEvents: A, exposedTotal: N1, unexposedEvents: C, unexposedTotal: N0 } = counts;
  const k = N1.length;
  if (A.length !== k || C.length !== k || N0.length !== k) throw new RangeError("mantelHaenszelRiskDifference: arrays differ in length");
  let num = 0; // Σ (a·n0 − c·n1)/N
  let w = 0; // Σ n1·n0/N
  let p = 0; // Sato P
  let q = 0; // Sato Q
  let gr = 0; // Greenland–Robins numerator
  let used = 0;
  let exposed = 0;
  let unexposed = 0;
  for (let i = 0; i < k; i++) {
    const n1 = N1[i];
    const n0 = N0[i];
    if (n1 <= 0 || n0 <= 0) continue; // a stratum missing a group carries no comparison
    const a = A[i];
    const c = C[i];
    const n = n1 + n0;
    used++;
    exposed += n1;
    unexposed += n0;
    num += (a * n0 - c * n1) / n;
    w += (n1 * n0) / n;
    p += (n1 * n1 * c - n0 * n0 * a + (n1 * n0 * (n0 - n1)) / 2) / (n * n);
    q += (a * (n0 - c) + c * (n1 - a)) / (2 * n);
    gr += (a * (n1 - a) * n0 * n0 * n0 + c * (n0 - c) * n1 * n1 * n1) / (n1 * n0 * n * n);
  }
  const base = { level, strataUsed: used, exposedInStrata: exposed, unexposedInStrata: unexposed };
  if (used === 0) return { ...base, estimate: null, low: null, high: null, variance: null, varianceGreenlandRobins: null };
  const rd = num / w;
  // Sato's estimator can dip below 0 by rounding when every stratum is degenerate.
  const variance = Math.max(0, (rd * p + q) / (w * w));
  const varianceGreenlandRobins = gr / (w * w);
  const half = zForLevel(level) * Math.sqrt(variance);
  return {
    ...base,
    estimate: rd,
    low: Math.max(-1, rd - half),
    high: Math.min(1, rd + half),
    variance,
    varianceGreenlandRobins,
  };
}
