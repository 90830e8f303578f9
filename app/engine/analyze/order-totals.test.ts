import { describe, expect, it } from "vitest";
import { at, DAY, order } from "../testing/order-builder";
import { orderTotals } from "./order-totals";

const AS_OF = at("2025-01-01");

describe("orderTotals", () => {
  const orders = [
    // Counted, last year, costs known on one of two lines: 2×10 (cost 4) + 1×30 (no cost).
    order({
      id: "a",
      customer: "c1",
      at: AS_OF - 10 * DAY,
      total: 60,
      channel: "Online Store",
      lineItems: [
        { quantity: 2, unitPrice: 10, unitCost: 4, requiresShipping: true },
        { quantity: 1, unitPrice: 30, unitCost: null, requiresShipping: true },
      ],
      refunds: [{ createdAt: AS_OF - 5 * DAY, amount: 20 }],
    }),
    // Guest, last year, value 100.
    order({ id: "b", customer: null, at: AS_OF - 100 * DAY, total: 100, channel: "Shop" }),
    // Counted, more than a year ago: in totals, not in lastYear.
    order({ id: "c", customer: "c1", at: AS_OF - 400 * DAY, total: 50, channel: "Online Store" }),
    // Cancelled and after asOf: ignored.
    order({ id: "d", customer: "c2", at: AS_OF - 3 * DAY, total: 999, cancelledAfterHours: 1 }),
    order({ id: "e", customer: "c2", at: AS_OF + DAY, total: 999 }),
  ];
  const t = orderTotals(orders, AS_OF);

  it("counts only orders placed by asOf and not cancelled", () => {
    expect(t.orders).toBe(3);
    expect(t.guestOrders).toBe(1);
    expect(t.firstOrderAt).toBe(AS_OF - 400 * DAY);
    expect(t.lastOrderAt).toBe(AS_OF - 10 * DAY);
    expect(t.historyDays).toBe(400);
  });

  it("sums net revenue and the last year's order value moments", () => {
    expect(t.netRevenue).toBe(40 + 100 + 50);
    // Last year: values 40 and 100 → mean 70, Σ(x − mean)² = 900 + 900.
    expect(t.lastYear.orders).toBe(2);
    expect(t.lastYear.netRevenue).toBe(140);
    expect(t.lastYear.meanOrderValue).toBeCloseTo(70, 10);
    expect(t.lastYear.sumSquaredDeviations).toBeCloseTo(1800, 8);
  });

  it("measures unit-cost coverage on merchandise revenue", () => {
    // Lines: a: 20 (cost 8) + 30 (unknown); b: 100 (unknown); c: 50 (unknown).
    expect(t.productRevenue).toBe(200);
    expect(t.knownCostRevenue).toBe(20);
    expect(t.knownCost).toBe(8);
  });

  it("counts orders per channel", () => {
    expect(Object.fromEntries(t.ordersByChannel)).toEqual({ "Online Store": 2, Shop: 1 });
  });

  it("is all zeros and nulls for no orders", () => {
    const e = orderTotals([], AS_OF);
    expect(e).toMatchObject({ orders: 0, firstOrderAt: null, lastOrderAt: null, historyDays: 0, netRevenue: 0 });
    expect(e.lastYear).toEqual({ orders: 0, netRevenue: 0, meanOrderValue: 0, sumSquaredDeviations: 0 });
  });
});
