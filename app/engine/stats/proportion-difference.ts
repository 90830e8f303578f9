/**
 * Difference of two independent proportions with Newcombe's hybrid score interval
 * (Newcombe 1998, method 10): combines the two Wilson intervals, so it behaves well
 * with small groups and with proportions near 0 or 1, unlike the Wald interval.
 */
import { wilsonInterval } from "./proportion";

export interface ProportionDifference {
  /** p1 − p2, or null when either group is empty. */
  estimate: number | null;
  low: number | null;
  high: number | null;
  level: number;
  p1: number | null;
  p2: number | null;
  n1: number;
  n2: number;
}

export function newcombeDifference(x1: number, n1: number, x2: number, n2: number, level = 0.95): ProportionDifference {
  const a = wilsonInterval(x1, n1, level);
  const b = wilsonInterval(x2, n2, level);
  if (a.estimate === null || b.estimate === null) {
    return { estimate: null, low: null, high: null, level, p1: a.estimate, p2: b.estimate, n1, n2 };
  }
  const p1 = a.estimate;
  const p2 = b.estimate;
  const l1 = a.low as number;
  const u1 = a.high as number;
  const l2 = b.low as number;
  const u2 = b.high as number;
  const d = p1 - p2;
  const low = d - Math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2);
  const high = d + Math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2);
  return { estimate: d, low: Math.max(-1, low), high: Math.min(1, high), level, p1, p2, n1, n2 };
}
