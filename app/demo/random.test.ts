import { describe, expect, it } from "vitest";
import { Random, cumulative, hashSeed } from "./random";

function draws(n: number, f: () => number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = f();
  return out;
}
function mean(xs: Float64Array): number {
  return xs.reduce((s, x) => s + x, 0) / xs.length;
}
function variance(xs: Float64Array): number {
  const m = mean(xs);
  return xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1);
}
function median(xs: Float64Array): number {
  const sorted = Float64Array.from(xs).sort();
  return sorted[Math.floor(sorted.length / 2)];
}

describe("xoshiro128**", () => {
  it("matches the reference output for state (1, 2, 3, 4)", () => {
    // First outputs of the reference C implementation from that state, worked by hand:
    // rotl(2 * 5, 7) * 9 = 11520, then s[1] becomes 0, so the second is 0.
    const rng = Random.fromState(1, 2, 3, 4);
    expect(rng.nextUint32()).toBe(11520);
    expect(rng.nextUint32()).toBe(0);
    expect(rng.nextUint32()).toBe(5927040); // state (12295, 1029, 1029, 25165824): rotl(1029 * 5, 7) * 9
  });

  it("is deterministic per seed and differs across seeds", () => {
    const first = new Random("seed-1");
    const second = new Random("seed-1");
    const other = new Random("seed-2");
    const s1 = draws(100, () => first.next());
    const s2 = draws(100, () => second.next());
    const s3 = draws(100, () => other.next());
    expect(Array.from(s1)).toEqual(Array.from(s2));
    expect(Array.from(s1)).not.toEqual(Array.from(s3));
    expect(hashSeed("x")).toBe(hashSeed("x"));
    expect(hashSeed(42)).toBe(hashSeed("42"));
  });

  it("draws uniforms in [0, 1) with mean 1/2 and variance 1/12", () => {
    const rng = new Random(7);
    const u = draws(50_000, () => rng.next());
    expect(Math.min(...u)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...u)).toBeLessThan(1);
    expect(mean(u)).toBeCloseTo(0.5, 2);
    expect(variance(u)).toBeCloseTo(1 / 12, 2);
    const open = draws(10_000, () => rng.nextOpen());
    expect(open.every((x) => x > 0 && x < 1)).toBe(true);
  });

  it("draws integers over the whole inclusive range", () => {
    const rng = new Random(3);
    const seen = new Set(draws(2_000, () => rng.int(2, 5)));
    expect([...seen].sort()).toEqual([2, 3, 4, 5]);
  });
});

describe("samplers (moments on 40k draws, tolerances ~4 standard errors)", () => {
  const n = 40_000;

  it("gamma(shape, scale) has mean k*theta and variance k*theta^2, also for shape < 1", () => {
    for (const [shape, scale] of [
      [0.5, 2],
      [3, 1.5],
      [6, 10],
    ]) {
      const rng = new Random(`gamma-${shape}`);
      const x = draws(n, () => rng.gamma(shape, scale));
      const m = shape * scale;
      const v = shape * scale * scale;
      expect(Math.abs(mean(x) - m)).toBeLessThan(4 * Math.sqrt(v / n));
      expect(Math.abs(variance(x) / v - 1)).toBeLessThan(0.08);
      expect(x.every((value) => value > 0)).toBe(true);
    }
  });

  it("beta(a, b) has mean a/(a+b) and variance ab/((a+b)^2(a+b+1))", () => {
    const rng = new Random("beta");
    const [a, b] = [1.2, 2.6];
    const x = draws(n, () => rng.beta(a, b));
    const v = (a * b) / ((a + b) ** 2 * (a + b + 1));
    expect(Math.abs(mean(x) - a / (a + b))).toBeLessThan(4 * Math.sqrt(v / n));
    expect(Math.abs(variance(x) / v - 1)).toBeLessThan(0.06);
  });

  it("poisson(mean) has mean = variance = lambda", () => {
    const rng = new Random("poisson");
    for (const lambda of [0.3, 1, 4.5]) {
      const x = draws(n, () => rng.poisson(lambda));
      expect(Math.abs(mean(x) - lambda)).toBeLessThan(4 * Math.sqrt(lambda / n));
      expect(Math.abs(variance(x) / lambda - 1)).toBeLessThan(0.06);
      expect(x.every((k) => Number.isInteger(k) && k >= 0)).toBe(true);
    }
    expect(rng.poisson(0)).toBe(0);
  });

  it("logNormal(median, sigma) has the stated median and log-sd", () => {
    const rng = new Random("lognormal");
    const x = draws(n, () => rng.logNormal(2.5, 0.3));
    expect(median(x)).toBeCloseTo(2.5, 1);
    const logs = x.map(Math.log);
    expect(Math.sqrt(variance(logs))).toBeCloseTo(0.3, 2);
  });

  it("exponential(rate) has mean 1/rate", () => {
    const rng = new Random("exp");
    const x = draws(n, () => rng.exponential(4));
    expect(Math.abs(mean(x) - 0.25)).toBeLessThan(4 * (0.25 / Math.sqrt(n)));
  });

  it("normal() is standard", () => {
    const rng = new Random("normal");
    const x = draws(n, () => rng.normal());
    expect(Math.abs(mean(x))).toBeLessThan(4 / Math.sqrt(n));
    expect(variance(x)).toBeCloseTo(1, 1);
  });

  it("rejects invalid parameters instead of returning NaN", () => {
    const rng = new Random(1);
    expect(() => rng.gamma(0, 1)).toThrow(RangeError);
    expect(() => rng.gamma(1, -1)).toThrow(RangeError);
    expect(() => rng.gamma(Number.NaN, 1)).toThrow(RangeError);
    expect(() => rng.poisson(-1)).toThrow(RangeError);
    expect(() => cumulative([0, 0])).toThrow(RangeError);
    expect(() => cumulative([1, -1])).toThrow(RangeError);
  });
});

describe("weighted picks", () => {
  it("pickIndex follows the weights", () => {
    const rng = new Random("pick");
    const weights = cumulative([1, 0, 3]);
    const counts = [0, 0, 0];
    for (let i = 0; i < 20_000; i++) counts[rng.pickIndex(weights)]++;
    expect(counts[1]).toBe(0);
    expect(counts[0] / 20_000).toBeCloseTo(0.25, 1);
    expect(counts[2] / 20_000).toBeCloseTo(0.75, 1);
  });
});
