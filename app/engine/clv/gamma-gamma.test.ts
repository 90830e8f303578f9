import { describe, expect, it } from "vitest";
import {
  fitGammaGamma,
  gammaGammaExpectedSpend,
  gammaGammaGradient,
  gammaGammaLogLikelihood,
  gammaGammaLogLikelihoodOne,
  prepareGammaGamma,
  spendFrequencyCorrelation,
} from "./gamma-gamma";
import { createRng, simulateGammaGammaSpend } from "./simulate";

const CDNOW = { p: 6.25, q: 3.74, gamma: 15.44 };

describe("Gamma-Gamma likelihood", () => {
  it("matches a hand computation and is a density in m", () => {
    // p=1, q=2, γ=3, x=1, m=2: Γ(3)/(Γ(1)Γ(2)) · 3² · 2⁰ · 1¹ / (3+2)³ = 18/125
    expect(gammaGammaLogLikelihoodOne({ p: 1, q: 2, gamma: 3 }, 1, 2)).toBeCloseTo(Math.log(18 / 125), 14);
    // ∫ f(m) dm = 1 (trapezoid on a log grid, m = e^u, dm = m du).
    let integral = 0;
    const du = 0.001;
    for (let u = -12; u < 12; u += du) {
      const f = (v: number) => Math.exp(gammaGammaLogLikelihoodOne(CDNOW, 3, Math.exp(v)) + v);
      integral += 0.5 * (f(u) + f(u + du)) * du;
    }
    expect(integral).toBeCloseTo(1, 6);
  });

  it("collapses customers with the same x and total spend without changing the likelihood", () => {
    // Prices in whole units: many customers share (x, m·x).
    const x = Float64Array.from({ length: 2_000 }, (_, i) => 1 + (i % 4));
    const m = Float64Array.from(x, (xi, i) => (20 + ((i * 37) % 15) * 5) / xi);
    let perRow = 0;
    for (let i = 0; i < x.length; i++) perRow += gammaGammaLogLikelihoodOne(CDNOW, x[i], m[i]);
    const d = prepareGammaGamma({ x, m });
    expect(d.mx.length).toBeLessThan(100);
    expect(d.customers).toBe(2_000);
    expect(gammaGammaLogLikelihood(CDNOW, { x, m })).toBeCloseTo(perRow, 8);
  });

  it("has an analytic gradient that matches central differences", () => {
    const x = Float64Array.from({ length: 300 }, (_, i) => 1 + (i % 9));
    const m = simulateGammaGammaSpend(CDNOW, x, 5);
    for (const pr of [CDNOW, { p: 0.6, q: 1.3, gamma: 200 }]) {
      const g = gammaGammaGradient(pr, { x, m });
      (["p", "q", "gamma"] as const).forEach((k, i) => {
        const h = 1e-6 * pr[k];
        const numeric = (gammaGammaLogLikelihood({ ...pr, [k]: pr[k] + h }, { x, m }) - gammaGammaLogLikelihood({ ...pr, [k]: pr[k] - h }, { x, m })) / (2 * h);
        expect(Math.abs(g[i] - numeric)).toBeLessThan(1e-5 * Math.max(1, Math.abs(numeric)));
      });
    }
  });
});

describe("Gamma-Gamma fit", () => {
  it("recovers the parameters from 20,000 simulated repeat customers", () => {
    const rng = createRng(11);
    const x = Float64Array.from({ length: 20_000 }, () => 1 + Math.floor(-Math.log(1 - rng()) * 2));
    const m = simulateGammaGammaSpend(CDNOW, x, 12);
    const fit = fitGammaGamma({ x, m });
    expect(fit.converged).toBe(true);
    expect(fit.customers).toBe(20_000);
    // ~3 standard errors: over 20 seeds the relative RMS errors were p 4.0%, q 1.8% and
    // 0.7% for the mean spend pγ/(q−1), which is pinned down better than the parameters.
    const mean = (pr: typeof CDNOW) => (pr.p * pr.gamma) / (pr.q - 1);
    expect(Math.abs(mean(fit.params) / mean(CDNOW) - 1)).toBeLessThan(0.02);
    expect(Math.abs(fit.params.p / CDNOW.p - 1)).toBeLessThan(0.12);
    expect(Math.abs(fit.params.q / CDNOW.q - 1)).toBeLessThan(0.06);
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(gammaGammaLogLikelihood(CDNOW, { x, m }));
  });

  it("warm-starting on a sample reaches the same optimum as fitting the full data directly", () => {
    const rng = createRng(21);
    const x = Float64Array.from({ length: 30_000 }, () => 1 + Math.floor(-Math.log(1 - rng()) * 2));
    const m = simulateGammaGammaSpend(CDNOW, x, 22);
    const direct = fitGammaGamma({ x, m }, { warmStartRows: 0 });
    const warm = fitGammaGamma({ x, m }, { warmStartRows: 2_000 });
    expect(warm.message).toMatch(/warm start/);
    expect(direct.message).not.toMatch(/warm start/);
    expect(warm.converged && direct.converged).toBe(true);
    expect(warm.evaluations).toBeLessThan(direct.evaluations);
    for (const k of ["p", "q", "gamma"] as const) expect(Math.abs(warm.params[k] / direct.params[k] - 1)).toBeLessThan(1e-5);
    expect(warm.logLikelihood).toBeCloseTo(direct.logLikelihood, 5);
  });

  it("declines to fit when every customer spends the same (no finite maximum)", () => {
    const fit = fitGammaGamma({ x: [1, 2, 3, 4], m: [20, 20, 20, 20] });
    expect(fit.converged).toBe(false);
    expect(fit.message).toMatch(/does not vary/);
  });

  it("ignores one-time buyers and non-positive spend, and reports an empty fit", () => {
    const fit = fitGammaGamma({ x: [0, 0, 2, 3], m: [0, 50, 0, -5] });
    expect(fit.customers).toBe(0);
    expect(fit.converged).toBe(false);
    expect(fit.message).toMatch(/no repeat customers/);
  });
});

describe("expected spend", () => {
  it("blends the population mean and the customer's own mean (FHL eq. 5)", () => {
    const { p, q, gamma } = CDNOW;
    expect(gammaGammaExpectedSpend(CDNOW, 0, 0)).toBeCloseTo((p * gamma) / (q - 1), 12);
    expect(gammaGammaExpectedSpend(CDNOW, 2, 40)).toBeCloseTo((p * (gamma + 2 * 40)) / (p * 2 + q - 1), 12);
    // More transactions → closer to the customer's own mean.
    const few = gammaGammaExpectedSpend(CDNOW, 1, 100)!;
    const many = gammaGammaExpectedSpend(CDNOW, 50, 100)!;
    expect(Math.abs(many - 100)).toBeLessThan(Math.abs(few - 100));
  });

  it("is null when the population mean is infinite (q ≤ 1, no own history)", () => {
    expect(gammaGammaExpectedSpend({ p: 2, q: 0.8, gamma: 10 }, 0, 0)).toBeNull();
    expect(gammaGammaExpectedSpend({ p: 2, q: 0.8, gamma: 10 }, 1, 30)).not.toBeNull();
  });
});

describe("spendFrequencyCorrelation", () => {
  it("measures the dependence the model assumes away", () => {
    expect(spendFrequencyCorrelation({ x: [1, 2, 3, 4], m: [10, 20, 30, 40] })).toBeCloseTo(1, 12);
    expect(spendFrequencyCorrelation({ x: [1, 2], m: [10, 20] })).toBeNull();
    expect(spendFrequencyCorrelation({ x: [2, 2, 2], m: [10, 20, 30] })).toBeNull();
  });
});
