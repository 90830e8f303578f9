import { describe, expect, it } from "vitest";
import type { Order } from "../types";
import { auditJourney } from "../journey/audit";
import { buildPurchaseHistory } from "../repeat/purchase-history";
import { at, DAY, order } from "../testing/order-builder";
import { channelConsistency, channelKey } from "./channel-consistency";
import { orderTotals } from "./order-totals";

const AS_OF = at("2025-01-01");
const T0 = at("2024-01-10");

describe("channelConsistency", () => {
  const orders: Order[] = [];
  const onTime = { promiseDays: 4, ship: { afterHours: 10, pickupAfterHours: 20, deliveredAfterHours: 72 } };
  for (let i = 0; i < 200; i++) {
    orders.push(order({ id: `o${i}`, customer: `o${i}`, at: T0 + i * 3_600_000, channel: "Online Store", ...onTime }));
    if (i < 100) orders.push(order({ id: `o${i}-2`, customer: `o${i}`, at: T0 + 60 * DAY, channel: "Online Store", ...onTime }));
  }
  // Shop app: slow to ship (40 h) and 3+ days late; nobody comes back.
  for (let i = 0; i < 60; i++) {
    orders.push(order({ id: `s${i}`, customer: `s${i}`, at: T0, channel: " Shop ", promiseDays: 2, ship: { afterHours: 40, pickupAfterHours: 45, deliveredAfterHours: 100 } }));
  }
  // Point of sale: not shipped; half come back.
  for (let i = 0; i < 20; i++) {
    orders.push(order({ id: `p${i}`, customer: `p${i}`, at: T0, channel: "Point of Sale", shippingSpeed: "local" }));
    if (i < 10) orders.push(order({ id: `p${i}-2`, customer: `p${i}`, at: T0 + 30 * DAY, channel: "Point of Sale", shippingSpeed: "local" }));
  }
  const h = buildPurchaseHistory(orders, { asOf: AS_OF });
  const journey = auditJourney(orders, { asOf: AS_OF });
  const c = channelConsistency(h, journey, orderTotals(orders, AS_OF).ordersByChannel);
  const row = (name: string) => c.channels.find((r) => r.channel === name)!;

  it("reports each channel's delivery and repeat figures", () => {
    expect(c.channels.map((r) => r.channel)).toEqual(["Online Store", "Shop", "Point of Sale"]);
    expect(row("Online Store")).toMatchObject({ orders: 300, shippingOrders: 300, processingHoursMedian: 10, newCustomers: 200 });
    expect(row("Online Store").repeatRate.value).toBe(0.5);
    expect(row("Shop")).toMatchObject({ orders: 60, shippingOrders: 60, processingHoursMedian: 40, newCustomers: 60 });
    expect(row("Shop").onTimeRate?.value).toBe(0);
    expect(row("Point of Sale")).toMatchObject({ orders: 30, shippingOrders: 0, processingHoursMedian: null, onTimeRate: null, exceptionRate: null });
    expect(row("Point of Sale").repeatRate.value).toBe(0.5);
  });

  it("flags clear differences from the rest of the store", () => {
    expect(row("Shop").flags).toEqual([
      { metric: "processing", worse: true, message: "Takes 40 hours to ship (median) vs 10 for the store." },
      { metric: "on_time", worse: true, message: "On-time rate 100.0 points lower than the rest of the store (worse)." },
      { metric: "repeat", worse: true, message: "Repeat rate 50.0 points lower than the rest of the store (worse)." },
    ]);
    expect(row("Online Store").flags).toContainEqual({ metric: "on_time", worse: false, message: "On-time rate 100.0 points higher than the rest of the store (better)." });
    // 10 of 20 vs 100 of 260: too few customers to call it.
    expect(row("Point of Sale").flags).toEqual([]);
    // Only Shop is worse on anything.
    expect(c.flagged).toBe(1);
  });

  it("names channels as the journey audit does", () => {
    expect(channelKey(" Shop ")).toBe("Shop");
    expect(channelKey("")).toBe("(unknown)");
    expect(channelKey(null)).toBe("(unknown)");
  });

  it("is empty for an empty store", () => {
    const empty = channelConsistency(buildPurchaseHistory([], { asOf: AS_OF }), auditJourney([], { asOf: AS_OF }), new Map());
    expect(empty).toEqual({ channels: [], flagged: 0 });
  });
});
