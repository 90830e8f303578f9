/**
 * Gamma-Gamma spend model (Fader, Hardie & Lee 2005, "RFM and CLV: using iso-value curves";
 * Fader & Hardie, "The Gamma-Gamma model of monetary value", 2013 note).
 * Each transaction's value ~ Gamma(p, ν) with ν ~ Gamma(q, γ) across customers, so a
 * customer's mean spend m over x repeat transactions has a closed-form marginal density.
 * Fitted on repeat customers (x > 0) with positive mean spend; assumes spend is independent
 * of purchase frequency (check with `spendFrequencyCorrelation`).
 */

import { uniqueValues } from "./group";
import { minimizePositive, type ModelFit } from "./optimize";
import { digamma, lgamma } from "./special";

export interface GammaGammaParams {
  p: number;
  q: number;
  gamma: number;
}

export interface GammaGammaFit extends ModelFit<GammaGammaParams> {
  /** Repeat customers with positive spend that the fit used. */
  customers: number;
}

/** Spend data: frequency x and mean repeat-transaction value m per customer. */
export interface SpendColumns {
  x: ArrayLike<number>;
  m: ArrayLike<number>;
}

/** Log-density of mean spend m over x transactions. */
export function gammaGammaLogLikelihoodOne(pr: GammaGammaParams, x: number, m: number): number {
  const { p, q, gamma } = pr;
  const px = p * x;
  return (
    lgamma(px + q) - lgamma(px) - lgamma(q) + q * Math.log(gamma) + (px - 1) * Math.log(m) + px * Math.log(x) - (px + q) * Math.log(gamma + m * x)
  );
}

/** Customers usable by the spend model: x a positive integer and m positive and finite. */
export function isValidSpend(x: number, m: number): boolean {
  return x >= 1 && Number.isInteger(x) && m > 0 && Number.isFinite(m);
}

/** Spend rows laid out by distinct x (the gamma functions only depend on x). */
export interface PreparedGammaGamma {
  xValues: Float64Array;
  xStart: Int32Array;
  xWeight: Float64Array;
  /** Σ ln m per distinct x. */
  sumLogM: Float64Array;
  /** m·x per row, rows grouped by x. */
  mx: Float64Array;
  customers: number;
  meanM: number;
  /** max m − min m (0 when all customers spend the same). */
  spread: number;
}

export function prepareGammaGamma(data: SpendColumns): PreparedGammaGamma {
  const keepIdx: number[] = [];
  for (let i = 0; i < data.x.length; i++) if (isValidSpend(data.x[i], data.m[i])) keepIdx.push(i);
  const xs = Float64Array.from(keepIdx, (i) => data.x[i]);
  const ux = uniqueValues(xs);
  const order = Array.from(ux.values.keys()).sort((i, j) => ux.values[i] - ux.values[j]);
  const rank = new Int32Array(ux.values.length);
  order.forEach((u, k) => (rank[u] = k));
  const xValues = Float64Array.from(order, (u) => ux.values[u]);
  const xStart = new Int32Array(xValues.length + 1);
  for (let j = 0; j < xs.length; j++) xStart[rank[ux.index[j]] + 1]++;
  for (let k = 0; k < xValues.length; k++) xStart[k + 1] += xStart[k];
  const pos = xStart.slice(0, xValues.length);
  const mx = new Float64Array(xs.length);
  const xWeight = new Float64Array(xValues.length);
  const sumLogM = new Float64Array(xValues.length);
  let sumM = 0;
  let minM = Infinity;
  let maxM = -Infinity;
  keepIdx.forEach((i, j) => {
    const k = rank[ux.index[j]];
    const m = data.m[i];
    mx[pos[k]++] = m * xs[j];
    xWeight[k] += 1;
    sumLogM[k] += Math.log(m);
    sumM += m;
    if (m < minM) minM = m;
    if (m > maxM) maxM = m;
  });
  const spread = xs.length ? maxM - minM : 0;
  return { xValues, xStart, xWeight, sumLogM, mx, customers: xs.length, meanM: xs.length ? sumM / xs.length : 0, spread };
}

/** Total log-likelihood; writes ∂LL/∂(p, q, γ) into `grad` when given. */
export function evaluateGammaGamma(d: PreparedGammaGamma, p: number, q: number, gamma: number, grad: Float64Array | null): number {
  const logGamma = Math.log(gamma);
  const lgQ = lgamma(q);
  const psiQ = grad ? digamma(q) : 0;
  let ll = 0;
  let dp = 0;
  let dq = 0;
  let dg = 0;
  for (let k = 0; k < d.xValues.length; k++) {
    const x = d.xValues[k];
    const W = d.xWeight[k];
    const px = p * x;
    const logX = Math.log(x);
    let sLog = 0;
    let sInv = 0;
    for (let i = d.xStart[k]; i < d.xStart[k + 1]; i++) {
      const s = gamma + d.mx[i];
      sLog += Math.log(s);
      if (grad) sInv += 1 / s;
    }
    ll += W * (lgamma(px + q) - lgamma(px) - lgQ + q * logGamma + px * logX) + (px - 1) * d.sumLogM[k] - (px + q) * sLog;
    if (grad) {
      const psiPxQ = digamma(px + q);
      dp += x * (W * (psiPxQ - digamma(px) + logX) + d.sumLogM[k] - sLog);
      dq += W * (psiPxQ - psiQ + logGamma) - sLog;
      dg += (W * q) / gamma - (px + q) * sInv;
    }
  }
  if (grad) {
    grad[0] = dp;
    grad[1] = dq;
    grad[2] = dg;
  }
  return ll;
}

