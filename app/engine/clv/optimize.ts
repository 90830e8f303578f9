/**
 * Minimizers for the CLV likelihoods. All model parameters are positive, so
 * `minimizePositive` searches θ = ln(params): unconstrained, and the likelihood surface is
 * far better conditioned there. BFGS with a strong-Wolfe line search does the work;
 * Nelder–Mead is the fallback when the gradient path stalls (non-finite regions, kinks).
 */

/** Objective over positive parameters; when `grad` is given and the objective is
 * declared analytic, it must write ∂f/∂params into it. */
export type PositiveObjective = (params: Float64Array, grad: Float64Array | null) => number;
/** Objective over unconstrained θ; fills `grad` (∂f/∂θ) when given. */
export type SmoothObjective = (theta: Float64Array, grad: Float64Array | null) => number;

export interface MinimizeOptions {
  /** Whether the objective fills the gradient; otherwise central differences are used. */
  analyticGradient?: boolean;
  /** Stop when max |∂f/∂θ| falls below this (objectives here are per-customer means). */
  gradientTolerance?: number;
  maxIterations?: number;
  /** θ = ln(param) is confined to this box; outside it the objective counts as +∞. */
  logBounds?: readonly [number, number];
  /** Inverse Hessian in θ (n×n, row-major) from an earlier fit, to warm-start BFGS. */
  initialInverseHessian?: Float64Array;
}

export type MinimizeMethod = "bfgs" | "nelder-mead" | "bfgs+nelder-mead";

/** What every maximum-likelihood model fit reports, whatever the model. */
export interface ModelFit<P> {
  params: P;
  /** Total log-likelihood at the estimate. */
  logLikelihood: number;
  converged: boolean;
  iterations: number;
  evaluations: number;
  method: MinimizeMethod;
  message: string;
}

export interface MinimizeResult {
  /** Minimizing parameters on their natural (positive) scale. */
  params: Float64Array;
  value: number;
  /** max |∂f/∂θ| at the solution (NaN-free: Infinity when unknown). */
  gradientNorm: number;
  converged: boolean;
  iterations: number;
  evaluations: number;
  method: MinimizeMethod;
  message: string;
  /** BFGS's final inverse-Hessian approximation in θ (null after a Nelder–Mead finish). */
  inverseHessian: Float64Array | null;
}

const DEFAULT_LOG_BOUNDS = [-25, 25] as const;

/**
 * Large fits spend most iterations far from the optimum, so they first fit a systematic sample
 * of about this many rows (or groups) and finish on the full data from there, with the sample's
 * inverse Hessian: the same optimum for a few full passes instead of twenty-odd.
 */
export const WARM_START_SAMPLE = 10_000;

/** Sampling step (keep every step-th row) for a warm start, or 0 when the data is small enough to fit directly. */
export function warmStartStep(rows: number, sample: number = WARM_START_SAMPLE): number {
  return sample > 0 && rows >= 2 * sample ? Math.floor(rows / sample) : 0;
}

