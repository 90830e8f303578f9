/**
 * Turns reassembled bulk groups into what the import writes: an `AdminOrder` (then an engine
 * `Order` through mapAdminOrder) per order group, or the carrier events per order for the
 * fulfillment-events query. Every line is validated (zod) before use; a bad line becomes a
 * rejection with its line number, field and reason, and the rest of its order is kept.
 */
import { z } from "zod";
import type { AdminFulfillmentEvent, AdminReturn, AdminReturnLineItem, SyncedAdminOrder, SyncedLineItem } from "../../demo/admin-order";
import { FULFILLMENT_EVENT_STATUSES, type FulfillmentEvent, type Order } from "../../engine/types";
import { AdminOrderMappingError, mapAdminOrder, parseDateTime } from "../map-admin-order";
import type { AssemblyRejection, BulkGroup, BulkLine, JsonObject } from "./bulk-assembler";
import * as fast from "./bulk-line-checks";

const money = z.object({ shopMoney: z.object({ amount: z.string(), currencyCode: z.string() }) });
const dateTime = z.string();
const optionalDateTime = z.string().nullable().optional();

const orderLine = z.looseObject({
  id: z.string().startsWith("gid://shopify/Order/", "not an order gid"),
  name: z.string().nullable().optional(),
  createdAt: dateTime,
  updatedAt: dateTime,
  processedAt: optionalDateTime,
  cancelledAt: optionalDateTime,
  currencyCode: z.string().nullable().optional(),
  sourceName: z.string().nullable().optional(),
  app: z.object({ name: z.string().nullable() }).nullable().optional(),
  customer: z.object({ id: z.string() }).nullable().optional(),
  totalPriceSet: money,
  subtotalPriceSet: money.nullable().optional(),
  totalDiscountsSet: money.nullable().optional(),
  totalShippingPriceSet: money.nullable().optional(),
  discountCodes: z.array(z.string()).nullable().optional(),
  billingAddressMatchesShippingAddress: z.boolean().nullable().optional(),
  shippingAddress: z.object({ countryCodeV2: z.string().nullable().optional(), provinceCode: z.string().nullable().optional() }).nullable().optional(),
  shippingLine: z.looseObject({ title: z.string(), code: z.string().nullable().optional(), discountedPriceSet: money }).nullable().optional(),
  note: z.string().nullable().optional(),
  customAttributes: z.array(z.object({ key: z.string(), value: z.string().nullable() })).nullable().optional(),
  fulfillments: z
    .array(
      z.looseObject({
        id: z.string(),
        createdAt: dateTime,
        inTransitAt: optionalDateTime,
        deliveredAt: optionalDateTime,
        estimatedDeliveryAt: optionalDateTime,
        trackingInfo: z.array(z.object({ company: z.string().nullable().optional(), number: z.string().nullable().optional() })).nullable().optional(),
      }),
    )
    .nullable()
    .optional(),
  refunds: z.array(z.looseObject({ createdAt: optionalDateTime, processedAt: optionalDateTime, totalRefundedSet: money })).nullable().optional(),
});

const lineItemLine = z.looseObject({
  quantity: z.number().int().nonnegative(),
  requiresShipping: z.boolean(),
  discountedUnitPriceAfterAllDiscountsSet: money,
  variant: z.object({ inventoryItem: z.object({ unitCost: z.object({ amount: z.string() }).nullable() }) }).nullable().optional(),
});

const fulfillmentOrderLine = z.looseObject({
  deliveryMethod: z
    .object({ methodType: z.string(), minDeliveryDateTime: optionalDateTime, maxDeliveryDateTime: optionalDateTime })
    .nullable()
    .optional(),
});

const returnLine = z.looseObject({ id: z.string(), createdAt: dateTime });
const returnLineItemLine = z.looseObject({
  quantity: z.number().int(),
  returnReasonDefinition: z.object({ handle: z.string() }).nullable().optional(),
});

