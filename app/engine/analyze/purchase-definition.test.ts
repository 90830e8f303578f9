/**
 * One definition of a purchase (journey/order-facts.ts `purchaseStatus`, shop calendar days):
 * the CLV summaries, the purchase history behind the repeat analysis, and the segment profiles
 * must count the same purchases for every customer, including the cases where they used to
 * differ (orders cancelled after asOf, same-day merging across UTC midnight, refunds issued
 * after asOf, imported orders whose processedAt precedes createdAt).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Order } from "../types";
import { summarizeCustomersColumnar } from "../clv/summary";
import { PURCHASE, orderAsKnownAt, placedAt, purchaseStatus } from "../journey/order-facts";
import { analyzeRepeat } from "../repeat/analyze-repeat";
import { buildPurchaseHistory } from "../repeat/purchase-history";
import { at, DAY, HOUR, order } from "../testing/order-builder";
import { summariesFromHistory } from "./history-summaries";
import { analyzeSegments } from "./segment-analysis";
import { activeProfiles, buildProfiles } from "../segments/profile-book";

const AS_OF = at("2024-06-01");
const NEW_YORK = -300;

/** Repeat purchase days per customer, as each of the three consumers counts them. */
function repeatDaysThreeWays(orders: Order[], asOf: number, utcOffsetMinutes: number) {
  const clv = summarizeCustomersColumnar(orders, asOf, { utcOffsetMinutes });
  const history = buildPurchaseHistory(orders, { asOf, utcOffsetMinutes });
  const fromHistory = summariesFromHistory(history);
  const known = orders.filter((o) => placedAt(o) <= asOf).map((o) => orderAsKnownAt(o, asOf));
  const profiles = activeProfiles(buildProfiles(known, { utcOffsetMinutes }));
  const byId = <T,>(ids: string[], values: ArrayLike<T>) => new Map(ids.map((id, i) => [id, values[i]]));
  return {
    clv: byId(clv.customerIds, clv.x),
    history: byId(fromHistory.customerIds, fromHistory.x),
    segments: new Map(profiles.map((p) => [p.customerId, p.purchaseDays - 1])),
    historyObject: history,
  };
}

describe("one definition of a purchase", () => {
  it("works out the edge cases by hand", () => {
    const orders = [
      // a: 03:00Z and 06:00Z on Mar 1 are Feb 29 22:00 and Mar 1 01:00 in New York: two purchase days (UTC would merge them).
      order({ id: "a1", customer: "a", at: "2024-03-01T03:00" }),
      order({ id: "a2", customer: "a", at: "2024-03-01T06:00" }),
      // b: 23:00Z Mar 1 and 02:00Z Mar 2 are both Mar 1 in New York: one purchase day (UTC would count two).
      order({ id: "b1", customer: "b", at: "2024-03-01T23:00" }),
      order({ id: "b2", customer: "b", at: "2024-03-02T02:00" }),
      // c: the second order is cancelled after asOf: it was a purchase as of asOf.
      order({ id: "c1", customer: "c", at: "2024-04-01T15:00" }),
      { ...order({ id: "c2", customer: "c", at: "2024-05-01T15:00", total: 80 }), cancelledAt: AS_OF + 3 * DAY },
      // d: cancelled before asOf: not a purchase.
      order({ id: "d1", customer: "d", at: "2024-04-01T15:00" }),
      order({ id: "d2", customer: "d", at: "2024-05-01T15:00", cancelledAfterHours: 5 }),
      // e: imported in June, placed in January and April: processedAt is the purchase instant.
      { ...order({ id: "e1", customer: "e", at: "2024-01-10T15:00" }), createdAt: at("2024-05-30T12:00") },
      { ...order({ id: "e2", customer: "e", at: "2024-04-10T15:00" }), createdAt: at("2024-05-30T12:01") },
    ];
    const three = repeatDaysThreeWays(orders, AS_OF, NEW_YORK);
    const expected = new Map([["a", 1], ["b", 0], ["c", 1], ["d", 0], ["e", 1]]);
    expect(three.clv).toEqual(expected);
    expect(three.history).toEqual(expected);
    expect(three.segments).toEqual(expected);
    expect(purchaseStatus(orders[5], AS_OF)).toBe(PURCHASE.COUNTED);
    expect(purchaseStatus(orders[7], AS_OF)).toBe(PURCHASE.CANCELLED);
    const repeat = analyzeRepeat(orders, { asOf: AS_OF, utcOffsetMinutes: NEW_YORK });
    expect(repeat.counts.repeaters).toBe(3); // a, c, e
    expect(repeat.counts.customers).toBe(5);
  });

  it("refunds issued after asOf are not known at asOf, in the CLV spend and the history alike", () => {
    const second = order({ id: "r2", customer: "r", at: "2024-05-01T15:00", total: 100 });
    second.refunds = [
      { createdAt: at("2024-05-10"), amount: 30 },
      { createdAt: AS_OF + DAY, amount: 50 },
    ];
    const orders = [order({ id: "r1", customer: "r", at: "2024-04-01T15:00" }), second];
    const clv = summarizeCustomersColumnar(orders, AS_OF);
    const history = summariesFromHistory(buildPurchaseHistory(orders, { asOf: AS_OF }));
    expect(clv.m[0]).toBe(70);
    expect(history.m[0]).toBe(70);
  });

  it("agrees on random stores, for the CLV frequency, the history, the segments and the repeat count", () => {
    const orderArb = fc.record({
      customer: fc.integer({ min: 0, max: 7 }),
      hour: fc.integer({ min: 0, max: 24 * 200 }),
      cancel: fc.option(fc.integer({ min: -24 * 30, max: 24 * 30 }), { nil: null }),
      importedLater: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(orderArb, { maxLength: 40 }), fc.constantFrom(0, NEW_YORK, 330), (specs, offset) => {
        const start = at("2024-01-01");
        const orders = specs.map((s, i) => {
          const placed = start + s.hour * HOUR;
          const o = order({ id: `o${i}`, customer: `c${s.customer}`, at: placed });
          if (s.cancel !== null) o.cancelledAt = AS_OF + s.cancel * HOUR;
          if (s.importedLater) o.createdAt = AS_OF - HOUR;
          return o;
        });
        const three = repeatDaysThreeWays(orders, AS_OF, offset);
        expect(three.history).toEqual(three.clv);
        expect(three.segments).toEqual(three.clv);
        const repeaters = [...three.clv.values()].filter((x) => x >= 1).length;
        const repeat = analyzeRepeat(orders, { asOf: AS_OF, utcOffsetMinutes: offset, history: three.historyObject });
        expect(repeat.counts.repeaters).toBe(repeaters);
        const segments = analyzeSegments(orders, { asOf: AS_OF, utcOffsetMinutes: offset });
        expect(segments.seed.summary.all.customers).toBe(three.clv.size);
        expect(segments.seed.summary.all.repeatRate ?? 0).toBeCloseTo(three.clv.size > 0 ? repeaters / three.clv.size : 0, 12);
      }),
      { numRuns: 200 },
    );
  });
});
