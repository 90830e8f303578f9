/**
 * Gamma-Gamma spend model (Fader, Hardie & Lee 2005, "RFM and CLV: using iso-value curves";
 * Fader & Hardie, "The Gamma-Gamma model of monetary value", 2013 note).
 * Each transaction's value ~ Gamma(p, ν) with ν ~ Gamma(q, γ) across customers, so a
 * customer's mean spend m over x repeat transactions has a closed-form marginal density.
 * Fitted on repeat customers (x > 0) with positive mean spend; assumes spend is independent
 * of purchase frequency (check with `spendFrequencyCorrelation`).
 */

import { groupRfm, uniqueValues } from "./group";
import { minimizePositive, warmStartStep, type ModelFit } from "./optimize";
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

/**
 * Spend rows laid out by distinct x (the gamma functions only depend on x), and within each x
 * collapsed to distinct totals m·x (prices are in cents, so many customers share one).
 */
export interface PreparedGammaGamma {
  xValues: Float64Array;
  /** [xStart[k], xStart[k+1]) is the range of distinct m·x values of xValues[k]. */
  xStart: Int32Array;
  xWeight: Float64Array;
  /** Σ ln m per distinct x. */
  sumLogM: Float64Array;
  /** Distinct m·x values of each x, and how many customers have each. */
  mx: Float64Array;
  mxWeight: Float64Array;
  customers: number;
  meanM: number;
  /** max m − min m (0 when all customers spend the same). */
  spread: number;
}

export function prepareGammaGamma(data: SpendColumns): PreparedGammaGamma {
  let kept = 0;
  for (let i = 0; i < data.x.length; i++) if (isValidSpend(data.x[i], data.m[i])) kept++;
  const xs = new Float64Array(kept);
  const totals = new Float64Array(kept);
  const logM = new Float64Array(kept);
  let sumM = 0;
  let minM = Infinity;
  let maxM = -Infinity;
  for (let i = 0, j = 0; i < data.x.length; i++) {
    const x = data.x[i];
    const m = data.m[i];
    if (!isValidSpend(x, m)) continue;
    xs[j] = x;
    totals[j] = m * x;
    logM[j++] = Math.log(m);
    sumM += m;
    if (m < minM) minM = m;
    if (m > maxM) maxM = m;
  }
  // Distinct (x, m·x) pairs (the total doubles as the third key), then those groups ordered by x.
  const g = groupRfm({ x: xs, tx: totals, T: totals });
  const nG = g.x.length;
  const ux = uniqueValues(g.x);
  const order = Array.from(ux.values.keys()).sort((i, j) => ux.values[i] - ux.values[j]);
  const rank = new Int32Array(ux.values.length);
  order.forEach((u, k) => (rank[u] = k));
  const xValues = Float64Array.from(order, (u) => ux.values[u]);
  const nX = xValues.length;
  const xStart = new Int32Array(nX + 1);
  for (let k = 0; k < nG; k++) xStart[rank[ux.index[k]] + 1]++;
  for (let k = 0; k < nX; k++) xStart[k + 1] += xStart[k];
  const pos = xStart.slice(0, nX);
  const mx = new Float64Array(nG);
  const mxWeight = new Float64Array(nG);
  const xWeight = new Float64Array(nX);
  for (let k = 0; k < nG; k++) {
    const at = pos[rank[ux.index[k]]]++;
    mx[at] = g.tx[k];
    mxWeight[at] = g.w[k];
  }
  const sumLogM = new Float64Array(nX);
  for (let j = 0; j < kept; j++) {
    const k = rank[ux.index[g.groupOf[j]]];
    xWeight[k] += 1;
    sumLogM[k] += logM[j];
  }
  const spread = kept ? maxM - minM : 0;
  return { xValues, xStart, xWeight, sumLogM, mx, mxWeight, customers: kept, meanM: kept ? sumM / kept : 0, spread };
}

