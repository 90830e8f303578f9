import { describe, expect, it } from "vitest";
import { createRng, sampleBeta, sampleGamma, simulateBgNbd } from "./simulate";

function moments(draw: () => number, n: number): { mean: number; variance: number } {
  let s = 0;
  let s2 = 0;
  for (let i = 0; i < n; i++) {
    const v = draw();
    s += v;
    s2 += v * v;
  }
  const mean = s / n;
  return { mean, variance: s2 / n - mean * mean };
}

describe("seeded samplers", () => {
  it("are reproducible and uniform on [0, 1)", () => {
    const a = createRng(42);
    const b = createRng(42);
    const xs = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(xs);
    expect(createRng(43)()).not.toBe(xs[0]);
    const m = moments(createRng(1), 200_000);
    expect(m.mean).toBeCloseTo(0.5, 2); // SE 0.0006
    expect(m.variance).toBeCloseTo(1 / 12, 3);
  });

  it.each([
    [0.243, 4.414],
    [2.5, 0.5],
  ])("Gamma(%d, rate %d) has mean k/θ and variance k/θ² (within 4 SE)", (shape, rate) => {
    const n = 200_000;
    const rng = createRng(7);
    const m = moments(() => sampleGamma(rng, shape, rate), n);
    const mean = shape / rate;
    const variance = shape / (rate * rate);
    expect(Math.abs(m.mean - mean)).toBeLessThan(4 * Math.sqrt(variance / n));
    expect(Math.abs(m.variance / variance - 1)).toBeLessThan(0.05);
  });

  it("Beta(a, b) has mean a/(a+b)", () => {
    const rng = createRng(9);
    const m = moments(() => sampleBeta(rng, 0.793, 2.426), 100_000);
    expect(m.mean).toBeCloseTo(0.793 / (0.793 + 2.426), 2);
  });
});

describe("simulateBgNbd", () => {
  it("produces valid summaries, day-aligned when recorded by day", () => {
    const sim = simulateBgNbd({ r: 0.5, alpha: 2, a: 0.8, b: 2.5 }, { customers: 5000, seed: 3, minT: 1, maxT: 52, unitDays: 7 });
    for (let i = 0; i < 5000; i++) {
      expect(Number.isInteger(sim.x[i])).toBe(true);
      expect(sim.tx[i]).toBeGreaterThanOrEqual(0);
      expect(sim.tx[i]).toBeLessThanOrEqual(sim.T[i]);
      expect(Math.abs(sim.T[i] * 7 - Math.round(sim.T[i] * 7))).toBeLessThan(1e-9);
      expect(Math.abs(sim.tx[i] * 7 - Math.round(sim.tx[i] * 7))).toBeLessThan(1e-9);
      if (sim.x[i] === 0) expect(sim.tx[i]).toBe(0);
    }
  });
});
