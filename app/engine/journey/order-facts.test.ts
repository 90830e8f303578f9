import { describe, expect, it } from "vitest";
import { at, order } from "../testing/order-builder";
import { isShippingOrder, netOrderValue, placedAt } from "./order-facts";

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
});
