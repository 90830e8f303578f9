/** Persistence of engine orders. Every query is scoped by shop. */
import type { Order } from "../engine/types";
import prisma from "../db.server";

const BATCH = 500;

function carrierOf(order: Order): string | null {
  return order.fulfillments.find((f) => f.carrier)?.carrier ?? null;
}

export function orderRow(shop: string, order: Order, name?: string | null) {
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

/** Appends orders known to be new (e.g. a fresh demo store), in batched transactions. */
export async function insertOrders(shop: string, orders: Iterable<Order>): Promise<number> {
  let batch: ReturnType<typeof orderRow>[] = [];
  let total = 0;
  const flush = async () => {
    if (!batch.length) return;
    await prisma.order.createMany({ data: batch });
    total += batch.length;
    batch = [];
  };
  for (const order of orders) {
    batch.push(orderRow(shop, order));
    if (batch.length === BATCH) await flush();
  }
  await flush();
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