export function gammaGammaLogLikelihood(pr: GammaGammaParams, data: SpendColumns): number {
  return evaluateGammaGamma(prepareGammaGamma(data), pr.p, pr.q, pr.gamma, null);
}

export function gammaGammaGradient(pr: GammaGammaParams, data: SpendColumns): [number, number, number] {
  const g = new Float64Array(3);
  evaluateGammaGamma(prepareGammaGamma(data), pr.p, pr.q, pr.gamma, g);
  return [g[0], g[1], g[2]];
}

/** Maximum-likelihood fit on the valid repeat customers in `data`. */
export function fitGammaGamma(data: SpendColumns, opts: { initial?: GammaGammaParams; maxIterations?: number } = {}): GammaGammaFit {
  const d = prepareGammaGamma(data);
  const n = d.customers;
  if (n === 0) {
    return {
      params: { p: NaN, q: NaN, gamma: NaN },
      logLikelihood: NaN,
      converged: false,
      iterations: 0,
      evaluations: 0,
      method: "bfgs",
      message: "no repeat customers with positive spend",
      customers: 0,
    };
  }
  if (d.spread === 0) {
    // Every repeat customer spends exactly the same: the likelihood grows without bound as p, q → ∞.
    return {
      params: { p: NaN, q: NaN, gamma: NaN },
      logLikelihood: NaN,
      converged: false,
      iterations: 0,
      evaluations: 0,
      method: "bfgs",
      message: "spend does not vary between customers, so there is nothing for the model to fit",
      customers: n,
    };
  }
  // Start with the prior mean spend pγ/(q−1) equal to the sample mean.
  const start = opts.initial ?? { p: 2, q: 3, gamma: Math.max(d.meanM, 1e-6) };
  const g = new Float64Array(3);
  const res = minimizePositive(
    (pr, grad) => {
      const ll = evaluateGammaGamma(d, pr[0], pr[1], pr[2], grad ? g : null);
      if (grad) for (let i = 0; i < 3; i++) grad[i] = -g[i] / n;
      return -ll / n;
    },
    [start.p, start.q, start.gamma],
    { analyticGradient: true, gradientTolerance: 1e-8, maxIterations: opts.maxIterations ?? 500 },
  );
  const [p, q, gamma] = res.params;
  return {
    params: { p, q, gamma },
    logLikelihood: -res.value * n,
    converged: res.converged,
    iterations: res.iterations,
    evaluations: res.evaluations,
    method: res.method,
    message: res.message,
    customers: n,
  };
}

/**
 * E[average transaction value | x, m] = p(γ + x·m)/(p·x + q − 1): a credibility-weighted blend
 * of the population mean pγ/(q−1) and the customer's own mean. Null when undefined
 * (p·x + q ≤ 1, e.g. x = 0 with q ≤ 1: the population mean is infinite).
 */
export function gammaGammaExpectedSpend(pr: GammaGammaParams, x: number, m: number): number | null {
  const denom = pr.p * x + pr.q - 1;
  if (!(denom > 0)) return null;
  const v = (pr.p * (pr.gamma + x * (x > 0 ? m : 0))) / denom;
  return Number.isFinite(v) && v >= 0 ? v : null;
}

/** Pearson correlation of frequency and mean spend over repeat customers (null when undefined). */
export function spendFrequencyCorrelation(data: SpendColumns): number | null {
  let n = 0;
  let sx = 0;
  let sm = 0;
  let sxx = 0;
  let smm = 0;
  let sxm = 0;
  for (let i = 0; i < data.x.length; i++) {
    const x = data.x[i];
    const m = data.m[i];
    if (!isValidSpend(x, m)) continue;
    n++;
    sx += x;
    sm += m;
    sxx += x * x;
    smm += m * m;
    sxm += x * m;
  }
  if (n < 3) return null;
  const vx = sxx - (sx * sx) / n;
  const vm = smm - (sm * sm) / n;
  if (!(vx > 0 && vm > 0)) return null;
  const r = (sxm - (sx * sm) / n) / Math.sqrt(vx * vm);
  return Math.max(-1, Math.min(1, r));
}