const eventsRootLine = z.looseObject({
  id: z.string(),
  orderId: z.string().startsWith("gid://shopify/Order/", "not an order gid"),
});
const eventsFulfillmentLine = z.looseObject({ id: z.string().startsWith("gid://shopify/Fulfillment/", "not a fulfillment gid") });
const eventLine = z.looseObject({
  status: z.enum(FULFILLMENT_EVENT_STATUSES),
  happenedAt: dateTime,
});

/** "gid://shopify/LineItem/1" -> "LineItem". */
export function gidType(id: unknown): string | null {
  if (typeof id !== "string" || !id.startsWith("gid://shopify/")) return null;
  const end = id.indexOf("/", 14);
  return end < 0 ? null : id.slice(14, end);
}

/** For the checks' test: every line schema, by the name of its fast check. */
export const LINE_SCHEMAS = {
  isOrderLine: orderLine,
  isLineItemLine: lineItemLine,
  isFulfillmentOrderLine: fulfillmentOrderLine,
  isReturnLine: returnLine,
  isReturnLineItemLine: returnLineItemLine,
  isEventsRootLine: eventsRootLine,
  isEventsFulfillmentLine: eventsFulfillmentLine,
  isEventLine: eventLine,
} satisfies Record<keyof typeof fast, z.ZodType>;

function rejectIssues(line: number, error: z.ZodError, rejected: AssemblyRejection[]): void {
  const issue = error.issues[0];
  rejected.push({ line, field: issue.path.length ? issue.path.join(".") : undefined, reason: issue.message });
}

/**
 * Validates a line: `fast` first (plain checks, no copy; at least as strict as the schema), zod
 * only when it says no, to name the field and reason. zod copies every line it accepts, which
 * was a fifth of the import's main-thread time.
 */
function valid<T>(schema: z.ZodType<T>, fast: (node: JsonObject) => boolean, entry: BulkLine, rejected: AssemblyRejection[]): T | null {
  if (fast(entry.node)) return entry.node as T;
  const result = schema.safeParse(entry.node);
  if (result.success) return result.data;
  rejectIssues(entry.line, result.error, rejected);
  return null;
}

export interface OrderRecord {
  line: number;
  name: string | null;
  order: Order;
}

/** One order group -> engine order, or null (rejected) when the order line itself is unusable. */
export function orderFromGroup(group: BulkGroup, rejected: AssemblyRejection[]): OrderRecord | null {
  const root = valid(orderLine, fast.isOrderLine, group.root, rejected);
  if (!root) return null;
  const lineItems: SyncedLineItem[] = [];
  const fulfillmentOrders: SyncedAdminOrder["fulfillmentOrders"]["nodes"] = [];
  const returns = new Map<string, AdminReturn>();
  const returnItems: BulkLine[] = [];
  for (const entry of group.descendants) {
    const type = gidType(entry.node.id);
    if (type === "LineItem") {
      const item = valid(lineItemLine, fast.isLineItemLine, entry, rejected);
      if (item) lineItems.push(item as unknown as SyncedLineItem);
    } else if (type === "FulfillmentOrder") {
      const fo = valid(fulfillmentOrderLine, fast.isFulfillmentOrderLine, entry, rejected);
      if (fo) fulfillmentOrders.push({ deliveryMethod: (fo.deliveryMethod ?? null) as SyncedAdminOrder["fulfillmentOrders"]["nodes"][number]["deliveryMethod"] });
    } else if (type === "Return") {
      const ret = valid(returnLine, fast.isReturnLine, entry, rejected);
      if (ret) returns.set(ret.id, { createdAt: ret.createdAt, returnLineItems: { nodes: [] } });
    } else if (type === "ReturnLineItem" || type === "UnverifiedReturnLineItem") {
      returnItems.push(entry);
    } else {
      rejected.push({ line: entry.line, field: "id", reason: `unexpected object ${JSON.stringify(entry.node.id ?? null)} under an order` });
    }
  }
  for (const entry of returnItems) {
    const item = valid(returnLineItemLine, fast.isReturnLineItemLine, entry, rejected);
    if (!item) continue;
    const ret = returns.get(entry.node.__parentId as string);
    if (ret) ret.returnLineItems.nodes.push(item as unknown as AdminReturnLineItem);
    else rejected.push({ line: entry.line, field: "__parentId", reason: `return ${String(entry.node.__parentId)} is not under this order` });
  }
  const admin = {
    ...root,
    lineItems: { nodes: lineItems },
    fulfillmentOrders: { nodes: fulfillmentOrders },
    returns: { nodes: [...returns.values()] },
  } as unknown as SyncedAdminOrder;
  try {
    return { line: group.root.line, name: root.name ?? null, order: mapAdminOrder(admin) };
  } catch (error) {
    if (!(error instanceof AdminOrderMappingError)) throw error;
    rejected.push({ line: group.root.line, field: error.field, reason: error.message });
    return null;
  }
}

