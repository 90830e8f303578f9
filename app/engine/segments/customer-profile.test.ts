import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DAY, HOUR, at, order } from "../testing/order-builder";
import type { DeliveryPreferences, Order, ShippingSpeed } from "../types";
import {
  type CustomerProfile,
  SHIPPING_SPEEDS,
  daysSinceLastOrder,
  gapStats,
  profileMetrics,
  recentOrderIsGift,
  writeGaps,
} from "./customer-profile";
// The profile book classifies first-of-month buyers with the calendar's day-of-month.
import { dayOfMonthOfDay as dayOfMonth } from "../stats/calendar";
import { activeProfiles, addOrderToBook, applyOrder, applyOrderToBook, appliedVersion, buildProfiles, createProfile, createProfileBook } from "./profile-book";
import { KeyIndex } from "../journey/key-index";

const prefs = (speedVsCost: DeliveryPreferences["speedVsCost"], answeredAt: number): DeliveryPreferences => ({
  speedVsCost,
  deliveryWindow: null,
  deliveryDays: null,
  notifications: null,
  giftPackaging: null,
  answeredAt,
});

/** Paid standard shipping by default, so "free shipping" only appears when a test asks for it. */
const mk = (spec: Parameters<typeof order>[0]): Order => order({ shippingPrice: 5, ...spec });

/** The hand-computed fixture of the first test. */
function fixtureOrders(): Order[] {
  return [
    mk({
      id: "o1",
      at: "2024-01-01T10:00",
      total: 100,
      shippingSpeed: "express",
      shippingPrice: 10,
      discountCodeUsed: true,
      lineItems: [
        { quantity: 2, unitPrice: 40, unitCost: 10, requiresShipping: true },
        { quantity: 1, unitPrice: 10, unitCost: null, requiresShipping: true },
      ],
      refunds: [{ createdAt: at("2024-01-05"), amount: 30 }],
      returns: [{ createdAt: at("2024-01-05"), reasons: ["size_too_small"] }],
    }),
    mk({ id: "o2", at: "2024-01-01T18:00", total: 50, shippingSpeed: "economy", shippingPrice: 0, isGift: true }),
    mk({ id: "o3", at: "2024-01-15T09:00", total: 80, shipsToBillingAddress: false, preferences: prefs("speed", at("2024-01-15T09:00")) }),
    mk({ id: "o4", at: "2024-02-02T12:00", total: 60, shippingSpeed: "pickup", preferences: prefs("cost", at("2024-02-02T12:00")) }),
    mk({ id: "o5", at: "2024-02-10T12:00", total: 999, cancelledAt: at("2024-02-10T13:00") }),
  ];
}

describe("dayOfMonth", () => {
  it("matches the calendar for every day from 1900 to 2100", () => {
    const from = Math.floor(Date.UTC(1900, 0, 1) / DAY);
    const to = Math.floor(Date.UTC(2100, 11, 31) / DAY);
    let mismatches = 0;
    for (let d = from; d <= to; d++) if (dayOfMonth(d) !== new Date(d * DAY).getUTCDate()) mismatches++;
    expect(mismatches).toBe(0);
  });
});

