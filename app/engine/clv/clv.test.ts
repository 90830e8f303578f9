import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CustomerSummary } from "../types";
import { bgnbdConditionalExpectedTransactions, bgnbdProbabilityAlive } from "./bgnbd";
import { computeClv, computeClvColumnar, fitClvModels, type ClvModels } from "./clv";
import { gammaGammaExpectedSpend } from "./gamma-gamma";
import { groupRfm } from "./group";
import { simulateBgNbd, simulateGammaGammaSpend } from "./simulate";
import { summaryObjects, type SummaryColumns } from "./summary";

const MONTH_WEEKS = 365.25 / 12 / 7;

/** Every number anywhere in `value` is finite. */
function allFinite(value: unknown): boolean {
  if (typeof value === "number") return Number.isFinite(value);
  if (value === null || typeof value !== "object") return true;
  if (ArrayBuffer.isView(value)) return Array.from(value as Float64Array).every(Number.isFinite);
  return Object.values(value).every(allFinite);
}

function simulatedStore(customers: number, seed: number): SummaryColumns {
  const rfm = simulateBgNbd({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, { customers, seed, minT: 1, maxT: 52, unitDays: 7 });
  const m = simulateGammaGammaSpend({ p: 6.25, q: 3.74, gamma: 15.44 }, rfm.x, seed + 1);
  return { customerIds: Array.from({ length: customers }, (_, i) => `c${i}`), ...rfm, m, unitDays: 7 };
}

const oneTimer = (id: string, T: number): CustomerSummary => ({ customerId: id, frequency: 0, recency: 0, T, monetaryValue: 0 });

describe("fitClvModels on degenerate stores", () => {
  it("no customers: insufficient, no models, no values", () => {
    const models = fitClvModels([]);
    expect(models).toMatchObject({ transactions: null, spend: null, confidence: "insufficient", customers: 0 });
    expect(models.message).toMatch(/No customers/);
    const report = computeClv([], models, { marginRate: 0.5 });
    expect(report).toMatchObject({ totalClv: null, meanClv: null, confidence: "insufficient", customers: [] });
  });

  it("only one-time buyers: insufficient, and every customer's CLV is null rather than 0", () => {
    const summaries = Array.from({ length: 300 }, (_, i) => oneTimer(`c${i}`, 1 + (i % 40)));
    const models = fitClvModels(summaries);
    expect(models.confidence).toBe("insufficient");
    expect(models.message).toMatch(/None of your 300 customers has ordered a second time/);
    const report = computeClv(summaries, models, { marginRate: 0.4 });
    expect(report.customers.every((c) => c.clv === null && c.pAlive === null)).toBe(true);
    expect(report.totalClv).toBeNull();
  });

  it("a handful of repeaters: average repeat rate with low confidence, hand-checkable values", () => {
    const summaries: CustomerSummary[] = [
      { customerId: "a", frequency: 2, recency: 10, T: 20, monetaryValue: 30 },
      { customerId: "b", frequency: 1, recency: 5, T: 20, monetaryValue: 0 }, // refunded repeat
      oneTimer("c", 20),
      oneTimer("d", 20),
    ];
    const models = fitClvModels(summaries);
    expect(models.transactions).toEqual({ kind: "repeat-rate", ratePerUnit: 3 / 80 });
    // Store average repeat order: (2·30 + 1·0) / 3 = 20.
    expect(models.spend).toEqual({ kind: "average", meanOrderValue: 20 });
    expect(models.confidence).toBe("low");
    expect(models.caveats.join(" ")).toMatch(/average repeat rate/);
    const report = computeClv(summaries, models, { marginRate: 0.5, horizonMonths: 12, monthlyDiscountRate: 0.01 });
    const perMonth = (3 / 80) * MONTH_WEEKS;
    let annuity = 0;
    for (let k = 1; k <= 12; k++) annuity += 1 / 1.01 ** k;
    const byId = Object.fromEntries(report.customers.map((c) => [c.customerId, c]));
    expect(byId.a.clv).toBeCloseTo(perMonth * annuity * 30 * 0.5, 10); // own average
    expect(byId.c.clv).toBeCloseTo(perMonth * annuity * 20 * 0.5, 10); // store average
    expect(byId.b.expectedOrderValue).toBe(20);
    expect(byId.a.expectedTransactions).toBeCloseTo(perMonth * 12, 10);
    expect(byId.a.pAlive).toBeNull(); // no churn model, no P(alive)
    expect(report.confidence).toBe("low");
  });

  it("leaves out invalid records with a caveat and gives them null values", () => {
    const summaries: CustomerSummary[] = [
      { customerId: "ok", frequency: 1, recency: 2, T: 10, monetaryValue: 25 },
      { customerId: "bad", frequency: NaN, recency: 2, T: 10, monetaryValue: 25 },
      { customerId: "late", frequency: 1, recency: 12, T: 10, monetaryValue: 25 },
    ];
    const models = fitClvModels(summaries);
    expect(models.customers).toBe(1);
    expect(models.caveats.join(" ")).toMatch(/2 customer record\(s\)/);
    const report = computeClv(summaries, models, { marginRate: 0.3 });
    expect(report.customers.map((c) => c.clv === null)).toEqual([false, true, true]);
    expect(allFinite(report)).toBe(true);
  });

  it("falls back to the average order value when spend can't be modelled (fixed prices)", () => {
    const store = simulatedStore(3000, 4);
    // One price for everyone, then three prices: the Gamma-Gamma likelihood has no finite maximum.
    for (const price of [() => 49, (i: number) => 49 + (i % 3)]) {
      store.m = store.m.map((v, i) => (store.x[i] > 0 ? price(i) : 0));
      const models = fitClvModels(store);
      expect(models.transactions?.kind).toBe("bgnbd");
      expect(models.spend?.kind).toBe("average");
      expect(models.confidence).toBe("low");
      expect(models.caveats.join(" ")).toMatch(/order-value model could not be fitted/);
    }
  });

  it("short histories cap confidence at low", () => {
    const store = simulatedStore(3000, 17);
    for (let i = 0; i < store.T.length; i++) {
      store.T[i] = Math.min(store.T[i], 10);
      store.tx[i] = Math.min(store.tx[i], store.T[i]);
    }
    const models = fitClvModels(store);
    expect(models.confidence).toBe("low");
    expect(models.caveats.join(" ")).toMatch(/three months/);
  });
});

describe("fitClvModels on a real-sized store", () => {
  const store = simulatedStore(3000, 1);
  const models = fitClvModels(store);

  it("fits BG/NBD and Gamma-Gamma with a plain-language summary", () => {
    expect(models.transactions?.kind).toBe("bgnbd");
    expect(models.spend?.kind).toBe("gamma-gamma");
    expect(["medium", "high"]).toContain(models.confidence);
    expect(models.message).toMatch(/^Based on 3,000 customers \([\d,]+ returning\)/);
    expect(allFinite(models)).toBe(true);
  });

  it("computes CLV as discounted monthly expected orders × expected order value × margin", () => {
    if (models.transactions?.kind !== "bgnbd" || models.spend?.kind !== "gamma-gamma") throw new Error("model expected");
    const bg = models.transactions.params;
    const gg = models.spend.params;
    const i = Array.from(store.x).findIndex((x) => x >= 2);
    const [x, tx, T, m] = [store.x[i], store.tx[i], store.T[i], store.m[i]];
    let discounted = 0;
    for (let k = 1; k <= 6; k++) {
      const inc = bgnbdConditionalExpectedTransactions(bg, k * MONTH_WEEKS, x, tx, T) - bgnbdConditionalExpectedTransactions(bg, (k - 1) * MONTH_WEEKS, x, tx, T);
      discounted += inc / 1.02 ** k;
    }
    const aov = gammaGammaExpectedSpend(gg, x, m)!;
    const report = computeClv(store, models, { marginRate: 0.35, horizonMonths: 6, monthlyDiscountRate: 0.02 });
    const c = report.customers[i];
    expect(c.clv).toBeCloseTo(discounted * aov * 0.35, 10);
    expect(c.pAlive).toBeCloseTo(bgnbdProbabilityAlive(bg, x, tx, T), 14);
    expect(c.expectedTransactions).toBeCloseTo(bgnbdConditionalExpectedTransactions(bg, 6 * MONTH_WEEKS, x, tx, T), 12);
    expect(report.totalClv).toBeCloseTo(report.customers.reduce((s, c) => s + (c.clv ?? 0), 0), 6);
    expect(report.meanClv).toBeCloseTo(report.totalClv! / 3000, 9);
  });

  it("without discounting, CLV = expected orders × order value × margin", () => {
    const cols = computeClvColumnar(store, models, { marginRate: 0.5, monthlyDiscountRate: 0 });
    for (let i = 0; i < 50; i++) {
      expect(cols.clv[i]).toBeCloseTo(cols.expectedTransactions[i] * cols.expectedOrderValue[i] * 0.5, 9);
    }
  });

  it("properties: CLV finite, ≥ 0, non-decreasing in margin and horizon, for any customer and options", () => {
    const customer = fc
      .record({ x: fc.integer({ min: 0, max: 500 }), u: fc.double({ min: 0, max: 1, noNaN: true }), T: fc.double({ min: 0, max: 1000, noNaN: true }), m: fc.double({ min: 0, max: 1e6, noNaN: true }) })
      .map(({ x, u, T, m }): CustomerSummary => ({ customerId: "c", frequency: x, recency: x ? u * T : 0, T, monetaryValue: x ? m : 0 }));
    fc.assert(
      fc.property(
        customer,
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 1, max: 60 }),
        fc.double({ min: 0, max: 0.2, noNaN: true }),
        (c, m1, m2, horizon, d) => {
          const [lo, hi] = m1 <= m2 ? [m1, m2] : [m2, m1];
          const at = (margin: number, h = horizon) => computeClv([c], models, { marginRate: margin, horizonMonths: h, monthlyDiscountRate: d }).customers[0].clv!;
          const a = at(lo);
          const b = at(hi);
          return Number.isFinite(a) && a >= 0 && b >= a && at(hi, horizon + 6) >= b;
        },
      ),
      { numRuns: 200 },
    );
  });

  it("gives the same models and CLV when the caller passes the groups it already has", () => {
    const groups = groupRfm(store);
    const withGroups = fitClvModels(store, { groups });
    expect(withGroups).toEqual(models);
    const opts = { marginRate: 0.4, horizonMonths: 12, monthlyDiscountRate: 0.01 };
    expect(computeClvColumnar(store, models, opts, groups)).toEqual(computeClvColumnar(store, models, opts));
    expect(() => computeClvColumnar(store, models, opts, groupRfm({ x: [1], tx: [1], T: [2] }))).toThrow(/groups describe 1 rows/);
  });

  it("refuses summaries in a different time unit than the fit (a programming error)", () => {
    expect(() => computeClvColumnar({ ...store, unitDays: 1 }, models, { marginRate: 0.5 })).toThrow(/7-day units/);
  });

  it("sanitizes options: margin clamped to [0, 1], non-finite margin counts as 0 with a caveat", () => {
    const c = [summaryObjects(store)[0]];
    expect(computeClv(c, models, { marginRate: 7 }).customers[0].clv).toBe(computeClv(c, models, { marginRate: 1 }).customers[0].clv);
    const nan = computeClv(c, models, { marginRate: NaN, horizonMonths: Infinity, monthlyDiscountRate: NaN });
    expect(nan.customers[0].clv).toBe(0);
    expect(nan.caveats.join(" ")).toMatch(/margin/);
    expect(nan.horizonMonths).toBe(12);
  });
});

describe("fitClvModels never produces NaN", () => {
  it("on small random stores", () => {
    const row = fc
      .record({ x: fc.integer({ min: 0, max: 30 }), u: fc.double({ min: 0, max: 1, noNaN: true }), T: fc.double({ min: 0, max: 200, noNaN: true }), m: fc.double({ min: 0, max: 1e4, noNaN: true }) })
      .map(({ x, u, T, m }): CustomerSummary => ({ customerId: "c", frequency: x, recency: x ? u * T : 0, T, monetaryValue: x ? m : 0 }));
    fc.assert(
      fc.property(fc.array(row, { maxLength: 120 }), (rows) => {
        const models: ClvModels = fitClvModels(rows);
        const report = computeClv(rows, models, { marginRate: 0.4 });
        return allFinite(models) && allFinite(report) && report.customers.every((c) => c.clv === null || c.clv >= 0);
      }),
      { numRuns: 40 },
    );
  });
});
