import { describe, expect, it } from "vitest";
import type { Order } from "../types";
import { at, DAY, order } from "../testing/order-builder";
import { analyzeRepeat } from "./analyze-repeat";
import { buildPurchaseHistory } from "./purchase-history";

const AS_OF = at("2024-07-01");

/**
 *   c1: Jan 1 10:00 and 15:00 (same day → one purchase worth 100), Jan 31 10:00, Mar 1 10:00
 *       → gaps 30 and 30 days (2024 is a leap year: Jan 31 → Mar 1 = 30 days)
 *   c2: Feb 10, Feb 20 (→ gap 10 days); its second order is also present as a stale duplicate
 *   c3: Mar 5 only (censored at 118 days); c4: Jun 15 only (censored at 16 days)
 *   excluded: a guest order, c5's cancelled order, c6's order after asOf
 * Input deliberately out of chronological order.
 */
function store(): Order[] {
  return [
    order({ id: "c1-3", customer: "c1", at: "2024-03-01T10:00" }),
    order({ id: "c2-2", customer: "c2", at: "2024-02-20", updatedAt: at("2024-02-21"), total: 70 }),
    order({ id: "c1-1a", customer: "c1", at: "2024-01-01T10:00" }),
    order({ id: "c4-1", customer: "c4", at: "2024-06-15" }),
    order({ id: "c2-2", customer: "c2", at: "2024-02-20", updatedAt: at("2024-02-20"), total: 999 }),
    order({ id: "c1-2", customer: "c1", at: "2024-01-31T10:00" }),
    order({ id: "c1-1b", customer: "c1", at: "2024-01-01T15:00" }),
    order({ id: "c2-1", customer: "c2", at: "2024-02-10" }),
    order({ id: "c3-1", customer: "c3", at: "2024-03-05" }),
    order({ id: "g-1", customer: null, at: "2024-02-01" }),
    order({ id: "c5-1", customer: "c5", at: "2024-02-01", cancelledAfterHours: 3 }),
    order({ id: "c6-1", customer: "c6", at: "2024-07-05" }),
  ];
}

describe("analyzeRepeat on a hand-built store", () => {
  const r = analyzeRepeat(store(), { asOf: AS_OF });

  it("counts customers, repeaters and exclusions", () => {
    expect(r.counts).toEqual({
      customers: 4,
      repeaters: 2,
      ordersUsed: 8,
      guestOrdersExcluded: 1,
      cancelledOrdersExcluded: 1,
      afterAsOfOrdersExcluded: 1,
      undatedOrdersExcluded: 0,
      sameDayOrdersMerged: 1,
      duplicatesRemoved: 1,
    });
    expect(r.repeatRate.value).toBe(0.5); // 2 of 4
    expect(r.repeatRate.confidence).toBe("insufficient");
  });

  it("time to second order: raw and Kaplan–Meier", () => {
    // repeaters: c2 10 days, c1 30 days → median 20
    expect(r.timeToSecondOrder.amongRepeaters).toMatchObject({ n: 2, median: 20, mean: 20 });
    // KM: t=10: n=4, d=1 → S=0.75; censored at 16 leaves; t=30: n=2, d=1 → S=0.375 → median 30
    expect(r.timeToSecondOrder.kaplanMeierMedianDays.value).toBe(30);
    const within = Object.fromEntries(r.timeToSecondOrder.probabilityWithin.map((p) => [p.days, p.estimate.value]));
    expect(within[30]).toBeCloseTo(0.625, 12);
    expect(within[90]).toBeCloseTo(0.625, 12);
    // longest follow-up is c1: Jan 1 10:00 → Jul 1 = 181.58 days: 365 is not observable
    expect(within[365]).toBeNull();
    expect(r.timeToSecondOrder.maxFollowUpDays).toBeCloseTo(181 + 14 / 24, 9);
  });

  it("days between orders", () => {
    // gaps 30, 30, 10 → mean 23.33, median 30
    expect(r.daysBetweenOrders.gaps).toBe(3);
    expect(r.daysBetweenOrders.mean.value).toBeCloseTo(70 / 3, 12);
    expect(r.daysBetweenOrders.distribution.median).toBe(30);
  });

  it("cohort retention: observable cells only", () => {
    const rows = Object.fromEntries(r.cohorts.cohorts.map((c) => [c.cohort, c]));
    expect(Object.keys(rows)).toEqual(["2024-01", "2024-02", "2024-03", "2024-06"]);
    // Jan cohort (c1): active in Jan (k=0) and Mar (k=2); cells k=0..6 (Jan..Jul), July incomplete
    expect(rows["2024-01"].cells.map((c) => c.active)).toEqual([1, 0, 1, 0, 0, 0, 0]);
    expect(rows["2024-01"].cells.map((c) => c.complete)).toEqual([true, true, true, true, true, true, false]);
    expect(rows["2024-02"].cells.map((c) => c.share)).toEqual([1, 0, 0, 0, 0, 0]);
    expect(rows["2024-06"].cells).toHaveLength(2);
  });

  it("purchase cycles", () => {
    const cyc = r.cycles;
    // typical gap: c1 median(30, 30) = 30, c2 10 → store median 20
    expect(cyc.storeTypicalDays).toMatchObject({ n: 2, median: 20 });
    expect(cyc.regular.customersWith3PlusGaps).toBe(0);
    // purchases: Jan 1, Jan 31, Mar 1, Feb 10, Feb 20, Mar 5, Jun 15 → 2 of 7 on days 1–3
    expect(cyc.firstOfMonth.share.value).toBeCloseTo(2 / 7, 12);
    // expected = (3/31·4 + 3/29·2 + 3/30)/7
    expect(cyc.firstOfMonth.expectedShare).toBeCloseTo(((3 / 31) * 4 + (3 / 29) * 2 + 3 / 30) / 7, 12);
    expect(cyc.firstOfMonth.detected).toBe(false); // far too few purchases
    expect(cyc.monthly.detected).toBe(false);
  });
});