/** Minimize f(params) over params > 0. */
export function minimizePositive(
  objective: PositiveObjective,
  initial: ArrayLike<number>,
  options: MinimizeOptions = {},
): MinimizeResult {
  const n = initial.length;
  const analytic = options.analyticGradient ?? false;
  const [lo, hi] = options.logBounds ?? DEFAULT_LOG_BOUNDS;
  const gtol = options.gradientTolerance ?? (analytic ? 1e-8 : 1e-6);
  const maxIterations = options.maxIterations ?? 500;
  const params = new Float64Array(n);
  const gradP = new Float64Array(n);
  let evaluations = 0;

  const valueAt = (theta: Float64Array): number => {
    for (let i = 0; i < n; i++) {
      if (!(theta[i] >= lo && theta[i] <= hi)) return Infinity;
      params[i] = Math.exp(theta[i]);
    }
    evaluations++;
    const v = objective(params, null);
    return Number.isFinite(v) ? v : Infinity;
  };
  const thetaObjective: SmoothObjective = (theta, grad) => {
    if (!grad) return valueAt(theta);
    if (!analytic) {
      const v = valueAt(theta);
      if (v !== Infinity) centralDifferenceGradient(valueAt, theta, grad);
      return v;
    }
    for (let i = 0; i < n; i++) {
      if (!(theta[i] >= lo && theta[i] <= hi)) return Infinity;
      params[i] = Math.exp(theta[i]);
    }
    evaluations++;
    const v = objective(params, gradP);
    if (!Number.isFinite(v)) return Infinity;
    for (let i = 0; i < n; i++) grad[i] = gradP[i] * params[i]; // chain rule: ∂p/∂θ = p
    return v;
  };

  const theta0 = new Float64Array(n);
  for (let i = 0; i < n; i++) theta0[i] = Math.log(initial[i]);
  const first = bfgs(thetaObjective, theta0, { gradientTolerance: gtol, maxIterations, initialInverseHessian: options.initialInverseHessian });
  let best: LocalResult & { inverseHessian?: Float64Array } = first;
  let method: MinimizeMethod = "bfgs";
  let message = first.message;
  const diverging = !first.converged && Number.isFinite(first.value) && first.theta.some((t) => t < lo + 5 || t > hi - 5);
  if (diverging) {
    // Heading off to 0 or ∞: the likelihood has no finite maximum, and a simplex won't find one.
    message = `parameters diverging, no finite maximum (${first.message})`;
  } else if (!first.converged) {
    // Restart from wherever BFGS got to (or the start if it never left +∞) with the simplex method.
    const start = Number.isFinite(first.value) ? first.theta : theta0;
    const nm = nelderMead((t) => valueAt(t), start, { maxIterations: 400 * n });
    const polish = bfgs(thetaObjective, nm.theta, { gradientTolerance: gtol, maxIterations });
    const pick = polish.value <= nm.value ? polish : nm;
    if (pick.value <= first.value) {
      best = pick;
      method = pick === polish ? "bfgs+nelder-mead" : "nelder-mead";
    }
    message = `BFGS: ${first.message}; Nelder–Mead fallback: ${nm.message}; polish: ${polish.message}`;
  }
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.exp(best.theta[i]);
  // The Nelder–Mead result carries no gradient: measure it so `converged` means the same thing.
  const g = new Float64Array(n);
  const fAt = thetaObjective(best.theta.slice(), g);
  const gradientNorm = Number.isFinite(fAt) ? maxAbs(g) : Infinity;
  // Nelder–Mead's own stop (a collapsed simplex) says nothing about optimality: check the gradient.
  const converged = Number.isFinite(best.value) && (best === first ? first.converged : gradientNorm <= gtol * 1e3);
  return {
    params: out,
    value: best.value,
    gradientNorm: Number.isFinite(gradientNorm) ? gradientNorm : Infinity,
    converged,
    iterations: first.iterations + (best === first ? 0 : best.iterations),
    evaluations,
    method,
    message: converged ? message : `did not converge (${message})`,
    inverseHessian: best.inverseHessian ?? null,
  };
}

export interface LocalResult {
  theta: Float64Array;
  value: number;
  converged: boolean;
  iterations: number;
  message: string;
}

/** Central-difference gradient; step ~ ε^(1/3) balances truncation and rounding error. */
export function centralDifferenceGradient(
  f: (theta: Float64Array) => number,
  theta: Float64Array,
  grad: Float64Array,
): void {
  const x = theta.slice();
  for (let i = 0; i < theta.length; i++) {
    const h = 6e-6 * Math.max(1, Math.abs(theta[i]));
    x[i] = theta[i] + h;
    const fp = f(x);
    x[i] = theta[i] - h;
    const fm = f(x);
    x[i] = theta[i];
    if (Number.isFinite(fp) && Number.isFinite(fm)) grad[i] = (fp - fm) / (2 * h);
    else {
      // At the edge of the domain: one-sided difference towards the finite side.
      const f0 = f(x);
      grad[i] = Number.isFinite(fp) ? (fp - f0) / h : Number.isFinite(fm) ? (f0 - fm) / h : 0;
    }
  }
}

/**
 * BFGS with a dense inverse-Hessian approximation (Nocedal & Wright, Alg. 6.1) and a
 * strong-Wolfe line search. The models have 3–4 parameters, so the dense update is cheaper
 * and converges in fewer evaluations than limited memory; a caller can seed it with the
 * inverse Hessian of a previous fit (warm start) and read the final one back.
 */