describe("customer profile", () => {
  it("accumulates a hand-computed fixture", () => {
    const p = createProfile("c1");
    expect(fixtureOrders().map((o) => applyOrder(p, o))).toEqual(["added", "added", "added", "added", "cancelled"]);
    const m = profileMetrics(p);
    expect(m.orderCount).toBe(4);
    expect(m.purchaseDays).toBe(3); // Jan 1 (twice), Jan 15, Feb 2
    expect(m.firstOrderAt).toBe(at("2024-01-01T10:00"));
    expect(m.lastOrderAt).toBe(at("2024-02-02T12:00"));
    expect(m.grossRevenue).toBe(290);
    expect(m.refunded).toBe(30);
    expect(m.netRevenue).toBe(260);
    expect(m.averageOrderValue).toBe(65);
    // Lines: 2×40 (cost 10) + 10 (no cost) + 50 + 80 + 60 = 280; known cost on 80 of it.
    expect(m.margin).toBe(60);
    expect(m.marginRate).toBe(0.75);
    expect(m.knownCostShare).toBeCloseTo(80 / 280, 12);
    expect(m.discountShare).toBe(0.25);
    expect(m.shippedOrders).toBe(3); // pickup is not shipped
    expect(m.speedShares).toEqual({ express: 1 / 3, standard: 1 / 3, economy: 1 / 3 });
    expect(m.economyOrFreeShare).toBe(1 / 3);
    expect(m.giftShare).toBe(0.5); // o2 gift, o3 other address
    expect(m.earlyMonthShare).toBe(0.75); // Jan 1, Jan 1, Feb 2
    expect(m.gaps).toEqual({ count: 2, meanDays: 16, stdDays: 2, variation: 0.125 }); // gaps 14 and 18
    expect(m.returnCount).toBe(1);
    expect(m.returnedOrderShare).toBe(0.25);
    expect(m.preferenceOrders).toBe(2);
    expect(m.latestPreferences?.speedVsCost).toBe("cost");
    expect(daysSinceLastOrder(p, at("2024-02-12T23:00"))).toBe(10);
    expect(recentOrderIsGift(p, 3)).toEqual({ checked: 3, gifts: 2 });
  });

  it("an empty profile reports nulls, never NaN", () => {
    const m = profileMetrics(createProfile("c1"));
    expect(m.orderCount).toBe(0);
    expect(m.averageOrderValue).toBeNull();
    expect(m.margin).toBeNull();
    expect(m.marginRate).toBeNull();
    expect(m.knownCostShare).toBeNull();
    expect(m.speedShares).toEqual({ express: null, standard: null, economy: null });
    expect(m.gaps).toBeNull();
    expect(JSON.stringify(m)).not.toContain("NaN");
  });

  it("missing costs give no margin but a known-cost share of 0", () => {
    const p = createProfile("c1");
    applyOrder(p, mk({ id: "a", total: 40 }));
    const m = profileMetrics(p);
    expect(m.margin).toBeNull();
    expect(m.marginRate).toBeNull();
    expect(m.knownCostShare).toBe(0);
  });

  it("uses the store's UTC offset for calendar days", () => {
    // 2024-03-01T02:00Z is still February 29 in New York (UTC−5).
    const o = mk({ id: "a", at: "2024-03-01T02:00" });
    const utc = createProfile("c1");
    const ny = createProfile("c1", { utcOffsetMinutes: -300 });
    applyOrder(utc, o);
    applyOrder(ny, o);
    expect(utc.earlyMonthOrders).toBe(1);
    expect(ny.earlyMonthOrders).toBe(0);
  });

  it("replays are idempotent, newer versions replace, older versions are ignored", () => {
    const p = createProfile("c1");
    const v1 = mk({ id: "a", at: "2024-01-01", total: 100, updatedAt: at("2024-01-01") });
    const v2 = { ...v1, updatedAt: at("2024-01-03"), refunds: [{ createdAt: at("2024-01-03"), amount: 40 }] };
    expect(applyOrder(p, v1)).toBe("added");
    expect(applyOrder(p, v1)).toBe("duplicate");
    expect(applyOrder(p, v2)).toBe("updated");
    expect(applyOrder(p, v1)).toBe("stale");
    expect(applyOrder(p, v2)).toBe("duplicate");
    expect(p.orderCount).toBe(1);
    expect(p.netRevenueCents).toBe(6000);
    expect(p.refundedOrders).toBe(1);
  });

  it("cancelling removes the order; un-cancelling restores it; late replays stay ignored", () => {
    const p = createProfile("c1");
    const v1 = mk({ id: "a", at: "2024-01-01", total: 100, updatedAt: at("2024-01-01") });
    const v2 = { ...v1, cancelledAt: at("2024-01-02"), updatedAt: at("2024-01-02") };
    const v3 = { ...v1, updatedAt: at("2024-01-04") };
    applyOrder(p, mk({ id: "b", at: "2024-02-01", total: 10 }));
    applyOrder(p, v1);
    expect(applyOrder(p, v2)).toBe("updated");
    expect([p.orderCount, p.purchaseDays, p.netRevenueCents, p.firstOrderAt]).toEqual([1, 1, 1000, at("2024-02-01")]);
    expect(applyOrder(p, v1)).toBe("stale");
    expect(applyOrder(p, v3)).toBe("updated");
    expect([p.orderCount, p.purchaseDays, p.netRevenueCents, p.firstOrderAt]).toEqual([2, 2, 11000, at("2024-01-01")]);
  });

  it("refunds larger than the order do not make revenue negative", () => {
    const p = createProfile("c1");
    applyOrder(p, mk({ id: "a", total: 20, refunds: [{ createdAt: 0, amount: 25 }] }));
    expect(p.netRevenueCents).toBe(0);
  });

  it("latest stated preference wins by answer time, whatever the arrival order", () => {
    const p = createProfile("c1");
    applyOrder(p, mk({ id: "late", at: "2024-02-01", preferences: prefs("speed", at("2024-02-01")) }));
    applyOrder(p, mk({ id: "early", at: "2024-01-01", preferences: prefs("cost", at("2024-01-01")) }));
    expect(p.latestPreferences?.speedVsCost).toBe("speed");
    expect(p.preferenceOrders).toBe(2);
    // The order that carried the latest answer is cancelled: the previous answer comes back.
    applyOrder(p, mk({ id: "late", at: "2024-02-01", cancelledAt: at("2024-02-02"), updatedAt: at("2024-02-02") }));
    expect(p.latestPreferences?.speedVsCost).toBe("cost");
    expect(p.preferenceOrders).toBe(1);
  });

  it("stored preferences are a copy: mutating the order later changes nothing", () => {
    const p = createProfile("c1");
    const o = mk({ id: "a", preferences: prefs("speed", 1) });
    applyOrder(p, o);
    (o.preferences as DeliveryPreferences).speedVsCost = "cost";
    expect(p.latestPreferences?.speedVsCost).toBe("speed");
  });

  it("rejects an order of another customer", () => {
    expect(() => applyOrder(createProfile("c1"), mk({ id: "a", customer: "c2" }))).toThrow(/c2/);
  });

  it("keeps every stated answer, coded in the record: each value comes back", () => {
    const answers: DeliveryPreferences[] = [
      { speedVsCost: "balanced", deliveryWindow: "evening", deliveryDays: "weekend", notifications: "key_only", giftPackaging: false, answeredAt: 7 },
      { speedVsCost: null, deliveryWindow: "any", deliveryDays: "weekdays", notifications: "every_milestone", giftPackaging: true, answeredAt: 8 },
      { speedVsCost: "cost", deliveryWindow: "morning", deliveryDays: "any", notifications: null, giftPackaging: null, answeredAt: 9 },
      { speedVsCost: "speed", deliveryWindow: "afternoon", deliveryDays: null, notifications: null, giftPackaging: null, answeredAt: 10 },
    ];
    for (const a of answers) {
      const p = createProfile("c1");
      applyOrder(p, mk({ id: "a", preferences: a }));
      expect(p.latestPreferences).toEqual(a);
      expect(p.statedSpeedVsCost).toBe(a.speedVsCost);
      expect(Object.isFrozen(p.latestPreferences)).toBe(true);
      const { answeredAt: _answeredAt, ...values } = a;
      expect(p.latestAnswers).toEqual(values);
      // One shared object per distinct set of answers, whenever and by whom they were given.
      const other = createProfile("c2");
      applyOrder(other, mk({ id: "b", customer: "c2", preferences: { ...a, answeredAt: a.answeredAt + 100 } }));
      expect(other.latestAnswers).toBe(p.latestAnswers);
    }
    expect(createProfile("c3").latestAnswers).toBeNull();
  });

  it("keeps answers with a value it does not know verbatim", () => {
    const odd = { ...prefs("speed", 5), deliveryWindow: "night" } as unknown as DeliveryPreferences;
    const oddSpeed = { ...prefs(null, 6), speedVsCost: "fast" } as unknown as DeliveryPreferences;
    const p = createProfile("c1");
    applyOrder(p, mk({ id: "a", at: "2024-01-01", preferences: odd }));
    expect(p.latestPreferences).toEqual(odd);
    expect(p.statedSpeedVsCost).toBe("speed");
    applyOrder(p, mk({ id: "b", at: "2024-01-02", preferences: oddSpeed }));
    expect(p.latestPreferences).toEqual(oddSpeed);
    expect(p.latestAnswers).toBe(p.latestPreferences);
    expect(p.statedSpeedVsCost).toBe("fast");
    // A newer version of the order without answers drops them; the earlier answers come back.
    applyOrder(p, mk({ id: "b", at: "2024-01-02", updatedAt: at("2024-02-01") }));
    expect(p.latestPreferences).toEqual(odd);
  });

  it("book.profiles is a read-only map over the customers, in first-seen order, one view each", () => {
    const book = buildProfiles([
      mk({ id: "1", customer: "c2", at: "2024-01-01" }),
      mk({ id: "2", customer: "c1", at: "2024-01-02" }),
      mk({ id: "3", customer: "c3", at: "2024-01-03", cancelledAt: at("2024-01-03") }),
    ]);
    expect(book.profiles.size).toBe(3);
    expect([...book.profiles.keys()]).toEqual(["c2", "c1", "c3"]);
    expect([...book.profiles.values()].map((p) => p.customerId)).toEqual(["c2", "c1", "c3"]);
    expect([...book.profiles].map(([id, p]) => [id, p.orderCount])).toEqual([["c2", 1], ["c1", 1], ["c3", 0]]);
    const seen: string[] = [];
    book.profiles.forEach((p, id) => seen.push(`${id}=${p.customerId}`));
    expect(seen).toEqual(["c2=c2", "c1=c1", "c3=c3"]);
    expect(book.profiles.has("c3")).toBe(true);
    expect(book.profiles.has("c9")).toBe(false);
    expect(book.profiles.get("c9")).toBeUndefined();
    expect(book.profiles.get("c1")).toBe(activeProfiles(book)[1]);
    // A view asked for before the others does not disturb the rest.
    const late = buildProfiles(Array.from({ length: 50 }, (_, i) => mk({ id: `o${i}`, customer: `k${i}` })));
    const k49 = late.profiles.get("k49");
    expect(activeProfiles(late).map((p) => p.customerId)).toEqual(Array.from({ length: 50 }, (_, i) => `k${i}`));
    expect(activeProfiles(late)[49]).toBe(k49);
  });

  it("addOrderToBook makes the same update as applyOrderToBook, without the outcome object", () => {
    const v1 = mk({ id: "a", customer: "c1", total: 30, updatedAt: at("2024-01-01") });
    const v2 = { ...v1, customerId: "c2", updatedAt: at("2024-01-02") };
    const v3 = { ...v1, customerId: null, updatedAt: at("2024-01-03") };
    const book = buildProfiles([]);
    expect(addOrderToBook(book, v1)).toBe("added");
    expect(book.movedFrom).toBeNull();
    expect(addOrderToBook(book, v2)).toBe("updated");
    expect(book.movedFrom).toBe("c1");
    expect(addOrderToBook(book, v2)).toBe("duplicate");
    expect(addOrderToBook(book, v1)).toBe("stale");
    expect(addOrderToBook(book, v3)).toBe("updated");
    expect(book.movedFrom).toBe("c2");
    expect(addOrderToBook(book, mk({ id: "g", customer: null }))).toBe("guest");
    expect(addOrderToBook(book, mk({ id: "x", customer: "c3", cancelledAt: at("2024-01-01") }))).toBe("cancelled");
    expect(activeProfiles(book)).toEqual([]);
  });

  it("a book on its caller's order index and customer codes makes the same profiles as one hashing the ids itself", () => {
    const a1 = mk({ id: "a", customer: "c1", total: 30, at: "2024-01-05", updatedAt: at("2024-01-05") });
    const versions = [
      mk({ id: "z", customer: "c9", at: "2024-01-01" }), // indexed by the caller, never given to the book
      a1,
      mk({ id: "b", customer: "c2", total: 20, at: "2024-01-03" }),
      mk({ id: "g", customer: null, at: "2024-01-04" }),
      { ...a1, customerId: "c2", updatedAt: at("2024-01-06") },
      mk({ id: "c", customer: "c1", total: 50, at: "2024-01-02" }),
      { ...a1, customerId: "c1", updatedAt: at("2024-01-07") },
      { ...a1, customerId: "c2", updatedAt: at("2024-01-06") }, // stale
      mk({ id: "x", customer: "c3", cancelledAt: at("2024-01-01") }),
    ];
    const own = buildProfiles([]);
    const orderIds = new KeyIndex();
    const customerCodes = new KeyIndex();
    const shared = createProfileBook({}, {}, orderIds);
    const results: string[][] = [];
    for (const v of versions) {
      const record = orderIds.add(v.id);
      const code = v.customerId === null ? -1 : customerCodes.add(v.customerId);
      if (v.id === "z") continue;
      results.push([addOrderToBook(own, v), addOrderToBook(shared, v, record, code)]);
      expect(shared.movedFrom).toBe(own.movedFrom);
    }
    for (const [mine, theirs] of results) expect(theirs).toBe(mine);
    const view = (book: typeof own) => activeProfiles(book).map((p) => [p.customerId, p.orderIds, profileMetrics(p)]);
    expect(view(shared)).toEqual(view(own));
    expect(view(own).map(([id]) => id)).toEqual(["c1", "c2"]); // the book's first-seen order, not the caller's codes
    expect(appliedVersion(shared, "z")).toBeNull();
    expect(appliedVersion(shared, "a")).toBe(appliedVersion(own, "a"));
    expect([...shared.profiles.keys()]).toEqual([...own.profiles.keys()]);
    // Ids the coded path appended unhashed are found by id, and an order given without codes joins them.
    expect(shared.profiles.get("c2")?.customerId).toBe("c2");
    expect(shared.profiles.has("c9")).toBe(false);
    const d = mk({ id: "d", customer: "c2", total: 5, at: "2024-01-08" });
    expect(addOrderToBook(shared, d)).toBe(addOrderToBook(own, d));
    expect(view(shared)).toEqual(view(own));
    expect(shared.slotCount).toBe(own.slotCount);
  });
});

