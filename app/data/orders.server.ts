/** Persistence of engine orders. Every query is scoped by shop. */
import Database from "better-sqlite3";
import { databaseKind, sqlitePath } from "../../prisma/database-url";
import type { Order } from "../engine/types";
import prisma from "../db.server";
import { env } from "../env.server";
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

/**
 * Reads a shop's orders back as engine orders, oldest first, in pages (memory stays bounded per
 * page). On SQLite the pages are read below Prisma (a full analysis reads every order: through
 * the driver adapter that cost ~40 µs an order, most of a million-order refresh); PostgreSQL reads
 * through Prisma.
 */
export async function* readOrders(shop: string, pageSize = 5000): AsyncGenerator<Order> {
  const url = env().DATABASE_URL;
  if (databaseKind(url) === "sqlite") {
    yield* readOrdersSqlite(url, shop, pageSize);
    return;
  }
  yield* readOrdersPostgres(shop, pageSize);
}

const FIRST_PAGE = `SELECT "createdAt", "id", "data" FROM "Order" WHERE "shop" = ? ORDER BY "createdAt", "id" LIMIT ?`;
// A row-value comparison, so the (shop, createdAt) index seeks to the cursor; the equivalent
// `createdAt > ? OR (createdAt = ? AND id > ?)` scans the shop's index from its start on every
// page (EXPLAIN QUERY PLAN), which made reading a million orders quadratic.
const NEXT_PAGE = `SELECT "createdAt", "id", "data" FROM "Order" WHERE "shop" = ? AND ("createdAt", "id") > (?, ?) ORDER BY "createdAt", "id" LIMIT ?`;

async function* readOrdersSqlite(url: string, shop: string, pageSize: number): AsyncGenerator<Order> {
  const db = new Database(sqlitePath(url), { readonly: true, fileMustExist: true });
  try {
    db.pragma("busy_timeout = 10000");
    const first = db.prepare(FIRST_PAGE).raw();
    const next = db.prepare(NEXT_PAGE).raw();
    // The cursor is the stored text of the last row (Prisma's sortable ISO form), compared as stored.
    let cursor: [string, string] | null = null;
    for (;;) {
      const rows = (cursor ? next.all(shop, cursor[0], cursor[1], pageSize) : first.all(shop, pageSize)) as [string, string, string][];
      for (const r of rows) yield JSON.parse(r[2]) as Order;
      if (rows.length < pageSize) return;
      const last = rows[rows.length - 1];
      cursor = [last[0], last[1]];
      // Each page is read synchronously: let the server answer requests between pages.
      await new Promise((resolve) => setImmediate(resolve));
    }
  } finally {
    db.close();
  }
}

/**
 * PostgreSQL: the same keyset paging. The explicit `createdAt >= cursor` bounds the
 * (shop, createdAt) index scan, which then stops after a page; Prisma's equivalent
 * `createdAt > ? OR (createdAt = ? AND id > ?)` lets the planner collect every later row of the
 * shop and sort them for each page. The cursor travels as the stored timestamp's text.
 */
async function* readOrdersPostgres(shop: string, pageSize: number): AsyncGenerator<Order> {
  let cursor: { createdAt: string; id: string } | null = null;
  for (;;) {
    const rows: { createdAt: string; id: string; data: string }[] = cursor
      ? await prisma.$queryRaw`SELECT "createdAt"::text AS "createdAt", "id", "data" FROM "Order"
          WHERE "shop" = ${shop} AND "createdAt" >= ${cursor.createdAt}::timestamp(3)
            AND ("createdAt", "id") > (${cursor.createdAt}::timestamp(3), ${cursor.id})
          ORDER BY "createdAt", "id" LIMIT ${pageSize}`
      : await prisma.$queryRaw`SELECT "createdAt"::text AS "createdAt", "id", "data" FROM "Order"
          WHERE "shop" = ${shop} ORDER BY "createdAt", "id" LIMIT ${pageSize}`;
    for (const r of rows) yield JSON.parse(r.data) as Order;
    if (rows.length < pageSize) return;
    const last = rows[rows.length - 1];
    cursor = { createdAt: last.createdAt, id: last.id };
  }
}
