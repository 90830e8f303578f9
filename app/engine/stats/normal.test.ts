import { describe, expect, it } from "vitest";
import { normalCdf, normalQuantile, zForLevel } from "./normal";

describe("normal distribution", () => {
  it("matches reference CDF values (R pnorm) to 1e-14", () => {
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(1)).toBeCloseTo(0.8413447460685429, 14);
    expect(normalCdf(-1.96)).toBeCloseTo(0.024997895148220435, 14);
    expect(normalCdf(3)).toBeCloseTo(0.9986501019683699, 14);
    // Far tail keeps relative accuracy (the continued-fraction branch: ~1e-8 relative).
    expect(normalCdf(-8) / 6.220960574271785e-16).toBeCloseTo(1, 7);
    expect(normalCdf(-40)).toBe(0);
  });
  it("matches reference quantiles (R qnorm) to 1e-12 (1e-9 in the far tail)", () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 12);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232306167813, 12);
    expect(normalQuantile(1e-10)).toBeCloseTo(-6.361340902404056, 9);
    expect(normalQuantile(0.5)).toBeCloseTo(0, 15);
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(zForLevel(0.9)).toBeCloseTo(1.6448536269514722, 12);
  });
  it("quantile inverts the CDF", () => {
    for (const p of [0.0001, 0.01, 0.2, 0.5, 0.77, 0.99, 0.9999]) expect(normalCdf(normalQuantile(p))).toBeCloseTo(p, 14);
  });
  it("rejects invalid input", () => {
    expect(() => normalQuantile(-0.1)).toThrow(RangeError);
    expect(() => zForLevel(1)).toThrow(RangeError);
    expect(() => normalCdf(Number.NaN)).toThrow(RangeError);
  });
});
