/**
 * Upper tail of the chi-square distribution, P(X > x) for X ~ χ²(df): the regularized upper
 * incomplete gamma Q(df/2, x/2), by its series below a+1 and Lentz's continued fraction above
 * (Numerical Recipes §6.2). Needed for the k-variant log-rank test and the sample-ratio check.
 */
import { lgamma } from "../clv/special";

const EPS = 1e-15;
const MAX_ITER = 1000;

function lowerSeries(a: number, x: number): number {
  let sum = 1 / a;
  let term = sum;
  for (let n = 1; n < MAX_ITER; n++) {
    term *= x / (a + n);
    sum += term;
    if (Math.abs(term) < Math.abs(sum) * EPS) break;
  }
  return sum * Math.exp(-x + a * Math.log(x) - lgamma(a));
}

function upperFraction(a: number, x: number): number {
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < MAX_ITER; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPS) break;
  }
  return Math.exp(-x + a * Math.log(x) - lgamma(a)) * h;
}

/** P(χ²(df) > x). */
export function chiSquareSurvival(x: number, df: number): number {
  if (!(df > 0)) throw new RangeError(`chiSquareSurvival: df=${df}`);
  if (Number.isNaN(x)) throw new RangeError("chiSquareSurvival: NaN");
  if (x <= 0) return 1;
  const a = df / 2;
  const h = x / 2;
  return h < a + 1 ? 1 - lowerSeries(a, h) : upperFraction(a, h);
}
