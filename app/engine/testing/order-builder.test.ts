import { describe, expect, it } from "vitest";
import { at, HOUR, order, resetOrderIds } from "./order-builder";

describe("order builder", () => {
  it("builds shipments from hours after the order", () => {
    resetOrderIds();
    const o = order({ at: "2024-02-01T10:00", promiseDays: 2, ship: { afterHours: 5, pickupAfterHours: 8, deliveredAfterHours: 40, exceptions: [["DELAYED", 20]] } });
    const t0 = at("2024-02-01T10:00");
    expect(o.id).toBe("o1");
    expect(o.promisedDeliveryAt).toBe(t0 + 48 * HOUR);
    const f = o.fulfillments[0];
    expect(f.createdAt).toBe(t0 + 5 * HOUR);
    expect(f.deliveredAt).toBe(t0 + 40 * HOUR);
    expect(f.events.map((e) => e.status)).toEqual(["CARRIER_PICKED_UP", "DELIVERED", "DELAYED"]);
    expect(f.hasTracking).toBe(true);
  });
  it("supports guests, cancellations and no-scan shipments", () => {
    const o = order({ customer: null, cancelledAfterHours: 1, ship: { afterHours: 1, carrier: null, deliveredAfterHours: 9, noEvents: true } });
    expect(o.customerId).toBeNull();
    expect(o.cancelledAt).toBe(o.createdAt + HOUR);
    expect(o.fulfillments[0]).toMatchObject({ carrier: null, hasTracking: false, events: [] });
    expect(() => at("not a date")).toThrow();
  });
});
