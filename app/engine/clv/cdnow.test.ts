/**
 * Validation against the published CDNow results (Fader, Hardie & Lee 2005), on the
 * 2,357-customer sample, built through the engine's own Order → summary path.
 * Calibration: 1997-01-01 … 1997-09-30 (T = 38.86 weeks for a Jan 1 first purchase);
 * holdout: the following 39 weeks (weeks 40–78, to 1998-06-30).
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { order } from "../../../test/order-fixture";
import type { Order } from "../types";
import { bgnbdConditionalExpectedTransactions, bgnbdExpectedTransactions, bgnbdLogLikelihood, fitBgNbd } from "./bgnbd";
import { fitGammaGamma } from "./gamma-gamma";
import { validateHoldout } from "./holdout";
import { fitParetoNbd } from "./pareto-nbd";
import { calibrationHoldoutSplit, summarizeCustomers, type CalibrationHoldout } from "./summary";

const repoRoot = fileURLToPath(new URL("../../..", import.meta.url));
const dir = process.env.CDNOW_DIR ?? path.resolve(repoRoot, "../shared/datasets/cdnow");
const file = path.join(dir, "CDNOW_sample.txt");
const available = existsSync(file);
const CALIBRATION_END = Date.UTC(1997, 8, 30);
const OBSERVATION_END = Date.UTC(1998, 5, 30);

/** |estimate − published| within half a unit of the published figure's last printed digit. */
function expectPublished(estimate: number, published: string): void {
  const decimals = published.split(".")[1]?.length ?? 0;
  expect(Math.abs(estimate - Number(published))).toBeLessThanOrEqual(0.5 * 10 ** -decimals + 1e-12);
}

function loadOrders(): { orders: Order[]; rows: Array<{ id: string; day: number; dollars: number }> } {
  const rows = readFileSync(file, "utf8")
    .trim()
    .split("\n")
    .map((line) => {
      const [, sampleId, date, , dollars] = line.trim().split(/\s+/);
      const day = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(4, 6)) - 1, Number(date.slice(6, 8)));
      return { id: sampleId, day, dollars: Number(dollars) };
    });
  const orders = rows.map((r, i) =>
    order({ id: `cdnow-${i}`, customerId: r.id, createdAt: r.day, processedAt: r.day, updatedAt: r.day, totalPrice: r.dollars }),
  );
  return { orders, rows };
}

const title = available
  ? "CDNow validation"
  : process.env.CI
    ? `CDNow validation (data missing at ${file})`
    : `CDNow validation (skipped: ${file} not found; set CDNOW_DIR)`;

