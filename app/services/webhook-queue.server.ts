/**
 * Processes the order-data webhooks app/services/webhooks.server.ts queued (payload set,
 * processedAt null). The payload only says which order changed: the order is read again with the
 * sync's own selection and upserted (a stored newer `updatedAt` wins), so replays and out-of-order
 * deliveries converge on the same state. Failures stay queued, recorded as SyncFailure with a
 * backoff, and are retried by a later pass.
 */
import prisma from "../db.server";
import { upsertOrders } from "../data/orders.server";
import { mapAdminOrder } from "../sync/map-admin-order";
import { ORDER_BY_ID_QUERY, type OrderByIdData } from "../sync/api/order-by-id";
import { adminQuery, shopBucket, type AdminGraphqlFn, type AdminQueryOptions } from "../shopify/admin-graphql.server";
import { ordersChanged } from "./orders-changed.server";
import { onBulkOperationFinish } from "./bulk-sync.server";
import { notDueReferences, recordFailure, resolveFailures } from "./sync-failures.server";
import { withLease } from "./job-lease.server";
import { QUEUED_TOPICS } from "./webhook-topics";
import { CUSTOMER_PREFERENCES_QUERY, type CustomerPreferencesData } from "../sync/api/customer-preferences";
import { recordCustomerMetafield } from "./preferences.server";

export interface QueueDeps {
  /** The admin client's graphql function for a shop (unauthenticated.admin(shop) in the app). */
  graphqlFor: (shop: string) => Promise<AdminGraphqlFn>;
  now?: () => Date;
  holder?: string;
  query?: Pick<AdminQueryOptions, "sleep" | "random" | "maxAttempts" | "baseDelayMs">;
  /** Events per shop per pass. */
  batchSize?: number;
}

export interface QueueResult {
  processed: number;
  failed: number;
  ordersWritten: number;
}

const LEASE_MS = 60_000;
const ORDER_GID = /^gid:\/\/shopify\/Order\/\d+$/;

const eventKey = (e: { eventId: string; topic: string }) => `${e.topic}:${e.eventId}`;

/**
 * The order a webhook payload is about: order topics carry the order itself, fulfillment, refund
 * and fulfillment-event topics an `order_id`, return topics an `order` object.
 */
export function orderIdOfPayload(payload: unknown): string | null {
  if (!payload || typeof payload !== "object") return null;
  const p = payload as Record<string, unknown>;
  const gid = (v: unknown) => (typeof v === "number" || (typeof v === "string" && /^\d+$/.test(v)) ? `gid://shopify/Order/${v}` : typeof v === "string" && ORDER_GID.test(v) ? v : null);
  if (typeof p.admin_graphql_api_id === "string" && ORDER_GID.test(p.admin_graphql_api_id)) return p.admin_graphql_api_id;
  if (p.order_id !== undefined) return gid(p.order_id);
  const order = p.order as Record<string, unknown> | undefined;
  if (order && typeof order === "object") return gid(order.admin_graphql_api_id) ?? gid(order.id);
  return null;
}

/** Shops with queued order-data webhooks. */
async function shopsWithQueue(): Promise<string[]> {
  const rows = await prisma.webhookEvent.findMany({
    where: { processedAt: null, payload: { not: null }, topic: { in: [...QUEUED_TOPICS] } },
    distinct: ["shop"],
    select: { shop: true },
  });
  return rows.map((r) => r.shop);
}

export async function processWebhookQueue(deps: QueueDeps): Promise<QueueResult> {
  const total: QueueResult = { processed: 0, failed: 0, ordersWritten: 0 };
  for (const shop of await shopsWithQueue()) {
    const now = (deps.now ?? (() => new Date()))();
    const r = await withLease(shop, "webhooks", deps.holder ?? `pid-${process.pid}`, now, LEASE_MS, () => processShopQueue(shop, deps, now));
    if (!r) continue;
    total.processed += r.processed;
    total.failed += r.failed;
    total.ordersWritten += r.ordersWritten;
  }
  return total;
}

