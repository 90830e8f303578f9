/** Persistence of engine orders. Every query is scoped by shop. */
import type { Order } from "../engine/types";
import prisma from "../db.server";
import { openOrderWriter, type OrderRow } from "./order-writer.server";

const BATCH = 1000;

function carrierOf(order: Order): string | null {
  return order.fulfillments.find((f) => f.carrier)?.carrier ?? null;
}

export function orderRow(shop: string, order: Order, name?: string | null): OrderRow {
  return {
    shop,
    id: order.id,
    name: name ?? null,
    customerId: order.customerId,
    createdAt: new Date(order.createdAt),
    updatedAt: new Date(order.updatedAt),
    cancelledAt: order.cancelledAt === null ? null : new Date(order.cancelledAt),
    channel: order.channel,
    currency: order.currency,
    totalPrice: order.totalPrice,
    shippingSpeed: order.shippingSpeed,
    carrier: carrierOf(order),
    data: JSON.stringify(order),
  };
}

/**
 * Upserts orders in batches (a newer stored version is kept); memory is bounded by the batch,
 * whatever the size of the iterable. Returns the number of rows written.
 */
export async function upsertOrders(shop: string, orders: Iterable<Order>): Promise<number> {
  const writer = openOrderWriter();
  let batch: OrderRow[] = [];
  let total = 0;
  try {
    for (const order of orders) {
      batch.push(orderRow(shop, order));
      if (batch.length === BATCH) {
        total += await writer.upsert(batch);
        batch = [];
      }
    }
    total += await writer.upsert(batch);
  } finally {
    await writer.close();
  }
  return total;
}

export async function deleteOrders(shop: string): Promise<number> {
  return (await prisma.order.deleteMany({ where: { shop } })).count;
}

/** Reads a shop's orders back as engine orders, oldest first, in pages (memory stays bounded per page). */
export async function* readOrders(shop: string, pageSize = 5000): AsyncGenerator<Order> {
  let cursor: { createdAt: Date; id: string } | null = null;
  for (;;) {
    const rows: { id: string; createdAt: Date; data: string }[] = await prisma.order.findMany({
      where: cursor
        ? { shop, OR: [{ createdAt: { gt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { gt: cursor.id } }] }
        : { shop },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: pageSize,
      select: { id: true, createdAt: true, data: true },
    });
    for (const r of rows) yield JSON.parse(r.data) as Order;
    if (rows.length < pageSize) return;
    const last = rows[rows.length - 1];
    cursor = { createdAt: last.createdAt, id: last.id };
  }
}
