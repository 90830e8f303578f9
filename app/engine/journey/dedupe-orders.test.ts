import { describe, expect, it } from "vitest";
import { at, order } from "../testing/order-builder";
import { dedupeOrders } from "./dedupe-orders";

describe("dedupeOrders", () => {
  it("keeps the newest copy by updatedAt, in first-appearance order", () => {
    const a1 = order({ id: "a", total: 1, updatedAt: at("2024-01-02") });
    const b = order({ id: "b" });
    const a2 = order({ id: "a", total: 2, updatedAt: at("2024-01-05") });
    const a3 = order({ id: "a", total: 3, updatedAt: at("2024-01-03") });
    const r = dedupeOrders([a1, b, a2, a3]);
    expect(r.duplicatesRemoved).toBe(2);
    expect(r.orders.map((o) => [o.id, o.totalPrice])).toEqual([["a", 2], ["b", 50]]);
  });
  it("on a tie, the later copy (newer sync) wins", () => {
    const first = order({ id: "x", total: 1 });
    const second = order({ id: "x", total: 2 });
    expect(dedupeOrders([first, second]).orders[0].totalPrice).toBe(2);
  });
  it("returns a copy when there is nothing to remove", () => {
    const input = [order({ id: "p" }), order({ id: "q" })];
    const r = dedupeOrders(input);
    expect(r).toEqual({ orders: input, duplicatesRemoved: 0 });
    expect(r.orders).not.toBe(input);
    expect(dedupeOrders([]).orders).toEqual([]);
  });
});
