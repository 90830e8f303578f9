import { describe, expect, it } from "vitest";
import { meanInterval, momentsOf, welchDifference } from "./mean";

describe("meanInterval", () => {
  it("hand-computed t interval", () => {
    // [2,4,4,4,5,5,7,9]: mean 5, Σ(x−5)² = 9+1+1+1+0+0+4+16 = 32, sd = √(32/7) = 2.138090,
    // se = 2.138090/√8 = 0.755929, t(0.975, 7) = 2.364624 → half = 1.787485
    const ci = meanInterval([2, 4, 4, 4, 5, 5, 7, 9]);
    expect(ci.estimate).toBe(5);
    expect(ci.sd).toBeCloseTo(2.13809, 5);
    expect(ci.low).toBeCloseTo(3.212515, 5);
    expect(ci.high).toBeCloseTo(6.787485, 5);
  });
  it("handles 0 and 1 observations without NaN", () => {
    expect(meanInterval([])).toMatchObject({ n: 0, estimate: null, low: null, high: null });
    expect(meanInterval([Number.NaN, 3])).toMatchObject({ n: 1, estimate: 3, low: null, high: null, sd: null });
  });
  it("is exact for constant values", () => {
    expect(meanInterval(new Float64Array([4, 4, 4]))).toMatchObject({ estimate: 4, low: 4, high: 4 });
  });
});

describe("welchDifference", () => {
  it("hand-computed estimate and Welch–Satterthwaite df", () => {
    // a = [1,2,3]: mean 2, SS 2 → s²/n = 1/3; b = [4,6]: mean 5, SS 2 → s²/n = 2/2 = 1
    // v = 4/3; df = v² / ((1/3)²/2 + 1²/1) = 1.777778 / 1.055556 = 1.684211
    const d = welchDifference(momentsOf([1, 2, 3]), momentsOf([4, 6]));
    expect(d.estimate).toBe(-3);
    expect(d.df).toBeCloseTo(1.684211, 5);
    expect((d.low as number) + (d.high as number)).toBeCloseTo(-6, 10);
  });
  it("nulls when a group is empty", () => {
    expect(welchDifference(momentsOf([]), momentsOf([1, 2])).estimate).toBeNull();
  });
});