describe.skipIf(!available && !process.env.CI)(title, () => {
  let split: CalibrationHoldout;
  let rows: ReturnType<typeof loadOrders>["rows"];

  beforeAll(() => {
    if (!available) throw new Error(`CDNow data missing at ${file} (required in CI; set CDNOW_DIR)`);
    const loaded = loadOrders();
    rows = loaded.rows;
    split = calibrationHoldoutSplit(loaded.orders, { calibrationEnd: CALIBRATION_END, observationEnd: OBSERVATION_END });
  });

  it("summarizes the sample as the literature does", () => {
    const s = split.calibration;
    expect(rows.length).toBe(6919);
    expect(s.customerIds.length).toBe(2357);
    expect(Array.from(s.x).filter((x) => x > 0).length).toBe(946);
    // Independent count: distinct (customer, day) pairs in calibration, minus each first purchase.
    const days = new Set(rows.filter((r) => r.day <= CALIBRATION_END).map((r) => `${r.id}:${r.day}`));
    const repeatTransactions = s.x.reduce((a, b) => a + b, 0);
    expect(repeatTransactions).toBe(days.size - 2357);
    expect(repeatTransactions).toBe(2457);
    expect(Math.max(...s.T)).toBeCloseTo(38.857, 3); // Jan 1 → Sep 30 = 272 days
    expect(split.holdoutDuration).toBe(39);
    const holdoutDays = new Set(rows.filter((r) => r.day > CALIBRATION_END && r.day <= OBSERVATION_END).map((r) => `${r.id}:${r.day}`));
    expect(split.holdoutTransactions.reduce((a, b) => a + b, 0)).toBe(holdoutDays.size);
    // The object API gives the same summaries.
    const objs = summarizeCustomers(loadOrders().orders, OBSERVATION_END, { calibrationEnd: CALIBRATION_END });
    expect(objs.map((o) => o.frequency)).toEqual(Array.from(s.x));
  });

  it("BG/NBD reproduces r = 0.243, α = 4.414, a = 0.793, b = 2.426, LL = −9582.4", () => {
    const fit = fitBgNbd(split.calibration);
    expect(fit.converged).toBe(true);
    expectPublished(fit.params.r, "0.243");
    expectPublished(fit.params.alpha, "4.414");
    expectPublished(fit.params.a, "0.793");
    expectPublished(fit.params.b, "2.426");
    expect(Math.abs(fit.logLikelihood - -9582.4)).toBeLessThan(0.1);
    expect(Math.abs(bgnbdLogLikelihood({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, split.calibration) - -9582.4)).toBeLessThan(0.1);
    // FHL (2005, §5): a customer with x = 2, tx = 30.43, T = 38.86 is expected to make 1.226 purchases in the next 39 weeks.
    expect(bgnbdConditionalExpectedTransactions({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, 39, 2, 30.43, 38.86)).toBeCloseTo(1.226, 3);
  });

  it("BG/NBD reaches the same optimum from distant starting points", () => {
    const starts = [
      { r: 1, alpha: 1, a: 1, b: 1 },
      { r: 0.01, alpha: 100, a: 10, b: 0.1 },
      { r: 100, alpha: 1000, a: 0.001, b: 1000 },
    ];
    for (const initial of starts) {
      const fit = fitBgNbd(split.calibration, { initial });
      expect(fit.converged).toBe(true);
      expect(fit.logLikelihood).toBeCloseTo(-9582.429, 3);
      expect(fit.params.alpha).toBeCloseTo(4.4136, 3);
    }
  });

  it("Pareto/NBD reproduces r = 0.55, α = 10.58, s = 0.61, β = 11.67, LL = −9595.0", () => {
    const fit = fitParetoNbd(split.calibration);
    expect(fit.converged).toBe(true);
    expectPublished(fit.params.r, "0.55");
    expectPublished(fit.params.alpha, "10.58");
    expectPublished(fit.params.s, "0.61");
    expectPublished(fit.params.beta, "11.67");
    expect(Math.abs(fit.logLikelihood - -9595.0)).toBeLessThan(0.1);
  });

  it("Gamma-Gamma reproduces p = 6.25, q = 3.74, γ = 15.44 on the 946 repeat customers", () => {
    const fit = fitGammaGamma(split.calibration);
    expect(fit.customers).toBe(946);
    expect(fit.converged).toBe(true);
    expectPublished(fit.params.p, "6.25");
    expectPublished(fit.params.q, "3.74");
    expectPublished(fit.params.gamma, "15.44");
  });

  it("holdout: weeks 40–78 forecast vs actual", () => {
    const report = validateHoldout(split);
    expect(report.models.transactions?.kind).toBe("bgnbd");
    expect(report.customers).toBe(2357);
    // Measured: 1,882 actual vs 1,653.4 predicted repeat transactions (−12.1 %), MAE 0.785 per customer.
    // The under-forecast is the model's, not the code's: the unconditional cohort forecast below
    // shows the same gap, and per-frequency means track the actual ones closely.
    expect(report.actualTotal).toBe(1882);
    expect(report.predictedTotal!).toBeCloseTo(1653.4, 0);
    expect(report.percentError!).toBeGreaterThan(-15);
    expect(report.percentError!).toBeLessThan(-10);
    expect(report.maePerCustomer!).toBeCloseTo(0.785, 3);
    expect(report.confidence).toBe("medium");
    expect(report.message).toBe("Tested on the 39-week check period: the model predicted 1,653 repeat orders and 1,882 happened (12% low).");
    expect(report.byFrequency.map((b) => b.frequency)).toEqual(["0", "1", "2", "3", "4", "5", "6", "7+"]);
    expect(report.byFrequency[7].predictedMean!).toBeCloseTo(6.16, 2);
    expect(report.byFrequency[7].actualMean).toBeCloseTo(6.36, 2);
  });

  it("cohort tracking: cumulative repeat transactions to week 78 within a few percent (FHL 2005, Fig. 3)", () => {
    const p = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
    const s = split.calibration;
    let calibration = 0;
    let total = 0;
    for (let i = 0; i < s.T.length; i++) {
      calibration += bgnbdExpectedTransactions(p, s.T[i]);
      total += bgnbdExpectedTransactions(p, s.T[i] + 39);
    }
    const actual = 2457 + 1882;
    // Measured: 2,497.6 forecast vs 2,457 actual in calibration; 4,166.4 vs 4,339 by week 78 (−4.0 %).
    expect(calibration).toBeCloseTo(2497.6, 0);
    expect(Math.abs(total / actual - 1)).toBeLessThan(0.05);
  });
});
