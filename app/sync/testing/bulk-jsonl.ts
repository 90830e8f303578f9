/**
 * Test and benchmark helper: writes Admin-shaped orders (the demo generator's) as the JSONL files
 * the two bulk queries of ../bulk-queries produce (groupObjects: false): one line per object,
 * connection nodes on their own lines with `__parentId`, lists and plain objects inline, and only
 * the fields those queries select (the generator's export-only fields, NOT_SYNCED, are left out).
 * `delay` writes each order's children after the next `delay` orders' lines, as Shopify may.
 */
import type { AdminOrder, SyncedAdminOrder } from "../../demo/admin-order";
import { NOT_SYNCED } from "../sync-selection";

const numeric = (gid: string) => gid.slice(gid.lastIndexOf("/") + 1);

/** A copy of `value` without the dotted `paths` (arrays are walked through). */
function withoutPaths(value: unknown, paths: readonly string[][]): unknown {
  if (Array.isArray(value)) return value.map((item) => withoutPaths(item, paths));
  if (value === null || typeof value !== "object" || paths.length === 0) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const here = paths.filter((p) => p[0] === key);
    if (here.some((p) => p.length === 1)) continue;
    out[key] = here.length ? withoutPaths(v, here.map((p) => p.slice(1))) : v;
  }
  return out;
}

const NOT_SYNCED_PATHS = NOT_SYNCED.map((p) => p.split("."));

/** The order as the sync's queries return it (SYNC_ORDER_SELECTION). */
export function syncedOrder(order: AdminOrder): SyncedAdminOrder {
  return withoutPaths(order, NOT_SYNCED_PATHS) as SyncedAdminOrder;
}

/** Lines of the orders query for one order. */
export function orderLines(order: AdminOrder): { root: string; children: string[] } {
  const { lineItems, fulfillmentOrders, returns, fulfillments, ...rest } = syncedOrder(order);
  const n = numeric(order.id);
  const root = JSON.stringify({ ...rest, fulfillments: fulfillments.map(({ events: _events, ...f }) => f) });
  const children: string[] = [];
  lineItems.nodes.forEach((item, i) => children.push(JSON.stringify({ id: `gid://shopify/LineItem/${n}${i}`, ...item, __parentId: order.id })));
  fulfillmentOrders.nodes.forEach((fo, i) =>
    children.push(JSON.stringify({ id: `gid://shopify/FulfillmentOrder/${n}${i}`, ...fo, __parentId: order.id })),
  );
  returns.nodes.forEach((ret, i) => {
    const returnId = `gid://shopify/Return/${n}${i}`;
    children.push(JSON.stringify({ id: returnId, createdAt: ret.createdAt, __parentId: order.id }));
    ret.returnLineItems.nodes.forEach((item, j) =>
      children.push(JSON.stringify({ id: `gid://shopify/ReturnLineItem/${n}${i}${j}`, ...item, __parentId: returnId })),
    );
  });
  return { root, children };
}

/** Lines of the fulfillment-events query for one order (one fulfillment order holding its fulfillments). */
export function eventLines(order: AdminOrder): { root: string; children: string[] } {
  const n = numeric(order.id);
  const foId = `gid://shopify/FulfillmentOrder/${n}0`;
  const children: string[] = [];
  order.fulfillments.forEach((f) => {
    children.push(JSON.stringify({ id: f.id, __parentId: foId }));
    f.events.nodes.forEach((e, j) =>
      children.push(JSON.stringify({ id: `gid://shopify/FulfillmentEvent/${numeric(f.id)}${j}`, status: e.status, happenedAt: e.happenedAt, __parentId: f.id })),
    );
  });
  return { root: JSON.stringify({ id: foId, orderId: order.id }), children };
}

/** The file as lines (no newline), children of each root delayed by `delay` roots. */
export function* bulkJsonl(
  orders: Iterable<AdminOrder>,
  kind: "orders" | "fulfillment-events",
  delay = 0,
): Generator<string> {
  const held: string[][] = [];
  for (const order of orders) {
    const { root, children } = kind === "orders" ? orderLines(order) : eventLines(order);
    yield root;
    held.push(children);
    if (held.length > delay) yield* held.shift()!;
  }
  for (const children of held) yield* children;
}

/** Chunks of about `size` characters cut anywhere, even mid-line, as a download delivers them. */
export function* chunked(lines: Iterable<string>, size = 64 * 1024): Generator<string> {
  let buffer = "";
  for (const line of lines) {
    buffer += line + "\n";
    while (buffer.length >= size) {
      yield buffer.slice(0, size);
      buffer = buffer.slice(size);
    }
  }
  if (buffer) yield buffer;
}
