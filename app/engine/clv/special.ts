/**
 * Special functions for the buy-till-you-die likelihoods: log-gamma, digamma,
 * Gauss's hypergeometric 2F1 and log-sum-exp. Pure, allocation-free, double precision.
 */

const LOG_SQRT_2PI = 0.9189385332046728;

// Lanczos approximation, g = 7, n = 9 (Godfrey's coefficients): ~1e-15 relative on Γ.
const LANCZOS_G = 7;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln|Γ(x)|; Infinity at the poles (0, -1, -2, ...). */
export function lgamma(x: number): number {
  if (x < 0.5) {
    if (x === Math.floor(x)) return Infinity; // poles at 0, −1, −2, …
    // Reflection: Γ(x)Γ(1-x) = π / sin(πx).
    const s = Math.sin(Math.PI * x);
    return Math.log(Math.PI / Math.abs(s)) - lgamma(1 - x);
  }
  const z = x - 1;
  let a = LANCZOS[0];
  for (let i = 1; i < 9; i++) a += LANCZOS[i] / (z + i);
  const t = z + LANCZOS_G + 0.5;
  return LOG_SQRT_2PI + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a+b). */
export function lbeta(a: number, b: number): number {
  return lgamma(a) + lgamma(b) - lgamma(a + b);
}

/** ψ(x) = d/dx ln Γ(x), for x > 0 (reflection below). ~1e-15 absolute for x ≥ 1. */
export function digamma(x: number): number {
  if (x <= 0) {
    if (x === Math.floor(x)) return NaN; // pole
    // ψ(1−x) − ψ(x) = π cot(πx)
    return digamma(1 - x) - Math.PI / Math.tan(Math.PI * x);
  }
  let result = 0;
  // Shift up so the asymptotic series is accurate to double precision.
  while (x < 12) {
    result -= 1 / x;
    x += 1;
  }
  const inv2 = 1 / (x * x);
  // Bernoulli series: ln x − 1/(2x) − Σ B_{2k} / (2k x^{2k})
  const series =
    inv2 *
    (1 / 12 - inv2 * (1 / 120 - inv2 * (1 / 252 - inv2 * (1 / 240 - inv2 * (1 / 132 - inv2 * (691 / 32760))))));
  return result + Math.log(x) - 0.5 / x - series;
}

/** ln(e^a + e^b) without overflow. */
export function logAddExp(a: number, b: number): number {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
}

/** ln Σ e^{v_i}; −Infinity for an empty input. */
export function logSumExp(values: ArrayLike<number>): number {
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) if (values[i] > max) max = values[i];
  if (max === -Infinity || max === Infinity) return max;
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += Math.exp(values[i] - max);
  return max + Math.log(sum);
}

/** (1 − e^{εL}) / ε for L ≤ 0, continuous at ε = 0 (where it equals −L). */
export function oneMinusExpOverEps(eps: number, L: number): number {
  const u = eps * L;
  if (Math.abs(u) < 1e-8) return -L * (1 + u / 2);
  return -Math.expm1(u) / eps;
}

export interface SeriesResult {
  value: number;
  /** Terms summed; equals the cap when the series did not converge. */
  terms: number;
  converged: boolean;
}

/**
 * Gauss hypergeometric 2F1(a, b; c; z) for −1 < z < 1 by its power series
 * (after Pfaff's transformation for z < 0, so the summed argument is in [0, 1/2] there).
 * c must not be a non-positive integer. Convergence slows as z → 1 (terms ~ z^n);
 * the models use reformulated series that stay well-behaved (see bgnbd.ts, pareto-nbd.ts).
 */
export function hyp2f1(a: number, b: number, c: number, z: number, maxTerms = 100_000): SeriesResult {
  if (!(z > -1 && z < 1)) return { value: NaN, terms: 0, converged: false };
  if (z < 0) {
    // Pfaff: 2F1(a,b;c;z) = (1−z)^(−a) 2F1(a, c−b; c; z/(z−1))
    const inner = hyp2f1Series(a, c - b, c, z / (z - 1), maxTerms);
    return { ...inner, value: Math.pow(1 - z, -a) * inner.value };
  }
  return hyp2f1Series(a, b, c, z, maxTerms);
}

function hyp2f1Series(a: number, b: number, c: number, z: number, maxTerms: number): SeriesResult {
  let term = 1;
  let sum = 1;
  for (let n = 0; n < maxTerms; n++) {
    term *= ((a + n) * (b + n) * z) / ((c + n) * (n + 1));
    sum += term;
    if (term === 0 || (Math.abs(term) <= 1e-16 * Math.abs(sum) && n > 2 && Math.abs((a + n + 1) * (b + n + 1) * z) < Math.abs((c + n + 1) * (n + 2)))) {
      return { value: sum, terms: n + 1, converged: true };
    }
  }
  return { value: sum, terms: maxTerms, converged: false };
}
