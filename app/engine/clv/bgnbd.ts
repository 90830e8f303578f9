/**
 * BG/NBD model (Fader, Hardie & Lee 2005, "Counting your customers the easy way").
 * While alive, a customer buys at Poisson rate λ ~ Gamma(r, α); after each repeat purchase
 * they drop out with probability p ~ Beta(a, b). Time is in the summary's units (weeks).
 *
 * The fit groups identical (x, tx, T) rows, splits the log-likelihood into a part that only
 * depends on x (gamma functions, evaluated once per distinct x) and a per-group log-sum-exp
 * over precomputed logs of (α + T) and (α + tx), with an analytic gradient.
 */

import { groupRfm, uniqueValues, type RfmColumns, type RfmGroups } from "./group";
import { minimizePositive, warmStartStep, type ModelFit } from "./optimize";
import { digamma, lgamma, logAddExp, oneMinusExpOverEps } from "./special";

export interface BgNbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

export interface BgNbdFit extends ModelFit<BgNbdParams> {
  /** Customers used (total weight) and distinct (x, tx, T) groups. */
  customers: number;
  groups: number;
  /** Rows dropped as invalid (negative/non-integer x, tx > T, non-finite). */
  skipped: number;
}

/** Log-likelihood of one customer. */
export function bgnbdLogLikelihoodOne(p: BgNbdParams, x: number, tx: number, T: number): number {
  const { r, alpha, a, b } = p;
  const head = lgamma(r + x) - lgamma(r) + r * Math.log(alpha) + lgamma(b + x) + lgamma(a + b) - lgamma(b) - lgamma(a + b + x);
  const C = -(r + x) * Math.log(alpha + T);
  if (x === 0) return head + C;
  const D = Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + tx);
  return head + logAddExp(C, D);
}

/** Total log-likelihood over customers (rows are grouped internally). */
export function bgnbdLogLikelihood(p: BgNbdParams, data: RfmColumns): number {
  const prepared = prepareBgNbd(data);
  return evaluateBgNbd(prepared, p.r, p.alpha, p.a, p.b, null);
}

/** Gradient of the total log-likelihood with respect to (r, α, a, b). */
export function bgnbdGradient(p: BgNbdParams, data: RfmColumns): [number, number, number, number] {
  const g = new Float64Array(4);
  evaluateBgNbd(prepareBgNbd(data), p.r, p.alpha, p.a, p.b, g);
  return [g[0], g[1], g[2], g[3]];
}

/** Data laid out for fast likelihood evaluation: groups sorted by x, logs indexed by distinct T/tx. */
export interface PreparedBgNbd {
  /** Distinct x values, ascending, and the [start, end) group range of each. */
  xValues: Float64Array;
  xStart: Int32Array;
  /** Total weight per distinct x. */
  xWeight: Float64Array;
  w: Float64Array;
  tIndex: Int32Array;
  txIndex: Int32Array;
  tValues: Float64Array;
  txValues: Float64Array;
  /** Scratch for per-distinct-value logs (reused across evaluations). */
  logAT: Float64Array;
  invAT: Float64Array;
  logAtx: Float64Array;
  invAtx: Float64Array;
  totalWeight: number;
  groups: number;
  skipped: number;
  /** Σ w·x and Σ w·T, for starting values. */
  sumX: number;
  sumT: number;
}

/** Whether (x, tx, T) is a valid summary: x a non-negative integer, 0 ≤ tx ≤ T finite, tx = 0 when x = 0. */
export function isValidRfm(x: number, tx: number, T: number): boolean {
  return x >= 0 && Number.isInteger(x) && tx >= 0 && T >= tx && Number.isFinite(T) && (x > 0 || tx === 0);
}

export function prepareBgNbd(data: RfmColumns): PreparedBgNbd {
  return prepareBgNbdGroups(groupRfm(data));
}