export function bfgs(
  f: SmoothObjective,
  theta0: Float64Array,
  opts: { gradientTolerance: number; maxIterations: number; initialInverseHessian?: Float64Array },
): LocalResult & { inverseHessian: Float64Array } {
  const n = theta0.length;
  const x = theta0.slice();
  const g = new Float64Array(n);
  const H = new Float64Array(n * n);
  let seeded = false;
  const resetH = () => {
    H.fill(0);
    for (let i = 0; i < n; i++) H[i * n + i] = 1;
    seeded = false;
  };
  if (opts.initialInverseHessian && opts.initialInverseHessian.length === n * n && opts.initialInverseHessian.every(Number.isFinite)) {
    H.set(opts.initialInverseHessian);
    seeded = true;
  } else resetH();
  let fx = f(x, g);
  const result = (value: number, converged: boolean, iterations: number, message: string) => ({
    theta: x,
    value,
    converged,
    iterations,
    message,
    inverseHessian: H,
  });
  if (!Number.isFinite(fx)) return result(Infinity, false, 0, "objective not finite at the start");
  const d = new Float64Array(n);
  const s = new Float64Array(n);
  const y = new Float64Array(n);
  const Hy = new Float64Array(n);
  const ls = new LineSearch(f, n);
  let updates = 0;
  let stalls = 0;
  for (let iter = 1; iter <= opts.maxIterations; iter++) {
    const gnorm = maxAbs(g);
    if (gnorm <= opts.gradientTolerance) return result(fx, true, iter - 1, "gradient below tolerance");
    for (let i = 0; i < n; i++) {
      let v = 0;
      for (let j = 0; j < n; j++) v -= H[i * n + j] * g[j];
      d[i] = v;
    }
    // Unscaled first step: at most unit length in θ.
    let step0 = updates === 0 && !seeded ? Math.min(1, 1 / Math.max(gnorm, 1e-12)) : 1;
    if (!(dot(d, g) < 0)) {
      // Not a descent direction (stale curvature): restart from steepest descent.
      resetH();
      updates = 0;
      for (let i = 0; i < n; i++) d[i] = -g[i];
      step0 = Math.min(1, 1 / Math.max(gnorm, 1e-12));
    }
    if (!ls.search(x, fx, g, d, step0)) {
      if (updates > 0 || seeded) {
        resetH(); // retry once from scratch before giving up
        updates = 0;
        continue;
      }
      const converged = gnorm <= opts.gradientTolerance * 1e3;
      return result(
        fx,
        converged,
        iter,
        converged ? "converged to the limit of numerical precision" : `line search failed (max |gradient| ${gnorm.toExponential(2)})`,
      );
    }
    for (let i = 0; i < n; i++) {
      s[i] = ls.x[i] - x[i];
      y[i] = ls.g[i] - g[i];
    }
    const fPrev = fx;
    x.set(ls.x);
    g.set(ls.g);
    fx = ls.f;
    const sy = dot(s, y);
    if (sy > 1e-12 * Math.sqrt(dot(s, s) * dot(y, y))) {
      if (updates === 0 && !seeded) {
        // Scale the identity to the observed curvature before the first update (N&W eq. 6.20).
        const scale = sy / dot(y, y);
        for (let i = 0; i < n * n; i++) H[i] *= scale;
      }
      // H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ, expanded.
      const rho = 1 / sy;
      for (let i = 0; i < n; i++) {
        let v = 0;
        for (let j = 0; j < n; j++) v += H[i * n + j] * y[j];
        Hy[i] = v;
      }
      const yHy = dot(y, Hy);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          H[i * n + j] += -rho * (Hy[i] * s[j] + s[i] * Hy[j]) + (rho * rho * yHy + rho) * s[i] * s[j];
        }
      }
      updates++;
    }
    // Flat in value for several steps and nearly flat in gradient: as good as double precision allows.
    stalls = Math.abs(fPrev - fx) <= 1e-15 * Math.max(1, Math.abs(fx)) ? stalls + 1 : 0;
    if (stalls >= 3 && maxAbs(g) <= opts.gradientTolerance * 1e3) {
      return result(fx, true, iter, "objective stopped changing (numerical precision)");
    }
  }
  return result(fx, false, opts.maxIterations, "iteration limit reached");
}

/** Strong-Wolfe line search (Nocedal & Wright, Alg. 3.5 with zoom, Alg. 3.6). */
class LineSearch {
  readonly x: Float64Array;
  readonly g: Float64Array;
  f = Infinity;
  private dNorm = 0;
  private noise = 0;
  private readonly xt: Float64Array;
  private readonly gt: Float64Array;
  constructor(
    private readonly fn: SmoothObjective,
    private readonly n: number,
  ) {
    this.x = new Float64Array(n);
    this.g = new Float64Array(n);
    this.xt = new Float64Array(n);
    this.gt = new Float64Array(n);
  }