describe("profile book", () => {
  it("ignores guest orders", () => {
    const book = buildProfiles([mk({ id: "g", customer: null }), mk({ id: "a", customer: "c1" })]);
    expect([...book.profiles.keys()]).toEqual(["c1"]);
  });

  it("no orders → no profiles", () => {
    const book = buildProfiles([]);
    expect(book.profiles.size).toBe(0);
    expect(activeProfiles(book)).toEqual([]);
  });

  it("moves an order that changed customer, and ignores stale versions of the move", () => {
    const v1 = mk({ id: "a", customer: "c1", total: 30, updatedAt: at("2024-01-01") });
    const v2 = { ...v1, customerId: "c2", updatedAt: at("2024-01-02") };
    const v3 = { ...v1, customerId: null, updatedAt: at("2024-01-03") };
    const book = buildProfiles([v1]);
    expect(applyOrderToBook(book, v2)).toEqual({ result: "updated", customerId: "c2", movedFrom: "c1" });
    expect(book.profiles.get("c1")?.orderCount).toBe(0);
    expect(book.profiles.get("c2")?.netRevenueCents).toBe(3000);
    expect(applyOrderToBook(book, v1).result).toBe("stale");
    expect(applyOrderToBook(book, v2).result).toBe("duplicate");
    expect(applyOrderToBook(book, v3)).toEqual({ result: "updated", customerId: null, movedFrom: "c2" });
    expect(book.profiles.get("c2")?.orderCount).toBe(0);
    expect(applyOrderToBook(book, v2).result).toBe("stale");
    expect(activeProfiles(book)).toEqual([]);
  });
});

