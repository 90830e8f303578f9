import { describe, expect, it } from "vitest";
import type { Order } from "../types";
import { at, DAY, order, type OrderSpec } from "../testing/order-builder";
import { buildJourneyTable } from "../journey/journey-table";
import { buildPurchaseHistory } from "../repeat/purchase-history";
import { linkDeliveryToRepeat } from "./delivery-ltv-link";
import { linkSentence } from "./summary-sentence";

const AS_OF = at("2025-02-01");
const JAN = at("2024-01-05");

const onTime = (s: OrderSpec): OrderSpec => ({ promiseDays: 4, ship: { afterHours: 10, pickupAfterHours: 20, deliveredAfterHours: 72 }, ...s });
// promise +48h, delivered +120h → 72h late → 3 days
const late3 = (s: OrderSpec): OrderSpec => ({ promiseDays: 2, ship: { afterHours: 10, pickupAfterHours: 20, deliveredAfterHours: 120 }, ...s });
// promise +48h, delivered +60h → 12h late → 1 day
const late1 = (s: OrderSpec): OrderSpec => ({ promiseDays: 2, ship: { afterHours: 10, pickupAfterHours: 20, deliveredAfterHours: 60 }, ...s });
// on time but a missed delivery attempt on the way
const exception = (s: OrderSpec): OrderSpec => ({
  promiseDays: 4,
  ship: { afterHours: 10, pickupAfterHours: 20, deliveredAfterHours: 72, exceptions: [["ATTEMPTED_DELIVERY", 50]] },
  ...s,
});

/** A customer: first order with the given experience, then reorders `reorderDays` after it. */
function customer(id: string, first: (s: OrderSpec) => OrderSpec, reorderDays: number[], start = JAN, extra: OrderSpec = {}): Order[] {
  return [
    order(first({ id: `${id}-1`, customer: id, at: start, ...extra })),
    ...reorderDays.map((d, k) => order({ id: `${id}-r${k}`, customer: id, at: start + d * DAY })),
  ];
}

