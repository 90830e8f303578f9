import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { quantileSorted } from "../stats/quantile";
import { DayCounts, countWholeNumbers, nthSmallest, sortedWholeNumbers } from "./order-statistics";

const sortedCopy = (xs: number[]) => Float64Array.from(xs).sort();
const probability = fc.double({ min: 0, max: 1, noNaN: true });

describe("counted whole numbers", () => {
  it("sort and quantiles exactly like sorting", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 3000 }), { minLength: 1, maxLength: 300 }), probability, (xs, p) => {
        expect(sortedWholeNumbers(xs)).toEqual(sortedCopy(xs));
        expect(countWholeNumbers(xs)?.quantile(p)).toBe(quantileSorted(sortedCopy(xs), p));
      }),
    );
  });

  it("hand-computed: 1, 2, 2, 9 → p90 = 2 + 0.7 × 7", () => {
    const counts = new DayCounts();
    for (const v of [9, 2, 1, 2]) counts.add(v);
    expect(counts.nth(0)).toBe(1);
    expect(counts.nth(3)).toBe(9);
    expect(counts.quantile(0.9)).toBeCloseTo(6.9, 12);
  });

  it("falls back to sorting for values it cannot count", () => {
    expect(countWholeNumbers([3, -1])).toBeNull();
    expect(countWholeNumbers([3, 1.5])).toBeNull();
    expect(countWholeNumbers([3, 2 ** 21])).toBeNull();
    expect(sortedWholeNumbers([3, -1, 1.5])).toEqual(Float64Array.of(-1, 1.5, 3));
  });
});

describe("selection", () => {
  // Many ties (small integers) and spread values; −0 becomes 0 (a sort orders −0 before 0, selection need not).
  const value = fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.integer({ min: -3, max: 3 })).map((v) => v + 0);
  const values = fc.array(value, { minLength: 1, maxLength: 300 });

  it("nthSmallest is the k-th value of the sorted array, and partitions around it", () => {
    fc.assert(
      fc.property(values, fc.nat(), (xs, seed) => {
        const k = seed % xs.length;
        const a = Float64Array.from(xs);
        const x = nthSmallest(a, k);
        expect(x).toBe(sortedCopy(xs)[k]);
        for (let i = 0; i < a.length; i++) expect(i < k ? a[i] <= x : a[i] >= x).toBe(true);
      }),
    );
  });

  it("rejects an index outside the array", () => {
    expect(() => nthSmallest(Float64Array.of(1, 2), 2)).toThrow(RangeError);
  });
});