// ——— property: incremental == batch == naive reference ———

interface VersionSpec {
  customer: string | null;
  total: number;
  refund: number | null;
  speed: ShippingSpeed;
  shippingPrice: number;
  gift: boolean;
  toBilling: boolean | null;
  discount: boolean;
  cancelled: boolean;
  returns: number;
  cost: number | null;
  pref: { speedVsCost: DeliveryPreferences["speedVsCost"]; day: number } | null;
}

const versionArb: fc.Arbitrary<VersionSpec> = fc.record({
  customer: fc.constantFrom("c1", "c2", "c3", null),
  total: fc.integer({ min: 0, max: 50_000 }).map((c) => c / 100),
  refund: fc.option(fc.integer({ min: 0, max: 30_000 }).map((c) => c / 100)),
  speed: fc.constantFrom(...SHIPPING_SPEEDS),
  shippingPrice: fc.constantFrom(0, 4.99),
  gift: fc.boolean(),
  toBilling: fc.constantFrom(true, false, null),
  discount: fc.boolean(),
  cancelled: fc.integer({ min: 0, max: 5 }).map((x) => x === 0),
  returns: fc.integer({ min: 0, max: 2 }),
  cost: fc.option(fc.integer({ min: 0, max: 20_000 }).map((c) => c / 100)),
  pref: fc.option(fc.record({ speedVsCost: fc.constantFrom("speed", "cost", "balanced", null), day: fc.integer({ min: 0, max: 3 }) })),
});

