/**
 * customers/update → queue → the app-owned metafield read by id → the customer's preference
 * profile. The Admin API answers come from graphql-js executing the query on the pinned schema.
 */
import { afterAll, describe, expect, it } from "vitest";
import { graphql as execute } from "graphql";
import prisma from "../app/db.server";
import { adminSchema } from "./admin-schema";
import { handleVerifiedWebhook } from "../app/services/webhooks.server";
import { processWebhookQueue } from "../app/services/webhook-queue.server";
import { readPreferenceProfile } from "../app/services/preferences.server";
import { eraseShop } from "../app/services/shop-lifecycle.server";

const shop = "customer-update.myshopify.com";
const customerId = "gid://shopify/Customer/4242";
const now = new Date(Date.UTC(2026, 9, 1));

/** A customer store with one metafield value, served through the real schema. */
function adminApi(metafield: unknown) {
  const requests: string[] = [];
  const fn = async (query: string, options?: { variables?: Record<string, unknown> }) => {
    requests.push(query);
    const rootValue = {
      customer: ({ id }: { id: string }) =>
        id === customerId ? { id, metafield: ({ namespace, key }: { namespace: string; key: string }) => (namespace === "$app" && key === "delivery_preferences" && metafield !== null ? { jsonValue: metafield } : null) } : null,
    };
    const result = await execute({ schema: adminSchema(), source: query, rootValue, variableValues: options?.variables });
    return new Response(JSON.stringify(result), { headers: { "Content-Type": "application/json" } });
  };
  return { fn, requests };
}

afterAll(() => eraseShop(shop));

describe("customers/update: preferences edited in the customer account", () => {
  it("queues only ids, reads the metafield and records the customer's own edit", async () => {
    await eraseShop(shop);
    const edit = { speedVsCost: "cost", deliveryWindow: "morning", deliveryDays: null, notifications: "key_only", giftPackaging: null, giftNote: null, answeredAt: new Date(now.getTime() - 60_000).toISOString(), source: "customer_account", version: 1 };
    const payload = { id: 4242, admin_graphql_api_id: customerId, email: "ada@example.com", first_name: "Ada", addresses: [{ address1: "1 Main St" }] };
    expect(await handleVerifiedWebhook({ shop, topic: "CUSTOMERS_UPDATE", eventId: "cu-1", triggeredAt: now, payload, now })).toBe("queued");
    const row = await prisma.webhookEvent.findFirstOrThrow({ where: { shop, eventId: "cu-1" } });
    expect(row.payload).not.toMatch(/example\.com|Ada|Main St/);

    const api = adminApi(edit);
    const result = await processWebhookQueue({ graphqlFor: async () => api.fn, now: () => now });
    expect(result).toMatchObject({ processed: 1, failed: 0 });
    expect(api.requests[0]).toMatch(/query CustomerPreferences/);
    expect(await readPreferenceProfile(shop, customerId)).toMatchObject({ speedVsCost: "cost", deliveryWindow: "morning", notifications: "key_only", source: "customer_account" });
  });

  it("a copy written by the thank-you route is not an answer of its own; no metafield is fine", async () => {
    await eraseShop(shop);
    const copy = { speedVsCost: "speed", deliveryWindow: null, deliveryDays: null, notifications: null, giftPackaging: null, giftNote: null, answeredAt: now.toISOString(), source: "thank_you", version: 1 };
    await handleVerifiedWebhook({ shop, topic: "CUSTOMERS_UPDATE", eventId: "cu-2", triggeredAt: now, payload: { id: 4242 }, now });
    expect(await processWebhookQueue({ graphqlFor: async () => adminApi(copy).fn, now: () => now })).toMatchObject({ processed: 1, failed: 0 });
    await handleVerifiedWebhook({ shop, topic: "CUSTOMERS_UPDATE", eventId: "cu-3", triggeredAt: now, payload: { id: 4242 }, now });
    expect(await processWebhookQueue({ graphqlFor: async () => adminApi(null).fn, now: () => now })).toMatchObject({ processed: 1, failed: 0 });
    expect(await readPreferenceProfile(shop, customerId)).toBeNull();
  });

  it("a payload naming no customer fails visibly and stays queued", async () => {
    await eraseShop(shop);
    await handleVerifiedWebhook({ shop, topic: "CUSTOMERS_UPDATE", eventId: "cu-4", triggeredAt: now, payload: { note: "no id" }, now });
    expect(await processWebhookQueue({ graphqlFor: async () => adminApi(null).fn, now: () => now })).toMatchObject({ processed: 0, failed: 1 });
    expect((await prisma.webhookEvent.findFirstOrThrow({ where: { shop, eventId: "cu-4" } })).error).toMatch(/names no customer/);
  });
});
