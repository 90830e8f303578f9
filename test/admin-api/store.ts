/**
 * The data behind the local Admin API: demo-generator orders (already in the Admin 2026-10 shape)
 * completed with what the generator leaves out because the app's own selection does not need it:
 * ids on connection nodes (bulk JSONL joins children by `__parentId`), `__typename` for abstract
 * types, and fulfillment orders that carry the order's fulfillments (the second bulk query reaches
 * carrier events that way).
 */
import type { AdminOrder } from "../../app/demo/admin-order";
import { iterateOrders, type DemoStoreOptions } from "../../app/demo/generate-store";

export type Node = Record<string, unknown> & { id: string; __typename: string };

export interface LocalStore {
  /** Bumped by every change (putOrder), so the server can reuse a bulk export of the same data. */
  version: number;
  orders: Node[];
  fulfillmentOrders: Node[];
  byId: Map<string, Node>;
}

function numericId(gid: string): number {
  return Number(gid.slice(gid.lastIndexOf("/") + 1));
}

/** Child ids derived from the parent's number: stable across runs, unique per type. */
function childId(type: string, parent: number, index: number): string {
  return `gid://shopify/${type}/${parent * 1000 + index + 1}`;
}

export function storeFromOrders(source: Iterable<AdminOrder>): LocalStore {
  const orders: Node[] = [];
  const fulfillmentOrders: Node[] = [];
  const byId = new Map<string, Node>();
  for (const order of source) {
    const n = numericId(order.id);
    const fulfillments = order.fulfillments.map((f) => ({
      ...f,
      __typename: "Fulfillment",
      events: { nodes: f.events.nodes.map((e, i) => ({ ...e, __typename: "FulfillmentEvent", id: childId("FulfillmentEvent", numericId(f.id), i) })) },
    }));
    // Every fulfillment belongs to the order's first fulfillment order (the demo ships in one).
    const foNodes = (order.fulfillmentOrders.nodes.length ? order.fulfillmentOrders.nodes : [{ deliveryMethod: null }]).map((fo, i) => ({
      ...fo,
      __typename: "FulfillmentOrder",
      id: childId("FulfillmentOrder", n, i),
      orderId: order.id,
      fulfillments: i === 0 ? fulfillments : [],
    }));
    const node: Node = {
      ...order,
      __typename: "Order",
      lineItems: { nodes: order.lineItems.nodes.map((li, i) => ({ ...li, __typename: "LineItem", id: childId("LineItem", n, i) })) },
      fulfillmentOrders: { nodes: order.fulfillmentOrders.nodes.length ? foNodes : [] },
      fulfillments,
      returns: {
        nodes: order.returns.nodes.map((r, i) => {
          const returnId = childId("Return", n, i);
          return {
            ...r,
            __typename: "Return",
            id: returnId,
            returnLineItems: {
              nodes: r.returnLineItems.nodes.map((rli, j) => ({ ...rli, __typename: "ReturnLineItem", id: childId("ReturnLineItem", numericId(returnId), j) })),
            },
          };
        }),
      },
    };
    orders.push(node);
    byId.set(node.id, node);
    if (order.fulfillmentOrders.nodes.length) fulfillmentOrders.push(...foNodes);
  }
  return { version: 0, orders, fulfillmentOrders, byId };
}

export function demoStore(options: DemoStoreOptions): LocalStore {
  return storeFromOrders(iterateOrders(options));
}

/** Replaces (or adds) an order, as an edit in the Shopify admin would. Change the store only this way. */
export function putOrder(store: LocalStore, order: AdminOrder): Node {
  const { orders: [node], fulfillmentOrders } = storeFromOrders([order]);
  store.version++;
  store.fulfillmentOrders = [...store.fulfillmentOrders.filter((fo) => fo.orderId !== order.id), ...fulfillmentOrders];
  const at = store.orders.findIndex((o) => o.id === order.id);
  if (at >= 0) store.orders[at] = node;
  else store.orders.push(node);
  store.byId.set(node.id, node);
  return node;
}
