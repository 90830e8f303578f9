import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  bgnbdAggregateExpected,
  bgnbdConditionalExpectedTransactions,
  bgnbdExpectedTransactions,
  bgnbdExpectedTransactionsIfAlive,
  bgnbdGradient,
  bgnbdLogLikelihood,
  bgnbdLogLikelihoodOne,
  bgnbdProbabilityAlive,
  fitBgNbd,
  type BgNbdParams,
} from "./bgnbd";
import { simulateBgNbd } from "./simulate";
import { hyp2f1 } from "./special";

const CDNOW: BgNbdParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

/** FHL (2005) eq. 10 with the textbook 2F1, for checking the reformulated series. */
function textbookConditional(p: BgNbdParams, t: number, x: number, tx: number, T: number): number {
  const { r, alpha, a, b } = p;
  const z = t / (alpha + T + t);
  const f = hyp2f1(r + x, b + x, a + b + x - 1, z);
  expect(f.converged).toBe(true);
  const num = ((a + b + x - 1) / (a - 1)) * (1 - Math.pow((alpha + T) / (alpha + T + t), r + x) * f.value);
  const den = 1 + (x > 0 ? (a / (b + x - 1)) * Math.pow((alpha + T) / (alpha + tx), r + x) : 0);
  return num / den;
}

const params = fc.record({
  r: fc.double({ min: 0.01, max: 20, noNaN: true }),
  alpha: fc.double({ min: 0.01, max: 200, noNaN: true }),
  a: fc.double({ min: 0.01, max: 20, noNaN: true }),
  b: fc.double({ min: 0.01, max: 50, noNaN: true }),
});
const customer = fc
  .record({ x: fc.integer({ min: 0, max: 200 }), u: fc.double({ min: 0, max: 1, noNaN: true }), T: fc.double({ min: 0, max: 500, noNaN: true }) })
  .map(({ x, u, T }) => ({ x, tx: x === 0 ? 0 : u * T, T }));

describe("BG/NBD log-likelihood", () => {
  it("matches a hand computation", () => {
    // r = 1, α = 2, a = 1, b = 2, x = 1, tx = 1, T = 3:
    // L = B(1,3)/B(1,2) · α · [(α+T)^−2 + a/(b+x−1)·(α+tx)^−2] = (2/3)·2·(1/25 + 1/18)
    const p = { r: 1, alpha: 2, a: 1, b: 2 };
    expect(bgnbdLogLikelihoodOne(p, 1, 1, 3)).toBeCloseTo(Math.log((4 / 3) * (1 / 25 + 1 / 18)), 13);
    // x = 0: L = (α/(α+T))^r
    expect(bgnbdLogLikelihoodOne(CDNOW, 0, 0, 30)).toBeCloseTo(0.243 * Math.log(4.414 / 34.414), 13);
  });

  it("groups identical rows without changing the total (weights = duplicates)", () => {
    const x = [0, 2, 2, 5, 0, 2];
    const tx = [0, 10, 10, 30.5, 0, 11];
    const T = [20, 38, 38, 39, 20, 38];
    const direct = x.reduce((s, xi, i) => s + bgnbdLogLikelihoodOne(CDNOW, xi, tx[i], T[i]), 0);
    expect(bgnbdLogLikelihood(CDNOW, { x, tx, T })).toBeCloseTo(direct, 10);
    const weighted = bgnbdLogLikelihood(CDNOW, { x: [0, 2, 5, 2], tx: [0, 10, 30.5, 11], T: [20, 38, 39, 38], weight: [2, 2, 1, 1] });
    expect(weighted).toBeCloseTo(direct, 10);
  });

  it("has an analytic gradient that matches central differences", () => {
    const data = simulateBgNbd(CDNOW, { customers: 400, seed: 3, minT: 1, maxT: 60, unitDays: 7 });
    for (const p of [CDNOW, { r: 2.5, alpha: 0.7, a: 3, b: 0.4 }, { r: 0.05, alpha: 40, a: 0.2, b: 12 }]) {
      const g = bgnbdGradient(p, data);
      const keys = ["r", "alpha", "a", "b"] as const;
      keys.forEach((k, i) => {
        const h = 1e-6 * p[k];
        const up = bgnbdLogLikelihood({ ...p, [k]: p[k] + h }, data);
        const down = bgnbdLogLikelihood({ ...p, [k]: p[k] - h }, data);
        const numeric = (up - down) / (2 * h);
        expect(Math.abs(g[i] - numeric)).toBeLessThan(1e-5 * Math.max(1, Math.abs(numeric)));
      });
    }
  });
});