describe("purchase history", () => {
  it("merges same-day orders, keeps the earliest order first, sums value net of refunds", () => {
    const orders = [
      order({ id: "b", customer: "c1", at: "2024-01-01T15:00", total: 30, refunds: [{ createdAt: at("2024-01-05"), amount: 10 }] }),
      order({ id: "a", customer: "c1", at: "2024-01-01T09:00", total: 50 }),
      order({ id: "c", customer: "c1", at: "2024-01-03T09:00", total: 5 }),
    ];
    const h = buildPurchaseHistory(orders, { asOf: AS_OF });
    expect(Array.from(h.purchaseValue)).toEqual([70, 5]); // 50 + (30 − 10), then 5
    expect(orders[h.firstOrderIndex[0]].id).toBe("a");
    expect(h.purchaseAt[0]).toBe(at("2024-01-01T09:00"));
    expect(h.counts.sameDayMerged).toBe(1);
  });
  it("day boundaries follow the shop offset", () => {
    // 23:00 and 01:00 UTC are the same day in UTC−5 (18:00 and 20:00 local)
    const orders = [order({ id: "x", at: "2024-01-01T23:00" }), order({ id: "y", at: "2024-01-02T01:00" })];
    expect(buildPurchaseHistory(orders, { asOf: AS_OF }).purchaseAt.length).toBe(2);
    expect(buildPurchaseHistory(orders, { asOf: AS_OF, utcOffsetMinutes: -300 }).purchaseAt.length).toBe(1);
  });
  it("sorts heavy buyers (long segments) correctly", () => {
    const orders = Array.from({ length: 50 }, (_, i) => order({ id: `h${i}`, customer: "heavy", at: at("2024-01-01") + ((i * 37) % 50) * DAY }));
    const h = buildPurchaseHistory(orders, { asOf: AS_OF });
    expect(h.purchaseAt.length).toBe(50);
    for (let k = 1; k < 50; k++) expect(h.purchaseAt[k] - h.purchaseAt[k - 1]).toBe(DAY);
  });
});

describe("analyzeRepeat degenerate inputs", () => {
  it("no orders / all guests: explicit insufficient results, no NaN", () => {
    for (const orders of [[], [order({ customer: null }), order({ customer: null })]]) {
      const r = analyzeRepeat(orders, { asOf: AS_OF });
      expect(r.counts.customers).toBe(0);
      expect(r.repeatRate).toMatchObject({ value: null, confidence: "insufficient" });
      expect(r.timeToSecondOrder.kaplanMeierMedianDays.value).toBeNull();
      expect(r.cohorts.cohorts).toEqual([]);
      expect(r.caveats[0]).toMatch(/guest/);
      expect(JSON.stringify(r)).not.toMatch(/NaN/);
    }
  });
  it("no repeaters: rate 0, median not reached", () => {
    const orders = ["a", "b", "c"].map((c, i) => order({ id: c, customer: c, at: at("2024-01-01") + i * DAY }));
    const r = analyzeRepeat(orders, { asOf: AS_OF });
    expect(r.repeatRate.value).toBe(0);
    expect(r.timeToSecondOrder.amongRepeaters.n).toBe(0);
    expect(r.timeToSecondOrder.kaplanMeierMedianDays).toMatchObject({ value: null, confidence: "insufficient" });
    expect(r.timeToSecondOrder.caveats[0]).toMatch(/not reached/);
    expect(r.daysBetweenOrders.mean.value).toBeNull();
  });
});

describe("cycle detection", () => {
  it("detects a monthly cadence and first-of-month buying", () => {
    const orders: Order[] = [];
    for (let c = 0; c < 60; c++) {
      for (let m = 0; m < 5; m++) orders.push(order({ id: `m${c}-${m}`, customer: `m${c}`, at: Date.UTC(2023, m, 1, 12) }));
    }
    const r = analyzeRepeat(orders, { asOf: AS_OF });
    // gaps of 28–31 days between firsts of months: 240 gaps in the 27–33 window, none around it
    expect(r.cycles.monthly).toMatchObject({ detected: true, gapsNear30Days: 240, expectedFromNeighbours: 0 });
    expect(r.cycles.firstOfMonth.detected).toBe(true);
    expect(r.cycles.firstOfMonth.share.value).toBe(1);
    expect(r.cycles.regular.share.value).toBe(1); // every customer buys on a steady beat
  });
  it("does not see a cadence in weekly buying", () => {
    const orders: Order[] = [];
    for (let c = 0; c < 40; c++) for (let w = 0; w < 6; w++) orders.push(order({ id: `w${c}-${w}`, customer: `w${c}`, at: Date.UTC(2023, 2, 7 + w * 7 + (c % 5)) }));
    const r = analyzeRepeat(orders, { asOf: AS_OF });
    expect(r.cycles.monthly.detected).toBe(false);
    expect(r.cycles.firstOfMonth.detected).toBe(false);
    expect(r.cycles.storeTypicalDays.median).toBe(7);
  });
});
