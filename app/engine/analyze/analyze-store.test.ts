import { describe, expect, it } from "vitest";
import type { Order } from "../types";
import { at, DAY, HOUR, order } from "../testing/order-builder";
import { analyzeStore, type StoreAnalysis } from "./analyze-store";

const AS_OF = at("2025-01-01");

/** Every number reachable from `value` (typed arrays excluded: they are per-row columns) must be finite. */
function nonFinitePaths(value: unknown, path = "analysis", out: string[] = []): string[] {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) out.push(`${path} = ${value}`);
  } else if (Array.isArray(value)) value.forEach((v, i) => nonFinitePaths(v, `${path}[${i}]`, out));
  else if (value instanceof Map) for (const [k, v] of value) nonFinitePaths(v, `${path}.get(${String(k)})`, out);
  else if (value !== null && typeof value === "object" && !ArrayBuffer.isView(value)) {
    for (const [k, v] of Object.entries(value)) nonFinitePaths(v, `${path}.${k}`, out);
  }
  return out;
}

/** A seeded store: 150 customers, delivery promises, some late, some with exceptions, some repeats, guests, POS. */
function store(): Order[] {
  let seed = 3;
  const rnd = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
  const out: Order[] = [];
  for (let c = 0; c < 150; c++) {
    let t = AS_OF - 600 * DAY + Math.floor(rnd() * 560) * DAY + 10 * HOUR;
    for (let k = 0; t <= AS_OF && k < 6; k++) {
      const late = rnd() < 0.15;
      out.push(
        order({
          id: `c${c}-${k}`,
          customer: c % 10 === 9 ? null : `c${c}`,
          at: t,
          total: 40 + Math.round(rnd() * 60),
          channel: c % 7 === 0 ? "Shop" : "Online Store",
          promiseDays: 4,
          ship: { afterHours: 12, pickupAfterHours: 20, deliveredAfterHours: late ? 150 : 80, exceptions: rnd() < 0.05 ? [["DELAYED", 60]] : [] },
          lineItems: [{ quantity: 1, unitPrice: 40, unitCost: rnd() < 0.8 ? 16 : null, requiresShipping: true }],
        }),
      );
      if (rnd() < (late && k === 0 ? 0.7 : 0.45)) break;
      t += Math.ceil(20 + rnd() * 120) * DAY;
    }
  }
  return out;
}

/** Numbers to 10 significant digits: sums in another order differ in the last bits. */
function rounded(value: unknown): unknown {
  if (typeof value === "number") return Number.isFinite(value) ? Number(value.toPrecision(10)) : value;
  if (Array.isArray(value)) return value.map(rounded);
  if (value instanceof Map) return new Map([...value].map(([k, v]) => [k, rounded(v)]));
  if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rounded(v)]));
  return value;
}

/** The parts of an analysis that must not depend on input order. */
function stable(a: StoreAnalysis) {
  return rounded({
    counts: a.counts,
    headline: a.headline,
    delivery: a.delivery,
    economics: a.economics,
    volumes: a.volumes,
    channels: a.channels,
    margin: a.margin,
    dataQuality: a.dataQuality,
    clv: a.clv.revenue,
    segments: a.segments.seed.summary,
  });
}

