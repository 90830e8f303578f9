/**
 * What the sync asks Shopify for, per order: ADMIN_ORDER_SELECTION (the demo generator's shape)
 * without the fields the engine never reads. They cost a bulk export about a fifth of its bytes
 * (parsed line by line on the importing thread) and a single-order query part of its cost, for
 * nothing. `SyncedAdminOrder` (the mapper's input type) leaves out the same fields.
 */
import { Kind, parse, print, type FieldNode, type SelectionSetNode } from "graphql";
import { ADMIN_ORDER_SELECTION } from "../demo/admin-order";

/** Dotted paths from the order (`nodes` of connections included), left out of SYNC_ORDER_SELECTION. */
export const NOT_SYNCED: readonly string[] = [
  "cancelReason",
  "displayFinancialStatus",
  "currentTotalPriceSet",
  "totalRefundedSet",
  "shippingLine.source",
  "shippingLine.carrierIdentifier",
  "shippingLine.originalPriceSet",
  "lineItems.nodes.originalUnitPriceSet",
  "fulfillments.displayStatus",
];

function without(set: SelectionSetNode, left: ReadonlySet<string>, path = ""): SelectionSetNode {
  const selections: FieldNode[] = [];
  for (const node of set.selections) {
    if (node.kind !== Kind.FIELD) throw new Error(`sync selection: only plain fields are supported (${node.kind})`);
    const at = path ? `${path}.${node.name.value}` : node.name.value;
    if (left.has(at)) continue;
    selections.push(node.selectionSet ? { ...node, selectionSet: without(node.selectionSet, left, at) } : node);
  }
  return { kind: Kind.SELECTION_SET, selections };
}

const adminSelection = (parse(`{ ${ADMIN_ORDER_SELECTION} }`).definitions[0] as { selectionSet: SelectionSetNode }).selectionSet;

/** The selection on an `Order` node the sync reads (bulk query and single-order query). */
export const SYNC_ORDER_SELECTION = print(without(adminSelection, new Set(NOT_SYNCED))).replace(/^\{\n?|\n?\}$/g, "");