export interface OrderEvents {
  line: number;
  orderId: string;
  /** Fulfillment id -> its carrier events. */
  fulfillments: Map<string, FulfillmentEvent[]>;
}

/** One fulfillment-order group -> the carrier events of its fulfillments. */
export function eventsFromGroup(group: BulkGroup, rejected: AssemblyRejection[]): OrderEvents | null {
  const root = valid(eventsRootLine, fast.isEventsRootLine, group.root, rejected);
  if (!root) return null;
  const fulfillments = new Map<string, FulfillmentEvent[]>();
  const events: BulkLine[] = [];
  for (const entry of group.descendants) {
    const type = gidType(entry.node.id);
    if (type === "Fulfillment") {
      const f = valid(eventsFulfillmentLine, fast.isEventsFulfillmentLine, entry, rejected);
      if (f && !fulfillments.has(f.id)) fulfillments.set(f.id, []);
    } else if (type === "FulfillmentEvent" || (type === null && "status" in entry.node)) {
      events.push(entry);
    } else {
      rejected.push({ line: entry.line, field: "id", reason: `unexpected object ${JSON.stringify(entry.node.id ?? null)} under a fulfillment order` });
    }
  }
  for (const entry of events) {
    const event = valid(eventLine, fast.isEventLine, entry, rejected);
    if (!event) continue;
    const happenedAt = parseDateTime(event.happenedAt);
    const list = fulfillments.get(entry.node.__parentId as string);
    if (happenedAt === null) rejected.push({ line: entry.line, field: "happenedAt", reason: `invalid date ${JSON.stringify(event.happenedAt)}` });
    else if (!list) rejected.push({ line: entry.line, field: "__parentId", reason: `fulfillment ${String(entry.node.__parentId)} is not under this fulfillment order` });
    else list.push({ status: event.status as AdminFulfillmentEvent["status"], happenedAt });
  }
  return { line: group.root.line, orderId: root.orderId, fulfillments };
}

/** Adds events to an order's fulfillments (deduplicated, by time); returns whether anything changed. */
export function mergeEvents(order: Order, fulfillments: Map<string, FulfillmentEvent[]>): { changed: boolean; unknown: string[] } {
  let changed = false;
  const unknown: string[] = [];
  for (const [fulfillmentId, events] of fulfillments) {
    const target = order.fulfillments.find((f) => f.id === fulfillmentId);
    if (!target) {
      if (events.length) unknown.push(fulfillmentId);
      continue;
    }
    const seen = new Set(target.events.map((e) => `${e.status}@${e.happenedAt}`));
    for (const event of events) {
      const key = `${event.status}@${event.happenedAt}`;
      if (seen.has(key)) continue;
      seen.add(key);
      target.events.push(event);
      changed = true;
    }
    if (changed) target.events.sort((a, b) => a.happenedAt - b.happenedAt);
  }
  return { changed, unknown };
}

/**
 * An orders-query order has no carrier events (they come from the second query); keep the ones
 * already stored for the same fulfillments so a re-import of orders alone does not erase them.
 */
export function carryOverEvents(incoming: Order, stored: Order): void {
  for (const fulfillment of incoming.fulfillments) {
    if (fulfillment.events.length) continue;
    const before = stored.fulfillments.find((f) => f.id === fulfillment.id);
    if (before?.events.length) fulfillment.events = before.events;
  }
}
