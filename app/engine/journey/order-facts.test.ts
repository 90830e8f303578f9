import { describe, expect, it } from "vitest";
import { at, order } from "../testing/order-builder";
import { PURCHASE, isShippingOrder, netOrderValue, orderAsKnownAt, placedAt, purchaseStatus } from "./order-facts";

describe("order facts", () => {
  it("placedAt prefers processedAt (the date imported orders carry)", () => {
    expect(placedAt(order({ at: "2024-05-01", processedAt: at("2023-01-01") }))).toBe(at("2023-01-01"));
    expect(placedAt(order({ at: "2024-05-01", processedAt: null }))).toBe(at("2024-05-01"));
  });
  it("recognises orders with no parcel to deliver", () => {
    expect(isShippingOrder(order())).toBe(true);
    expect(isShippingOrder(order({ shippingSpeed: "pickup" }))).toBe(false);
    expect(isShippingOrder(order({ channel: "Point of Sale" }))).toBe(false);
    // a POS sale shipped to the customer with tracking is a delivery
    expect(isShippingOrder(order({ channel: "Point of Sale", ship: { afterHours: 2, carrier: "UPS" } }))).toBe(true);
    expect(isShippingOrder(order({ lineItems: [{ quantity: 1, unitPrice: 20, unitCost: null, requiresShipping: false }] }))).toBe(false);
    expect(isShippingOrder(order({ lineItems: [] }))).toBe(true);
  });
  it("net value subtracts refunds and never goes below zero", () => {
    expect(netOrderValue(order({ total: 80, refunds: [{ createdAt: 0, amount: 30 }] }))).toBe(50);
    expect(netOrderValue(order({ total: 80, refunds: [{ createdAt: 0, amount: 100 }] }))).toBe(0);
    expect(netOrderValue(order({ total: Number.NaN }))).toBe(0);
  });
  it("net value as of a date ignores refunds issued later", () => {
    const o = order({ total: 80, refunds: [{ createdAt: at("2024-01-05"), amount: 30 }, { createdAt: at("2024-02-01"), amount: 20 }] });
    expect(netOrderValue(o, at("2024-01-10"))).toBe(50);
    expect(netOrderValue(o, at("2024-02-01"))).toBe(30);
  });
  it("purchaseStatus: one definition of a purchase as of a date", () => {
    const asOf = at("2024-03-01");
    expect(purchaseStatus(order({ at: "2024-02-01" }), asOf)).toBe(PURCHASE.COUNTED);
    expect(purchaseStatus(order({ at: "2024-02-01", customer: null }), asOf)).toBe(PURCHASE.GUEST);
    expect(purchaseStatus(order({ at: "2024-02-01", customer: "" }), asOf)).toBe(PURCHASE.GUEST);
    expect(purchaseStatus(order({ at: "2024-03-02" }), asOf)).toBe(PURCHASE.AFTER_AS_OF);
    expect(purchaseStatus({ ...order(), createdAt: Number.NaN, processedAt: null }, asOf)).toBe(PURCHASE.UNDATED);
    expect(purchaseStatus(order({ at: "2024-02-01", cancelledAt: at("2024-02-02") }), asOf)).toBe(PURCHASE.CANCELLED);
    expect(purchaseStatus(order({ at: "2024-02-01", cancelledAt: at("2024-03-05") }), asOf)).toBe(PURCHASE.COUNTED);
    expect(purchaseStatus(order({ at: "2024-02-01", cancelledAt: Number.NaN }), asOf)).toBe(PURCHASE.CANCELLED);
  });
  it("orderAsKnownAt drops what happened after the date, and copies only then", () => {
    const asOf = at("2024-03-01");
    const plain = order({ at: "2024-02-01", refunds: [{ createdAt: at("2024-02-10"), amount: 5 }] });
    expect(orderAsKnownAt(plain, asOf)).toBe(plain);
    const later = order({
      at: "2024-02-01",
      cancelledAt: at("2024-03-09"),
      refunds: [{ createdAt: at("2024-02-10"), amount: 5 }, { createdAt: at("2024-03-10"), amount: 7 }],
      returns: [{ createdAt: at("2024-03-11"), reasons: ["too-small"] }],
    });
    const known = orderAsKnownAt(later, asOf);
    expect(known).not.toBe(later);
    expect(known).toMatchObject({ cancelledAt: null, refunds: [{ amount: 5 }], returns: [] });
    expect(later.refunds).toHaveLength(2); // the input is not mutated
  });
});
