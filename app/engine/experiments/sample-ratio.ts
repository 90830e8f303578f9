/**
 * Sample ratio mismatch: whether the variants' unit counts fit the planned split (chi-square
 * goodness of fit, k − 1 df). A mismatch means assignment or the recording of it is broken
 * (a variant that crashes, a filter applied after assignment) and the comparison is biased,
 * so the verdict refuses to read the result. The threshold is strict (p < 0.001, the usual
 * SRM alarm) because the check runs on every read of a running experiment.
 */
import { chiSquareSurvival } from "./chi-square";

export const SRM_ALPHA = 0.001;

export interface SampleRatioCheck {
  counts: number[];
  expected: number[];
  chiSquare: number;
  df: number;
  pValue: number;
  mismatch: boolean;
}

export function sampleRatioCheck(counts: readonly number[], weights?: readonly number[]): SampleRatioCheck {
  const k = counts.length;
  if (k < 2) throw new RangeError("sampleRatioCheck: at least two variants");
  const w = weights ?? counts.map(() => 1);
  if (w.length !== k) throw new RangeError("sampleRatioCheck: one weight per variant");
  const total = counts.reduce((a, b) => a + b, 0);
  const wSum = w.reduce((a, b) => a + b, 0);
  const expected = w.map((x) => (total * x) / wSum);
  if (total === 0) return { counts: [...counts], expected, chiSquare: 0, df: k - 1, pValue: 1, mismatch: false };
  let chiSquare = 0;
  for (let i = 0; i < k; i++) chiSquare += (counts[i] - expected[i]) ** 2 / expected[i];
  const pValue = chiSquareSurvival(chiSquare, k - 1);
  return { counts: [...counts], expected, chiSquare, df: k - 1, pValue, mismatch: pValue < SRM_ALPHA };
}
