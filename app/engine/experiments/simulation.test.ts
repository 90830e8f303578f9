/**
 * Simulated experiments with a seeded PRNG: with the effect the power analysis sized for, the
 * analysis detects it at about the stated power; with no effect, it signals at about α.
 * Tolerances are 3 binomial standard errors of the simulation count, √(p(1−p)/runs).
 */
import { describe, expect, it } from "vitest";
import { Random } from "../../demo/random";
import { twoVariantExperiment } from "../testing/fixtures";
import { normalCdf, normalQuantile } from "../stats";
import { analyzeExperiment } from "./analyze-experiment";
import { logRankTest } from "./log-rank";
import type { UnitOutcome } from "./outcomes";
import { powerAnalysis } from "./power";

const tolerance = (p: number, runs: number) => 3 * Math.sqrt((p * (1 - p)) / runs);

const definition = (plannedPerVariant: number) => twoVariantExperiment({ id: "sim", name: "Simulated", plannedPerVariant });

/** One arm of matured units: each reorders within 90 days with probability p, else later or never. */
function arm(rng: Random, variant: string, n: number, p: number, offset: number): UnitOutcome[] {
  return Array.from({ length: n }, (_, i) => ({
    unitId: `${variant}-${offset + i}`,
    variant,
    customerId: `c-${variant}-${offset + i}`,
    orderId: `o-${variant}-${offset + i}`,
    startAt: 0,
    followUpDays: 120,
    nextOrderDays: rng.next() < p ? 1 + rng.next() * 89 : rng.next() < 0.5 ? null : 91 + rng.next() * 29,
    troubled: false,
  }));
}

function detectionRate(seed: string, runs: number, treated: number, n: number): number {
  const rng = new Random(seed);
  const def = definition(n);
  let detected = 0;
  for (let r = 0; r < runs; r++) {
    const a = analyzeExperiment(def, [...arm(rng, "control", n, 0.2, 0), ...arm(rng, "treatment", n, treated, 0)]);
    if ((a.comparisons[0].repeat.pValue as number) < def.alpha) detected++;
  }
  return detected / runs;
}

describe("simulated experiments on the repeat rate", () => {
  const n = powerAnalysis({ baseline: 0.2, mde: 0.05, unitsPerMonth: null, windowDays: 90 }).perVariant as number;

  it("detects the effect it was sized for at about the stated power (0.8)", () => {
    const runs = 400;
    const rate = detectionRate("power", runs, 0.25, n);
    expect(Math.abs(rate - 0.8)).toBeLessThanOrEqual(tolerance(0.8, runs)); // ±0.06
  });

  it("keeps the false-positive rate at α (0.05) when there is no effect", () => {
    const runs = 1000;
    const rate = detectionRate("null", runs, 0.2, n);
    expect(Math.abs(rate - 0.05)).toBeLessThanOrEqual(tolerance(0.05, runs)); // ±0.021
  });
});

describe("simulated experiments on the time to a second order (log-rank, censored)", () => {
  /** Exponential times to reorder, staggered enrolment: each customer followed 30–365 days. */
  function group(rng: Random, n: number, hazard: number) {
    const events: number[] = [];
    const censored: number[] = [];
    for (let i = 0; i < n; i++) {
      const t = -Math.log(1 - rng.next()) / hazard;
      const followUp = 30 + rng.next() * 335;
      if (t <= followUp) events.push(t);
      else censored.push(followUp);
    }
    return { events, censored };
  }

  it("keeps the false-positive rate at α with censoring", () => {
    const rng = new Random("logrank-null");
    const runs = 600;
    let hits = 0;
    for (let r = 0; r < runs; r++) if (logRankTest([group(rng, 300, 1 / 120), group(rng, 300, 1 / 120)]).pValue < 0.05) hits++;
    expect(Math.abs(hits / runs - 0.05)).toBeLessThanOrEqual(tolerance(0.05, runs)); // ±0.027
  });

  it("detects a hazard ratio at the power Schoenfeld's formula predicts from the events seen", () => {
    // Power ≈ Φ(√D/2 · |ln HR| − z₀.₉₇₅) for D events split 1:1 (Schoenfeld 1981).
    const rng = new Random("logrank-power");
    const runs = 400;
    const hr = 1.3;
    let hits = 0;
    let predicted = 0;
    for (let r = 0; r < runs; r++) {
      const a = group(rng, 250, hr / 120);
      const b = group(rng, 250, 1 / 120);
      if (logRankTest([a, b]).pValue < 0.05) hits++;
      predicted += normalCdf((Math.sqrt(a.events.length + b.events.length) / 2) * Math.log(hr) - normalQuantile(0.975));
    }
    predicted /= runs;
    expect(predicted).toBeGreaterThan(0.5);
    expect(Math.abs(hits / runs - predicted)).toBeLessThanOrEqual(tolerance(predicted, runs));
  });
});
