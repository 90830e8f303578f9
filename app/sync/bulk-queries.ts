/**
 * The two bulk query documents of a history sync (run by app/services/bulk-sync, ingested by
 * ./ingest-bulk). The orders query is derived from `SYNC_ORDER_SELECTION`, shaped for bulk
 * operations: no page sizes, `edges { node }`, an `id` on every connection node so the JSONL lines
 * can be joined by `__parentId`; customer data stays at protected level 1 (ids only).
 *
 * `Order.fulfillments` is a list, and a connection inside a list is refused in bulk, so carrier
 * events cannot sit under the order: the second query reaches them through fulfillment orders
 * (fulfillmentOrders > fulfillments > events: 3 connections, 2 nested levels), and its file is
 * merged into the stored orders.
 */
import { Kind, parse, print, type FieldNode, type SelectionSetNode } from "graphql";
import { SYNC_ORDER_SELECTION } from "./sync-selection";

/** Selections Shopify refuses in bulk: `events` is a connection inside the `fulfillments` list. */
const NOT_IN_BULK = new Set(["fulfillments.events"]);

const field = (name: string, selectionSet?: SelectionSetNode): FieldNode => ({ kind: Kind.FIELD, name: { kind: Kind.NAME, value: name }, selectionSet });
const selectionSet = (selections: FieldNode[]): SelectionSetNode => ({ kind: Kind.SELECTION_SET, selections });

/**
 * The single-order selection made bulk-ready: page sizes (`first`) dropped, `conn { nodes { … } }`
 * written `conn { edges { node { id … } } }` (the id joins the JSONL child lines to their parent),
 * and NOT_IN_BULK left out.
 */
function toBulkSelection(set: SelectionSetNode, path = ""): SelectionSetNode {
  const selections: FieldNode[] = [];
  for (const node of set.selections) {
    if (node.kind !== Kind.FIELD) throw new Error(`bulk selection: only plain fields are supported (${node.kind})`);
    const name = node.name.value;
    const at = path ? `${path}.${name}` : name;
    if (NOT_IN_BULK.has(at)) continue;
    const args = node.arguments?.filter((a) => a.name.value !== "first");
    const only = node.selectionSet?.selections.length === 1 ? node.selectionSet.selections[0] : null;
    let inner = node.selectionSet;
    if (only?.kind === Kind.FIELD && only.name.value === "nodes" && only.selectionSet) {
      const item = toBulkSelection(only.selectionSet, at);
      const hasId = item.selections.some((s) => s.kind === Kind.FIELD && s.name.value === "id");
      inner = selectionSet([field("edges", selectionSet([field("node", hasId ? item : selectionSet([field("id"), ...(item.selections as FieldNode[])]))]))]);
    } else if (inner) {
      inner = toBulkSelection(inner, at);
    }
    selections.push({ ...node, arguments: args, selectionSet: inner });
  }
  return selectionSet(selections);
}

const orderSelection = (parse(`{ ${SYNC_ORDER_SELECTION} }`).definitions[0] as { selectionSet: SelectionSetNode }).selectionSet;

/**
 * Orders with line items, delivery promises and returns, derived from SYNC_ORDER_SELECTION so the
 * webhook sync and the bulk import read the same fields: 5 connections (orders, lineItems,
 * fulfillmentOrders, returns, returnLineItems), 2 nested levels.
 */
export const BULK_ORDERS_QUERY = print(
  selectionSet([field("orders", selectionSet([field("edges", selectionSet([field("node", toBulkSelection(orderSelection))]))]))]),
);

/** Carrier events per fulfillment, through fulfillment orders (closed ones included). */
export const BULK_FULFILLMENT_EVENTS_QUERY = `{
  fulfillmentOrders(includeClosed: true) {
    edges {
      node {
        id
        orderId
        fulfillments {
          edges {
            node {
              id
              events {
                edges {
                  node { id status happenedAt }
                }
              }
            }
          }
        }
      }
    }
  }
}`;

export type BulkKind = "orders" | "fulfillment-events";

export const BULK_QUERIES: Readonly<Record<BulkKind, string>> = {
  orders: BULK_ORDERS_QUERY,
  "fulfillment-events": BULK_FULFILLMENT_EVENTS_QUERY,
};
