import { describe, expect, it } from "vitest";
import { at, order } from "../testing/order-builder";
import type { DeliveryPreferences } from "../types";
import { behaviourSegmentsFor } from "./behaviour-segments";
import { createLiveSegments } from "./live-segments";
import type { SegmentMembership } from "./membership";
import { buildProfiles } from "./profile-book";
import { alignPredictions, summarizeSegments } from "./segment-summary";

const stated: DeliveryPreferences = {
  speedVsCost: "speed",
  deliveryWindow: null,
  deliveryDays: null,
  notifications: null,
  giftPackaging: null,
  answeredAt: at("2024-01-02"),
};

/**
 * a: 100 + 50 on two days, one order with answers, CLV 500
 * b: 200 refunded 50 → 150, CLV 300
 * c: 30 + 30 on the same day, no CLV
 * d: cancelled only (left out); a guest order (ignored)
 */
function store() {
  return buildProfiles([
    order({ id: "a1", customer: "a", at: "2024-01-01", total: 100 }),
    order({ id: "a2", customer: "a", at: "2024-01-02", total: 50, preferences: stated }),
    order({ id: "b1", customer: "b", at: "2024-01-03", total: 200, refunds: [{ createdAt: at("2024-01-09"), amount: 50 }] }),
    order({ id: "c1", customer: "c", at: "2024-01-04T09:00", total: 30 }),
    order({ id: "c2", customer: "c", at: "2024-01-04T17:00", total: 30 }),
    order({ id: "d1", customer: "d", at: "2024-01-05", total: 999, cancelledAt: at("2024-01-05") }),
    order({ id: "g1", customer: null, at: "2024-01-05", total: 999 }),
  ]);
}

const m = (segment: string): SegmentMembership => ({ segment, label: segment.toUpperCase(), rule: "r", evidence: "e", basis: "observed" });

describe("summarizeSegments", () => {
  it("computes size, shares, AOV, repeat rate, CLV and preference coverage by hand", () => {
    const memberships = new Map([
      ["a", [m("x")]],
      ["b", [m("x"), m("y")]],
      ["c", [m("y")]],
      ["d", [m("x")]], // no counted orders: ignored
    ]);
    const clv = new Map([
      ["a", 500],
      ["b", 300],
    ]);
    // P(alive) and expected orders: a 0.8 / 1.5, b 0.4 / 0.5, c has no prediction.
    const activity = { row: new Map([["a", 0], ["b", 1]]), pAlive: [0.8, 0.4], expectedOrders: [1.5, 0.5] };
    const summary = summarizeSegments(store().profiles.values(), memberships, {
      predictedClv: clv,
      activity,
      segments: [
        { segment: "z", label: "Z" },
        { segment: "x", label: "X" },
      ],
    });
    expect(summary.all).toEqual({
      segment: "all",
      label: "All customers",
      customers: 3,
      customerShare: 1,
      orders: 5,
      revenue: 360,
      revenueShare: 1,
      averageOrderValue: 72,
      repeatRate: 1 / 3,
      averagePredictedClv: 400,
      predictedClvCustomers: 2,
      averagePAlive: 0.6000000000000001,
      averageExpectedOrders: 1,
      repeatersAveragePAlive: 0.8, // a is the only customer with 2+ purchase days (c bought twice on one day)
      preferenceCustomerShare: 1 / 3,
      preferenceOrderShare: 1 / 5,
    });
    expect(summary.segments.map((s) => s.segment)).toEqual(["z", "x", "y"]);
    const [z, x, y] = summary.segments;
    expect(x).toEqual({
      segment: "x",
      label: "X",
      customers: 2,
      customerShare: 2 / 3,
      orders: 3,
      revenue: 300,
      revenueShare: 300 / 360,
      averageOrderValue: 100,
      repeatRate: 0.5,
      averagePredictedClv: 400,
      predictedClvCustomers: 2,
      averagePAlive: 0.6000000000000001,
      averageExpectedOrders: 1,
      repeatersAveragePAlive: 0.8,
      preferenceCustomerShare: 0.5,
      preferenceOrderShare: 1 / 3,
    });
    expect(y).toMatchObject({ label: "Y", customers: 2, orders: 3, revenue: 210, averageOrderValue: 70, repeatRate: 0, averagePredictedClv: 300, predictedClvCustomers: 1, averagePAlive: 0.4, averageExpectedOrders: 0.5, repeatersAveragePAlive: null });
    expect(z).toMatchObject({ customers: 0, customerShare: 0, revenueShare: 0, averageOrderValue: null, repeatRate: null, averagePredictedClv: null, averagePAlive: null, preferenceCustomerShare: null });
    expect(summary.confidence).toBe("low");
    expect(summary.caveats).toContain("1 of 3 customers have no predicted lifetime value.");
  });

  it("gives the same summary from predictions aligned once with the profiles, and from a lookup", () => {
    const profiles = [...store().profiles.values()];
    const memberships = new Map([["a", [m("x")]], ["b", [m("x"), m("y")]], ["c", [m("y")]]]);
    const clv = new Map([["a", 500], ["b", 300]]);
    const activity = { row: new Map([["a", 0], ["b", 1]]), pAlive: [0.8, 0.4], expectedOrders: [1.5, 0.5] };
    const byMaps = summarizeSegments(profiles, memberships, { predictedClv: clv, activity });
    const aligned = alignPredictions(profiles, clv, activity);
    expect(Array.from(aligned.pAlive ?? [])).toEqual(profiles.map((p) => ({ a: 0.8, b: 0.4 })[p.customerId] ?? Number.NaN));
    const lookup = (p: (typeof profiles)[number]) => memberships.get(p.customerId);
    expect(summarizeSegments(profiles, lookup, { aligned })).toEqual(byMaps);
    expect(summarizeSegments(profiles, lookup, { aligned: alignPredictions(profiles) }).caveats).not.toContain("1 of 3 customers have no predicted lifetime value.");
  });

  it("no customers: insufficient, with nulls and no NaN", () => {
    const summary = summarizeSegments([], new Map());
    expect(summary.confidence).toBe("insufficient");
    expect(summary.all.customerShare).toBeNull();
    expect(summary.all.averageOrderValue).toBeNull();
    expect(JSON.stringify(summary)).not.toContain("NaN");
  });

  it("summarizes living behaviour segments directly", () => {
    const book = buildProfiles([
      order({ id: "e1", customer: "e", shippingSpeed: "express", shippingPrice: 9 }),
      order({ id: "e2", customer: "e", at: "2024-01-08", shippingSpeed: "express", shippingPrice: 9 }),
      order({ id: "f1", customer: "f", shippingSpeed: "standard", shippingPrice: 5 }),
    ]);
    const live = createLiveSegments((p) => behaviourSegmentsFor(p), book.profiles.values());
    const summary = summarizeSegments(book.profiles.values(), live.byCustomer);
    expect(summary.segments).toHaveLength(1);
    expect(summary.segments[0]).toMatchObject({ segment: "speed_focused", label: "Speed-focused", customers: 1, customerShare: 0.5, repeatRate: 1 });
  });
});
