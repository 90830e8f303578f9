import { describe, expect, it } from "vitest";
import type { Order } from "../types";
import { at, DAY, HOUR, order } from "../testing/order-builder";
import { orderTimeline } from "./order-timeline";

const T0 = at("2024-01-10");
const AS_OF = at("2024-03-01");

const full = (overrides: Parameters<typeof order>[0] = {}) =>
  order({
    at: T0,
    promiseDays: 4,
    ship: { afterHours: 20, pickupAfterHours: 30, inTransitAfterHours: 32, outForDeliveryAfterHours: 90, deliveredAfterHours: 96 },
    ...overrides,
  });

describe("orderTimeline", () => {
  it("computes the windows of a complete journey", () => {
    const tl = orderTimeline(full(), AS_OF);
    // processing 20h; pickup lag 30 − 20 = 10h; transit 96 − 30 = 66h; order→delivery 96h
    expect(tl).toMatchObject({ scope: "included", processingHours: 20, pickupLagHours: 10, transitHours: 66, orderToDeliveryHours: 96 });
    // promised at +4 days = +96h, delivered at +96h: on time, 0 days late
    expect(tl.onTime).toBe("on_time");
    expect(tl.latenessDays).toBe(0);
    expect(tl.milestones.map((m) => (m.at === null ? null : (m.at - T0) / HOUR))).toEqual([0, 20, 30, 32, 90, 96]);
    expect(tl.gaps).toEqual({ noTracking: false, trackingWithoutEvents: false, noDeliveredTimestamp: false });
  });

  it("bands lateness in started days", () => {
    // delivered 100h vs promise 96h: 4h late → ceil(4/24) = 1 day
    const late1 = orderTimeline(full({ ship: { afterHours: 20, deliveredAfterHours: 100 } }), AS_OF);
    expect([late1.onTime, late1.latenessDays]).toEqual(["late_1_2", 1]);
    // delivered 168h: 72h late → exactly 3 days
    const late3 = orderTimeline(full({ ship: { afterHours: 20, deliveredAfterHours: 168 } }), AS_OF);
    expect([late3.onTime, late3.latenessDays]).toEqual(["late_3_plus", 3]);
  });

  it("takes the earliest time per milestone from shuffled, duplicated and undated events", () => {
    const o = full({
      ship: {
        afterHours: 20,
        events: [
          { status: "DELIVERED", happenedAt: T0 + 99 * HOUR },
          { status: "OUT_FOR_DELIVERY", happenedAt: T0 + 90 * HOUR },
          { status: "DELIVERED", happenedAt: T0 + 97 * HOUR },
          { status: "CARRIER_PICKED_UP", happenedAt: T0 + 30 * HOUR },
          { status: "CARRIER_PICKED_UP", happenedAt: T0 + 30 * HOUR },
          { status: "IN_TRANSIT", happenedAt: null as unknown as number },
          { status: "DELAYED", happenedAt: null as unknown as number },
        ],
      },
    });
    const tl = orderTimeline(o, AS_OF);
    expect(tl.orderToDeliveryHours).toBe(97); // earliest DELIVERED
    expect(tl.transitHours).toBe(67); // 97 − 30
    expect(tl.milestones[3].at).toBeNull(); // undated IN_TRANSIT ignored for timing
    expect(tl.exceptions.delayed).toBe(true); // …but an undated exception still counts
    expect([tl.onTime, tl.latenessDays]).toEqual(["late_1_2", 1]);
  });

  it("times the first shipment and counts exceptions on any", () => {
    const o = order({
      at: T0,
      promiseDays: 5,
      ship: [
        { id: "later", afterHours: 48, deliveredAfterHours: 200, exceptions: [["FAILURE", 150]] },
        { id: "first", afterHours: 10, pickupAfterHours: 12, deliveredAfterHours: 60 },
      ],
    });
    const tl = orderTimeline(o, AS_OF);
    expect(tl.processingHours).toBe(10);
    expect(tl.orderToDeliveryHours).toBe(60);
    expect(tl.onTime).toBe("on_time");
    expect(tl.exceptions.failure).toBe(true);
    expect(tl.multipleShipments).toBe(true);
  });

  it("takes milestones only from the first shipment, even when a later one is listed first with earlier scans", () => {
    const o = order({
      at: T0,
      promiseDays: 5,
      ship: [
        { id: "later", afterHours: 48, pickupAfterHours: 11, outForDeliveryAfterHours: 40, deliveredAfterHours: 55 },
        { id: "first", afterHours: 10, pickupAfterHours: 12, deliveredAfterHours: 60 },
      ],
    });
    const tl = orderTimeline(o, AS_OF);
    expect(tl.milestones.map((m) => (m.at === null ? null : (m.at - T0) / HOUR))).toEqual([0, 10, 12, null, null, 60]);
    expect([tl.pickupLagHours, tl.transitHours, tl.orderToDeliveryHours]).toEqual([2, 48, 60]);
  });

  it("reports information gaps", () => {
    const noTracking = orderTimeline(order({ at: T0, ship: { afterHours: 5, carrier: null } }), AS_OF);
    expect(noTracking.gaps).toEqual({ noTracking: true, trackingWithoutEvents: false, noDeliveredTimestamp: true });
    expect(noTracking.onTime).toBe("no_promise");
    const silent = orderTimeline(order({ at: T0, promiseDays: 3, ship: { afterHours: 5, noEvents: true } }), AS_OF);
    expect(silent.gaps.trackingWithoutEvents).toBe(true);
    // promise long passed, no scans, no delivered date: unknown, not late
    expect(silent.onTime).toBe("no_delivery_data");
  });

  it("does not call in-flight orders late until their promise passes", () => {
    const recent = at("2024-02-28");
    const inFlight = orderTimeline(order({ at: recent, promiseDays: 5, ship: { afterHours: 5, pickupAfterHours: 8 } }), AS_OF);
    expect(inFlight.onTime).toBe("pending");
    expect(inFlight.latenessDays).toBeNull();
    expect(inFlight.gaps.noDeliveredTimestamp).toBe(false);
    // promise Feb 23 + 5d = Feb 28, asOf Mar 1 (leap year: Feb 29 in between) → 2 days overdue,
    // carrier scanning, not delivered: late so far
    const overdue = orderTimeline(order({ at: at("2024-02-23"), promiseDays: 5, ship: { afterHours: 5, pickupAfterHours: 8 } }), AS_OF);
    expect([overdue.onTime, overdue.latenessDays, overdue.undeliveredPastPromise]).toEqual(["late_1_2", 2, true]);
    // never shipped; promise Jan 31 + 10d = Feb 10, asOf Mar 1 → 19 (Feb 10→29) + 1 = 20 days overdue: late 3+
    const unshipped = orderTimeline(order({ at: at("2024-01-31"), promiseDays: 10 }), AS_OF);
    expect([unshipped.onTime, unshipped.latenessDays]).toEqual(["late_3_plus", 20]);
  });

  it("ignores anything that happened after asOf", () => {
    const asOf = T0 + 50 * HOUR;
    const tl = orderTimeline(full(), asOf);
    expect(tl.milestones.map((m) => (m.at === null ? null : (m.at - T0) / HOUR))).toEqual([0, 20, 30, 32, null, null]);
    expect(tl.onTime).toBe("pending");
    expect(orderTimeline(full({ at: asOf + DAY }), asOf).scope).toBe("after_as_of");
  });

  it("classifies the scope of non-delivery orders", () => {
    expect(orderTimeline(full({ cancelledAfterHours: 1 }), AS_OF).scope).toBe("cancelled");
    expect(orderTimeline(full({ channel: "Point of Sale", ship: { afterHours: 0, carrier: null } }), AS_OF).scope).toBe("non_shipping");
    expect(orderTimeline(full({ shippingSpeed: "pickup" }), AS_OF).scope).toBe("non_shipping");
    const digital: Partial<Order> = { lineItems: [{ quantity: 1, unitPrice: 25, unitCost: null, requiresShipping: false }] };
    expect(orderTimeline(full(digital), AS_OF).scope).toBe("non_shipping");
    const undated = { ...full(), createdAt: Number.NaN, processedAt: null };
    expect(orderTimeline(undated, AS_OF).scope).toBe("no_order_date");
  });

  it("flags contradictory timestamps instead of reporting negative windows", () => {
    const tl = orderTimeline(order({ at: T0, ship: { afterHours: 50, pickupAfterHours: 40, deliveredAfterHours: 45 } }), AS_OF);
    expect(tl.pickupLagHours).toBeNull(); // pickup 10h before fulfillment
    expect(tl.transitHours).toBe(5);
    expect(tl.inconsistentTimes).toBe(true);
    const backwards = orderTimeline(order({ at: T0, ship: { afterHours: 5, deliveredAfterHours: -2 } }), AS_OF);
    expect(backwards.orderToDeliveryHours).toBeNull();
    expect(backwards.inconsistentTimes).toBe(true);
  });
});