describe("BG/NBD fit", () => {
  it("recovers the parameters of 20,000 simulated customers", () => {
    const truth = { r: 0.5, alpha: 5, a: 0.8, b: 2.5 };
    const data = simulateBgNbd(truth, { customers: 20_000, seed: 42, minT: 20, maxT: 80 });
    const fit = fitBgNbd(data);
    expect(fit.converged).toBe(true);
    expect(fit.customers).toBe(20_000);
    // ~3 standard errors: over 20 seeds the relative RMS errors were r 1.0%, α 1.4%, a 4.6%, b 5.9%.
    expect(Math.abs(fit.params.r / truth.r - 1)).toBeLessThan(0.04);
    expect(Math.abs(fit.params.alpha / truth.alpha - 1)).toBeLessThan(0.05);
    expect(Math.abs(fit.params.a / truth.a - 1)).toBeLessThan(0.15);
    expect(Math.abs(fit.params.b / truth.b - 1)).toBeLessThan(0.2);
    // The estimate is the maximum: no lower than the likelihood at the truth.
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(bgnbdLogLikelihood(truth, data));
  });

  it("warm-starting on a sample of groups reaches the same optimum as fitting all groups directly", () => {
    const data = simulateBgNbd(CDNOW, { customers: 20_000, seed: 3, minT: 1, maxT: 60 });
    const direct = fitBgNbd(data, { warmStartGroups: 0 });
    const warm = fitBgNbd(data, { warmStartGroups: 1_000 });
    expect(warm.message).toMatch(/warm start/);
    expect(direct.message).not.toMatch(/warm start/);
    expect(warm.converged && direct.converged).toBe(true);
    expect(warm.evaluations).toBeLessThan(direct.evaluations);
    for (const k of ["r", "alpha", "a", "b"] as const) expect(Math.abs(warm.params[k] / direct.params[k] - 1)).toBeLessThan(1e-4);
    expect(warm.logLikelihood).toBeCloseTo(direct.logLikelihood, 4);
  });

  it("reports, without throwing, when there is nothing to fit; skips invalid rows", () => {
    const empty = fitBgNbd({ x: [], tx: [], T: [] });
    expect(empty.converged).toBe(false);
    expect(empty.message).toMatch(/no customers/);
    const data = simulateBgNbd(CDNOW, { customers: 2000, seed: 9, minT: 1, maxT: 39 });
    const dirty = {
      x: [...data.x, -1, 1.5, 2, NaN],
      tx: [...data.tx, 0, 1, 50, 1],
      T: [...data.T, 10, 10, 40, 10],
    };
    const fit = fitBgNbd(dirty);
    expect(fit.skipped).toBe(4);
    expect(fit.params.r).toBeCloseTo(fitBgNbd(data).params.r, 8);
  });
});