const orderHistoryArb = fc.record({
  day: fc.integer({ min: 0, max: 200 }),
  hour: fc.integer({ min: 0, max: 23 }),
  versions: fc.array(versionArb, { minLength: 1, maxLength: 3 }),
});

const T0 = at("2024-01-01");

function materialize(id: string, createdAt: number, v: VersionSpec, version: number): Order {
  return {
    ...mk({ id, at: createdAt }),
    customerId: v.customer,
    updatedAt: createdAt + (version + 1) * 60_000,
    totalPrice: v.total,
    refunds: v.refund === null ? [] : [{ createdAt, amount: v.refund }],
    shippingSpeed: v.speed,
    shippingPrice: v.shippingPrice,
    isGift: v.gift,
    shipsToBillingAddress: v.toBilling,
    discountCodeUsed: v.discount,
    cancelledAt: v.cancelled ? createdAt + HOUR : null,
    returns: Array.from({ length: v.returns }, () => ({ createdAt, reasons: ["other"] })),
    lineItems: [
      { quantity: 2, unitPrice: v.total / 4, unitCost: v.cost, requiresShipping: true },
      { quantity: 1, unitPrice: v.total / 2, unitCost: null, requiresShipping: true },
    ],
    preferences: v.pref === null ? null : prefs(v.pref.speedVsCost, T0 + v.pref.day * DAY),
  };
}

