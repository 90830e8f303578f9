import { describe, expect, it } from "vitest";
import { chiSquareSurvival } from "./chi-square";
import { logRankTest } from "./log-rank";
import { sampleRatioCheck } from "./sample-ratio";
import { compareProportions } from "./two-proportion";

describe("chiSquareSurvival", () => {
  it("gives the textbook 5% critical values and known tails", () => {
    expect(chiSquareSurvival(3.841459, 1)).toBeCloseTo(0.05, 6);
    expect(chiSquareSurvival(5.991465, 2)).toBeCloseTo(0.05, 6);
    expect(chiSquareSurvival(7.814728, 3)).toBeCloseTo(0.05, 6);
    expect(chiSquareSurvival(6.634897, 1)).toBeCloseTo(0.01, 6);
    expect(chiSquareSurvival(2, 2)).toBeCloseTo(Math.exp(-1), 12); // df 2 is exponential: e^(−x/2)
    expect(chiSquareSurvival(0, 3)).toBe(1);
  });
});

describe("compareProportions", () => {
  it("matches the pooled z-test by hand: 60/200 vs 40/200", () => {
    // p̄ = 0.25, SE = √(0.25·0.75·(1/200 + 1/200)) = 0.0433013, z = 0.1/0.0433013 = 2.3094, p = 0.02092.
    const c = compareProportions(60, 200, 40, 200);
    expect(c.z).toBeCloseTo(2.309401, 5);
    expect(c.pValue).toBeCloseTo(0.020921, 5);
    expect(c.difference).toBeCloseTo(0.1, 12);
    // z² is Pearson's χ² for the 2×2 table: Σ (O − E)²/E with E = 50/150 in each arm = 4 × (10²/50) / … = 5.3333.
    expect((c.z as number) ** 2).toBeCloseTo(16 / 3, 8);
    // Newcombe's hybrid interval (method 10) for 0.30 − 0.20: contains the estimate, excludes 0 here.
    expect(c.low as number).toBeGreaterThan(0);
    expect(c.low as number).toBeLessThan(0.1);
    expect(c.high as number).toBeGreaterThan(0.1);
  });

  it("handles empty and degenerate arms", () => {
    expect(compareProportions(0, 0, 5, 10)).toMatchObject({ z: null, pValue: null, difference: null });
    expect(compareProportions(0, 10, 0, 10)).toMatchObject({ z: 0, pValue: 1, difference: 0 });
  });
});

describe("logRankTest", () => {
  // Freireich et al. (1963) 6-MP vs placebo remission times (weeks), the textbook log-rank example:
  // χ² = 16.79 on 1 df; 6-MP 9 observed vs 19.25 expected relapses (e.g. Kleinbaum & Klein, Survival Analysis, ch. 2).
  const sixMp = { events: [6, 6, 6, 7, 10, 13, 16, 22, 23], censored: [6, 9, 10, 11, 17, 19, 20, 25, 32, 32, 34, 35] };
  const placebo = { events: [1, 1, 2, 2, 3, 4, 4, 5, 5, 8, 8, 8, 8, 11, 11, 12, 12, 15, 17, 22, 23], censored: [] };

  it("reproduces the leukaemia remission example", () => {
    const r = logRankTest([sixMp, placebo]);
    expect(r.observed).toEqual([9, 21]);
    expect(r.expected[0]).toBeCloseTo(19.25, 2);
    expect(r.expected[1]).toBeCloseTo(10.75, 2);
    expect(r.chiSquare).toBeCloseTo(16.79, 2);
    expect(r.pValue).toBeCloseTo(4.17e-5, 6);
    expect((r.z as number) ** 2).toBeCloseTo(r.chiSquare, 10);
    expect(r.z as number).toBeLessThan(0); // fewer relapses on 6-MP than expected
  });

  it("is symmetric in the groups and zero for identical groups", () => {
    expect(logRankTest([placebo, sixMp]).chiSquare).toBeCloseTo(16.79, 2);
    const same = logRankTest([sixMp, sixMp]);
    expect(same.chiSquare).toBeCloseTo(0, 12);
    expect(same.pValue).toBeCloseTo(1, 12);
  });

  it("extends to k groups with k − 1 degrees of freedom", () => {
    const r = logRankTest([sixMp, placebo, sixMp]);
    expect(r.df).toBe(2);
    expect(r.z).toBeNull();
    expect(r.observed.reduce((a, b) => a + b, 0)).toBeCloseTo(r.expected.reduce((a, b) => a + b, 0), 10);
    expect(r.pValue).toBeLessThan(0.001);
  });
});

describe("sampleRatioCheck", () => {
  it("computes the goodness-of-fit chi-square and flags p < 0.001", () => {
    // 5,000 vs 5,200: χ² = (100² + 100²)/5,100 = 3.92, p = 0.0477: not a mismatch at 0.001.
    const ok = sampleRatioCheck([5000, 5200]);
    expect(ok.chiSquare).toBeCloseTo(20000 / 5100, 10);
    expect(ok.pValue).toBeCloseTo(0.0477, 3);
    expect(ok.mismatch).toBe(false);
    const bad = sampleRatioCheck([5000, 5400]);
    expect(bad.mismatch).toBe(true);
    expect(sampleRatioCheck([100, 100, 100]).pValue).toBeCloseTo(1, 12);
    expect(sampleRatioCheck([0, 0]).mismatch).toBe(false);
    expect(sampleRatioCheck([300, 100], [3, 1]).chiSquare).toBeCloseTo(0, 12);
  });
});