describe("analyzeStore", () => {
  const orders = store();
  const analysis = analyzeStore(orders, { asOf: AS_OF, currency: "USD" });

  it("analyses a store end to end without a single NaN", () => {
    expect(analysis.counts.orders).toBe(orders.length);
    expect(analysis.counts.customers).toBe(135);
    expect(analysis.headline.repeatRate.value).toBeGreaterThan(0);
    expect(analysis.headline.onTimeRate.value! + analysis.headline.lateRate.value!).toBeCloseTo(1, 12);
    expect(nonFinitePaths(analysis)).toEqual([]);
  });

  it("gives the same answer whatever the input order, for arrays and iterables", () => {
    const shuffled = [...orders].reverse();
    expect(stable(analyzeStore(shuffled, { asOf: AS_OF, currency: "USD" }))).toEqual(stable(analysis));
    function* stream() {
      yield* orders;
    }
    expect(stable(analyzeStore(stream(), { asOf: AS_OF, currency: "USD" }))).toEqual(stable(analysis));
  });

  it("keeps the newest version of a duplicated order, whichever comes first", () => {
    const base = order({ id: "dup", customer: "d", at: AS_OF - 50 * DAY, total: 100, updatedAt: AS_OF - 50 * DAY });
    const newer = { ...base, totalPrice: 80, updatedAt: AS_OF - 40 * DAY, refunds: [{ createdAt: AS_OF - 40 * DAY, amount: 30 }] };
    for (const input of [[base, newer], [newer, base]]) {
      const a = analyzeStore(input, { asOf: AS_OF, currency: "USD" });
      expect(a.counts).toMatchObject({ inputOrders: 2, duplicatesRemoved: 1, orders: 1 });
      expect(a.economics.revenuePerYear.value).toBeCloseTo(50 * (365 / 50), 8); // 80 − 30, scaled from 50 days
    }
  });

  it("streams: stale and newer copies interleaved give exactly the analysis of the final versions", () => {
    // Earlier versions differ where a rewrite must withdraw what they added: another customer,
    // return reasons, a cancellation, another carrier outcome, another channel and value.
    const earlier = (o: Order, k: number): Order => ({
      ...o,
      updatedAt: o.updatedAt - (k + 1) * HOUR,
      customerId: k % 3 === 0 ? `moved-${k % 11}` : o.customerId,
      cancelledAt: k % 4 === 1 ? o.createdAt + HOUR : null,
      returns: [{ createdAt: o.createdAt + 5 * DAY, reasons: [k % 2 === 0 ? "Arrived damaged" : "Too small"] }],
      channel: "Point of Sale",
      totalPrice: o.totalPrice * 3,
      fulfillments: k % 5 === 0 ? [] : o.fulfillments,
    });
    const noisy: Order[] = [];
    orders.forEach((o, k) => {
      if (k % 2 === 0) noisy.push(earlier(earlier(o, k), k), earlier(o, k));
      noisy.push(o);
      if (k % 3 === 0) noisy.push(earlier(o, k + 1)); // a stale copy after the newest
    });
    const a = analyzeStore(noisy, { asOf: AS_OF, currency: "USD" });
    expect(a.counts.inputOrders).toBe(noisy.length);
    expect(a.counts.duplicatesRemoved).toBe(noisy.length - orders.length);
    expect(a.dataQuality.find((n) => n.topic === "duplicates")?.message).toMatch(/^406 duplicate order records were merged/);
    const { counts: _n, ...rest } = stable({ ...a, dataQuality: a.dataQuality.filter((n) => n.topic !== "duplicates") }) as { counts: unknown };
    const { counts: _e, ...expected } = stable(analysis) as { counts: unknown };
    expect(rest).toEqual(expected);
    expect(rounded(a.journey)).toEqual(rounded({ ...analysis.journey, counts: { ...analysis.journey.counts, input: noisy.length, duplicatesRemoved: noisy.length - orders.length } }));
    expect(rounded(a.segments)).toEqual(rounded(analysis.segments));
    expect(rounded(a.link)).toEqual(rounded(analysis.link));
  });

  it("uses the merchant's margin only where unit costs are missing", () => {
    const a = analyzeStore(orders, { asOf: AS_OF, currency: "USD", marginRate: 0.3 });
    const share = a.margin.knownCostShare!;
    expect(share).toBeGreaterThan(0.7);
    expect(a.margin.rate).toBeCloseTo(share * 0.6 + (1 - share) * 0.3, 12);
    expect(a.headline.averagePredictedClvMargin.value).toBeCloseTo(a.headline.averagePredictedClv.value! * a.margin.rate!, 8);
  });

  it("handles the empty store with explicit insufficient figures", () => {
    const a = analyzeStore([], { asOf: AS_OF, currency: "USD" });
    expect(nonFinitePaths(a)).toEqual([]);
    for (const f of Object.values(a.headline)) expect(f).toMatchObject({ value: null, confidence: "insufficient" });
    expect(a.delivery.biggest).toBeNull();
    expect(a.dataQuality[0]).toEqual({ topic: "orders", severity: "critical", message: "No orders yet as of this date, so there is nothing to measure." });
    expect(a.counts).toMatchObject({ orders: 0, customers: 0, historyDays: 0, firstOrderAt: null });
  });

  it("handles an all-guest store: delivery figures yes, repeat and value no", () => {
    const guests = store().map((o) => ({ ...o, customerId: null }));
    const a = analyzeStore(guests, { asOf: AS_OF, currency: "USD" });
    expect(nonFinitePaths(a)).toEqual([]);
    expect(a.counts.customers).toBe(0);
    expect(a.headline.onTimeRate.confidence).not.toBe("insufficient");
    expect(a.headline.repeatRate).toMatchObject({ value: null, confidence: "insufficient" });
    expect(a.headline.averagePredictedClv).toMatchObject({ value: null, confidence: "insufficient" });
    expect(a.dataQuality.map((n) => n.message)).toContain("No orders from customers with accounts, so repeat purchases and lifetime value can't be measured.");
    expect(a.dataQuality.some((n) => n.message.startsWith("100% of orders are guest checkouts"))).toBe(true);
  });

  it("handles a store of one-time buyers: a measured 0% repeat rate, no model, no invented friction", () => {
    const once = Array.from({ length: 60 }, (_, i) =>
      order({ id: `o${i}`, customer: `c${i}`, at: AS_OF - (30 + i * 5) * DAY, promiseDays: 3, ship: { afterHours: 10, deliveredAfterHours: i % 5 === 0 ? 120 : 50 } }),
    );
    const a = analyzeStore(once, { asOf: AS_OF, currency: "USD" });
    expect(nonFinitePaths(a)).toEqual([]);
    expect(a.headline.repeatRate.value).toBe(0);
    expect(a.clv.message).toBe("None of your 60 customers has ordered a second time yet, so repeat buying can't be estimated.");
    expect(a.headline.averagePredictedClv.confidence).toBe("insufficient");
    expect(a.delivery.biggest).toBeNull();
  });

  it("handles a tiny store without NaN and with low or insufficient confidence", () => {
    const tiny = [
      order({ id: "1", customer: "a", at: AS_OF - 40 * DAY, promiseDays: 3, ship: { afterHours: 5, deliveredAfterHours: 40 } }),
      order({ id: "2", customer: "a", at: AS_OF - 10 * DAY, promiseDays: 3, ship: { afterHours: 5, deliveredAfterHours: 100 } }),
      order({ id: "3", customer: "b", at: AS_OF - 5 * DAY, channel: "Point of Sale", shippingSpeed: "local" }),
    ];
    const a = analyzeStore(tiny, { asOf: AS_OF, currency: "USD" });
    expect(nonFinitePaths(a)).toEqual([]);
    expect(a.headline.lateRate).toMatchObject({ value: 0.5, confidence: "insufficient" });
    expect(a.headline.repeatRate).toMatchObject({ value: 0.5, confidence: "insufficient" });
    expect(a.segments.rfm.confidence).toBe("insufficient");
  });

  it("ignores orders placed after asOf", () => {
    const later = order({ id: "future", customer: "z", at: AS_OF + DAY, total: 1e6 });
    const a = analyzeStore([...orders, later], { asOf: AS_OF, currency: "USD" });
    expect(a.counts.orders).toBe(analysis.counts.orders);
    expect(a.economics.revenuePerYear.value).toBeCloseTo(analysis.economics.revenuePerYear.value!, 6);
    expect(a.segments.customers).toBe(analysis.segments.customers);
  });

  it("survives missing timestamps: undated orders are counted out, broken milestones are unknown, never NaN", () => {
    const undated = { ...order({ id: "undated", customer: "u", total: 70 }), createdAt: Number.NaN, processedAt: null };
    const shipped = order({ id: "broken", customer: "u", at: AS_OF - 20 * DAY, total: 40, promiseDays: 4, ship: { afterHours: 10, deliveredAfterHours: 60 } });
    shipped.fulfillments[0] = {
      ...shipped.fulfillments[0],
      createdAt: Number.NaN,
      deliveredAt: null,
      events: [{ status: "IN_TRANSIT", happenedAt: Number.NaN }, { status: "DELIVERED", happenedAt: Number.NaN }],
    };
    const a = analyzeStore([...orders, undated, shipped], { asOf: AS_OF, currency: "USD" });
    expect(nonFinitePaths(a)).toEqual([]);
    expect(a.journey.counts.noOrderDate).toBe(1);
    expect(a.repeat.counts.undatedOrdersExcluded).toBe(1);
    expect(a.counts.orders).toBe(orders.length + 1); // the dated one counts, the undated one cannot
    expect(a.segments.customers).toBe(analysis.segments.customers + 1);
  });
});
