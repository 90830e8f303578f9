/**
 * Customers per arm for a two-arm test of proportions (pooled-variance normal approximation,
 * two-sided): n = (z₁₋α/₂·√(2·p̄(1−p̄)) + z₁₋β·√(p₁(1−p₁) + p₂(1−p₂)))² / (p₂ − p₁)², with
 * p₂ = p₁ + MDE and p̄ their mean (Fleiss, Statistical Methods for Rates and Proportions).
 */
import { normalQuantile } from "../stats/normal";

export interface SampleSizeInput {
  /** Baseline rate of the metric in the control arm (0..1). */
  baseline: number;
  /** Minimum detectable effect, absolute (0.03 = 3 points). */
  mde: number;
  alpha?: number;
  power?: number;
}

/** Customers per arm (rounded up), or null when the inputs cannot describe a test. */
export function customersPerArm({ baseline, mde, alpha = 0.05, power = 0.8 }: SampleSizeInput): number | null {
  if (![baseline, mde, alpha, power].every(Number.isFinite)) return null;
  if (baseline < 0 || baseline >= 1 || mde <= 0 || alpha <= 0 || alpha >= 1 || power <= 0 || power >= 1) return null;
  const p1 = baseline;
  const p2 = Math.min(1, baseline + mde);
  if (p2 <= p1) return null;
  const mean = (p1 + p2) / 2;
  const za = normalQuantile(1 - alpha / 2);
  const zb = normalQuantile(power);
  const root = za * Math.sqrt(2 * mean * (1 - mean)) + zb * Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2));
  return Math.ceil((root * root) / ((p2 - p1) * (p2 - p1)));
}

/** Months to enrol `perArm` customers in each of two arms at `perYear` eligible customers a year. */
export function enrolmentMonths(perArm: number, perYear: number): number | null {
  if (!(perYear > 0) || !(perArm > 0)) return null;
  return Math.ceil(((2 * perArm) / perYear) * 12);
}

/**
 * The smallest lift (absolute) detectable with `perArm` customers per arm: the inverse of
 * customersPerArm, by bisection (n falls monotonically as the effect grows). Null when even a
 * jump to a rate of 1 needs more customers, or the inputs are invalid.
 */
export function detectableEffect(baseline: number, perArm: number, alpha = 0.05, power = 0.8): number | null {
  if (!(perArm >= 1) || !Number.isFinite(baseline) || baseline < 0 || baseline >= 1) return null;
  let hi = 1 - baseline;
  const top = customersPerArm({ baseline, mde: hi, alpha, power });
  if (top === null || top > perArm) return null;
  let lo = 0;
  for (let i = 0; i < 60 && hi - lo > 1e-6; i++) {
    const mid = (lo + hi) / 2;
    const n = customersPerArm({ baseline, mde: mid, alpha, power });
    if (n !== null && n <= perArm) hi = mid;
    else lo = mid;
  }
  return hi;
}