/** Small deterministic PRNG for shuffling the arrival order. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** The profile computed the slow, obvious way from final order versions. */
function naive(orders: Order[]) {
  const counted = orders.filter((o) => o.cancelledAt === null).sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
  const days = [...new Set(counted.map((o) => Math.floor(o.createdAt / DAY)))].sort((a, b) => a - b);
  const gaps = days.slice(1).map((d, i) => d - days[i]);
  const c = (x: number) => Math.round(x * 100);
  const withPrefs = counted.filter((o) => o.preferences !== null);
  const latest = withPrefs.reduce<Order | null>((best, o) => {
    if (best === null) return o;
    const a = (o.preferences as DeliveryPreferences).answeredAt;
    const b = (best.preferences as DeliveryPreferences).answeredAt;
    return a > b || (a === b && (o.createdAt > best.createdAt || (o.createdAt === best.createdAt && o.id > best.id))) ? o : best;
  }, null);
  const shipped = counted.filter((o) => ["express", "standard", "economy"].includes(o.shippingSpeed));
  return {
    orderCount: counted.length,
    purchaseDays: days.length,
    firstOrderAt: counted[0]?.createdAt ?? null,
    lastOrderAt: counted.at(-1)?.createdAt ?? null,
    netRevenueCents: counted.reduce((s, o) => s + Math.max(0, c(o.totalPrice) - o.refunds.reduce((r, x) => r + c(x.amount), 0)), 0),
    knownCostCents: counted.reduce((s, o) => s + o.lineItems.reduce((t, l) => t + (l.unitCost === null ? 0 : c(l.quantity * l.unitCost)), 0), 0),
    expressOrders: shipped.filter((o) => o.shippingSpeed === "express").length,
    economyOrFreeOrders: shipped.filter((o) => o.shippingSpeed === "economy" || o.shippingPrice === 0).length,
    giftOrders: counted.filter((o) => o.isGift || o.shipsToBillingAddress === false).length,
    earlyMonthOrders: counted.filter((o) => new Date(o.createdAt).getUTCDate() <= 3).length,
    gapSumSquaresDays: gaps.reduce((s, g) => s + g * g, 0),
    returnedOrders: counted.filter((o) => o.returns.length > 0).length,
    preferenceOrders: withPrefs.length,
    latestPreferencesOrderId: latest?.id ?? null,
  };
}

