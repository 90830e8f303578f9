import { describe, expect, it } from "vitest";
import prisma from "../db.server";
import { databaseKind } from "../../prisma/database-url";
import { env } from "../env.server";
import { openOrderWriter, type OrderRow } from "./order-writer.server";

const row = (shop: string, i: number, updatedAt: number, totalPrice = i): OrderRow => ({
  shop,
  id: `gid://shopify/Order/${i}`,
  name: `#${i}`,
  customerId: i % 3 ? `gid://shopify/Customer/${i % 7}` : null,
  createdAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000),
  updatedAt: new Date(updatedAt),
  cancelledAt: null,
  channel: "Online Store",
  currency: "USD",
  totalPrice,
  shippingSpeed: "standard",
  carrier: null,
  data: JSON.stringify({ i }),
});

const T1 = Date.UTC(2026, 1, 1);
const T2 = Date.UTC(2026, 1, 2);

describe.skipIf(databaseKind(env().DATABASE_URL) !== "sqlite").each([
  ["in-thread", false],
  ["worker", true],
])("SQLite order writer (%s), multi-row statements", (label, background) => {
  it("writes batches of any size (full statements and the remainder), newer updatedAt wins, also within one batch", async () => {
    const shop = `writer-${label}.myshopify.com`;
    const writer = openOrderWriter(undefined, { background });
    try {
      // 151 rows: two 64-row statements and 23 single ones; order 5 twice in the first statement,
      // the older copy second (it must not win), and order 140 twice in the single ones.
      const batch = Array.from({ length: 149 }, (_, i) => row(shop, i, T1));
      batch[5] = row(shop, 5, T2, 500);
      batch.splice(20, 0, row(shop, 5, T1, 1));
      batch.push(row(shop, 140, T2, 1400));
      expect(await writer.upsert(batch)).toBe(150);
      expect(await prisma.order.count({ where: { shop } })).toBe(149);
      expect((await prisma.order.findUniqueOrThrow({ where: { shop_id: { shop, id: "gid://shopify/Order/140" } } })).totalPrice).toBe(1400);
      expect((await prisma.order.findUniqueOrThrow({ where: { shop_id: { shop, id: "gid://shopify/Order/5" } } })).totalPrice).toBe(500);
      // Replaying older versions changes nothing; equal or newer ones are written.
      expect(await writer.upsert(batch.slice(0, 70).map((r) => ({ ...r, updatedAt: new Date(T1 - 1) })))).toBe(0);
      expect(await writer.upsert(batch.slice(0, 70).map((r) => ({ ...r, totalPrice: 9 })))).toBe(69);
      const stored = await writer.read(shop, ["gid://shopify/Order/5", "gid://shopify/Order/6", "gid://shopify/Order/999"]);
      expect([...stored.keys()].sort()).toEqual(["gid://shopify/Order/5", "gid://shopify/Order/6"]);
      expect(stored.get("gid://shopify/Order/6")).toEqual({ name: "#6", data: JSON.stringify({ i: 6 }) });
    } finally {
      await writer.close();
    }
  });
});

describe("order writer on the configured database", () => {
  it("keeps the latest version of an order given twice in one batch (the later one on a tie)", async () => {
    const shop = "writer-twice.myshopify.com";
    const writer = openOrderWriter();
    try {
      await writer.upsert([row(shop, 1, T2, 10), row(shop, 1, T1, 11), row(shop, 2, T1, 20), row(shop, 2, T2, 21), row(shop, 3, T1, 30), row(shop, 3, T1, 31)]);
      const stored = await prisma.order.findMany({ where: { shop }, orderBy: { id: "asc" }, select: { totalPrice: true } });
      expect(stored.map((r) => r.totalPrice)).toEqual([10, 21, 31]);
    } finally {
      await writer.close();
    }
  });
});