  private evalAt(x0: Float64Array, d: Float64Array, step: number): { f: number; dg: number } {
    for (let i = 0; i < this.n; i++) this.xt[i] = x0[i] + step * d[i];
    const f = this.fn(this.xt, this.gt);
    return { f, dg: Number.isFinite(f) ? dot(this.gt, d) : NaN };
  }

  private accept(f: number): true {
    this.x.set(this.xt);
    this.g.set(this.gt);
    this.f = f;
    return true;
  }

  search(x0: Float64Array, f0: number, g0: Float64Array, d: Float64Array, step0: number): boolean {
    const c1 = 1e-4;
    const c2 = 0.9;
    const dg0 = dot(g0, d);
    this.dNorm = maxAbs(d);
    // Near the optimum, decreases fall below rounding noise in f: a point within that noise
    // whose directional slope meets the curvature condition is accepted rather than refined forever.
    this.noise = 1e-12 * Math.max(1, Math.abs(f0));
    let prevStep = 0;
    let prevF = f0;
    let prevDg = dg0;
    let step = step0;
    let wall = Infinity; // smallest step known to leave the domain
    for (let i = 0; i < 30; i++) {
      const { f, dg } = this.evalAt(x0, d, step);
      if (!Number.isFinite(f)) {
        // Stepped out of the domain: pull back towards the last good point.
        wall = Math.min(wall, step);
        step = prevStep + 0.25 * (step - prevStep);
        if (step - prevStep < 1e-16 * Math.max(1, step)) break;
        continue;
      }
      if (f <= f0 + this.noise && Math.abs(dg) <= -c2 * dg0) return this.accept(f);
      if (f > f0 + c1 * step * dg0 || (i > 0 && f >= prevF)) {
        return this.zoom(x0, f0, dg0, d, prevStep, prevF, prevDg, step, f, dg);
      }
      if (Math.abs(dg) <= -c2 * dg0) return this.accept(f);
      if (dg >= 0) return this.zoom(x0, f0, dg0, d, step, f, dg, prevStep, prevF, prevDg);
      prevStep = step;
      prevF = f;
      prevDg = dg;
      step = Math.min(step * 2.5, prevStep + 0.5 * (wall - prevStep));
    }
    // Budget spent (typically pressed against the domain's edge): keep any sufficient decrease.
    if (prevStep > 0) {
      const { f } = this.evalAt(x0, d, prevStep);
      if (Number.isFinite(f) && f < f0) return this.accept(f);
    }
    return false;
  }

  private zoom(
    x0: Float64Array,
    f0: number,
    dg0: number,
    d: Float64Array,
    lo: number,
    fLo: number,
    dgLo: number,
    hi: number,
    fHi: number,
    dgHi: number,
  ): boolean {
    const c1 = 1e-4;
    const c2 = 0.9;
    for (let i = 0; i < 16; i++) {
      const width = hi - lo;
      let step = cubicMinimizer(lo, fLo, dgLo, hi, fHi, dgHi);
      const a = Math.min(lo, hi);
      const b = Math.max(lo, hi);
      const margin = 0.1 * (b - a);
      if (!Number.isFinite(step) || step < a + margin || step > b - margin) step = lo + 0.5 * width;
      if (Math.abs(width) * this.dNorm < 1e-13) break; // steps no longer move θ meaningfully
      const { f, dg } = this.evalAt(x0, d, step);
      if (Number.isFinite(f) && f <= f0 + this.noise && Math.abs(dg) <= -c2 * dg0) return this.accept(f);
      if (!Number.isFinite(f) || f > f0 + c1 * step * dg0 || f >= fLo) {
        hi = step;
        fHi = Number.isFinite(f) ? f : Infinity;
        dgHi = dg;
      } else {
        if (Math.abs(dg) <= -c2 * dg0) return this.accept(f);
        if (dg * (hi - lo) >= 0) {
          hi = lo;
          fHi = fLo;
          dgHi = dgLo;
        }
        lo = step;
        fLo = f;
        dgLo = dg;
      }
    }
    // Wolfe curvature not met, but any strict decrease still makes progress.
    if (lo !== 0 && fLo < f0) {
      const { f } = this.evalAt(x0, d, lo);
      if (Number.isFinite(f) && f < f0) return this.accept(f);
    }
    return false;
  }
}

