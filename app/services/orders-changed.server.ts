/**
 * The one place the sync (bulk import, webhook queue, offline import) reports that a shop's orders
 * changed. Whatever is derived from orders (the stored analysis, customer profiles, living
 * segments) hangs off this, so writers never need to know what the readers precompute.
 */
import prisma from "../db.server";

export interface OrdersChange {
  shop: string;
  /** Customers whose orders were written or deleted (deduplicated by the callee). */
  customerIds: readonly string[];
  now: Date;
}

export async function ordersChanged(change: OrdersChange): Promise<void> {
  // Keep the earliest unprocessed change: the refresh compares it with its own start time.
  await prisma.shop.updateMany({
    where: { shop: change.shop, analysisStaleSince: null },
    data: { analysisStaleSince: change.now },
  });
}
