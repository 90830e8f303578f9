import { describe, expect, it } from "vitest";
import { buildPurchaseHistory } from "../repeat/purchase-history";
import { at, DAY, order } from "../testing/order-builder";
import { orderTotals } from "./order-totals";
import { repeatValue, storeEconomics } from "./store-economics";

const AS_OF = at("2025-01-01");

describe("storeEconomics", () => {
  const orders = [
    // a: first 500 days ago, repeats at +20 (30) and +200 (70) days.
    order({ id: "a1", customer: "a", at: AS_OF - 500 * DAY, total: 50 }),
    order({ id: "a2", customer: "a", at: AS_OF - 480 * DAY, total: 30 }),
    order({ id: "a3", customer: "a", at: AS_OF - 300 * DAY, total: 70 }),
    // b: first 400 days ago, never again.
    order({ id: "b1", customer: "b", at: AS_OF - 400 * DAY, total: 40 }),
    // c: first 200 days ago (new this year), repeat at +60 (90) days.
    order({ id: "c1", customer: "c", at: AS_OF - 200 * DAY, total: 60 }),
    order({ id: "c2", customer: "c", at: AS_OF - 140 * DAY, total: 90 }),
    // d: new 10 days ago.
    order({ id: "d1", customer: "d", at: AS_OF - 10 * DAY, total: 20 }),
    // A guest order counts in revenue, not in customers.
    order({ id: "g", customer: null, at: AS_OF - 5 * DAY, total: 100 }),
  ];
  const h = buildPurchaseHistory(orders, { asOf: AS_OF });
  const e = storeEconomics(h, orderTotals(orders, AS_OF), [90, 365]);

  it("counts new customers and repeat purchases of the last year", () => {
    expect(e.newCustomersPerYear.value).toBe(2); // c and d
    expect(e.repeatPurchasesPerYear.value).toBe(2); // a3 (300 days ago) and c2
    expect(e.newCustomersPerYear.source).toBe("data");
    expect(e.newCustomersPerYear.confidence).toBe("insufficient"); // 2 customers
  });

  it("sums the last year's revenue and order value", () => {
    // Last 365 days: a3 70, c1 60, c2 90, d1 20, g 100.
    expect(e.revenuePerYear.value).toBe(340);
    expect(e.ordersPerYear.value).toBe(5);
    expect(e.averageOrderValue.value).toBeCloseTo(68, 12);
  });

  it("values a returning customer by their repeat purchases within the horizon", () => {
    const [v90, v365] = e.repeatCustomerValue;
    // 90 days: a (30 within 20 days), c (90 at 60 days) return; b and d: b does not, d too young.
    expect(v90).toMatchObject({ days: 90, eligible: 3, returning: 2 });
    expect(v90.meanRepeatRevenue.value).toBeCloseTo(60, 12);
    // 365 days: only a and b are old enough; a brings 30 + 70.
    expect(v365).toMatchObject({ days: 365, eligible: 2, returning: 1 });
    expect(v365.meanRepeatRevenue.value).toBe(100);
  });

  it("scales a short history up to a year and says so", () => {
    const short = [order({ id: "x1", customer: "x", at: AS_OF - 73 * DAY, total: 10 }), order({ id: "y1", customer: "y", at: AS_OF - 10 * DAY, total: 30 })];
    const s = storeEconomics(buildPurchaseHistory(short, { asOf: AS_OF }), orderTotals(short, AS_OF), [90]);
    expect(s.newCustomersPerYear.value).toBeCloseTo(2 * (365 / 73), 10);
    expect(s.revenuePerYear.value).toBeCloseTo(40 * 5, 10);
    expect(s.newCustomersPerYear.caveats).toContain("Scaled up from 73 days of history to a full year.");
  });

  it("reports insufficient figures for an empty store, never NaN", () => {
    const s = storeEconomics(buildPurchaseHistory([], { asOf: AS_OF }), orderTotals([], AS_OF), [90]);
    expect(s.newCustomersPerYear).toMatchObject({ value: null, confidence: "insufficient" });
    expect(s.averageOrderValue.value).toBeNull();
    expect(repeatValue(buildPurchaseHistory([], { asOf: AS_OF }), 90).meanRepeatRevenue.caveats).toEqual(["No customer has been followed for 90 days yet."]);
  });
});
