import { describe, expect, it } from "vitest";
import { kaplanMeier, medianSurvivalInterval, medianSurvivalTime, survivalAt } from "./kaplan-meier";

describe("kaplanMeier", () => {
  it("hand-computed curve with ties and censoring", () => {
    // events at 1, 3, 3, 6; censored at 2, 3, 8 (7 subjects)
    // t=1: n=7, d=1 → S = 6/7 = 0.857143
    // t=3: censored 2 removed before; n = 7 − 1 − 1 = 5 (the censored-at-3 is still at risk), d=2 → S = 6/7·3/5 = 0.514286
    // t=6: n = 5 − 2 − 1 (censored at 3) = 2, d=1 → S = 0.514286·1/2 = 0.257143
    const c = kaplanMeier([3, 1, 6, 3], [2, 8, 3]);
    expect(Array.from(c.times)).toEqual([1, 3, 6]);
    expect(Array.from(c.atRisk)).toEqual([7, 5, 2]);
    expect(c.survival[0]).toBeCloseTo(6 / 7, 12);
    expect(c.survival[1]).toBeCloseTo((6 / 7) * (3 / 5), 12);
    expect(c.survival[2]).toBeCloseTo((6 / 7) * (3 / 5) * 0.5, 12);
    // Greenwood: 1/(7·6) + 2/(5·3) + 1/(2·1)
    expect(c.greenwood[2]).toBeCloseTo(1 / 42 + 2 / 15 + 0.5, 12);
    expect(medianSurvivalTime(c)).toBe(6); // first S ≤ 0.5
  });
  it("survivalAt steps and refuses to extrapolate", () => {
    const c = kaplanMeier([1, 3, 3, 6], [2, 3, 8]);
    expect(survivalAt(c, 0.5, 8).survival).toBe(1);
    expect(survivalAt(c, 4, 8).survival).toBeCloseTo(0.514286, 6);
    expect(survivalAt(c, 9, 8).survival).toBeNull();
    const p = survivalAt(c, 4, 8);
    expect(p.low as number).toBeLessThan(p.survival as number);
    expect(p.high as number).toBeGreaterThan(p.survival as number);
  });
  it("no events: median null; no subjects: empty", () => {
    const c = kaplanMeier([], [5, 6]);
    expect(medianSurvivalTime(c)).toBeNull();
    expect(survivalAt(c, 5, 6).survival).toBe(1);
    expect(kaplanMeier([], []).subjects).toBe(0);
  });
  it("without censoring equals the empirical survival", () => {
    const c = kaplanMeier([1, 2, 3, 4], []);
    expect(Array.from(c.survival)).toEqual([0.75, 0.5, 0.25, 0]);
    expect(medianSurvivalTime(c)).toBe(2);
  });
});

describe("medianSurvivalInterval", () => {
  it("brackets the median on a larger uncensored sample", () => {
    // 1..100 each once: S(t_k) = 1 − k/100, median at 50.
    const c = kaplanMeier(Float64Array.from({ length: 100 }, (_, i) => i + 1), []);
    const m = medianSurvivalInterval(c);
    expect(m.median).toBe(50);
    // S ± 1.96·√(S(1−S)/100) = 0.5 ± 0.098 → low where S ≤ 0.598 (t≈41), high where S < 0.402 (t≈60)
    expect(m.low).toBeGreaterThanOrEqual(39);
    expect(m.low).toBeLessThanOrEqual(42);
    expect(m.high).toBeGreaterThanOrEqual(59);
    expect(m.high).toBeLessThanOrEqual(62);
  });
});