describe("BG/NBD predictions", () => {
  it("reformulated conditional expectation equals the textbook formula", () => {
    const cases: Array<[BgNbdParams, number, number, number, number]> = [
      [CDNOW, 39, 0, 0, 38.86],
      [CDNOW, 39, 2, 30.43, 38.86],
      [CDNOW, 10, 7, 35, 38],
      [{ r: 2, alpha: 3, a: 1.7, b: 4 }, 52, 3, 10, 20],
      [{ r: 0.5, alpha: 1, a: 0.3, b: 0.9 }, 20, 1, 2, 8],
    ];
    for (const [p, t, x, tx, T] of cases) {
      const expected = textbookConditional(p, t, x, tx, T);
      expect(Math.abs(bgnbdConditionalExpectedTransactions(p, t, x, tx, T) / expected - 1)).toBeLessThan(1e-10);
    }
  });

  it("is continuous through a = 1 and a + b + x = 1, where the textbook form divides by zero", () => {
    const base = { r: 0.5, alpha: 3, b: 1.5 };
    const at1 = bgnbdConditionalExpectedTransactions({ ...base, a: 1 }, 26, 2, 10, 30);
    const near = bgnbdConditionalExpectedTransactions({ ...base, a: 1 + 1e-7 }, 26, 2, 10, 30);
    expect(Number.isFinite(at1)).toBe(true);
    expect(at1).toBeCloseTo(near, 6);
    const c0 = bgnbdExpectedTransactions({ r: 0.5, alpha: 3, a: 0.4, b: 0.6 }, 26);
    const c0near = bgnbdExpectedTransactions({ r: 0.5, alpha: 3, a: 0.4, b: 0.6 + 1e-7 }, 26);
    expect(Number.isFinite(c0)).toBe(true);
    expect(c0).toBeCloseTo(c0near, 6);
  });

  it("a new customer's expected purchase rate starts at E[λ] = r/α", () => {
    const t = 1e-6;
    expect(bgnbdExpectedTransactions(CDNOW, t) / t).toBeCloseTo(CDNOW.r / CDNOW.alpha, 6);
  });

  it("splits into E[… | alive] · P(alive), the first factor independent of recency", () => {
    const ifAlive = bgnbdExpectedTransactionsIfAlive(CDNOW, 26, 3, 38);
    for (const tx of [1, 20, 37.5]) {
      expect(bgnbdConditionalExpectedTransactions(CDNOW, 26, 3, tx, 38)).toBeCloseTo(ifAlive * bgnbdProbabilityAlive(CDNOW, 3, tx, 38), 14);
    }
    expect(bgnbdExpectedTransactionsIfAlive(CDNOW, 26, 0, 10)).toBe(bgnbdConditionalExpectedTransactions(CDNOW, 26, 0, 0, 10));
  });

  it("aggregate forecast is the sum of customer forecasts", () => {
    const data = { x: [0, 1, 1, 4], tx: [0, 5, 5, 20], T: [30, 30, 30, 25] };
    const sum = data.x.reduce((s, x, i) => s + bgnbdConditionalExpectedTransactions(CDNOW, 13, x, data.tx[i], data.T[i]), 0);
    expect(bgnbdAggregateExpected(CDNOW, 13, data)).toBeCloseTo(sum, 12);
  });

  it("P(alive) is 1 without repeats and matches FHL eq. 13", () => {
    expect(bgnbdProbabilityAlive(CDNOW, 0, 0, 50)).toBe(1);
    const { r, alpha, a, b } = CDNOW;
    const expected = 1 / (1 + (a / (b + 2 - 1)) * Math.pow((alpha + 38) / (alpha + 20), r + 2));
    expect(bgnbdProbabilityAlive(CDNOW, 2, 20, 38)).toBeCloseTo(expected, 14);
  });

  it("properties: P(alive) ∈ [0, 1] and non-increasing in T; forecasts finite, ≥ 0 and non-decreasing in t", () => {
    fc.assert(
      fc.property(params, customer, fc.double({ min: 0, max: 100, noNaN: true }), fc.double({ min: 0.01, max: 260, noNaN: true }), (p, c, dT, t) => {
        const alive = bgnbdProbabilityAlive(p, c.x, c.tx, c.T);
        const later = bgnbdProbabilityAlive(p, c.x, c.tx, c.T + dT);
        const e1 = bgnbdConditionalExpectedTransactions(p, t, c.x, c.tx, c.T);
        const e2 = bgnbdConditionalExpectedTransactions(p, t * 1.5, c.x, c.tx, c.T);
        return (
          alive >= 0 && alive <= 1 && later <= alive + 1e-12 && Number.isFinite(e1) && Number.isFinite(e2) && e1 >= 0 && e2 >= e1 * (1 - 1e-9)
        );
      }),
      { numRuns: 300 },
    );
  });

  it("stays finite on extreme inputs", () => {
    const extremes: BgNbdParams[] = [
      { r: 1e-6, alpha: 1e-6, a: 1e-6, b: 1e-6 },
      { r: 1e6, alpha: 1e6, a: 1e6, b: 1e6 },
      { r: 1e-3, alpha: 1e4, a: 50, b: 1e-3 },
    ];
    for (const p of extremes) {
      for (const [x, tx, T] of [
        [0, 0, 0],
        [1000, 1e4, 1e4],
        [3, 0.001, 1e5],
      ]) {
        for (const v of [
          bgnbdProbabilityAlive(p, x, tx, T),
          bgnbdConditionalExpectedTransactions(p, 52, x, tx, T),
          bgnbdConditionalExpectedTransactions(p, 1e6, x, tx, T),
          bgnbdLogLikelihoodOne(p, x, tx, T),
        ]) {
          expect(Number.isFinite(v)).toBe(true);
        }
      }
    }
  });
});
