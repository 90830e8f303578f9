import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  fitParetoNbd,
  logHyp2f1UnitA,
  paretoNbdConditionalExpectedTransactions,
  paretoNbdExpectedTransactions,
  paretoNbdLogLikelihood,
  paretoNbdLogLikelihoodOne,
  paretoNbdProbabilityAlive,
  type ParetoNbdParams,
} from "./pareto-nbd";
import { simulateParetoNbd } from "./simulate";
import { hyp2f1, lgamma } from "./special";

const CDNOW: ParetoNbdParams = { r: 0.55, alpha: 10.58, s: 0.61, beta: 11.67 };

/** ∫_lo^hi f by composite Simpson on u = ln(τ + shift) (smooth for these integrands). */
function integrate(f: (tau: number) => number, lo: number, hi: number, shift: number, n = 20_000): number {
  const u0 = Math.log(lo + shift);
  const u1 = Math.log(hi + shift);
  const h = (u1 - u0) / n;
  let sum = 0;
  for (let i = 0; i <= n; i++) {
    const u = u0 + i * h;
    const tau = Math.exp(u) - shift;
    const w = i === 0 || i === n ? 1 : i % 2 ? 4 : 2;
    sum += w * f(tau) * Math.exp(u);
  }
  return (sum * h) / 3;
}

/** The likelihood straight from its definition: alive at T, or died in (tx, T). */
function definitionLL(p: ParetoNbdParams, x: number, tx: number, T: number): number {
  const { r, alpha, s, beta } = p;
  const alive = Math.pow(alpha + T, -(r + x)) * Math.pow(beta + T, -s);
  const died = s * integrate((tau) => Math.pow(alpha + tau, -(r + x)) * Math.pow(beta + tau, -(s + 1)), tx, T, Math.min(alpha, beta));
  return lgamma(r + x) - lgamma(r) + r * Math.log(alpha) + s * Math.log(beta) + Math.log(alive + (T > tx ? died : 0));
}

/** Fader & Hardie's (2005) A0 with the textbook 2F1, un-transformed. */
function textbookLL(p: ParetoNbdParams, x: number, tx: number, T: number): number {
  const { r, alpha, s, beta } = p;
  const k = r + s + x;
  const [m, b] = alpha >= beta ? [alpha, s + 1] : [beta, r + x];
  const F = (tau: number) => hyp2f1(k, b, k + 1, Math.abs(alpha - beta) / (m + tau)).value / Math.pow(m + tau, k);
  const A0 = F(tx) - F(T);
  const bracket = 1 / (Math.pow(alpha + T, r + x) * Math.pow(beta + T, s)) + (s / k) * A0;
  return lgamma(r + x) - lgamma(r) + r * Math.log(alpha) + s * Math.log(beta) + Math.log(bracket);
}

describe("Pareto/NBD likelihood", () => {
  const cases: Array<[ParetoNbdParams, number, number, number]> = [
    [CDNOW, 0, 0, 38.86], // α < β
    [CDNOW, 3, 20.5, 38.86],
    [{ r: 1.2, alpha: 30, s: 0.4, beta: 5 }, 5, 10, 52], // α > β
    [{ r: 0.3, alpha: 2, s: 2.5, beta: 2 }, 1, 0.5, 30], // α = β
    [{ r: 0.7, alpha: 0.5, s: 0.9, beta: 40 }, 12, 25, 26], // α ≪ β, heavy buyer
  ];

  it("matches the definition (numerical integral of the death time)", () => {
    for (const [p, x, tx, T] of cases) {
      expect(paretoNbdLogLikelihoodOne(p, x, tx, T)).toBeCloseTo(definitionLL(p, x, tx, T), 9);
    }
  });

  it("matches the textbook 2F1 form of A0 (so Euler's transformation is applied right)", () => {
    for (const [p, x, tx, T] of cases) {
      expect(paretoNbdLogLikelihoodOne(p, x, tx, T)).toBeCloseTo(textbookLL(p, x, tx, T), 9);
    }
  });

  it("2F1(1, b; c; z) series agrees with the general one and stays finite near z = 1", () => {
    expect(logHyp2f1UnitA(2.3, 5.1, 0.7)).toBeCloseTo(Math.log(hyp2f1(1, 2.3, 5.1, 0.7).value), 13);
    expect(logHyp2f1UnitA(1, 2, 0.999)).toBeCloseTo(Math.log(-Math.log(0.001) / 0.999), 10);
    expect(Number.isFinite(logHyp2f1UnitA(1.5, 1.6, 1 - 1e-12))).toBe(true);
  });

  it("is finite where the textbook form overflows (thousands of purchases)", () => {
    const p = { r: 2, alpha: 1, s: 0.5, beta: 300 };
    expect(Number.isFinite(paretoNbdLogLikelihoodOne(p, 3000, 100, 104))).toBe(true);
  });
});