/** Minimizer of the cubic interpolating f and f' at two points; NaN when undefined. */
function cubicMinimizer(a: number, fa: number, da: number, b: number, fb: number, db: number): number {
  if (!Number.isFinite(fa) || !Number.isFinite(fb) || !Number.isFinite(da) || !Number.isFinite(db)) return NaN;
  const d1 = da + db - (3 * (fa - fb)) / (a - b);
  const disc = d1 * d1 - da * db;
  if (disc < 0) return NaN;
  const d2 = Math.sign(b - a) * Math.sqrt(disc);
  return b - (b - a) * ((db + d2 - d1) / (db - da + 2 * d2));
}

/** Nelder–Mead simplex (adaptive coefficients of Gao & Han 2012), for non-smooth or stalled cases. */
export function nelderMead(
  f: (theta: Float64Array) => number,
  theta0: Float64Array,
  opts: { maxIterations: number; initialStep?: number; tolerance?: number },
): LocalResult {
  const n = theta0.length;
  const tol = opts.tolerance ?? 1e-12;
  const alphaR = 1;
  const betaE = 1 + 2 / n;
  const gammaC = 0.75 - 1 / (2 * n);
  const deltaS = 1 - 1 / n;
  const pts: Float64Array[] = [];
  const vals: number[] = [];
  for (let i = 0; i <= n; i++) {
    const p = theta0.slice();
    if (i > 0) p[i - 1] += opts.initialStep ?? 0.5;
    pts.push(p);
    vals.push(f(p));
  }
  const centroid = new Float64Array(n);
  const trial = (coef: number): Float64Array => {
    const worst = pts[n];
    const p = new Float64Array(n);
    for (let j = 0; j < n; j++) p[j] = centroid[j] + coef * (worst[j] - centroid[j]);
    return p;
  };
  for (let iter = 1; iter <= opts.maxIterations; iter++) {
    const order = vals.map((v, i) => i).sort((i, j) => vals[i] - vals[j]);
    const sortedPts = order.map((i) => pts[i]);
    const sortedVals = order.map((i) => vals[i]);
    pts.splice(0, pts.length, ...sortedPts);
    vals.splice(0, vals.length, ...sortedVals);
    const spread = Math.abs(vals[n] - vals[0]);
    let diameter = 0;
    for (let i = 1; i <= n; i++) for (let j = 0; j < n; j++) diameter = Math.max(diameter, Math.abs(pts[i][j] - pts[0][j]));
    if (Number.isFinite(vals[n]) && spread <= tol * Math.max(1, Math.abs(vals[0])) && diameter <= 1e-7) {
      return { theta: pts[0], value: vals[0], converged: true, iterations: iter, message: "simplex collapsed" };
    }
    centroid.fill(0);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) centroid[j] += pts[i][j] / n;
    const xr = trial(-alphaR);
    const fr = f(xr);
    if (fr < vals[0]) {
      const xe = trial(-alphaR * betaE);
      const fe = f(xe);
      if (fe < fr) replaceWorst(xe, fe);
      else replaceWorst(xr, fr);
    } else if (fr < vals[n - 1]) {
      replaceWorst(xr, fr);
    } else {
      const outside = fr < vals[n];
      const xc = trial(outside ? -alphaR * gammaC : gammaC);
      const fc = f(xc);
      if (fc <= (outside ? fr : vals[n])) replaceWorst(xc, fc);
      else {
        for (let i = 1; i <= n; i++) {
          for (let j = 0; j < n; j++) pts[i][j] = pts[0][j] + deltaS * (pts[i][j] - pts[0][j]);
          vals[i] = f(pts[i]);
        }
      }
    }
  }
  let bestI = 0;
  for (let i = 1; i <= n; i++) if (vals[i] < vals[bestI]) bestI = i;
  return { theta: pts[bestI], value: vals[bestI], converged: false, iterations: opts.maxIterations, message: "iteration limit reached" };

  function replaceWorst(p: Float64Array, v: number): void {
    pts[n] = p;
    vals[n] = v;
  }
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

function maxAbs(a: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    const v = Math.abs(a[i]);
    if (!(v <= m)) m = v; // NaN propagates as "not ≤" → becomes m
  }
  return m;
}