/** Like `prepareBgNbd`, from rows already grouped (callers that also forecast reuse the groups). */
export function prepareBgNbdGroups(g: RfmGroups): PreparedBgNbd {
  const nG = g.x.length;
  // Drop invalid groups (weight → excluded) and count the rows they held.
  let skipped = 0;
  const keep = new Uint8Array(nG);
  for (let i = 0; i < nG; i++) {
    if (isValidRfm(g.x[i], g.tx[i], g.T[i]) && g.w[i] > 0) keep[i] = 1;
    else skipped += g.w[i] > 0 ? g.w[i] : 0;
  }
  // Counting sort of groups by distinct x.
  const ux = uniqueValues(g.x);
  const order = Array.from(ux.values.keys()).sort((i, j) => ux.values[i] - ux.values[j]);
  const rank = new Int32Array(ux.values.length);
  order.forEach((u, k) => (rank[u] = k));
  const xValues = Float64Array.from(order, (u) => ux.values[u]);
  const counts = new Int32Array(xValues.length + 1);
  for (let i = 0; i < nG; i++) if (keep[i]) counts[rank[ux.index[i]] + 1]++;
  for (let k = 0; k < xValues.length; k++) counts[k + 1] += counts[k];
  const xStart = counts.slice();
  const kept = counts[xValues.length];
  const pos = counts.slice(0, xValues.length);
  const w = new Float64Array(kept);
  const Ts = new Float64Array(kept);
  const txs = new Float64Array(kept);
  const xWeight = new Float64Array(xValues.length);
  let totalWeight = 0;
  let sumX = 0;
  let sumT = 0;
  for (let i = 0; i < nG; i++) {
    if (!keep[i]) continue;
    const k = rank[ux.index[i]];
    const at = pos[k]++;
    w[at] = g.w[i];
    Ts[at] = g.T[i];
    txs[at] = g.tx[i];
    xWeight[k] += g.w[i];
    totalWeight += g.w[i];
    sumX += g.w[i] * g.x[i];
    sumT += g.w[i] * g.T[i];
  }
  const uT = uniqueValues(Ts);
  const uTx = uniqueValues(txs);
  return {
    xValues,
    xStart,
    xWeight,
    w,
    tIndex: uT.index,
    txIndex: uTx.index,
    tValues: uT.values,
    txValues: uTx.values,
    logAT: new Float64Array(uT.values.length),
    invAT: new Float64Array(uT.values.length),
    logAtx: new Float64Array(uTx.values.length),
    invAtx: new Float64Array(uTx.values.length),
    totalWeight,
    groups: kept,
    skipped,
    sumX,
    sumT,
  };
}

/** Weighted total log-likelihood; when `grad` is given, writes ∂LL/∂(r, α, a, b). */
export function evaluateBgNbd(d: PreparedBgNbd, r: number, alpha: number, a: number, b: number, grad: Float64Array | null): number {
  const { logAT, invAT, logAtx, invAtx, tValues, txValues, w, tIndex, txIndex } = d;
  for (let k = 0; k < tValues.length; k++) {
    const s = alpha + tValues[k];
    logAT[k] = Math.log(s);
    invAT[k] = 1 / s;
  }
  for (let k = 0; k < txValues.length; k++) {
    const s = alpha + txValues[k];
    logAtx[k] = Math.log(s);
    invAtx[k] = 1 / s;
  }
  const logA = Math.log(a);
  const logAlpha = Math.log(alpha);
  const lgR = lgamma(r);
  const lgB = lgamma(b);
  const lgAB = lgamma(a + b);
  const psiR = grad ? digamma(r) : 0;
  const psiB = grad ? digamma(b) : 0;
  const psiAB = grad ? digamma(a + b) : 0;
  let ll = 0;
  let dr = 0;
  let dAlpha = 0;
  let da = 0;
  let db = 0;
  for (let k = 0; k < d.xValues.length; k++) {
    const x = d.xValues[k];
    const W = d.xWeight[k];
    if (W === 0) continue;
    const rx = r + x;
    ll += W * (lgamma(rx) - lgR + r * logAlpha + lgamma(b + x) + lgAB - lgB - lgamma(a + b + x));
    const lo = d.xStart[k];
    const hi = d.xStart[k + 1];
    if (x === 0) {
      // Only the "still alive" term: (α+T)^−r.
      let sLog = 0;
      let sInv = 0;
      for (let i = lo; i < hi; i++) {
        const t = tIndex[i];
        sLog += w[i] * logAT[t];
        sInv += w[i] * invAT[t];
      }
      ll -= rx * sLog;
      if (grad) {
        dr += W * (logAlpha) - sLog; // ψ(r+0) − ψ(r) = 0
        dAlpha += (W * r) / alpha - rx * sInv;
      }
      continue;
    }
    const cx = logA - Math.log(b + x - 1);
    let sLL = 0;
    let sLog = 0;
    let sInv = 0;
    let sWD = 0;
    for (let i = lo; i < hi; i++) {
      const t = tIndex[i];
      const u = txIndex[i];
      const C = -rx * logAT[t];
      const D = cx - rx * logAtx[u];
      const diff = D - C;
      let wC: number;
      let wD: number;
      let l: number;
      // log(e^C + e^D) and the two terms' shares, with one exp and one log1p.
      if (diff > 0) {
        const e = Math.exp(-diff);
        l = D + Math.log1p(e);
        wD = 1 / (1 + e);
        wC = e * wD;
      } else {
        const e = Math.exp(diff);
        l = C + Math.log1p(e);
        wC = 1 / (1 + e);
        wD = e * wC;
      }
      const wi = w[i];
      sLL += wi * l;
      if (grad) {
        sLog += wi * (wC * logAT[t] + wD * logAtx[u]);
        sInv += wi * (wC * invAT[t] + wD * invAtx[u]);
        sWD += wi * wD;
      }
    }
    ll += sLL;
    if (grad) {
      const psiABx = digamma(a + b + x);
      dr += W * (digamma(rx) - psiR + logAlpha) - sLog;
      dAlpha += (W * r) / alpha - rx * sInv;
      da += W * (psiAB - psiABx) + sWD / a;
      db += W * (digamma(b + x) + psiAB - psiB - psiABx) - sWD / (b + x - 1);
    }
  }
  if (grad) {
    // x = 0 rows contribute to ∂a, ∂b only through B(a, b+x)/B(a, b), which is 1 at x = 0.
    grad[0] = dr;
    grad[1] = dAlpha;
    grad[2] = da;
    grad[3] = db;
  }
  return ll;
}

