/** Bulk JSONL ingestion into the database: reassembly, events merge, rejections, idempotency, resume. */
import { beforeAll, describe, expect, it } from "vitest";
import prisma from "../app/db.server";
import type { AdminOrder } from "../app/demo/admin-order";
import { iterateOrders } from "../app/demo/generate-store";
import type { Order } from "../app/engine/types";
import { deleteOrders, readOrders } from "../app/data/orders.server";
import { mapAdminOrder } from "../app/sync/map-admin-order";
import { ingestJsonl, type IngestCheckpoint } from "../app/sync/ingest-bulk";
import { bulkJsonl, chunked, orderLines } from "../app/sync/testing/bulk-jsonl";

const AS_OF = Date.UTC(2026, 5, 30, 12);
const NOW = new Date(AS_OF);
let admin: AdminOrder[];

beforeAll(() => {
  admin = [...iterateOrders({ asOf: AS_OF, orders: 1200, seed: "import-jsonl" })];
});

/** What the API sync would store: events sorted by time, duplicates dropped (the merge's rule). */
function expected(order: AdminOrder): Order {
  const o = mapAdminOrder(order);
  for (const f of o.fulfillments) {
    const seen = new Set<string>();
    f.events = f.events.filter((e) => !seen.has(`${e.status}@${e.happenedAt}`) && (seen.add(`${e.status}@${e.happenedAt}`), true));
    f.events.sort((a, b) => a.happenedAt - b.happenedAt);
  }
  return o;
}

async function stored(shop: string): Promise<Map<string, Order>> {
  const out = new Map<string, Order>();
  for await (const o of readOrders(shop)) out.set(o.id, o);
  return out;
}

async function fresh(shop: string) {
  await deleteOrders(shop);
  await prisma.ingestRejection.deleteMany({ where: { shop } });
  await prisma.shop.upsert({ where: { shop }, create: { shop }, update: { analysisStaleSince: null } });
}