async function processShopQueue(shop: string, deps: QueueDeps, now: Date): Promise<QueueResult> {
  const result: QueueResult = { processed: 0, failed: 0, ordersWritten: 0 };
  const pending = await prisma.webhookEvent.findMany({
    where: { shop, processedAt: null, payload: { not: null }, topic: { in: [...QUEUED_TOPICS] } },
    orderBy: { receivedAt: "asc" },
    take: deps.batchSize ?? 200,
  });
  const notDue = await notDueReferences(shop, "webhook", pending.map(eventKey), now);
  const events = pending.filter((e) => !notDue.has(eventKey(e)));
  if (events.length === 0) return result;

  const done = async (list: typeof events) => {
    if (list.length === 0) return;
    for (const e of list) {
      await prisma.webhookEvent.update({ where: { shop_eventId_topic: { shop, eventId: e.eventId, topic: e.topic } }, data: { processedAt: now, error: null } });
    }
    await resolveFailures(shop, "webhook", list.map(eventKey), now);
    result.processed += list.length;
  };
  const failed = async (list: typeof events, queryName: string, error: string) => {
    for (const e of list) {
      await prisma.webhookEvent.update({ where: { shop_eventId_topic: { shop, eventId: e.eventId, topic: e.topic } }, data: { error } });
      await recordFailure({ shop, source: "webhook", reference: eventKey(e), queryName, error, now });
    }
    result.failed += list.length;
  };

  // Several events about one order need one read: the answer is the order as it is now.
  const byOrder = new Map<string, typeof events>();
  const byCustomer = new Map<string, typeof events>();
  const finished: typeof events = [];
  for (const e of events) {
    const payload: unknown = JSON.parse(e.payload!);
    if (e.topic === "BULK_OPERATIONS_FINISH") {
      const id = (payload as { admin_graphql_api_id?: unknown }).admin_graphql_api_id;
      if (typeof id === "string") await onBulkOperationFinish(shop, id, now);
      finished.push(e);
      continue;
    }
    if (e.topic === "CUSTOMERS_UPDATE") {
      const customerId = customerIdOfPayload(payload);
      if (!customerId) {
        await failed([e], e.topic, "payload names no customer (no admin_graphql_api_id or id)");
        continue;
      }
      byCustomer.set(customerId, [...(byCustomer.get(customerId) ?? []), e]);
      continue;
    }
    const orderId = orderIdOfPayload(payload);
    if (!orderId) {
      await failed([e], e.topic, "payload names no order (no admin_graphql_api_id, order_id or order.id)");
      continue;
    }
    byOrder.set(orderId, [...(byOrder.get(orderId) ?? []), e]);
  }
  await done(finished);

  let graphql: AdminGraphqlFn | null = null;
  for (const [orderId, list] of byOrder) {
    try {
      graphql ??= await deps.graphqlFor(shop);
      const { data } = await adminQuery<OrderByIdData>(graphql, ORDER_BY_ID_QUERY, { bucket: shopBucket(shop), ...deps.query, variables: { id: orderId } });
      // null: the order was deleted, or is older than the 60 days read_orders allows; nothing to write.
      if (data.order) {
        const order = mapAdminOrder(data.order);
        result.ordersWritten += await upsertOrders(shop, [order]);
        await ordersChanged({ shop, customerIds: order.customerId ? [order.customerId] : [], now, orders: [order] });
      }
      await done(list);
    } catch (e) {
      const name = (e as { queryName?: string }).queryName ?? "OrderForSync";
      await failed(list, name, e instanceof Error ? e.message : String(e));
    }
  }
  // A customer's delivery preferences, as they saved them in the customer account: read the
  // app-owned metafield (the payload does not carry it) and record it if it is their own edit.
  for (const [customerId, list] of byCustomer) {
    try {
      graphql ??= await deps.graphqlFor(shop);
      const { data } = await adminQuery<CustomerPreferencesData>(graphql, CUSTOMER_PREFERENCES_QUERY, { bucket: shopBucket(shop), ...deps.query, variables: { id: customerId } });
      const value = data.customer?.metafield?.jsonValue;
      if (value !== undefined && value !== null) await recordCustomerMetafield(shop, customerId, value, now);
      await done(list);
    } catch (e) {
      const name = (e as { queryName?: string }).queryName ?? "CustomerPreferences";
      await failed(list, name, e instanceof Error ? e.message : String(e));
    }
  }
  return result;
}

const CUSTOMER_GID = /^gid:\/\/shopify\/Customer\/\d+$/;

/** The customer a customers/update payload is about. */
export function customerIdOfPayload(payload: unknown): string | null {
  if (!payload || typeof payload !== "object") return null;
  const p = payload as Record<string, unknown>;
  if (typeof p.admin_graphql_api_id === "string" && CUSTOMER_GID.test(p.admin_graphql_api_id)) return p.admin_graphql_api_id;
  if (typeof p.id === "number" || (typeof p.id === "string" && /^\d+$/.test(p.id))) return `gid://shopify/Customer/${p.id}`;
  return null;
}

