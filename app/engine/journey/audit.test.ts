import { describe, expect, it } from "vitest";
import type { Order } from "../types";
import { at, DAY, order } from "../testing/order-builder";
import { auditJourney, countByGroup } from "./audit";

const AS_OF = at("2024-02-20");
const JAN = at("2024-01-10");

/**
 * Hand-built store (hours after each order):
 *   A UPS   fulfil 10, pickup 15, delivered 60,  promise 72h → on time; returned (arrived_late, size_too_small)
 *   B UPS   fulfil 20, pickup 30, delivered 110, promise 72h → 38h late → 2 days (late 1–2)
 *   C FedEx fulfil 30, pickup 50, delivered 150, promise 72h → 78h late → 4 days (late 3+); DELAYED; returned (arrived_late), refunded
 *   D FedEx fulfil 40, no scans, deliveredAt 80, promise 96h → on time
 *   G unshipped, placed Feb 18, promise Feb 23 → pending
 *   E cancelled, F point of sale → excluded; B' an older duplicate of B → dropped
 */
function store(): Order[] {
  const A = order({ id: "A", at: JAN, promiseDays: 3, ship: { afterHours: 10, carrier: "UPS", pickupAfterHours: 15, deliveredAfterHours: 60 }, returns: [{ createdAt: JAN + 5 * DAY, reasons: ["arrived_late", "size_too_small"] }] });
  const B = order({ id: "B", at: JAN + DAY, promiseDays: 3, updatedAt: AS_OF, ship: { afterHours: 20, carrier: "UPS", pickupAfterHours: 30, deliveredAfterHours: 110 } });
  const staleB = order({ id: "B", at: JAN + DAY, updatedAt: JAN, cancelledAfterHours: 1 });
  const C = order({
    id: "C",
    at: JAN + 2 * DAY,
    promiseDays: 3,
    channel: "Shop",
    ship: { afterHours: 30, carrier: "FedEx", pickupAfterHours: 50, deliveredAfterHours: 150, exceptions: [["DELAYED", 100]] },
    returns: [{ createdAt: JAN + 9 * DAY, reasons: ["arrived_late"] }],
    refunds: [{ createdAt: JAN + 9 * DAY, amount: 20 }],
  });
  const D = order({ id: "D", at: JAN + 3 * DAY, promiseDays: 4, ship: { afterHours: 40, carrier: "FedEx", deliveredAfterHours: 80, noEvents: true } });
  const G = order({ id: "G", at: at("2024-02-18"), promiseDays: 5 });
  const E = order({ id: "E", at: JAN, cancelledAfterHours: 2 });
  const F = order({ id: "F", at: JAN, channel: "Point of Sale", shippingSpeed: "local" });
  return [staleB, A, C, E, G, D, F, B];
}

describe("auditJourney on a hand-built store", () => {
  const audit = auditJourney(store(), { asOf: AS_OF });

  it("counts what was excluded and why", () => {
    expect(audit.counts).toEqual({ input: 8, duplicatesRemoved: 1, included: 5, cancelled: 1, nonShipping: 1, afterAsOf: 0, noOrderDate: 0 });
  });

  it("overall windows: medians and percentiles by hand", () => {
    const o = audit.overall;
    // processing 10, 20, 30, 40 → median 25; p75 h=2.25 → 30 + 2.5 = 32.5; p90 h=2.7 → 37
    expect(o.processingHours).toMatchObject({ n: 4, median: 25, p75: 32.5, p90: 37 });
    // pickup lag 5, 10, 20 (D has no scans) → median 10, p75 15, p90 18
    expect(o.pickupLagHours).toMatchObject({ n: 3, median: 10, p75: 15, p90: 18 });
    // transit 45, 80, 100 → median 80, p75 90, p90 96
    expect(o.transitHours).toMatchObject({ n: 3, median: 80, p75: 90, p90: 96 });
    // order→delivery 60, 80, 110, 150 → median 95; p75 h=2.25 → 120; p90 h=2.7 → 138
    expect(o.orderToDeliveryHours).toMatchObject({ n: 4, median: 95, p75: 120, p90: 138 });
    expect(o.processingHours.confidence).toBe("insufficient");
  });

  it("overall on-time, exceptions, gaps, returns", () => {
    const o = audit.overall;
    expect([o.orders, o.shipped, o.delivered, o.pending]).toEqual([5, 4, 4, 1]);
    // judged A, B, C, D; on time A, D → 2/4
    expect(o.onTime).toMatchObject({ judged: 4, onTime: 2, late1to2Days: 1, late3PlusDays: 1, noPromise: 0 });
    expect(o.onTime.rate.value).toBe(0.5);
    expect(o.onTime.rate.n).toBe(4);
    expect(o.onTime.rate.confidence).toBe("insufficient");
    expect(o.onTime.rate.caveats?.some((c) => c.includes("4 orders"))).toBe(true);
    expect(o.exceptions.any.value).toBe(0.25); // C of 4 shipped
    expect(o.exceptions.delayed.value).toBe(0.25);
    expect(o.gaps.trackingWithoutEvents.value).toBe(0.25); // D
    expect(o.gaps.noTracking.value).toBe(0);
    expect(o.carrierEventCoverage).toBe(0.75);
    expect(o.returnRate.value).toBe(0.4); // A, C of 5 orders
    expect(o.refundRate.value).toBe(0.2);
    expect(audit.topReturnReasons).toEqual([
      { reason: "arrived_late", lines: 2, share: 2 / 3 },
      { reason: "size_too_small", lines: 1, share: 1 / 3 },
    ]);
  });

  it("breaks down by carrier, channel and month", () => {
    const carriers = Object.fromEntries(audit.breakdowns.carrier.map((g) => [g.key, g]));
    expect(Object.keys(carriers).sort()).toEqual(["(not shipped)", "FedEx", "UPS"]);
    expect(carriers.UPS.processingHours.median).toBe(15); // 10, 20
    expect(carriers.UPS.onTime.rate.value).toBe(0.5);
    expect(carriers.FedEx.processingHours.median).toBe(35); // 30, 40
    expect(carriers.FedEx.onTime.rate.value).toBe(0.5); // D on time, C late
    expect(carriers["(not shipped)"].pending).toBe(1);
    const channels = Object.fromEntries(audit.breakdowns.channel.map((g) => [g.key, g.orders]));
    expect(channels).toEqual({ "Online Store": 4, Shop: 1 });
    expect(audit.breakdowns.month.map((g) => [g.key, g.orders])).toEqual([["2024-01", 4], ["2024-02", 1]]);
    expect(audit.breakdowns.speed.map((g) => g.key)).toEqual(["standard"]);
  });

  it("journey map: reach and median time between milestones", () => {
    const m = Object.fromEntries(audit.map.map((s) => [s.milestone, s]));
    expect(m.ordered).toMatchObject({ reached: 5, reachedShare: 1 });
    expect(m.fulfilled).toMatchObject({ reached: 4, observed: 4, medianHoursFromPrevious: 25 });
    // D reached pickup implicitly (it was delivered) but has no scan
    expect(m.carrier_pickup).toMatchObject({ reached: 4, observed: 3, pairs: 3, medianHoursFromPrevious: 10 });
    expect(m.in_transit).toMatchObject({ reached: 4, observed: 0, medianHoursFromPrevious: null });
    expect(m.delivered).toMatchObject({ reached: 4, observed: 4, pairs: 0, medianHoursFromOrder: 95 });
    expect(m.delivered.reachedShare).toBe(0.8);
  });
});

