/**
 * The webhook queue end to end: verified deliveries are queued by the webhook route's handler,
 * then processed by reading each order back from the local Admin API through the real admin
 * client. Replays, reordering and failures must all end in the same stored state.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import prisma from "../app/db.server";
import { unauthenticated } from "../app/shopify.server";
import { deleteOrders } from "../app/data/orders.server";
import { mapAdminOrder } from "../app/sync/map-admin-order";
import type { AdminOrder } from "../app/demo/admin-order";
import { iterateOrders } from "../app/demo/generate-store";
import { handleVerifiedWebhook } from "../app/services/webhooks.server";
import { processWebhookQueue, orderIdOfPayload, type QueueDeps } from "../app/services/webhook-queue.server";
import { requestSync } from "../app/services/bulk-sync.server";
import { action as webhookAction } from "../app/routes/webhooks";
import { seedOfflineSession, webhookRequest } from "./helpers";
import { routeAdminClientTo } from "./admin-api/admin-client-fetch";
import { putOrder, storeFromOrders } from "./admin-api/store";
import { startLocalAdminApi, type LocalAdminApi } from "./admin-api/server";

const shop = "sync-webhooks.myshopify.com";
const asOf = Date.UTC(2026, 10, 1);
let source: AdminOrder[];
let api: LocalAdminApi;
let restore: () => void;
let clock = Date.UTC(2026, 10, 2);
const now = () => new Date(clock);

const deps: QueueDeps = {
  graphqlFor: async (s) => (await unauthenticated.admin(s)).admin.graphql,
  now,
  query: { sleep: async () => {}, random: () => 0, maxAttempts: 3 },
};

let eventNumber = 0;
async function deliver(topic: string, payload: unknown, eventId = `evt-${++eventNumber}`) {
  return handleVerifiedWebhook({ shop, topic, eventId, triggeredAt: now(), payload, now: now() });
}
const orderPayload = (o: AdminOrder) => ({ id: Number(o.id.split("/").pop()), admin_graphql_api_id: o.id, updated_at: o.updatedAt });

async function storedState(): Promise<Record<string, string>> {
  const rows = await prisma.order.findMany({ where: { shop }, orderBy: { id: "asc" }, select: { id: true, data: true } });
  return Object.fromEntries(rows.map((r) => [r.id, r.data]));
}

beforeAll(async () => {
  source = [...iterateOrders({ asOf, orders: 60, seed: "sync-webhooks" })];
  await seedOfflineSession(shop);
  // A fast-refilling bucket: these tests are about the queue, throttling has its own tests.
  api = await startLocalAdminApi({ store: storeFromOrders(source), accessToken: "test-offline-token", restoreRate: 100_000 });
  restore = routeAdminClientTo(api);
});
afterAll(async () => {
  restore();
  await api.close();
});
beforeEach(async () => {
  await deleteOrders(shop);
  await prisma.webhookEvent.deleteMany({ where: { shop } });
  await prisma.syncFailure.deleteMany({ where: { shop } });
  await prisma.shop.upsert({ where: { shop }, create: { shop }, update: { analysisStaleSince: null } });
  for (const o of source) putOrder(api.store, o);
});

describe("webhook queue", () => {
  it("finds the order in each topic's payload shape", () => {
    expect(orderIdOfPayload({ id: 5, admin_graphql_api_id: "gid://shopify/Order/5" })).toBe("gid://shopify/Order/5");
    expect(orderIdOfPayload({ id: 9, order_id: 5, admin_graphql_api_id: "gid://shopify/Fulfillment/9" })).toBe("gid://shopify/Order/5");
    expect(orderIdOfPayload({ id: 3, admin_graphql_api_id: "gid://shopify/Return/3", order: { id: 5, admin_graphql_api_id: "gid://shopify/Order/5" } })).toBe("gid://shopify/Order/5");
    expect(orderIdOfPayload({ id: 3, admin_graphql_api_id: "gid://shopify/Refund/3" })).toBeNull();
  });

  it("answers a delivery through the webhook route at once; the queue does the work", async () => {
    const o = source[2];
    const res = await webhookAction({ request: webhookRequest({ topic: "orders/updated", shop, payload: orderPayload(o), eventId: "route-1" }), params: {}, context: {} });
    expect(res.status).toBe(200);
    expect(res.headers.get("X-Second-Order-Outcome")).toBe("queued");
    expect(await prisma.order.count({ where: { shop } })).toBe(0);
    expect(await processWebhookQueue(deps)).toMatchObject({ processed: 1, failed: 0 });
    expect(JSON.parse((await storedState())[o.id])).toEqual(mapAdminOrder(o));
  });

  it("upserts the order read back from the API and marks the analysis stale", async () => {
    const [a, b] = source;
    expect(await deliver("ORDERS_CREATE", orderPayload(a))).toBe("queued");
    await deliver("FULFILLMENTS_CREATE", { id: 1, order_id: Number(b.id.split("/").pop()) });
    const r = await processWebhookQueue(deps);
    expect(r).toMatchObject({ processed: 2, failed: 0 });
    const state = await storedState();
    expect(JSON.parse(state[a.id])).toEqual(mapAdminOrder(a));
    expect(JSON.parse(state[b.id])).toEqual(mapAdminOrder(b));
    expect(await prisma.webhookEvent.count({ where: { shop, processedAt: null } })).toBe(0);
    expect((await prisma.shop.findUniqueOrThrow({ where: { shop } })).analysisStaleSince).toEqual(now());
  });

  it("reads an order once for several events about it", async () => {
    const o = source[3];
    await deliver("ORDERS_UPDATED", orderPayload(o));
    await deliver("ORDERS_FULFILLED", orderPayload(o));
    await deliver("REFUNDS_CREATE", { id: 77, order_id: Number(o.id.split("/").pop()) });
    const before = api.requests.length;
    expect(await processWebhookQueue(deps)).toMatchObject({ processed: 3, failed: 0, ordersWritten: 1 });
    expect(api.requests.slice(before).filter((q) => q.operationName === "OrderForSync")).toHaveLength(1);
  });

  it("leaves the same state whatever the order of deliveries, replays included", async () => {
    const o = source[5];
    const edited: AdminOrder = { ...o, cancelledAt: "2026-11-01T12:00:00Z", cancelReason: "CUSTOMER", updatedAt: "2026-11-01T12:00:00Z" };
    // In order: create (old version), then cancel (new version).
    await deliver("ORDERS_CREATE", orderPayload(o), "a-create");
    await processWebhookQueue(deps);
    putOrder(api.store, edited);
    await deliver("ORDERS_CANCELLED", orderPayload(edited), "a-cancel");
    await processWebhookQueue(deps);
    const inOrder = await storedState();
    expect(JSON.parse(inOrder[o.id]).cancelledAt).not.toBeNull();

    // Again, reversed, with replays: the cancellation first, then the late create, then duplicates.
    await deleteOrders(shop);
    await prisma.webhookEvent.deleteMany({ where: { shop } });
    await deliver("ORDERS_CANCELLED", orderPayload(edited), "b-cancel");
    await processWebhookQueue(deps);
    await deliver("ORDERS_CREATE", orderPayload(o), "b-create");
    expect(await deliver("ORDERS_CANCELLED", orderPayload(edited), "b-cancel")).toBe("duplicate");
    await processWebhookQueue(deps);
    expect(await deliver("ORDERS_CREATE", orderPayload(o), "b-create")).toBe("duplicate");
    expect(await storedState()).toEqual(inOrder);
  });

  it("never lets a stale read overwrite a newer stored order", async () => {
    const o = source[7];
    const newer: AdminOrder = { ...o, note: "edited", updatedAt: "2026-11-01T13:00:00Z" };
    putOrder(api.store, newer);
    await deliver("ORDERS_UPDATED", orderPayload(newer));
    await processWebhookQueue(deps);
    putOrder(api.store, o); // a lagging replica answers the older version
    await deliver("ORDERS_UPDATED", orderPayload(o));
    await processWebhookQueue(deps);
    expect(JSON.parse((await storedState())[o.id])).toEqual(mapAdminOrder(newer));
  });

  it("keeps a failed event queued with its failure, skips it until due, then retries it", async () => {
    const o = source[9];
    api.inject({ kind: "http5xx" }, { kind: "http5xx" }, { kind: "http5xx" });
    await deliver("ORDERS_UPDATED", orderPayload(o), "fail-1");
    expect(await processWebhookQueue(deps)).toMatchObject({ processed: 0, failed: 1 });
    const event = await prisma.webhookEvent.findFirstOrThrow({ where: { shop, eventId: "fail-1" } });
    expect(event.processedAt).toBeNull();
    expect(event.error).toMatch(/OrderForSync: HTTP 503/);
    const failure = await prisma.syncFailure.findFirstOrThrow({ where: { shop, source: "webhook" } });
    expect(failure).toMatchObject({ queryName: "OrderForSync", attempts: 1, resolvedAt: null });

    expect(await processWebhookQueue(deps)).toMatchObject({ processed: 0, failed: 0 }); // not due yet
    clock += 60 * 60 * 1000;
    expect(await processWebhookQueue(deps)).toMatchObject({ processed: 1, failed: 0 });
    expect((await prisma.syncFailure.findFirstOrThrow({ where: { shop, source: "webhook" } })).resolvedAt).toEqual(now());
    expect(JSON.parse((await storedState())[o.id])).toEqual(mapAdminOrder(o));
  });

  it("records an event whose payload names no order instead of dropping it", async () => {
    await deliver("REFUNDS_CREATE", { id: 1 }, "no-order");
    expect(await processWebhookQueue(deps)).toMatchObject({ processed: 0, failed: 1 });
    expect(await prisma.syncFailure.count({ where: { shop, reference: "REFUNDS_CREATE:no-order" } })).toBe(1);
  });

  it("hands bulk_operations/finish to the waiting sync", async () => {
    await prisma.syncRun.deleteMany({ where: { shop } });
    const run = await requestSync(shop, "manual", now());
    await prisma.syncRun.update({ where: { id: run.id }, data: { status: "running", step: "waiting", operationId: "gid://shopify/BulkOperation/42", nextCheckAt: new Date(clock + 30_000) } });
    await deliver("BULK_OPERATIONS_FINISH", { admin_graphql_api_id: "gid://shopify/BulkOperation/42", status: "completed", type: "query" });
    expect(await processWebhookQueue(deps)).toMatchObject({ processed: 1 });
    expect((await prisma.syncRun.findUniqueOrThrow({ where: { id: run.id } })).nextCheckAt).toEqual(now());
  });

  it("lets only one of two concurrent runners work on a shop", async () => {
    for (let i = 10; i < 20; i++) await deliver("ORDERS_UPDATED", orderPayload(source[i]));
    const [x, y] = await Promise.all([processWebhookQueue({ ...deps, holder: "x" }), processWebhookQueue({ ...deps, holder: "y" })]);
    expect(x.processed + y.processed).toBe(10);
    expect(await prisma.order.count({ where: { shop } })).toBe(10);
  });
});
