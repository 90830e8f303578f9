import { describe, expect, it } from "vitest";
import { groupedPercentiles } from "./grouped-percentiles";
import { quantileSorted } from "./quantile";

function naive(values: ArrayLike<number>, packed: Int16Array, width: number, d: number, g: number) {
  const xs: number[] = [];
  for (let i = 0; i < values.length; i++) if (packed[i * width + d] === g && Number.isFinite(values[i])) xs.push(values[i]);
  const s = Float64Array.from(xs).sort();
  if (s.length === 0) return null;
  return { n: s.length, median: quantileSorted(s, 0.5), p75: quantileSorted(s, 0.75), p90: quantileSorted(s, 0.9) };
}

describe("groupedPercentiles", () => {
  it("hand-computed groups", () => {
    // grouping 0 (one group): all rows; grouping 1: [10, 2, 6] in group 0, [4, 4] in group 1, 100 left out
    // group 0 sorted 2, 6, 10 → median 6, p75 (h=1.5) 8, p90 (h=1.8) 9.2, mean 6
    const values = new Float64Array([10, 4, 2, 6, 4, 100, Number.NaN]);
    const packed = Int16Array.from([0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, -1, 0, 0]);
    const [all, byG] = groupedPercentiles(values, packed, 2, [1, 2]);
    expect(byG[0]).toMatchObject({ n: 3, median: 6, p75: 8, mean: 6 });
    expect(byG[0].p90).toBeCloseTo(9.2, 12);
    expect(byG[1]).toMatchObject({ n: 2, median: 4, p90: 4 });
    // all: 2, 4, 4, 6, 10, 100 → median 5, p75 (h=3.75) 6 + 0.75·4 = 9
    expect(all[0]).toMatchObject({ n: 6, median: 5, p75: 9 });
  });

  it("is exact against sorting, on skewed data with ties, outliers and empty groups", () => {
    let seed = 5;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const n = 20000;
    const width = 3;
    const counts = [1, 6, 40];
    const values = new Float32Array(n);
    const packed = new Int16Array(n * width);
    for (let i = 0; i < n; i++) {
      const u = rnd();
      // skewed hours, many exact ties at whole hours, rare huge outliers, some missing
      values[i] = u < 0.05 ? Number.NaN : u < 0.3 ? Math.floor(rnd() * 48) : u > 0.999 ? 1e6 * rnd() : 10 * Math.exp(rnd() * 4);
      packed[i * width] = 0;
      packed[i * width + 1] = rnd() < 0.1 ? -1 : Math.floor(rnd() * 5); // group 5 stays empty
      packed[i * width + 2] = Math.floor(rnd() * rnd() * 40);
    }
    const res = groupedPercentiles(values, packed, width, counts);
    for (let d = 0; d < width; d++) {
      for (let g = 0; g < counts[d]; g++) {
        const want = naive(values, packed, width, d, g);
        const got = res[d][g];
        if (want === null) {
          expect(got.n).toBe(0);
          expect(got.median).toBeNull();
          continue;
        }
        expect(got.n).toBe(want.n);
        expect(got.median).toBeCloseTo(want.median, 9);
        expect(got.p75).toBeCloseTo(want.p75, 9);
        expect(got.p90).toBeCloseTo(want.p90, 9);
        expect(got.medianLow as number).toBeLessThanOrEqual(got.median as number);
        expect(got.medianHigh as number).toBeGreaterThanOrEqual(got.median as number);
      }
    }
  });

  it("median interval ranks", () => {
    // 0..100: spread = 1.96·√101/2 = 9.85 → 1-based ranks 40 and 62 → values 39 and 61
    const values = Float64Array.from({ length: 101 }, (_, i) => 100 - i);
    const r = groupedPercentiles(values, new Int16Array(101), 1, [1])[0][0];
    expect([r.median, r.medianLow, r.medianHigh]).toEqual([50, 39, 61]);
  });

  it("constant values, no values, infinities", () => {
    expect(groupedPercentiles(new Float64Array([3, 3, 3]), new Int16Array(3), 1, [1])[0][0]).toMatchObject({ n: 3, median: 3, p90: 3 });
    expect(groupedPercentiles(new Float64Array([Number.NaN]), new Int16Array(1), 1, [2])[0]).toEqual([
      { n: 0, mean: null, median: null, p75: null, p90: null, medianLow: null, medianHigh: null },
      { n: 0, mean: null, median: null, p75: null, p90: null, medianLow: null, medianHigh: null },
    ]);
    expect(groupedPercentiles(new Float64Array([1, Infinity, 3]), new Int16Array(3), 1, [1])[0][0]).toMatchObject({ n: 2, median: 2 });
  });
});