describe("auditJourney degenerate inputs", () => {
  it("no orders: explicit empty result, no NaN", () => {
    const a = auditJourney([], { asOf: AS_OF });
    expect(a.counts.included).toBe(0);
    expect(a.overall.onTime.rate).toMatchObject({ value: null, n: 0, confidence: "insufficient" });
    expect(a.overall.processingHours).toMatchObject({ n: 0, median: null });
    expect(a.map[0].reachedShare).toBeNull();
    expect(a.caveats[0]).toMatch(/No shipping orders/);
    expect(JSON.stringify(a)).not.toMatch(/NaN/);
  });

  it("downgrades timing when most shipments have no carrier scans", () => {
    const orders: Order[] = [];
    for (let i = 0; i < 400; i++) {
      const scans = i % 10 === 0; // 10% with carrier events
      orders.push(order({ id: `o${i}`, at: JAN + (i % 20) * DAY, promiseDays: 5, ship: { afterHours: 12 + (i % 7), pickupAfterHours: 30, deliveredAfterHours: 90 + (i % 30), noEvents: !scans } }));
    }
    const a = auditJourney(orders, { asOf: AS_OF });
    expect(a.overall.carrierEventCoverage).toBeCloseTo(0.1, 12);
    expect(a.overall.pickupLagHours.n).toBe(40);
    expect(a.overall.pickupLagHours.caveats.some((c) => c.includes("10%"))).toBe(true);
    expect(a.overall.pickupLagHours.confidence).not.toBe("high");
    expect(a.overall.processingHours.confidence).toBe("high"); // 400 orders, not affected by scans
    expect(a.caveats.some((c) => c.includes("90%"))).toBe(true);
  });

  it("folds long tails of keys into (other)", () => {
    const orders = Array.from({ length: 12 }, (_, i) => order({ id: `r${i}`, at: JAN, destinationRegion: i < 6 ? "US-CA" : `US-${i}` }));
    const a = auditJourney(orders, { asOf: AS_OF, maxGroupsPerBreakdown: 3 });
    // 7 keys, 3 allowed: keep the 2 largest (US-CA, then US-10 by name among the 1-order keys),
    // fold the other 5 single-order regions into "(other)"; rows sorted by size.
    expect(a.breakdowns.region.map((g) => [g.key, g.orders])).toEqual([["US-CA", 6], ["(other)", 5], ["US-10", 1]]);
  });
});

describe("countByGroup", () => {
  it("counts the same through distinct masks as row by row, groups left out included", () => {
    // Deterministic pseudo-random rows: 3 breakdowns, some rows outside a breakdown (−1), many masks.
    let seed = 7;
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
    const rows = 5000;
    const keys = [["a", "b", "c"], ["x", "y"], ["m", "n", "o", "p"]];
    const packed = new Int16Array(rows * keys.length);
    const masks = new Uint32Array(rows);
    for (let i = 0; i < rows; i++) {
      masks[i] = next() % 4 === 0 ? 0 : next() & 0x3fff;
      keys.forEach((k, d) => (packed[i * keys.length + d] = next() % 5 === 0 ? -1 : next() % k.length));
    }
    const enc = { packed, width: keys.length, keys };
    const viaMasks = countByGroup(masks, enc, Infinity);
    const perRow = countByGroup(masks, enc, 0);
    expect(viaMasks.map((c) => [...c])).toEqual(perRow.map((c) => [...c]));
    // A hand check: counter 0 of group "a" = rows in "a" whose mask has bit 0.
    let expected = 0;
    for (let i = 0; i < rows; i++) if (packed[i * 3] === 0 && masks[i] & 1) expected++;
    expect(perRow[0][0]).toBe(expected);
  });
});