export interface BgNbdFitOptions {
  initial?: BgNbdParams;
  maxIterations?: number;
  /** Groups in the warm-start sample (default WARM_START_SAMPLE; 0: no warm start). */
  warmStartGroups?: number;
}

/** Maximum-likelihood fit. Returns the estimate and how the optimizer fared; never throws on data. */
export function fitBgNbd(data: RfmColumns | PreparedBgNbd, opts: BgNbdFitOptions = {}): BgNbdFit {
  const d = "xStart" in data ? data : prepareBgNbd(data);
  const W = d.totalWeight;
  const base = { customers: W, groups: d.groups, skipped: d.skipped };
  if (W === 0) {
    return {
      ...base,
      params: { r: NaN, alpha: NaN, a: NaN, b: NaN },
      logLikelihood: NaN,
      converged: false,
      iterations: 0,
      evaluations: 0,
      method: "bfgs",
      message: "no customers to fit",
    };
  }
  // Start: r = 1 and α from the pooled repeat rate (λ̄ = r/α), a = 1, b = 3 (p̄ = 1/4).
  const rate = d.sumX / Math.max(d.sumT, 1e-12);
  const alpha0 = Math.min(Math.max(1 / Math.max(rate, 1e-6), 1e-3), 1e6);
  let start = opts.initial ?? { r: 1, alpha: alpha0, a: 1, b: 3 };
  let warmEvaluations = 0;
  let warmHessian: Float64Array | null = null;
  const step = opts.initial ? 0 : warmStartStep(d.groups, opts.warmStartGroups);
  if (step > 0) {
    const warm = minimizeBgNbd(subsampleGroups(d, step), start, 1e-6, opts.maxIterations ?? 500, null);
    warmEvaluations = warm.evaluations;
    if (warm.converged) {
      start = { r: warm.params[0], alpha: warm.params[1], a: warm.params[2], b: warm.params[3] };
      // The sample's curvature is the full data's (both objectives are per-customer means).
      warmHessian = warm.inverseHessian;
    }
  }
  const res = minimizeBgNbd(d, start, 1e-8, opts.maxIterations ?? 500, warmHessian);
  const [r, alpha, a, b] = res.params;
  return {
    ...base,
    params: { r, alpha, a, b },
    logLikelihood: -res.value * W,
    converged: res.converged,
    iterations: res.iterations,
    evaluations: res.evaluations,
    method: res.method,
    message: warmEvaluations ? `${res.message} (warm start: ${warmEvaluations} evaluations on a sample)` : res.message,
  };
}

function minimizeBgNbd(d: PreparedBgNbd, start: BgNbdParams, gradientTolerance: number, maxIterations: number, inverseHessian: Float64Array | null) {
  const W = d.totalWeight;
  const g = new Float64Array(4);
  return minimizePositive(
    (p, grad) => {
      const ll = evaluateBgNbd(d, p[0], p[1], p[2], p[3], grad ? g : null);
      if (grad) for (let i = 0; i < 4; i++) grad[i] = -g[i] / W;
      return -ll / W; // per-customer mean keeps tolerances independent of store size
    },
    [start.r, start.alpha, start.a, start.b],
    { analyticGradient: true, gradientTolerance, maxIterations, initialInverseHessian: inverseHessian ?? undefined },
  );
}

