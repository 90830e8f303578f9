import { describe, expect, it } from "vitest";
import { median, quantileInPlace, quantileSorted, sortedFinite, summarizeDistribution } from "./quantile";

describe("quantileSorted (type 7)", () => {
  it("interpolates between order statistics", () => {
    const s = [1, 2, 3, 4];
    // h = (n-1)p: p=0.25 → h=0.75 → 1 + 0.75·(2-1) = 1.75
    expect(quantileSorted(s, 0.25)).toBeCloseTo(1.75, 12);
    // p=0.5 → h=1.5 → 2.5
    expect(quantileSorted(s, 0.5)).toBeCloseTo(2.5, 12);
    // p=0.9 → h=2.7 → 3 + 0.7 = 3.7
    expect(quantileSorted(s, 0.9)).toBeCloseTo(3.7, 12);
    expect(quantileSorted(s, 0)).toBe(1);
    expect(quantileSorted(s, 1)).toBe(4);
  });
  it("works on typed arrays and single values", () => {
    expect(quantileSorted(new Float32Array([7]), 0.3)).toBe(7);
    expect(quantileSorted(new Float64Array([0, 10]), 0.95)).toBeCloseTo(9.5, 12);
  });
  it("rejects empty input and p outside [0, 1]", () => {
    expect(() => quantileSorted([], 0.5)).toThrow(RangeError);
    expect(() => quantileSorted([1], 1.5)).toThrow(RangeError);
    expect(() => quantileSorted([1], Number.NaN)).toThrow(RangeError);
  });
});

describe("median and summarizeDistribution", () => {
  it("summarizes unsorted values, ignoring non-finite ones", () => {
    const s = summarizeDistribution([50, 10, Number.NaN, 40, 20, 30, Infinity]);
    // sorted 10..50, n=5, mean 30; p10: h=0.4 → 14; p25: h=1 → 20; p75: h=3 → 40;
    // p90: h=3.6 → 40 + 0.6·10 = 46; p95: h=3.8 → 48
    expect(s).toEqual({ n: 5, mean: 30, p10: 14, p25: 20, median: 30, p75: 40, p90: 46, p95: 48 });
  });
  it("returns explicit nulls, never NaN, for no data", () => {
    expect(summarizeDistribution([])).toEqual({ n: 0, mean: null, p10: null, p25: null, median: null, p75: null, p90: null, p95: null });
    expect(median([Number.NaN])).toBeNull();
  });
  it("median of an even count averages the middle pair", () => {
    expect(median(new Int32Array([4, 1, 3, 2]))).toBe(2.5);
  });
  it("sortedFinite copies and sorts numerically", () => {
    expect(Array.from(sortedFinite([10, 9, 100, -1]))).toEqual([-1, 9, 10, 100]);
  });
});

describe("quantileInPlace (selection)", () => {
  it("matches the sorted quantile on hand values", () => {
    // sorted 1, 2, 3, 4: p=0.5 → 2.5, p=0.9 → 3.7
    expect(quantileInPlace(new Float64Array([4, 1, 3, 2]), 0.5)).toBeCloseTo(2.5, 12);
    expect(quantileInPlace(new Float64Array([4, 1, 3, 2]), 0.9)).toBeCloseTo(3.7, 12);
    expect(quantileInPlace(new Float64Array([5]), 0.5)).toBe(5);
    expect(() => quantileInPlace(new Float64Array(0), 0.5)).toThrow(RangeError);
  });
  it("agrees with sorting on random data with ties", () => {
    let seed = 3;
    const rnd = () => ((seed = (seed * 69069 + 1) % 4294967296) / 4294967296);
    for (const n of [2, 3, 10, 101, 1000]) {
      const a = Float64Array.from({ length: n }, () => Math.floor(rnd() * 20));
      const sorted = Float64Array.from(a).sort();
      for (const p of [0, 0.1, 0.5, 0.75, 0.9, 1]) expect(quantileInPlace(Float64Array.from(a), p)).toBeCloseTo(quantileSorted(sorted, p), 12);
    }
  });
});
