import { describe, expect, it } from "vitest";
import { fitClvModels, type ClvModels } from "./clv";
import { groupRfm } from "./group";
import { predictHoldout, validateHoldout } from "./holdout";
import { simulateBgNbd, simulateGammaGammaSpend } from "./simulate";
import type { CalibrationHoldout, SummaryColumns } from "./summary";

function split(cal: Omit<SummaryColumns, "customerIds" | "unitDays">, holdout: ArrayLike<number>, duration: number): CalibrationHoldout {
  return {
    calibration: { customerIds: Array.from(cal.x, (_, i) => `c${i}`), unitDays: 7, x: cal.x, tx: cal.tx, T: cal.T, m: cal.m },
    holdoutTransactions: Float64Array.from(holdout),
    holdoutDuration: duration,
    calibrationEnd: 0,
    observationEnd: duration * 7 * 86_400_000,
  };
}

describe("validateHoldout", () => {
  it("scores a known forecast exactly (repeat-rate model, hand-computed)", () => {
    const s = split(
      { x: Float64Array.of(0, 1, 3, 9), tx: Float64Array.of(0, 4, 8, 9), T: Float64Array.of(10, 10, 10, 10), m: Float64Array.of(0, 5, 5, 5) },
      [0, 1, 4, 2],
      10,
    );
    const models: ClvModels = {
      transactions: { kind: "repeat-rate", ratePerUnit: 0.1 },
      spend: { kind: "average", meanOrderValue: 5 },
      unitDays: 7,
      customers: 4,
      repeatCustomers: 3,
      confidence: "low",
      message: "test",
      caveats: [],
    };
    // Each customer is forecast 0.1 × 10 = 1 order: total 4 vs 7 actual → −42.9 %, MAE (1+0+3+1)/4.
    const r = validateHoldout(s, models);
    expect(r.predictedTotal).toBeCloseTo(4, 12);
    expect(r.actualTotal).toBe(7);
    expect(r.percentError).toBeCloseTo((-3 / 7) * 100, 10);
    expect(r.maePerCustomer).toBeCloseTo(1.25, 12);
    expect(r.byFrequency.map((b) => b.frequency)).toEqual(["0", "1", "3", "7+"]);
    expect(r.byFrequency[3]).toEqual({ frequency: "7+", customers: 1, predictedMean: 1, actualMean: 2 });
    expect(r.confidence).toBe("low");
    expect(r.message).toBe("Tested on the 10-week check period: the model predicted 4 repeat orders and 7 happened (43% low).");
  });

  it("predicts simulated holdout purchases closely when the model is right", () => {
    const truth = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
    const sim = simulateBgNbd(truth, { customers: 20_000, seed: 8, minT: 27, maxT: 39, holdoutDuration: 39 });
    const m = simulateGammaGammaSpend({ p: 6.25, q: 3.74, gamma: 15.44 }, sim.x, 9);
    const r = validateHoldout(split({ ...sim, m }, sim.holdout, 39));
    expect(r.models.transactions?.kind).toBe("bgnbd");
    expect(r.customers).toBe(20_000);
    // Aggregate holdout forecasts from a correct model land within a few percent.
    expect(Math.abs(r.percentError!)).toBeLessThan(5);
    expect(r.byFrequency.reduce((s, b) => s + b.customers, 0)).toBe(20_000);
    // Customers who bought more before are forecast (and seen) to buy more after.
    const means = r.byFrequency.map((b) => b.predictedMean!);
    expect(means[means.length - 1]).toBeGreaterThan(means[0]);
    const predicted = predictHoldout(split({ ...sim, m }, sim.holdout, 39), r.models)!;
    expect(predicted.reduce((a, b) => a + b, 0)).toBeCloseTo(r.predictedTotal!, 6);
    // The caller's groups of the calibration rows give the same report.
    const s = split({ ...sim, m }, sim.holdout, 39);
    expect(validateHoldout(s, undefined, groupRfm(s.calibration))).toEqual(r);
  });

  it("is explicit when nothing can be checked", () => {
    const none = validateHoldout(split({ x: new Float64Array(0), tx: new Float64Array(0), T: new Float64Array(0), m: new Float64Array(0) }, [], 10));
    expect(none).toMatchObject({ customers: 0, predictedTotal: null, percentError: null, maePerCustomer: null, confidence: "insufficient" });
    const oneTimers = validateHoldout(split({ x: new Float64Array(5), tx: new Float64Array(5), T: Float64Array.of(1, 2, 3, 4, 5), m: new Float64Array(5) }, [0, 1, 0, 0, 0], 10));
    expect(oneTimers.predictedTotal).toBeNull();
    expect(oneTimers.message).toMatch(/ordered a second time/);
    const models = fitClvModels(split({ x: Float64Array.of(1, 2), tx: Float64Array.of(1, 2), T: Float64Array.of(3, 3), m: Float64Array.of(5, 5) }, [0, 0], 4).calibration);
    const quiet = validateHoldout(split({ x: Float64Array.of(1, 2), tx: Float64Array.of(1, 2), T: Float64Array.of(3, 3), m: Float64Array.of(5, 5) }, [0, 0], 4), models);
    expect(quiet.percentError).toBeNull();
    expect(quiet.confidence).toBe("insufficient");
    expect(quiet.message).toMatch(/No repeat orders happened/);
  });
});
