import { describe, expect, it } from "vitest";
import { wilsonInterval } from "./proportion";

describe("wilsonInterval", () => {
  it("reproduces Newcombe (1998) single-proportion examples (method 3) to 1e-4", () => {
    const cases: Array<[number, number, number, number]> = [
      [81, 263, 0.2553, 0.3662],
      [15, 148, 0.0624, 0.1605],
      [0, 20, 0, 0.1611],
      [1, 29, 0.0061, 0.1718],
    ];
    for (const [x, n, lo, hi] of cases) {
      const ci = wilsonInterval(x, n);
      expect(Math.abs((ci.low as number) - lo)).toBeLessThan(5e-5 + 1e-9);
      expect(Math.abs((ci.high as number) - hi)).toBeLessThan(5e-5 + 1e-9);
    }
  });
  it("hand-computed 5/10", () => {
    // z = 1.959964, z² = 3.841459; centre = (5 + 1.920729)/13.841459 = 0.5
    // half = z/13.841459 · √(5·5/10 + 0.960365) = 0.141601 · 1.860206 = 0.263406
    const ci = wilsonInterval(5, 10);
    expect(ci.estimate).toBe(0.5);
    expect(ci.low).toBeCloseTo(0.236594, 5);
    expect(ci.high).toBeCloseTo(0.763406, 5);
  });
  it("is exact at the edges and empty-safe", () => {
    expect(wilsonInterval(20, 20).high).toBe(1);
    expect(wilsonInterval(0, 5).low).toBe(0);
    expect(wilsonInterval(0, 0)).toEqual({ successes: 0, n: 0, estimate: null, low: null, high: null, level: 0.95 });
    expect(() => wilsonInterval(3, 2)).toThrow(RangeError);
  });
});
