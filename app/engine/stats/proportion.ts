/**
 * Wilson score interval for a binomial proportion (Wilson 1927; Newcombe 1998 method 3).
 * Chosen over the Wald interval because it stays inside [0, 1] and keeps its coverage
 * for the small groups and rare events (exceptions, returns) the engine reports on.
 */
import { zForLevel } from "./normal";

export interface ProportionInterval {
  successes: number;
  n: number;
  /** successes / n, or null when n is 0. */
  estimate: number | null;
  low: number | null;
  high: number | null;
  level: number;
}

export function wilsonInterval(successes: number, n: number, level = 0.95): ProportionInterval {
  if (!(n >= 0) || !(successes >= 0) || successes > n) {
    throw new RangeError(`wilsonInterval: invalid counts ${successes}/${n}`);
  }
  if (n === 0) return { successes, n, estimate: null, low: null, high: null, level };
  const z = zForLevel(level);
  const z2 = z * z;
  const p = successes / n;
  const denom = n + z2;
  const centre = (successes + z2 / 2) / denom;
  const half = (z / denom) * Math.sqrt((successes * (n - successes)) / n + z2 / 4);
  // Exact bounds at the edges (the formula gives them up to rounding).
  const low = successes === 0 ? 0 : Math.max(0, centre - half);
  const high = successes === n ? 1 : Math.min(1, centre + half);
  return { successes, n, estimate: p, low, high, level };
}