describe("linkDeliveryToRepeat on a hand-built store", () => {
  const orders: Order[] = [];
  // on time: 10 eligible customers; 6 reorder at day 30, 1 at day 200, 3 never
  for (let i = 0; i < 10; i++) orders.push(...customer(`on${i}`, onTime, i < 6 ? [30] : i === 6 ? [200] : []));
  // plus one recent on-time customer (first order Dec 2024, 62 days before asOf): eligible for no window
  orders.push(...customer("on-recent", onTime, [], at("2024-12-01")));
  // 3+ days late: 5 customers; 1 reorders at day 30
  for (let i = 0; i < 5; i++) orders.push(...customer(`l3-${i}`, late3, i === 0 ? [30] : []));
  // 1–2 days late: 4 customers; 2 reorder at day 100
  for (let i = 0; i < 4; i++) orders.push(...customer(`l1-${i}`, late1, i < 2 ? [100] : []));
  // exception: 2 customers, none reorder
  for (let i = 0; i < 2; i++) orders.push(...customer(`ex${i}`, exception, []));
  // unknown: no tracking / no promise / tracking without scans and an old promise
  orders.push(order({ id: "u1", customer: "u1", at: JAN, promiseDays: 3, ship: { afterHours: 5, carrier: null } }));
  orders.push(order({ id: "u2", customer: "u2", at: JAN, ship: { afterHours: 5, deliveredAfterHours: 40 } }));
  orders.push(order({ id: "u3", customer: "u3", at: JAN, promiseDays: 3, ship: { afterHours: 5, noEvents: true } }));
  // first order at the till: not a delivery
  orders.push(order({ id: "pos", customer: "pos", at: JAN, channel: "Point of Sale", shippingSpeed: "local" }));

  const predicted = new Map<string, number>();
  for (let i = 0; i < 10; i++) predicted.set(`on${i}`, 200);
  for (let i = 0; i < 5; i++) predicted.set(`l3-${i}`, 100);

  const link = linkDeliveryToRepeat(orders, { asOf: AS_OF, predictedClv: predicted });
  const g = Object.fromEntries(link.groups.map((x) => [x.experience, x]));
  const win = (exp: string, days: number) => g[exp].windows.find((w) => w.days === days)!;

  it("classifies first deliveries and counts everyone", () => {
    expect(link.counts).toMatchObject({ customers: 26, analysed: 25, firstOrderNotADelivery: 1 });
    expect(Object.fromEntries(link.groups.map((x) => [x.experience, x.customers]))).toEqual({
      on_time: 11,
      late_1_2_days: 4,
      late_3_plus_days: 5,
      exception: 2,
      unknown: 3,
    });
    expect(link.unknownReasons).toEqual({ no_tracking: 1, no_promise: 1, no_delivery_data: 1, not_shipped: 0, in_flight: 0 });
    // 24 first orders from Jan 2024 are old enough for every window; the Dec one for none
    expect(link.counts.eligibleByWindow).toEqual([
      { days: 90, customers: 24 },
      { days: 180, customers: 24 },
      { days: 365, customers: 24 },
    ]);
  });

  it("reorder rates per window, eligible customers only", () => {
    // on time: 6/10 by 90 and 180 days, 7/10 by 365 (the day-200 reorder)
    expect([win("on_time", 90).repeaters, win("on_time", 90).eligible]).toEqual([6, 10]);
    expect(win("on_time", 365).rate.value).toBeCloseTo(0.7, 12);
    // 1–2 days late: reorders at day 100 → 0/4 by 90, 2/4 by 180
    expect(win("late_1_2_days", 90).rate.value).toBe(0);
    expect(win("late_1_2_days", 180).rate.value).toBe(0.5);
    expect(win("late_3_plus_days", 180).rate.value).toBeCloseTo(0.2, 12);
    expect(win("on_time", 90).differenceVsOnTime).toBeNull();
  });

  it("crude and stratified differences vs on time", () => {
    // 3+ late vs on time by 90 days: 1/5 − 6/10 = −0.4. One stratum (Jan 2024 × Online Store × one value band),
    // so Mantel–Haenszel equals the crude difference.
    const w = win("late_3_plus_days", 90);
    expect(w.differenceVsOnTime?.value).toBeCloseTo(-0.4, 12);
    expect(w.differenceVsOnTime?.n).toBe(5);
    expect(w.adjustedDifferenceVsOnTime?.value).toBeCloseTo(-0.4, 12);
    expect(w.adjustedDifferenceVsOnTime).toMatchObject({ strataUsed: 1, matchedShare: 1, confidence: "insufficient" });
  });

  it("realized 365-day value and predicted CLV", () => {
    // on time: 7 customers × (50 + 50) + 3 × 50 = 850 over 10 → 85; 3+ late: 100 + 4 × 50 = 300 over 5 → 60
    expect(g.on_time.realizedValue.mean.value).toBeCloseTo(85, 12);
    expect(g.on_time.realizedValue.eligible).toBe(10);
    expect(g.late_3_plus_days.realizedValue.mean.value).toBeCloseTo(60, 12);
    expect(g.late_3_plus_days.realizedValue.differenceVsOnTime?.value).toBeCloseTo(-25, 12);
    expect(g.on_time.predictedClv).toMatchObject({ customers: 10 });
    expect(g.on_time.predictedClv?.mean.value).toBe(200);
    expect(g.late_3_plus_days.predictedClv?.mean.value).toBe(100);
    expect(g.exception.predictedClv?.customers).toBe(0);
  });

  it("reads predictions aligned with the prepared history exactly as from the map", () => {
    const table = buildJourneyTable(orders, AS_OF);
    const history = buildPurchaseHistory(orders, { asOf: AS_OF });
    const byCustomer = Float64Array.from(history.customerIds, (id) => predicted.get(id) ?? Number.NaN);
    const aligned = linkDeliveryToRepeat([], { asOf: AS_OF, predictedClvByCustomer: byCustomer, prepared: { table, history } });
    expect(aligned.groups).toEqual(link.groups);
    expect(() => linkDeliveryToRepeat([], { asOf: AS_OF, predictedClvByCustomer: byCustomer.subarray(1), prepared: { table, history } })).toThrow(/do not match/);
  });

  it("says there is not enough history instead of guessing", () => {
    expect(link.summary.confidence).toBe("insufficient");
    expect(link.summary.sentence).toMatch(/^Not enough history yet/);
    expect(link.summary.sentence).toContain("on time: 10");
    expect(JSON.stringify(link)).not.toMatch(/NaN/);
  });
});

