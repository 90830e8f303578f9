import { describe, expect, it } from "vitest";
import type { Order } from "../types";
import { buildPurchaseHistory } from "../repeat/purchase-history";
import { at, DAY, order } from "../testing/order-builder";
import { analyzeClv, holdoutCalibrationEnd, predictedRevenueById } from "./clv-analysis";
import type { MarginBasis } from "./margin";

const AS_OF = at("2025-01-01");
const SETTINGS = { horizonMonths: 12, discountRateMonthly: 0.01, unitDays: 7 };
const margin = (rate: number | null): MarginBasis => ({
  rate,
  source: rate === null ? null : "data",
  confidence: rate === null ? "insufficient" : "high",
  knownCostShare: null,
  measuredRate: rate,
  merchantRate: null,
  note: rate === null ? "Margin unknown." : "Margin from unit costs.",
});

/** 400 customers over two years buying at exponential gaps, each with their own rate, dropout chance and spend. */
function store(): Order[] {
  let seed = 11;
  const rnd = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
  const out: Order[] = [];
  for (let c = 0; c < 400; c++) {
    let t = AS_OF - 730 * DAY + Math.floor(rnd() * 700) * DAY;
    // Customers differ in how often they buy, how soon they drop out and how much they spend.
    const meanGapDays = 15 + rnd() * 200;
    const dropout = rnd() ** 2;
    const spend = 20 + rnd() * 100;
    for (let k = 0; t <= AS_OF; k++) {
      out.push(order({ id: `c${c}-${k}`, customer: `c${c}`, at: t, total: Math.round(spend * (0.5 + rnd())) }));
      if (rnd() < dropout) break;
      t += Math.ceil(-Math.log(1 - rnd()) * meanGapDays) * DAY;
    }
  }
  return out;
}

describe("analyzeClv", () => {
  const h = buildPurchaseHistory(store(), { asOf: AS_OF });
  const clv = analyzeClv(h, SETTINGS, margin(0.4));

  it("fits the models and checks them on a held-out later period", () => {
    expect(clv.models.transactions?.kind).toBe("bgnbd");
    expect(clv.holdout).not.toBeNull();
    expect(clv.holdout?.holdoutDuration).toBeCloseTo(26, 10);
    expect(clv.holdoutNote).toMatch(/^Tested on the 26-week check period/);
  });

  it("predicts revenue per customer, aligned with the history, and sums it", () => {
    const p = clv.perCustomer!;
    expect(p.customerIds).toEqual(h.customerIds);
    let total = 0;
    for (const v of p.revenue) {
      expect(Number.isFinite(v) && v >= 0).toBe(true);
      total += v;
    }
    expect(clv.customers).toBe(h.customerIds.length);
    expect(clv.revenue.total.value).toBeCloseTo(total, 6);
    expect(clv.revenue.mean.value).toBeCloseTo(total / h.customerIds.length, 8);
    expect(clv.revenue.distribution.n).toBe(h.customerIds.length);
    expect(predictedRevenueById(clv)?.get("c0")).toBe(p.revenue[h.customerIds.indexOf("c0")]);
  });

  it("ranges the mean by the model's error on the check period", () => {
    const e = Math.abs(clv.holdout!.percentError!) / 100;
    const m = clv.revenue.mean.value!;
    expect(clv.revenue.mean.low).toBeCloseTo(Math.max(0, m * (1 - e)), 8);
    expect(clv.revenue.mean.high).toBeCloseTo(m * (1 + e), 8);
    expect(clv.revenue.mean.source).toBe("model");
  });

  it("keeps margin apart: revenue × margin rate, or unknown", () => {
    expect(clv.margin.mean.value).toBeCloseTo(clv.revenue.mean.value! * 0.4, 8);
    expect(clv.margin.total.value).toBeCloseTo(clv.revenue.total.value! * 0.4, 6);
    const unknown = analyzeClv(h, SETTINGS, margin(null));
    expect(unknown.revenue.mean.value).toBeCloseTo(clv.revenue.mean.value!, 10);
    expect(unknown.margin.mean).toMatchObject({ value: null, confidence: "insufficient", caveats: ["Margin unknown."] });
  });

  it("holds out a third of the history, at most 26 weeks, and nothing under 180 days", () => {
    const one = (days: number) => buildPurchaseHistory([order({ customer: "a", at: AS_OF - days * DAY })], { asOf: AS_OF });
    expect(holdoutCalibrationEnd(one(300))).toBe(AS_OF - 14 * 7 * DAY);
    expect(holdoutCalibrationEnd(one(700))).toBe(AS_OF - 26 * 7 * DAY);
    expect(holdoutCalibrationEnd(one(179))).toBeNull();
    expect(holdoutCalibrationEnd(buildPurchaseHistory([], { asOf: AS_OF }))).toBeNull();
  });

  it("is insufficient, with the reason, for one-time buyers and empty stores", () => {
    const oneTimers = buildPurchaseHistory(
      Array.from({ length: 80 }, (_, i) => order({ customer: `x${i}`, at: AS_OF - (10 + i) * DAY })),
      { asOf: AS_OF },
    );
    for (const hist of [oneTimers, buildPurchaseHistory([], { asOf: AS_OF })]) {
      const r = analyzeClv(hist, SETTINGS, margin(0.4));
      expect(r.perCustomer).toBeNull();
      expect(r.customers).toBe(0);
      expect(r.confidence).toBe("insufficient");
      expect(r.revenue.mean).toMatchObject({ value: null, confidence: "insufficient", source: "model" });
      expect(r.revenue.mean.caveats?.[0]).toBe(r.models.message);
      expect(r.margin.mean.value).toBeNull();
      expect(r.revenue.distribution.mean).toBeNull();
    }
  });
});
