/**
 * Two-proportion comparison of a treatment with the control: the difference with Newcombe's
 * hybrid score interval (app/engine/stats) and the pooled two-sided z-test, whose z² equals
 * Pearson's chi-square on the 2×2 table without continuity correction.
 */
import { newcombeDifference, normalCdf } from "../stats";

export interface ProportionComparison {
  treatment: { successes: number; n: number; rate: number | null };
  control: { successes: number; n: number; rate: number | null };
  /** treatment − control, with its interval at `level`; null when either arm is empty. */
  difference: number | null;
  low: number | null;
  high: number | null;
  level: number;
  z: number | null;
  pValue: number | null;
}

export function compareProportions(x1: number, n1: number, x0: number, n0: number, level = 0.95): ProportionComparison {
  const diff = newcombeDifference(x1, n1, x0, n0, level);
  const base = {
    treatment: { successes: x1, n: n1, rate: diff.p1 },
    control: { successes: x0, n: n0, rate: diff.p2 },
    difference: diff.estimate,
    low: diff.low,
    high: diff.high,
    level,
  };
  if (n1 === 0 || n0 === 0) return { ...base, z: null, pValue: null };
  const pooled = (x1 + x0) / (n1 + n0);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n0));
  // All successes or none in both arms: no evidence of a difference.
  if (se === 0) return { ...base, z: 0, pValue: 1 };
  const z = (x1 / n1 - x0 / n0) / se;
  return { ...base, z, pValue: 2 * normalCdf(-Math.abs(z)) };
}