describe("confounder control", () => {
  it("removes a channel-driven difference (Simpson's paradox)", () => {
    // Shop: 400 late-3+ and 100 on-time customers, 50% reorder in both.
    // Online Store: 100 late-3+ and 400 on-time, 10% reorder in both.
    // Crude: late (200 + 10)/500 = 0.42 vs on time (50 + 40)/500 = 0.18 → +0.24; within each channel: 0.
    const orders: Order[] = [];
    const add = (channel: string, first: (s: OrderSpec) => OrderSpec, n: number, reorderShare: number, tag: string) => {
      for (let i = 0; i < n; i++) orders.push(...customer(`${tag}${i}`, first, i < n * reorderShare ? [20] : [], JAN, { channel }));
    };
    add("Shop", late3, 400, 0.5, "sl");
    add("Shop", onTime, 100, 0.5, "so");
    add("Online Store", late3, 100, 0.1, "ol");
    add("Online Store", onTime, 400, 0.1, "oo");
    const link = linkDeliveryToRepeat(orders, { asOf: AS_OF });
    const w = link.groups.find((x) => x.experience === "late_3_plus_days")!.windows.find((x) => x.days === 180)!;
    expect(w.differenceVsOnTime?.value).toBeCloseTo(0.24, 12);
    expect(w.adjustedDifferenceVsOnTime?.value).toBeCloseTo(0, 12);
    expect(w.adjustedDifferenceVsOnTime?.strataUsed).toBe(2);
    expect(link.summary).toMatchObject({ experience: "late_3_plus_days", windowDays: 180, adjusted: true });
    expect(link.summary.sentence).toContain("about as often");
    expect(link.summary.sentence).toContain("n=500 vs 500");
    expect(link.summary.sentence).toContain("not proof of cause");
  });

  it("headlines a clear drop with its interval", () => {
    // One stratum: on time 600 customers, 40% reorder at day 20; 3+ late 300 customers, 20% reorder.
    const orders: Order[] = [];
    for (let i = 0; i < 600; i++) orders.push(...customer(`t${i}`, onTime, i < 240 ? [20] : []));
    for (let i = 0; i < 300; i++) orders.push(...customer(`l${i}`, late3, i < 60 ? [20] : []));
    const link = linkDeliveryToRepeat(orders, { asOf: AS_OF });
    expect(link.summary.experience).toBe("late_3_plus_days");
    // 0.2 − 0.4 = −0.2 → "20.0 points less often"
    expect(link.summary.sentence).toMatch(/^Customers whose first order arrived 3\+ days late reordered within 180 days 20\.0 points less often/);
    expect(link.summary.sentence).toContain("n=300 vs 600");
    expect(link.summary.confidence).not.toBe("insufficient");
  });
});

describe("degenerate inputs", () => {
  it("no orders / all guests", () => {
    for (const orders of [[], [order({ customer: null, at: JAN })]]) {
      const link = linkDeliveryToRepeat(orders, { asOf: AS_OF });
      expect(link.counts.customers).toBe(0);
      expect(link.groups.every((x) => x.windows.every((w) => w.rate.value === null))).toBe(true);
      expect(link.summary.confidence).toBe("insufficient");
      expect(JSON.stringify(link)).not.toMatch(/NaN/);
    }
  });
});

describe("linkSentence", () => {
  it("reads like the product copy", () => {
    expect(
      linkSentence({ experience: "late_3_plus_days", windowDays: 180, difference: -0.091, low: -0.12, high: -0.062, level: 0.95, exposed: 1203, onTime: 8411, adjusted: true }),
    ).toBe(
      "Customers whose first order arrived 3+ days late reordered within 180 days 9.1 points less often than customers whose first order arrived on time " +
        "(95% CI 6.2–12.0; n=1,203 vs 8,411), after accounting for cohort, channel and order value. This is an association in your store's data, not proof of cause.",
    );
  });
  it("states an interval that includes zero as no clear difference", () => {
    const s = linkSentence({ experience: "exception", windowDays: 90, difference: -0.012, low: -0.03, high: 0.006, level: 0.95, exposed: 40, onTime: 900, adjusted: false });
    expect(s).toContain("about as often");
    expect(s).toContain("−1.2 points");
    expect(s).toContain("95% CI −3.0 to +0.6");
    expect(s).toContain("not adjusted");
  });
});
