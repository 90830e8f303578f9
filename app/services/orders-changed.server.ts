/**
 * The one place the sync (bulk import, webhook queue, offline import) reports that a shop's orders
 * changed. Whatever is derived from orders hangs off this, so writers never need to know what the
 * readers precompute:
 * - stated delivery preferences carried by the orders are merged into the customers' profiles;
 * - the changed customers' profiles and living segments are re-scored at once;
 * - new first orders are enrolled in the running delivery experiment, if any;
 * - the full analysis is marked stale for the scheduled refresh (refreshStaleAnalyses).
 */
import prisma from "../db.server";
import type { SqliteExecutor } from "../data/bulk-writer.server";
import { updateChangedCustomers } from "../data/store-analysis.server";
import type { Order } from "../engine/types";
import { assignNewOrders } from "./experiments.server";
import { preferencesOrdersChanged } from "./preferences.server";

export interface OrdersChange {
  shop: string;
  /** Customers whose orders were written or deleted (deduplicated by the callee). */
  customerIds: readonly string[];
  now: Date;
  /** The orders as written, when the writer has them in hand: the hooks then need not read them back. */
  orders?: readonly Order[];
  /**
   * Of the orders written, every one that carries stated preferences, when the writer knows them
   * without keeping all the orders (an import): the preference hook then reads nothing back.
   */
  answeredOrders?: readonly Order[];
  /** SQLite: the writer's connection (an import's worker); the hooks' bulk writes then run there. */
  sqlite?: SqliteExecutor;
}

export async function ordersChanged(change: OrdersChange): Promise<void> {
  // Keep the earliest unprocessed change: the scheduler waits from it (debounce).
  // Read first: an update takes SQLite's write lock even when nothing matches, and an import calls
  // this after every batch while its worker holds that lock half the time.
  if (await prisma.shop.findFirst({ where: { shop: change.shop, analysisStaleSince: null }, select: { shop: true } })) {
    await prisma.shop.updateMany({
      where: { shop: change.shop, analysisStaleSince: null },
      data: { analysisStaleSince: change.now },
    });
  }
  await preferencesOrdersChanged(change);
  await updateChangedCustomers(change.shop, change.customerIds, change.now);
  await enrolInRunningExperiments(change);
}

const CHUNK = 500;

async function enrolInRunningExperiments({ shop, customerIds, now, orders }: OrdersChange): Promise<void> {
  // Most shops run no experiment most of the time: one indexed count, no order reads.
  if ((await prisma.experiment.count({ where: { shop, status: "running" } })) === 0) return;
  if (orders) {
    await assignNewOrders(shop, orders, now);
    return;
  }
  const ids = [...new Set(customerIds)];
  for (let i = 0; i < ids.length; i += CHUNK) {
    const rows = await prisma.order.findMany({
      where: { shop, customerId: { in: ids.slice(i, i + CHUNK) } },
      select: { data: true },
    });
    await assignNewOrders(shop, rows.map((r) => JSON.parse(r.data) as Order), now);
  }
}
