/**
 * The query the webhook queue uses to read one order: the same selection as the bulk sync
 * (SYNC_ORDER_SELECTION), with page sizes small enough to stay under Shopify's
 * single-query cost limit (1000 points; the bulk page sizes are far above it).
 */
import type { SyncedAdminOrder } from "../../demo/admin-order";
import { SYNC_ORDER_SELECTION } from "../sync-selection";

/** Page size per paginated field; an order with more items than this is read truncated. */
export const ORDER_PAGE_SIZES: Readonly<Record<string, number>> = {
  lineItems: 50,
  fulfillmentOrders: 5,
  fulfillments: 10,
  trackingInfo: 3,
  events: 20,
  refunds: 10,
  returns: 5,
  returnLineItems: 20,
};

export function withPageSizes(selection: string, sizes: Readonly<Record<string, number>>): string {
  return selection.replace(/\b(\w+)\(first: \d+\)/g, (_, field: string) => {
    const size = sizes[field];
    if (size === undefined) throw new Error(`no page size for ${field}: add it to ORDER_PAGE_SIZES`);
    return `${field}(first: ${size})`;
  });
}

export const ORDER_BY_ID_QUERY = `query OrderForSync($id: ID!) {
  order(id: $id) {
    ${withPageSizes(SYNC_ORDER_SELECTION, ORDER_PAGE_SIZES)}
  }
}`;

export interface OrderByIdData {
  order: SyncedAdminOrder | null;
}