describe("ingestJsonl", () => {
  it("imports both bulk files (children out of line order, chunks cut mid-line) into exactly the API's orders", async () => {
    const shop = "jsonl-full.myshopify.com";
    await fresh(shop);
    const checkpoints: IngestCheckpoint[] = [];
    const orders = await ingestJsonl(shop, chunked(bulkJsonl(admin, "orders", 3), 10_000), {
      kind: "orders",
      now: NOW,
      batchSize: 250,
      window: 20,
      maxUnsettled: 1,
      onCheckpoint: (cp) => void checkpoints.push(cp),
    });
    expect(orders.rejected).toEqual([]);
    expect(orders.recordsWritten).toBe(admin.length);
    expect(checkpoints.length).toBeGreaterThanOrEqual(4);
    expect(checkpoints.at(-1)).toEqual({ linesDone: orders.linesRead, resumeLine: orders.linesRead + 1, recordsDone: admin.length, rejected: 0 });
    // Checkpoints only move forward.
    for (let i = 1; i < checkpoints.length; i++) expect(checkpoints[i].linesDone).toBeGreaterThanOrEqual(checkpoints[i - 1].linesDone);

    const events = await ingestJsonl(shop, chunked(bulkJsonl(admin, "fulfillment-events", 2), 7_000), { kind: "fulfillment-events", now: NOW, batchSize: 300 });
    expect(events.rejected).toEqual([]);
    const withEvents = admin.filter((o) => o.fulfillments.some((f) => f.events.nodes.length > 0)).length;
    expect(withEvents).toBeGreaterThan(100);
    expect(events.recordsWritten).toBe(withEvents);

    const rows = await stored(shop);
    expect(rows.size).toBe(admin.length);
    const mismatches = admin.filter((o) => JSON.stringify(rows.get(o.id)) !== JSON.stringify(expected(o))).map((o) => o.id);
    expect(mismatches.slice(0, 5)).toEqual([]);
    // Least PII: the stored JSON keeps customer ids only.
    expect(JSON.stringify([...rows.values()].slice(0, 50))).not.toMatch(/@|address1|email/i);

    const shopRow = await prisma.shop.findUniqueOrThrow({ where: { shop } });
    expect(shopRow.analysisStaleSince?.getTime()).toBe(NOW.getTime());
  });

  it("is idempotent: re-importing the orders file keeps the merged events and changes nothing", async () => {
    const shop = "jsonl-full.myshopify.com";
    const before = await stored(shop);
    const again = await ingestJsonl(shop, chunked(bulkJsonl(admin, "orders")), { kind: "orders", now: NOW });
    expect(again.rejected).toEqual([]);
    const after = await stored(shop);
    expect(after.size).toBe(before.size);
    expect([...after.entries()].filter(([id, o]) => JSON.stringify(o) !== JSON.stringify(before.get(id)))).toEqual([]);
    const eventsAgain = await ingestJsonl(shop, chunked(bulkJsonl(admin, "fulfillment-events")), { kind: "fulfillment-events", now: NOW });
    expect(eventsAgain.recordsWritten).toBe(0); // nothing new to merge
  });

  it("resumes after a crash from the last checkpoint without losing or doubling an order", async () => {
    const shop = "jsonl-resume.myshopify.com";
    await fresh(shop);
    const lines = [...bulkJsonl(admin, "orders", 5)];
    let last: IngestCheckpoint | null = null;
    await expect(
      ingestJsonl(shop, lines.map((l) => `${l}\n`), {
        kind: "orders",
        now: NOW,
        batchSize: 200,
        window: 50,
        maxUnsettled: 1,
        onCheckpoint: (cp) => {
          last = cp;
          if (cp.recordsDone >= 600) throw new Error("killed");
        },
      }),
    ).rejects.toThrow("killed");
    const cp = last as IngestCheckpoint | null;
    expect(cp!.resumeLine).toBeGreaterThan(1);
    expect(cp!.resumeLine).toBeLessThan(lines.length);
    const resumed = await ingestJsonl(shop, lines.map((l) => `${l}\n`), { kind: "orders", now: NOW, startLine: cp!.resumeLine, window: 50 });
    expect(resumed.linesRead).toBe(lines.length - cp!.resumeLine + 1);
    // Children of already written orders may follow the resume line: they are refused, not lost (their order is stored whole).
    const rows = await stored(shop);
    expect(rows.size).toBe(admin.length);
    const bare = (o: Order) => JSON.stringify({ ...o, fulfillments: o.fulfillments.map((f) => ({ ...f, events: [] })) });
    expect(admin.filter((o) => bare(rows.get(o.id)!) !== bare(mapAdminOrder(o))).map((o) => o.id).slice(0, 5)).toEqual([]);
    for (const r of resumed.rejected) {
      const parent = JSON.parse(lines[r.line - 1]).__parentId as string;
      expect(parent).toBeDefined();
    }
  });

  it("rejects bad lines with line number, field and reason, keeps the good ones, and stores the rejections", async () => {
    const shop = "jsonl-bad.myshopify.com";
    await fresh(shop);
    const [a, b, c, d] = admin.slice(0, 4);
    const la = orderLines(a);
    const lb = orderLines(b);
    const badTotal = JSON.parse(orderLines(c).root);
    badTotal.totalPriceSet.shopMoney.amount = 12.5; // a number, not a Decimal string
    const lines = [
      la.root,
      ...la.children,
      "{not json",
      JSON.stringify({ name: "#no-id" }),
      lb.root,
      JSON.stringify({ id: "gid://shopify/LineItem/999", quantity: "two", requiresShipping: true, __parentId: b.id }),
      ...lb.children,
      JSON.stringify(badTotal),
      JSON.stringify({ id: "gid://shopify/LineItem/998", __parentId: "gid://shopify/Order/404" }),
      orderLines(d).root,
      "",
      JSON.stringify({ ...JSON.parse(orderLines(d).root), id: 42 }),
    ];
    const lineOf = (text: string) => lines.indexOf(text) + 1;
    const summary = await ingestJsonl(shop, [lines.join("\n")], { kind: "orders", now: NOW, source: "import:bad.jsonl" });
    const malformed = la.children.length + 2;
    expect(summary.rejected).toEqual([
      { line: malformed, reason: expect.stringMatching(/^malformed JSON/) },
      { line: malformed + 1, field: "id", reason: "missing id" },
      { line: malformed + 3, field: "quantity", reason: expect.stringMatching(/expected number/i) },
      { line: lineOf(JSON.stringify(badTotal)), field: "totalPriceSet.shopMoney.amount", reason: expect.stringMatching(/expected string/i) },
      { line: lineOf(JSON.stringify(badTotal)) + 1, field: "__parentId", reason: expect.stringMatching(/gid:\/\/shopify\/Order\/404 is not in the file/) },
      { line: lines.length, field: "id", reason: "id must be a string" },
    ]);
    expect(summary.rejectedTotal).toBe(6);
    const rows = await stored(shop);
    expect([...rows.keys()].sort()).toEqual([a.id, b.id, d.id].sort());
    // b kept its good line items, without the bad one.
    expect(rows.get(b.id)!.lineItems).toHaveLength(b.lineItems.nodes.length);
    const kept = await prisma.ingestRejection.findMany({ where: { shop }, orderBy: { line: "asc" } });
    expect(kept.map((r) => [r.source, r.line, r.field])).toEqual(summary.rejected.map((r) => ["import:bad.jsonl", r.line, r.field ?? null]));
    // A re-import of the same file replaces, not duplicates, the stored rejections.
    await ingestJsonl(shop, [lines.join("\n")], { kind: "orders", now: NOW, source: "import:bad.jsonl" });
    expect(await prisma.ingestRejection.count({ where: { shop } })).toBe(6);
  });

  it("refuses events of an order that is not stored yet, and of a fulfillment the order does not have", async () => {
    const shop = "jsonl-events-first.myshopify.com";
    await fresh(shop);
    const shipped = admin.filter((o) => o.fulfillments.some((f) => f.events.nodes.length > 0)).slice(0, 2);
    const summary = await ingestJsonl(shop, chunked(bulkJsonl(shipped, "fulfillment-events")), { kind: "fulfillment-events", now: NOW });
    expect(summary.recordsWritten).toBe(0);
    expect(summary.rejected.map((r) => r.reason)).toEqual(shipped.map((o) => `order ${o.id} is not stored: import the orders file first`));

    await ingestJsonl(shop, chunked(bulkJsonl(shipped, "orders")), { kind: "orders", now: NOW });
    const foreign = [
      JSON.stringify({ id: "gid://shopify/FulfillmentOrder/1", orderId: shipped[0].id }),
      JSON.stringify({ id: "gid://shopify/Fulfillment/777", __parentId: "gid://shopify/FulfillmentOrder/1" }),
      JSON.stringify({ id: "gid://shopify/FulfillmentEvent/1", status: "DELIVERED", happenedAt: "2026-01-02T03:04:05Z", __parentId: "gid://shopify/Fulfillment/777" }),
      JSON.stringify({ id: "gid://shopify/FulfillmentEvent/2", status: "TELEPORTED", happenedAt: "2026-01-02T03:04:05Z", __parentId: "gid://shopify/Fulfillment/777" }),
    ];
    const second = await ingestJsonl(shop, foreign.map((l) => `${l}\n`), { kind: "fulfillment-events", now: NOW });
    expect(second.rejected).toEqual([
      { line: 1, field: "fulfillments", reason: `fulfillment gid://shopify/Fulfillment/777 is not on stored order ${shipped[0].id}` },
      { line: 4, field: "status", reason: expect.stringMatching(/expected one of/i) },
    ]);
  });
});