/** Total log-likelihood; writes ∂LL/∂(p, q, γ) into `grad` when given. */
export function evaluateGammaGamma(d: PreparedGammaGamma, p: number, q: number, gamma: number, grad: Float64Array | null): number {
  const { mx, mxWeight } = d;
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
    if (W === 0) continue;
    const px = p * x;
    const logX = Math.log(x);
    let sLog = 0;
    let sInv = 0;
    for (let i = d.xStart[k]; i < d.xStart[k + 1]; i++) {
      const s = gamma + mx[i];
      sLog += mxWeight[i] * Math.log(s);
      if (grad) sInv += mxWeight[i] / s;
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

export interface GammaGammaFitOptions {
  initial?: GammaGammaParams;
  maxIterations?: number;
  /** Distinct (x, m·x) rows in the warm-start sample (default WARM_START_SAMPLE; 0: no warm start). */
  warmStartRows?: number;
}

/** Maximum-likelihood fit on the valid repeat customers in `data`. */
export function fitGammaGamma(data: SpendColumns, opts: GammaGammaFitOptions = {}): GammaGammaFit {
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
  let start = opts.initial ?? { p: 2, q: 3, gamma: Math.max(d.meanM, 1e-6) };
  const maxIterations = opts.maxIterations ?? 500;
  let warmEvaluations = 0;
  let warmHessian: Float64Array | null = null;
  const step = opts.initial ? 0 : warmStartStep(d.mx.length, opts.warmStartRows);
  if (step > 0) {
    const warm = minimizeGammaGamma(subsampleSpend(d, step), start, 1e-6, maxIterations, null);
    warmEvaluations = warm.evaluations;
    if (warm.converged) {
      start = { p: warm.params[0], q: warm.params[1], gamma: warm.params[2] };
      warmHessian = warm.inverseHessian;
    }
  }
  const res = minimizeGammaGamma(d, start, 1e-8, maxIterations, warmHessian);
  const [p, q, gamma] = res.params;
  return {
    params: { p, q, gamma },
    logLikelihood: -res.value * n,
    converged: res.converged,
    iterations: res.iterations,
    evaluations: res.evaluations,
    method: res.method,
    message: warmEvaluations ? `${res.message} (warm start: ${warmEvaluations} evaluations on a sample)` : res.message,
    customers: n,
  };
}

function minimizeGammaGamma(d: PreparedGammaGamma, start: GammaGammaParams, gradientTolerance: number, maxIterations: number, inverseHessian: Float64Array | null) {
  const n = d.customers;
  const g = new Float64Array(3);
  return minimizePositive(
    (pr, grad) => {
      const ll = evaluateGammaGamma(d, pr[0], pr[1], pr[2], grad ? g : null);
      if (grad) for (let i = 0; i < 3; i++) grad[i] = -g[i] / n;
      return -ll / n; // per-customer mean keeps tolerances independent of store size
    },
    [start.p, start.q, start.gamma],
    { analyticGradient: true, gradientTolerance, maxIterations, initialInverseHessian: inverseHessian ?? undefined },
  );
}

/** Every `step`-th distinct (x, m·x) row, weighted by `step` (an unbiased estimate of every weighted sum). */
function subsampleSpend(d: PreparedGammaGamma, step: number): PreparedGammaGamma {
  const nX = d.xValues.length;
  const kept = Math.ceil(d.mx.length / step);
  const mx = new Float64Array(kept);
  const mxWeight = new Float64Array(kept);
  const xStart = new Int32Array(nX + 1);
  const xWeight = new Float64Array(nX);
  const sumLogM = new Float64Array(nX);
  let n = 0;
  let customers = 0;
  for (let k = 0; k < nX; k++) {
    xStart[k] = n;
    const x = d.xValues[k];
    for (let i = d.xStart[k]; i < d.xStart[k + 1]; i++) {
      if (i % step !== 0) continue;
      const w = d.mxWeight[i] * step;
      mx[n] = d.mx[i];
      mxWeight[n++] = w;
      xWeight[k] += w;
      sumLogM[k] += w * Math.log(d.mx[i] / x);
      customers += w;
    }
  }
  xStart[nX] = n;
  return { ...d, xStart, xWeight, sumLogM, mx: mx.subarray(0, n), mxWeight: mxWeight.subarray(0, n), customers };
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
