import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { Order } from "../engine/types";
import { mapAdminOrder } from "../sync/map-admin-order";
import type { AdminOrder } from "./admin-order";
import { DAY_MS, HOUR_MS, utcMonthDay } from "./calendar";
import { DEMO_DEFAULTS, forEachOrder, generateStore, iterateOrders, planDemoStore } from "./generate-store";
import { DEMO_TRUTH } from "./truth";

const AS_OF = Date.UTC(2026, 5, 30, 12);
const hash = (orders: AdminOrder[]) => createHash("sha256").update(JSON.stringify(orders)).digest("hex");
const cents = (amount: string) => Math.round(Number(amount) * 100);

function within(value: number, [low, high]: readonly [number, number], label: string) {
  expect(value, `${label} = ${value.toFixed(4)}, expected in [${low}, ${high}]`).toBeGreaterThanOrEqual(low);
  expect(value, `${label} = ${value.toFixed(4)}, expected in [${low}, ${high}]`).toBeLessThanOrEqual(high);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

describe("determinism", () => {
  it("gives byte-identical stores for the same seed and options, different ones otherwise", () => {
    const options = { asOf: AS_OF, orders: 1500, seed: "det" };
    const first = generateStore(options);
    const second = generateStore(options);
    expect(first.orders.length).toBeGreaterThan(1000);
    expect(hash(second.orders)).toBe(hash(first.orders));
    expect(hash(generateStore({ ...options, seed: "det-2" }).orders)).not.toBe(hash(first.orders));
    expect(hash(generateStore({ ...options, asOf: AS_OF + DAY_MS }).orders)).not.toBe(hash(first.orders));
  });

  it("streams exactly what generateStore returns, from options or from a plan", () => {
    const options = { asOf: AS_OF, orders: 800, seed: "stream" };
    const store = generateStore(options);
    expect(hash([...iterateOrders(options)])).toBe(hash(store.orders));
    expect(hash([...iterateOrders(planDemoStore(options))])).toBe(hash(store.orders));
    const seen: string[] = [];
    expect(forEachOrder(store.plan, (order, i) => seen.push(`${i}:${order.id}`))).toBe(store.orders.length);
    expect(seen[3]).toBe(`3:${store.orders[3].id}`);
  });
});

describe("options", () => {
  it("defaults to two years ending at asOf, USD, the demo seed", () => {
    const plan = planDemoStore({ asOf: AS_OF, orders: 100 });
    expect(plan).toMatchObject({ end: AS_OF, start: AS_OF - 730 * DAY_MS, currency: "USD", seed: DEMO_DEFAULTS.seed, shopDomain: DEMO_DEFAULTS.shopDomain });
    expect(planDemoStore({ asOf: AS_OF }).orders).toBe(20_000);
  });

  it("rejects impossible options instead of guessing", () => {
    expect(() => planDemoStore({ asOf: Number.NaN })).toThrow(/asOf/);
    expect(() => planDemoStore({ asOf: AS_OF, start: AS_OF, end: AS_OF })).toThrow(/before/);
    expect(() => planDemoStore({ asOf: AS_OF, end: AS_OF + 1 })).toThrow(/after asOf/);
    expect(() => planDemoStore({ asOf: AS_OF, orders: -1 })).toThrow(/orders/);
    expect(() => planDemoStore({ asOf: AS_OF, orders: 2.5 })).toThrow(/orders/);
    expect(() => generateStore({ asOf: AS_OF, orders: 1_000_000 })).toThrow(/iterateOrders/);
  });

  it("makes an empty store for zero orders, and honours an explicit customer count", () => {
    expect(generateStore({ asOf: AS_OF, orders: 0 }).orders).toEqual([]);
    const store = generateStore({ asOf: AS_OF, customers: 50, seed: "fifty" });
    expect(store.plan.customers).toBe(50);
    const people = new Set(store.orders.map((o) => o.customer?.id ?? "guest"));
    expect(people.size).toBeLessThanOrEqual(51);
    expect(store.orders.length).toBeGreaterThanOrEqual(40);
  });

  it("uses the given currency and period", () => {
    const start = Date.UTC(2025, 0, 1);
    const end = Date.UTC(2025, 3, 1);
    const { orders } = generateStore({ asOf: AS_OF, start, end, orders: 300, currency: "CAD", seed: "cad" });
    expect(orders.every((o) => o.currencyCode === "CAD" && o.totalPriceSet.shopMoney.currencyCode === "CAD")).toBe(true);
    expect(orders.every((o) => Date.parse(o.createdAt) >= start && Date.parse(o.createdAt) <= end)).toBe(true);
  });
});

describe("a default store (20k orders over two years)", () => {
  let admin: AdminOrder[];
  let orders: Order[];
  let start: number;

  beforeAll(() => {
    const store = generateStore({ asOf: AS_OF });
    admin = store.orders;
    orders = admin.map(mapAdminOrder);
    start = store.plan.start;
  });

  it("hits the order target, in creation order, with unique ids, and shows nothing after asOf", () => {
    within(orders.length / 20_000 - 1, [-DEMO_TRUTH.targets.ordersRelativeError, DEMO_TRUTH.targets.ordersRelativeError], "order count error");
    expect(new Set(orders.map((o) => o.id)).size).toBe(orders.length);
    expect(new Set(admin.map((o) => o.name)).size).toBe(orders.length);
    const fulfillmentIds = orders.flatMap((o) => o.fulfillments.map((f) => f.id));
    expect(new Set(fulfillmentIds).size).toBe(fulfillmentIds.length);
    const problems: string[] = [];
    for (let i = 0; i < orders.length; i++) {
      const o = orders[i];
      if (i > 0 && o.createdAt < orders[i - 1].createdAt) problems.push(`${o.id} out of order`);
      if (o.createdAt < start) problems.push(`${o.id} before start`);
      const times = [
        o.cancelledAt ?? 0,
        ...o.fulfillments.flatMap((f) => [f.createdAt, f.inTransitAt ?? 0, f.deliveredAt ?? 0, ...f.events.map((e) => e.happenedAt)]),
        ...o.refunds.map((r) => r.createdAt),
        ...o.returns.map((r) => r.createdAt),
      ];
      if (times.some((t) => t > AS_OF) || o.updatedAt > AS_OF) problems.push(`${o.id} shows the future`);
      if (o.updatedAt !== Math.max(o.createdAt, ...times)) problems.push(`${o.id} updatedAt is not its last visible change`);
    }
    expect(problems.slice(0, 5)).toEqual([]);
  });

  it("adds money up to the cent on every order", () => {
    const problems: string[] = [];
    const check = (ok: boolean, o: AdminOrder, what: string) => {
      if (!ok) problems.push(`${o.name}: ${what}`);
    };
    for (const o of admin) {
      const lines = o.lineItems.nodes;
      const subtotal = lines.reduce((s, l) => s + l.quantity * cents(l.discountedUnitPriceAfterAllDiscountsSet.shopMoney.amount), 0);
      const lineDiscount = lines.reduce(
        (s, l) => s + l.quantity * (cents(l.originalUnitPriceSet.shopMoney.amount) - cents(l.discountedUnitPriceAfterAllDiscountsSet.shopMoney.amount)),
        0,
      );
      const shipping = o.shippingLine ? cents(o.shippingLine.discountedPriceSet.shopMoney.amount) : 0;
      const shippingDiscount = o.shippingLine ? cents(o.shippingLine.originalPriceSet.shopMoney.amount) - shipping : 0;
      const total = cents(o.totalPriceSet.shopMoney.amount);
      const refunded = o.refunds.reduce((s, r) => s + cents(r.totalRefundedSet.shopMoney.amount), 0);
      check(cents(o.subtotalPriceSet!.shopMoney.amount) === subtotal, o, "subtotal");
      check(cents(o.totalDiscountsSet!.shopMoney.amount) === lineDiscount + shippingDiscount, o, "discounts");
      const tax = total - subtotal - shipping;
      check(tax >= 0 && tax <= Math.ceil(subtotal * 0.14), o, `tax ${tax}`);
      check(cents(o.totalRefundedSet.shopMoney.amount) === refunded && refunded <= total, o, "refunded");
      check(cents(o.currentTotalPriceSet.shopMoney.amount) === total - refunded, o, "current total");
      const status = refunded === total && total > 0 ? ["REFUNDED"] : refunded > 0 ? ["PARTIALLY_REFUNDED"] : ["PAID", "PENDING", "VOIDED"];
      check(status.includes(o.displayFinancialStatus!), o, `status ${o.displayFinancialStatus}`);
    }
    expect(problems.slice(0, 5)).toEqual([]);
  });

  it("has realistic customer marginals: repeaters, guests, gifts, cancellations, checkout answers", () => {
    const perCustomer = new Map<string, number>();
    for (const o of orders) if (o.customerId) perCustomer.set(o.customerId, (perCustomer.get(o.customerId) ?? 0) + 1);
    const repeaters = [...perCustomer.values()].filter((n) => n >= 2).length;
    const t = DEMO_TRUTH.targets;
    within(repeaters / perCustomer.size, t.repeaterShare, "repeater share");
    within(orders.filter((o) => o.customerId === null).length / orders.length, t.guestOrderShare, "guest order share");
    within(orders.filter((o) => o.isGift).length / orders.length, t.giftShare, "gift share");
    within(orders.filter((o) => o.cancelledAt !== null).length / orders.length, t.cancellationRate, "cancellation rate");
    within(orders.filter((o) => o.preferences !== null).length / orders.length, t.preferencesShare, "preferences share");
  });

  it("has realistic delivery marginals: late rate, exception rates, processing and transit medians", () => {
    let delivered = 0;
    let late = 0;
    let tracked = 0;
    const exceptions = { DELAYED: 0, ATTEMPTED_DELIVERY: 0, FAILURE: 0 };
    const processing: Record<string, number[]> = {};
    const transit: Record<string, number[]> = {};
    for (const o of orders) {
      for (const f of o.fulfillments) {
        if (!["express", "standard", "economy"].includes(o.shippingSpeed)) continue;
        (processing[o.shippingSpeed] ??= []).push((f.createdAt - o.createdAt) / HOUR_MS);
        if (f.deliveredAt !== null && f.inTransitAt !== null) (transit[o.shippingSpeed] ??= []).push((f.deliveredAt - f.inTransitAt) / DAY_MS);
        if (f.deliveredAt !== null && o.promisedDeliveryAt !== null) {
          delivered++;
          if (f.deliveredAt > o.promisedDeliveryAt) late++;
        }
        if (f.events.length > 0) {
          tracked++;
          const statuses = new Set(f.events.map((e) => e.status));
          for (const key of Object.keys(exceptions) as Array<keyof typeof exceptions>) if (statuses.has(key)) exceptions[key]++;
        }
      }
    }
    const t = DEMO_TRUTH.targets;
    within(late / delivered, t.lateRate, "late rate");
    within(exceptions.DELAYED / tracked, t.delayedEventRate, "DELAYED rate");
    within(exceptions.ATTEMPTED_DELIVERY / tracked, t.attemptedEventRate, "ATTEMPTED_DELIVERY rate");
    within(exceptions.FAILURE / tracked, t.failureEventRate, "FAILURE rate");
    for (const speed of ["express", "standard", "economy"] as const) {
      within(median(processing[speed]), t.medianProcessingHours[speed], `median processing hours (${speed})`);
      within(median(transit[speed]), t.medianTransitDays[speed], `median transit days (${speed})`);
    }
    expect(median(transit.express)).toBeLessThan(median(transit.standard));
    expect(median(transit.standard)).toBeLessThan(median(transit.economy));
  });

  it("has returns with reasons, mostly apparel sizes, and 'arrived-late' mostly on late parcels", () => {
    const withDelivery = orders.filter((o) => o.fulfillments.some((f) => f.deliveredAt !== null) || o.shippingSpeed === "pickup");
    const returned = withDelivery.filter((o) => o.returns.length > 0);
    within(returned.length / withDelivery.length, DEMO_TRUTH.targets.returnRate, "return rate");
    const reasons = orders.flatMap((o) => o.returns.flatMap((r) => r.reasons));
    expect(reasons.filter((r) => r === "too-small" || r === "too-large").length / reasons.length).toBeGreaterThan(0.15);
    const lateReturn = (o: Order) => o.promisedDeliveryAt !== null && o.fulfillments.some((f) => f.deliveredAt !== null && f.deliveredAt > o.promisedDeliveryAt!);
    const arrivedLate = orders.filter((o) => o.returns.some((r) => r.reasons.includes("arrived-late")));
    const visiblyLate = arrivedLate.filter(lateReturn).length;
    const visiblyOnTime = arrivedLate.filter((o) => !lateReturn(o) && o.fulfillments.every((f) => f.deliveredAt !== null)).length;
    expect(visiblyLate).toBeGreaterThan(5 * Math.max(1, visiblyOnTime));
  });

  it("shows the designed structure: Q4 peak, first-of-month buyers, missing costs, every channel", () => {
    const byMonth = new Array(12).fill(0);
    let firstDays = 0;
    for (const o of orders) {
      const { month, day } = utcMonthDay(o.createdAt);
      byMonth[month]++;
      if (day <= 3) firstDays++;
    }
    const q4 = (byMonth[10] + byMonth[11]) / 2;
    const rest = (byMonth.reduce((s, n) => s + n, 0) - byMonth[10] - byMonth[11]) / 10;
    expect(q4 / rest).toBeGreaterThan(1.3);
    expect(firstDays / orders.length).toBeGreaterThan(3 / 30.44 + 0.02); // more than a uniform calendar gives

    const lines = orders.flatMap((o) => o.lineItems);
    within(lines.filter((l) => l.unitCost === null).length / lines.length, [0.06, 0.25], "lines without unit cost");
    expect(lines.some((l) => !l.requiresShipping)).toBe(true);

    const channels = new Set(orders.map((o) => o.channel));
    expect([...channels].sort()).toEqual(["Draft Orders", "Facebook & Instagram", "Online Store", "Point of Sale", "Shop"]);
    for (const o of orders.filter((x) => x.channel === "Point of Sale")) {
      expect(o.shippingTitle).toBeNull();
      expect(o.destinationRegion).toBeNull();
    }
    expect(new Set(orders.map((o) => o.shippingSpeed))).toEqual(new Set(["express", "standard", "economy", "pickup", "local", "unknown"]));
  });

  it("covers the tracking gaps the engine must cope with", () => {
    const shipped = orders.filter((o) => ["express", "standard", "economy"].includes(o.shippingSpeed)).flatMap((o) => o.fulfillments);
    const share = (f: (x: (typeof shipped)[number]) => boolean) => shipped.filter(f).length / shipped.length;
    within(share((f) => !f.hasTracking), [0.01, 0.06], "untracked fulfillments");
    within(share((f) => f.hasTracking && f.events.length === 0 && f.deliveredAt !== null), [0.01, 0.1], "milestones without events");
    within(share((f) => f.hasTracking && f.events.length === 0 && f.deliveredAt === null && f.inTransitAt === null), [0.01, 0.1], "label only");
    expect(orders.some((o) => o.fulfillments.length === 2)).toBe(true); // split shipments
    const promised = orders.filter((o) => o.promisedDeliveryAt !== null);
    expect(promised.some((o) => /business day/.test(o.shippingTitle ?? ""))).toBe(true);
    expect(promised.some((o) => !/business day/.test(o.shippingTitle ?? ""))).toBe(true); // from the delivery method
  });

  it("answers the checkout question mostly in character", () => {
    const answered = orders.filter((o) => o.preferences?.speedVsCost);
    const expressShare = (answer: string) => {
      const group = answered.filter((o) => o.preferences!.speedVsCost === answer && o.shippingSpeed !== "pickup" && o.shippingSpeed !== "unknown");
      return group.filter((o) => o.shippingSpeed === "express").length / group.length;
    };
    expect(expressShare("speed")).toBeGreaterThan(2 * expressShare("cost"));
    const gifts = answered.filter((o) => o.preferences!.giftPackaging === true);
    expect(gifts.filter((o) => o.shipsToBillingAddress === false).length / gifts.length).toBeGreaterThan(0.4);
    const discounted = (answer: string) => {
      const group = answered.filter((o) => o.preferences!.speedVsCost === answer);
      return group.filter((o) => o.discountCodeUsed).length / group.length;
    };
    expect(discounted("cost")).toBeGreaterThan(1.5 * discounted("speed"));
  });

  it("hides the designed effect: a bad first delivery lowers the chance to buy again", () => {
    // Customers acquired at least a year before asOf, whose first order was shipped with a promise
    // and whose outcome is visible (delivered with a date, or a FAILURE event).
    const byCustomer = new Map<string, Order[]>();
    for (const o of orders) if (o.customerId) byCustomer.set(o.customerId, [...(byCustomer.get(o.customerId) ?? []), o]);
    const groups = { good: { n: 0, repeat: 0 }, bad: { n: 0, repeat: 0 } };
    for (const list of byCustomer.values()) {
      const first = list[0];
      if (first.createdAt > AS_OF - 365 * DAY_MS || first.promisedDeliveryAt === null || first.fulfillments.length === 0) continue;
      const failed = first.fulfillments.some((f) => f.events.some((e) => e.status === "FAILURE"));
      if (!failed && first.fulfillments.some((f) => f.deliveredAt === null)) continue;
      const bad = failed || first.fulfillments.some((f) => f.deliveredAt! > first.promisedDeliveryAt!);
      const group = bad ? groups.bad : groups.good;
      group.n++;
      if (list.length >= 2) group.repeat++;
    }
    const good = groups.good.repeat / groups.good.n;
    const bad = groups.bad.repeat / groups.bad.n;
    expect(groups.bad.n).toBeGreaterThan(150);
    within(1 - bad / good, DEMO_TRUTH.targets.observedRepeatReductionAfterBadFirstDelivery, "observed relative repeat reduction");
    // And it is not noise: two-proportion z statistic.
    const pooled = (groups.good.repeat + groups.bad.repeat) / (groups.good.n + groups.bad.n);
    const z = (good - bad) / Math.sqrt(pooled * (1 - pooled) * (1 / groups.good.n + 1 / groups.bad.n));
    expect(z).toBeGreaterThan(2.5);
    expect(DEMO_TRUTH.lateFirstDeliveryEffect.relativeRepeatReduction).toBe(0.3);
  });
});
