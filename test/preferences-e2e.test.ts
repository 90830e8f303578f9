/**
 * End to end: orders carrying the `$app.delivery_preferences` metafield go through the bulk sync
 * (JSONL → ingestJsonl → Order table), then the preference hook records their answers and merges
 * them into the customer's profile, and the segments place the customer by what they said.
 * A later customer-account edit (customer metafield) replaces the profile's answers.
 */
import { describe, expect, it } from "vitest";
import prisma from "../app/db.server";
import { iterateOrders } from "../app/demo/generate-store";
import type { AdminOrder } from "../app/demo/admin-order";
import { ingestJsonl } from "../app/sync/ingest-bulk";
import { bulkJsonl, chunked } from "../app/sync/testing/bulk-jsonl";
import { readOrders } from "../app/data/orders.server";
import { refreshStoreAnalysis } from "../app/data/store-analysis.server";
import type { Order } from "../app/engine/types";
import { buildProfiles } from "../app/engine/segments/profile-book";
import { behaviourSegmentsFor } from "../app/engine/segments/behaviour-segments";
import {
  preferencesOrdersChanged,
  readPreferenceCoverage,
  readPreferenceProfile,
  recordCustomerMetafield,
  recordPreferenceAnswers,
  statedFromRecord,
} from "../app/services/preferences.server";
import type { DeliveryPreferences } from "../extensions/delivery-preferences/src/preferences";

const shop = "preferences-e2e.myshopify.com";
const asOf = Date.UTC(2026, 9, 1);

function pickCustomerWithTwoOrders(orders: AdminOrder[]): [AdminOrder, AdminOrder] {
  const byCustomer = new Map<string, AdminOrder[]>();
  for (const o of orders) if (o.customer && !o.cancelledAt) byCustomer.set(o.customer.id, [...(byCustomer.get(o.customer.id) ?? []), o]);
  const list = [...byCustomer.values()].find((l) => l.length >= 2);
  if (!list) throw new Error("the demo store has no customer with two orders");
  return [list[0], list[1]];
}

describe("delivery preferences: sync → profile → segment", () => {
  it("turns synced order metafields into a merged profile and a stated segment membership", async () => {
    await prisma.order.deleteMany({ where: { shop } });
    await prisma.preferenceAnswer.deleteMany({ where: { shop } });
    await prisma.customerPreference.deleteMany({ where: { shop } });

    const orders = [...iterateOrders({ asOf, orders: 300, seed: 11 })];
    // Only our customer's answers count here: drop the generator's own.
    for (const o of orders) o.metafield = null;
    const [first, second] = pickCustomerWithTwoOrders(orders);
    const customerId = first.customer!.id;
    // Plus checkout on the first order; thank-you page on the second (pre-filled with the first
    // answer: speed kept, days cleared, time of day and updates added).
    first.metafield = {
      jsonValue: { speedVsCost: "speed", deliveryWindow: null, deliveryDays: "weekend", notifications: null, giftPackaging: null, giftNote: null, answeredAt: first.createdAt, source: "checkout", version: 1 },
    };
    second.metafield = {
      jsonValue: { speedVsCost: "speed", deliveryWindow: "evening", deliveryDays: null, notifications: "key_only", giftPackaging: true, giftNote: null, answeredAt: second.createdAt, source: "thank_you", version: 1 },
    };
    const guest = orders.find((o) => o.customer === null);
    if (guest) guest.metafield = { jsonValue: { speedVsCost: "cost", answeredAt: guest.createdAt } };

    const now = new Date(asOf);
    // The thank-you route recorded the second answer when the buyer sent it, before any sync.
    await recordPreferenceAnswers(shop, [statedFromRecord(second.metafield.jsonValue as DeliveryPreferences, { customerId, orderId: second.id })], now);
    const summary = await ingestJsonl(shop, chunked(bulkJsonl(orders, "orders", 3), 4096), { kind: "orders", now });
    expect(summary.rejectedTotal).toBe(0);
    expect(summary.recordsWritten).toBe(orders.length);

    // The sync's own ordersChanged() already ran the preference hook: the profile exists, and the
    // second answer (recorded by the route before the sync) was not stored twice.
    const customers = [...new Set(orders.flatMap((o) => (o.customer ? [o.customer.id] : [])))];

    const profile = await readPreferenceProfile(shop, customerId);
    expect(profile).toMatchObject({ speedVsCost: "speed", deliveryWindow: "evening", deliveryDays: null, notifications: "key_only", answeredOrders: 2 });
    expect(profile?.history.map((a) => [a.orderId, a.source])).toEqual([
      [first.id, "checkout"],
      [second.id, "thank_you"], // recorded by the route; the synced copy of it is the same answer
    ]);
    const stored = await prisma.customerPreference.findUnique({ where: { shop_customerId: { shop, customerId } } });
    expect(stored).toMatchObject({ speedVsCost: "speed", deliveryWindow: "evening", answers: 2, answeredOrders: 2 });

    // Re-running the hook (a replayed sync) records nothing twice.
    expect(await preferencesOrdersChanged({ shop, customerIds: customers, now })).toEqual([]);
    expect(await prisma.preferenceAnswer.count({ where: { shop, customerId } })).toBe(2);

    // The segments place the customer by what they said at checkout.
    const storedOrders: Order[] = [];
    for await (const o of readOrders(shop)) storedOrders.push(o);
    const book = buildProfiles(storedOrders);
    const memberships = behaviourSegmentsFor(book.profiles.get(customerId)!);
    const speed = memberships.find((m) => m.segment === "speed_focused");
    expect(["stated", "observed_and_stated"]).toContain(speed?.basis);
    expect(speed?.evidence).toMatch(/said they prefer speed over cost/i);

    // …and the stored living segments (what the admin's segments pages read) agree after the
    // scheduled analysis run.
    await refreshStoreAnalysis(shop, now);
    const row = await prisma.customerProfile.findUnique({ where: { shop_customerId: { shop, customerId } } });
    const memberships2 = JSON.parse(row!.segments) as { segment: string; basis?: string }[];
    expect(memberships2.find((m) => m.segment === "speed_focused")).toBeDefined();

    const coverage = await readPreferenceCoverage(shop);
    expect(coverage.customersWithAnswers).toBe(1);
    expect(coverage.customers).toBe(customers.length);
    expect(coverage.orders).toBe(orders.length);
    // The guest order's answer reaches the Order table but no customer hook: not in the history.
    expect(coverage.ordersWithAnswers).toBe(2);

    // Later the customer edits their answers in the customer account (customer metafield).
    const edit = { speedVsCost: "cost", deliveryWindow: "morning", deliveryDays: null, notifications: null, giftPackaging: null, giftNote: null, answeredAt: new Date(asOf + 1000).toISOString(), source: "customer_account", version: 1 };
    expect(await recordCustomerMetafield(shop, customerId, JSON.stringify(edit), now)).toBe(true);
    expect(await readPreferenceProfile(shop, customerId)).toMatchObject({ speedVsCost: "cost", deliveryWindow: "morning", deliveryDays: null, notifications: null, source: "customer_account" });
    // The thank-you route's copy on the customer is not a new answer of its own.
    expect(await recordCustomerMetafield(shop, customerId, { ...edit, source: "thank_you" }, now)).toBe(false);
  });
});