/** Every `step`-th group, weighted by `step` (an unbiased estimate of every weighted sum). */
function subsampleGroups(d: PreparedBgNbd, step: number): PreparedBgNbd {
  const nX = d.xValues.length;
  const xStart = new Int32Array(nX + 1);
  const xWeight = new Float64Array(nX);
  const kept = Math.ceil(d.groups / step);
  const w = new Float64Array(kept);
  const tIndex = new Int32Array(kept);
  const txIndex = new Int32Array(kept);
  let n = 0;
  let totalWeight = 0;
  let sumX = 0;
  let sumT = 0;
  for (let k = 0; k < nX; k++) {
    xStart[k] = n;
    for (let i = d.xStart[k]; i < d.xStart[k + 1]; i++) {
      if (i % step !== 0) continue;
      const wi = d.w[i] * step;
      w[n] = wi;
      tIndex[n] = d.tIndex[i];
      txIndex[n] = d.txIndex[i];
      xWeight[k] += wi;
      totalWeight += wi;
      sumX += wi * d.xValues[k];
      sumT += wi * d.tValues[d.tIndex[i]];
      n++;
    }
  }
  xStart[nX] = n;
  return {
    ...d,
    xStart,
    xWeight,
    w: w.subarray(0, n),
    tIndex: tIndex.subarray(0, n),
    txIndex: txIndex.subarray(0, n),
    logAT: new Float64Array(d.tValues.length),
    invAT: new Float64Array(d.tValues.length),
    logAtx: new Float64Array(d.txValues.length),
    invAtx: new Float64Array(d.txValues.length),
    totalWeight,
    groups: n,
    sumX,
    sumT,
  };
}

/** P(alive at T | x, tx, T). */
export function bgnbdProbabilityAlive(p: BgNbdParams, x: number, tx: number, T: number): number {
  if (x === 0) return 1;
  const logOdds = Math.log(p.a) - Math.log(p.b + x - 1) + (p.r + x) * (Math.log(p.alpha + T) - Math.log(p.alpha + tx));
  return 1 / (1 + Math.exp(logOdds));
}

/** Expected repeat transactions in (0, t] for a customer who has just made a first purchase. */
export function bgnbdExpectedTransactions(p: BgNbdParams, t: number): number {
  return bgnbdConditionalExpectedTransactions(p, t, 0, 0, 0);
}

const MAX_SERIES_TERMS = 50_000;

/**
 * E[transactions in (T, T+t] | x, tx, T] (FHL 2005 eq. 10) = E[… | alive at T] · P(alive).
 * Only P(alive) depends on tx, so forecasts for many customers can share the first factor.
 */
export function bgnbdConditionalExpectedTransactions(p: BgNbdParams, t: number, x: number, tx: number, T: number): number {
  const e = bgnbdExpectedTransactionsIfAlive(p, t, x, T) * bgnbdProbabilityAlive(p, x, tx, T);
  return e > 0 && Number.isFinite(e) ? e : 0;
}

/**
 * E[transactions in (T, T+t] | alive at T, x, T]. The 2F1 of FHL's eq. 10 is taken through
 * Euler's transformation and multiplied out with its prefactors, so the series
 * S = Σ_{n≥1} (a+b−1−r)_n (a)_{n−1} z^n / ((c+1)_{n−1} n!) has no pole at a = 1 or
 * a + b + x = 1 and shrinks as x grows (z = t/(α+T+t), c = a+b+x−1):
 *   E = c·(1 − (1−z)^(a−1))/(a−1) − (1−z)^(a−1)·S.
 */
export function bgnbdExpectedTransactionsIfAlive(p: BgNbdParams, t: number, x: number, T: number): number {
  if (!(t > 0)) return 0;
  const { r, alpha, a, b } = p;
  const c = a + b + x - 1;
  const eps = a - 1;
  const logOneMinusZ = Math.log(alpha + T) - Math.log(alpha + T + t);
  const z = t / (alpha + T + t);
  const alpha1 = a + b - 1 - r;
  let term = alpha1 * z;
  let S = term;
  for (let n = 1; n < MAX_SERIES_TERMS; n++) {
    const ratio = ((alpha1 + n) * (a + n - 1) * z) / ((c + n) * (n + 1));
    term *= ratio;
    S += term;
    if (Math.abs(term) <= 1e-16 * Math.abs(S) && Math.abs(ratio) < 1) break;
    if (term === 0) break;
  }
  const e = c * oneMinusExpOverEps(eps, logOneMinusZ) - Math.exp(eps * logOneMinusZ) * S;
  return e > 0 && Number.isFinite(e) ? e : 0;
}

/** Σ over customers of the conditional expectation for the next t units (grouped). */
export function bgnbdAggregateExpected(p: BgNbdParams, t: number, data: RfmColumns): number {
  const g = groupRfm(data);
  let total = 0;
  for (let i = 0; i < g.x.length; i++) total += g.w[i] * bgnbdConditionalExpectedTransactions(p, t, g.x[i], g.tx[i], g.T[i]);
  return total;
}
