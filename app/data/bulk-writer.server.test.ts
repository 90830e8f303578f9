import { describe, expect, it } from "vitest";
import prisma from "../db.server";
import { databaseKind } from "../../prisma/database-url";
import { env } from "../env.server";
import { openBulkWriter, type BulkTable } from "./bulk-writer.server";
import { openOrderWriter } from "./order-writer.server";

interface Answer {
  shop: string; answerKey: string; customerId: string | null; orderId: string | null; source: string; answeredAt: Date;
  speedVsCost: string | null; deliveryWindow: string | null; deliveryDays: string | null; notifications: string | null;
  giftPackaging: boolean | null; recordedAt: Date;
}

// A real table with text, nullable, timestamp and boolean columns: runs on SQLite and PostgreSQL alike.
const TABLE: BulkTable<Answer> = {
  table: "PreferenceAnswer",
  columns: {
    shop: "text", answerKey: "text", customerId: "text", orderId: "text", source: "text", answeredAt: "timestamp",
    speedVsCost: "text", deliveryWindow: "text", deliveryDays: "text", notifications: "text", giftPackaging: "bool", recordedAt: "timestamp",
  },
  key: ["shop", "answerKey"],
};

const T0 = Date.UTC(2026, 2, 1, 9, 30, 15, 123);
const answer = (shop: string, key: string, customerId: string | null, over: Partial<Answer> = {}): Answer => ({
  shop, answerKey: key, customerId, orderId: `o-${key}`, source: "checkout", answeredAt: new Date(T0),
  speedVsCost: "speed", deliveryWindow: null, deliveryDays: null, notifications: "sms", giftPackaging: false, recordedAt: new Date(T0 + 1000),
  ...over,
});

describe("bulk writer: insertNew and selectIn", () => {
  it("inserts only unknown keys, keeps the stored row, and says which rows were new (first of duplicates)", async () => {
    const shop = "bulk-insert-new.myshopify.com";
    const writer = openBulkWriter(TABLE);
    expect(await writer.insertNew([answer(shop, "a", "c1"), answer(shop, "b", "c2")])).toHaveLength(2);
    const fresh = await writer.insertNew([
      answer(shop, "a", "c1", { source: "thank_you" }), // stored: left as it is
      answer(shop, "c", "c1", { speedVsCost: "cost" }),
      answer(shop, "c", "c1", { speedVsCost: "balanced" }), // same key again in the batch: the first wins
      answer("other.myshopify.com", "a", "c1"), // same key, other shop: new
    ]);
    await writer.close();
    expect(fresh.map((r) => [r.shop, r.answerKey, r.speedVsCost])).toEqual([
      [shop, "c", "cost"],
      ["other.myshopify.com", "a", "speed"],
    ]);
    const stored = await prisma.preferenceAnswer.findMany({ where: { shop }, orderBy: { answerKey: "asc" } });
    expect(stored.map((r) => [r.answerKey, r.source, r.speedVsCost])).toEqual([
      ["a", "checkout", "speed"],
      ["b", "checkout", "speed"],
      ["c", "checkout", "cost"],
    ]);
  });

  it("selects rows by a list of values within the filter, with timestamps and booleans as written", async () => {
    const shop = "bulk-select-in.myshopify.com";
    const rows = [
      answer(shop, "k1", "c1", { giftPackaging: true }),
      answer(shop, "k2", "c2", { giftPackaging: null, deliveryWindow: "morning" }),
      answer(shop, "k3", "c3"),
      answer(shop, "k4", null),
      answer("elsewhere.myshopify.com", "k5", "c1"),
    ];
    const writer = openBulkWriter(TABLE);
    try {
      expect(await writer.insertNew(rows)).toHaveLength(5);
      const found = await writer.selectIn({ shop }, "customerId", ["c1", "c2", "missing"]);
      expect(found.sort((a, b) => a.answerKey.localeCompare(b.answerKey))).toEqual([rows[0], rows[1]]);
      expect(await writer.selectIn({ shop }, "customerId", [])).toEqual([]);
      // More values than SQLite binds per statement: one parameter whatever the count.
      const many = Array.from({ length: 40_000 }, (_, i) => `c${i}`);
      expect((await writer.selectIn({ shop }, "customerId", many)).map((r) => r.answerKey).sort()).toEqual(["k1", "k2", "k3"]);
    } finally {
      await writer.close();
    }
  });

  it.skipIf(databaseKind(env().DATABASE_URL) !== "sqlite")("runs on an import's order writer (its worker thread's connection)", async () => {
    const shop = "bulk-shared.myshopify.com";
    const orders = openOrderWriter(undefined, { background: true });
    try {
      const writer = openBulkWriter(TABLE, { sqlite: orders.sqlite });
      const rows = [answer(shop, "s1", "c1", { giftPackaging: true }), answer(shop, "s2", "c2")];
      expect(await writer.insertNew([...rows, answer(shop, "s1", "c1", { source: "thank_you" })])).toEqual(rows);
      expect(await writer.upsert([answer(shop, "s2", "c2", { speedVsCost: "cost" })])).toBe(1);
      await writer.close(); // the shared connection stays open
      const found = await writer.selectIn({ shop }, "customerId", ["c1", "c2"]);
      expect(found.sort((a, b) => a.answerKey.localeCompare(b.answerKey))).toEqual([rows[0], { ...rows[1], speedVsCost: "cost" }]);
      expect(await prisma.preferenceAnswer.count({ where: { shop } })).toBe(2);
    } finally {
      await orders.close();
    }
  });
});