describe("Pareto/NBD fit", () => {
  it("recovers the parameters of 10,000 simulated customers", () => {
    const truth = { r: 0.6, alpha: 8, s: 0.8, beta: 12 };
    const data = simulateParetoNbd(truth, { customers: 10_000, seed: 5, minT: 30, maxT: 80 });
    const fit = fitParetoNbd(data);
    expect(fit.converged).toBe(true);
    // ~3 standard errors: over 10 seeds the relative RMS errors were r 2.9%, α 2.3%, s 8.6%, β 16.6%
    // (dropout is only weakly identified from 30–80 weeks of data).
    expect(Math.abs(fit.params.r / truth.r - 1)).toBeLessThan(0.09);
    expect(Math.abs(fit.params.alpha / truth.alpha - 1)).toBeLessThan(0.07);
    expect(Math.abs(fit.params.s / truth.s - 1)).toBeLessThan(0.26);
    expect(Math.abs(fit.params.beta / truth.beta - 1)).toBeLessThan(0.5);
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(paretoNbdLogLikelihood(truth, data));
  });

  it("reports an empty fit without throwing", () => {
    const fit = fitParetoNbd({ x: [], tx: [], T: [] });
    expect(fit.converged).toBe(false);
    expect(fit.message).toMatch(/no customers/);
  });
});

describe("Pareto/NBD predictions", () => {
  it("P(alive) equals the alive share of the likelihood", () => {
    const [x, tx, T] = [2, 10, 38.86];
    const { r, alpha, s, beta } = CDNOW;
    const alive = Math.pow(alpha + T, -(r + x)) * Math.pow(beta + T, -s);
    const died = s * integrate((tau) => Math.pow(alpha + tau, -(r + x)) * Math.pow(beta + tau, -(s + 1)), tx, T, alpha);
    expect(paretoNbdProbabilityAlive(CDNOW, x, tx, T)).toBeCloseTo(alive / (alive + died), 10);
    expect(paretoNbdProbabilityAlive(CDNOW, 4, 30, 30)).toBe(1);
  });

  it("new-customer forecast matches rβ/(α(s−1))·[1 − (β/(β+t))^(s−1)] and is continuous at s = 1", () => {
    const { r, alpha, s, beta } = CDNOW;
    const t = 39;
    expect(paretoNbdExpectedTransactions(CDNOW, t)).toBeCloseTo(((r * beta) / (alpha * (s - 1))) * (1 - Math.pow(beta / (beta + t), s - 1)), 12);
    const s1 = paretoNbdExpectedTransactions({ ...CDNOW, s: 1 }, t);
    expect(s1).toBeCloseTo(((r * beta) / alpha) * Math.log((beta + t) / beta), 12);
    expect(paretoNbdExpectedTransactions({ ...CDNOW, s: 1 + 1e-9 }, t)).toBeCloseTo(s1, 7);
  });

  it("properties: P(alive) ∈ [0, 1], non-increasing in T; forecasts ≥ 0, non-decreasing in t, finite", () => {
    const params = fc.record({
      r: fc.double({ min: 0.01, max: 20, noNaN: true }),
      alpha: fc.double({ min: 0.01, max: 200, noNaN: true }),
      s: fc.double({ min: 0.01, max: 20, noNaN: true }),
      beta: fc.double({ min: 0.01, max: 200, noNaN: true }),
    });
    fc.assert(
      fc.property(
        params,
        fc.integer({ min: 0, max: 100 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0.01, max: 300, noNaN: true }),
        fc.double({ min: 0, max: 50, noNaN: true }),
        fc.double({ min: 0.01, max: 260, noNaN: true }),
        (p, x, u, T, dT, t) => {
          const tx = x === 0 ? 0 : u * T;
          const alive = paretoNbdProbabilityAlive(p, x, tx, T);
          const later = paretoNbdProbabilityAlive(p, x, tx, T + dT);
          const e1 = paretoNbdConditionalExpectedTransactions(p, t, x, tx, T);
          const e2 = paretoNbdConditionalExpectedTransactions(p, 2 * t, x, tx, T);
          return alive >= 0 && alive <= 1 && later <= alive + 1e-9 && e1 >= 0 && e2 >= e1 && Number.isFinite(e2);
        },
      ),
      { numRuns: 300 },
    );
  });
});
