/**
 * Means with confidence intervals: Student t for the mean of one group and
 * Welch–Satterthwaite for the difference of two means. t is used at every sample size
 * (it converges to the normal interval), so small groups are not overconfident.
 */
import { normalQuantile } from "./normal";
import { studentTQuantile } from "./student-t";

export interface MeanInterval {
  n: number;
  /** null when n is 0. */
  estimate: number | null;
  /** Sample standard deviation (n − 1); null when n < 2. */
  sd: number | null;
  se: number | null;
  /** null when n < 2 (no spread to build an interval from). */
  low: number | null;
  high: number | null;
  level: number;
}

/** Summary moments of one group, for combining groups computed elsewhere. */
export interface Moments {
  n: number;
  mean: number;
  /** Σ (x − mean)², computed by the caller in two passes or with Welford updates. */
  sumSquaredDeviations: number;
}

/** Moments of the finite values of an array (two passes, numerically stable). */
export function momentsOf(values: ArrayLike<number>): Moments {
  let n = 0;
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isFinite(v)) {
      n++;
      sum += v;
    }
  }
  const mean = n === 0 ? 0 : sum / n;
  let ss = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isFinite(v)) ss += (v - mean) * (v - mean);
  }
  return { n, mean, sumSquaredDeviations: ss };
}

function tCritical(level: number, df: number): number {
  const p = 0.5 + level / 2;
  // Beyond 10⁴ degrees of freedom t and normal agree to 1e-4 relative.
  return df > 10_000 ? normalQuantile(p) : studentTQuantile(p, df);
}

export function meanIntervalFromMoments(m: Moments, level = 0.95): MeanInterval {
  if (m.n === 0) return { n: 0, estimate: null, sd: null, se: null, low: null, high: null, level };
  if (m.n === 1) return { n: 1, estimate: m.mean, sd: null, se: null, low: null, high: null, level };
  const sd = Math.sqrt(m.sumSquaredDeviations / (m.n - 1));
  const se = sd / Math.sqrt(m.n);
  const half = tCritical(level, m.n - 1) * se;
  return { n: m.n, estimate: m.mean, sd, se, low: m.mean - half, high: m.mean + half, level };
}

/** Mean of the finite values with a t interval. */
export function meanInterval(values: ArrayLike<number>, level = 0.95): MeanInterval {
  return meanIntervalFromMoments(momentsOf(values), level);
}

export interface MeanDifference {
  /** mean1 − mean2, or null when either group is empty. */
  estimate: number | null;
  low: number | null;
  high: number | null;
  level: number;
  /** Welch–Satterthwaite degrees of freedom. */
  df: number | null;
  n1: number;
  n2: number;
}

/** Welch interval for the difference of two means (unequal variances). */
export function welchDifference(a: Moments, b: Moments, level = 0.95): MeanDifference {
  const base = { level, n1: a.n, n2: b.n };
  if (a.n === 0 || b.n === 0) return { ...base, estimate: null, low: null, high: null, df: null };
  const estimate = a.mean - b.mean;
  if (a.n < 2 || b.n < 2) return { ...base, estimate, low: null, high: null, df: null };
  const va = a.sumSquaredDeviations / (a.n - 1) / a.n;
  const vb = b.sumSquaredDeviations / (b.n - 1) / b.n;
  const v = va + vb;
  if (v === 0) return { ...base, estimate, low: estimate, high: estimate, df: a.n + b.n - 2 };
  const df = (v * v) / ((va * va) / (a.n - 1) + (vb * vb) / (b.n - 1));
  const half = tCritical(level, df) * Math.sqrt(v);
  return { ...base, estimate, low: estimate - half, high: estimate + half, df };
}