/** Everything observable about a profile, including its order list and gaps (so hidden drift fails too). */
function snapshot(p: CustomerProfile) {
  const gaps = new Float64Array(Math.max(0, p.purchaseDays));
  return {
    metrics: profileMetrics(p),
    ids: p.orderIds(),
    gaps: Array.from(gaps.subarray(0, writeGaps(p, gaps, 0))),
    latestPreferencesOrderId: p.latestPreferencesOrderId,
  };
}

describe("incremental == batch (property)", () => {
  it("any arrival order, with replays, stale versions, cancellations and customer changes", () => {
    fc.assert(
      fc.property(fc.array(orderHistoryArb, { minLength: 0, maxLength: 60 }), fc.integer(), fc.integer({ min: 0, max: 20 }), (histories, seed, replays) => {
        const versions: Order[] = [];
        const finals: Order[] = [];
        histories.forEach((h, i) => {
          const createdAt = T0 + h.day * DAY + h.hour * HOUR;
          const list = h.versions.map((v, k) => materialize(`o${i}`, createdAt, v, k));
          versions.push(...list);
          finals.push(list[list.length - 1]);
        });
        const random = mulberry32(seed);
        for (let r = 0; r < replays && versions.length > 0; r++) versions.push(versions[Math.floor(random() * versions.length)]);
        for (let i = versions.length - 1; i > 0; i--) {
          const j = Math.floor(random() * (i + 1));
          [versions[i], versions[j]] = [versions[j], versions[i]];
        }

        const incremental = buildProfiles(versions);
        const batch = buildProfiles([...finals].sort((a, b) => a.createdAt - b.createdAt));
        for (const o of finals) expect(appliedVersion(incremental, o.id)).toBe(o.updatedAt);
        for (const id of ["c1", "c2", "c3"]) {
          const mine = finals.filter((o) => o.customerId === id);
          const inc = incremental.profiles.get(id);
          const bat = batch.profiles.get(id);
          if (mine.length === 0) {
            expect(inc?.orderCount ?? 0).toBe(0);
            continue;
          }
          expect(snapshot(inc as CustomerProfile)).toEqual(snapshot(bat as CustomerProfile));
          const expected = naive(mine);
          const got = inc as CustomerProfile;
          for (const [key, value] of Object.entries(expected)) expect([key, got[key as keyof CustomerProfile]]).toEqual([key, value]);
          // First and last purchase day are kept beside the list: they must follow every update.
          const dayOf = (t: number | null) => (t === null ? null : Math.floor(t / DAY));
          expect([got.firstDay, got.lastDay]).toEqual([dayOf(expected.firstOrderAt), dayOf(expected.lastOrderAt)]);
          expect(snapshot(got).ids).toEqual(
            mine
              .filter((o) => o.cancelledAt === null)
              .sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1))
              .map((o) => o.id),
          );
        }
      }),
      { numRuns: 300 },
    );
  });

  it("a customer with many orders stays consistent under out-of-order updates and cancellations", () => {
    const p = createProfile("c1");
    const batch = createProfile("c1");
    const finals: Order[] = [];
    for (let i = 0; i < 40; i++) {
      const v1 = mk({ id: `o${i}`, at: T0 + ((i * 7) % 40) * DAY, total: 10 + i, updatedAt: 1 });
      const v2 = { ...v1, updatedAt: 2, totalPrice: 20 + i, cancelledAt: i % 9 === 0 ? 5 : null };
      applyOrder(p, v1);
      finals.push(v2);
    }
    for (const o of finals) expect(applyOrder(p, o)).toBe("updated");
    for (const o of [...finals].sort((a, b) => a.createdAt - b.createdAt)) applyOrder(batch, o);
    expect(p.orderCount).toBe(40 - 5); // o0, o9, o18, o27, o36 cancelled
    expect(snapshot(p)).toEqual(snapshot(batch));
    expect(gapStats(p)).toEqual(gapStats(batch));
  });
});
