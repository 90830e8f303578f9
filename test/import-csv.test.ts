/** Shopify "Export orders" CSV import: generated exports round-trip, missing data stays null, bad rows are reported. */
import { beforeAll, describe, expect, it } from "vitest";
import prisma from "../app/db.server";
import type { AdminOrder } from "../app/demo/admin-order";
import { iterateOrders } from "../app/demo/generate-store";
import type { Order } from "../app/engine/types";
import { deleteOrders, readOrders } from "../app/data/orders.server";
import { mapAdminOrder } from "../app/sync/map-admin-order";
import { CsvFormatError, ingestCsv } from "../app/sync/csv/ingest-csv";
import { customerKeyForEmail } from "../app/sync/csv/csv-order";
import { SHOPIFY_ORDER_CSV_COLUMNS } from "../app/sync/csv/shopify-csv-columns";
import { exportEmail, toShopifyCsv } from "../app/sync/testing/shopify-csv";
import { chunked } from "../app/sync/testing/bulk-jsonl";

const AS_OF = Date.UTC(2026, 5, 30, 12);
const NOW = new Date(AS_OF);
let admin: AdminOrder[];

beforeAll(() => {
  admin = [...iterateOrders({ asOf: AS_OF, orders: 800, seed: "import-csv" })];
});

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

describe("ingestCsv", () => {
  it("has the standard 70+ column layout", () => {
    expect(SHOPIFY_ORDER_CSV_COLUMNS.length).toBeGreaterThanOrEqual(70);
    expect(new Set(SHOPIFY_ORDER_CSV_COLUMNS).size).toBe(SHOPIFY_ORDER_CSV_COLUMNS.length);
  });

  it("imports a generated export: the order figures match the API's, what the CSV lacks is null", async () => {
    const shop = "csv-full.myshopify.com";
    await fresh(shop);
    const summary = await ingestCsv(shop, chunked(toShopifyCsv(admin), 4096), { now: NOW, batchSize: 150 });
    expect(summary.rejected).toEqual([]);
    expect(summary.recordsWritten).toBe(admin.length);
    const rows = await stored(shop);
    expect(rows.size).toBe(admin.length);
    const problems: string[] = [];
    for (const a of admin) {
      const api = mapAdminOrder(a);
      const csv = rows.get(a.id)!;
      const same = <K extends keyof Order>(k: K) => {
        if (JSON.stringify(csv[k]) !== JSON.stringify(api[k])) problems.push(`${a.id} ${String(k)}: ${JSON.stringify(csv[k])} != ${JSON.stringify(api[k])}`);
      };
      for (const k of ["createdAt", "cancelledAt", "currency", "totalPrice", "subtotalPrice", "totalDiscounts", "shippingPrice", "shippingTitle", "destinationRegion", "shipsToBillingAddress", "discountCodeUsed"] as const) same(k);
      expect(csv.customerId).toBe(a.customer ? customerKeyForEmail(exportEmail(a.customer.id)) : null);
      expect(csv.lineItems.map((l) => [l.quantity, l.requiresShipping, l.unitCost])).toEqual(api.lineItems.map((l) => [l.quantity, l.requiresShipping, null]));
      csv.lineItems.forEach((l, i) => expect(l.unitPrice).toBeCloseTo(api.lineItems[i].unitPrice, 2));
      // Not in the export: no processing time, no carrier, tracking, transit or delivery dates, no returns.
      expect(csv.processedAt).toBeNull();
      expect(csv.returns).toEqual([]);
      expect(csv.fulfillments).toHaveLength(a.fulfillments.length ? 1 : 0);
      for (const f of csv.fulfillments) expect(f).toMatchObject({ carrier: null, hasTracking: false, inTransitAt: null, deliveredAt: null, estimatedDeliveryAt: null, events: [] });
      if (a.fulfillments.length) expect(csv.fulfillments[0].createdAt).toBe(Date.parse(a.fulfillments[0].createdAt));
    }
    expect(problems.slice(0, 5)).toEqual([]);
    // The same customer gets the same key whatever the email's case; nothing identifying is stored.
    const customers = new Set(admin.filter((a) => a.customer).map((a) => a.customer!.id));
    expect(new Set([...rows.values()].map((o) => o.customerId).filter(Boolean)).size).toBe(customers.size);
    const text = JSON.stringify([...rows.values()]);
    expect(text).not.toMatch(/@example\.test|Main St|Gift Lane|Springfield|Pat Example/i);
    expect(customerKeyForEmail(" Pat@Example.COM ")).toBe(customerKeyForEmail("pat@example.com"));
  });

  it("reports bad rows with line, column and reason and keeps the good ones", async () => {
    const shop = "csv-bad.myshopify.com";
    await fresh(shop);
    const [a, b, c] = admin.filter((o) => o.lineItems.nodes.length >= 2).slice(0, 3);
    const lines = [...toShopifyCsv([a, b, c])];
    const header = parseCsvLine(lines[0]);
    const col = (name: string) => header.indexOf(name);
    const firstRowOf = (o: AdminOrder) => lines.findIndex((l) => l.startsWith(`${o.name},`));
    const aFirst = firstRowOf(a);
    const bFirst = firstRowOf(b);
    const cFirst = firstRowOf(c);
    const replaceCell = (index: number, column: string, value: string) => {
      const cells = parseCsvLine(lines[index]);
      cells[col(column)] = value;
      lines[index] = cells.map((v) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(",");
    };
    replaceCell(aFirst + 1, "Lineitem quantity", "two"); // a line item of a: that row only
    replaceCell(bFirst, "Total", "12,34.x"); // b's order-level total: b rejected
    replaceCell(cFirst, "Created at", "yesterday"); // c's date: c rejected
    const csv = [...lines, "", `"unterminated,quote`].join("\n");
    const summary = await ingestCsv(shop, [csv], { now: NOW, source: "import:bad.csv" });
    // Physical line of a row: a quoted cell (Note Attributes) may span lines.
    const lineOf = (index: number) => 1 + lines.slice(0, index).reduce((n, row) => n + 1 + (row.match(/\n/g)?.length ?? 0), 0);
    expect(summary.rejected).toEqual(
      expect.arrayContaining([
        { line: lineOf(aFirst + 1), field: "Lineitem quantity", reason: 'not a whole number: "two"' },
        { line: lineOf(bFirst), field: "Total", reason: 'not a number: "12,34.x"' },
        { line: lineOf(cFirst), field: "Created at", reason: 'invalid date "yesterday"' },
      ]),
    );
    expect(summary.rejected.some((r) => /unreadable CSV row|Quote Not Closed/i.test(r.reason))).toBe(true);
    const rows = await stored(shop);
    expect([...rows.keys()]).toEqual([a.id]);
    expect(rows.get(a.id)!.lineItems).toHaveLength(a.lineItems.nodes.length - 1);
    expect(await prisma.ingestRejection.count({ where: { shop, source: "import:bad.csv" } })).toBe(summary.rejectedTotal);
  });

  it("refuses a file that is not an orders export, naming the missing columns", async () => {
    await expect(ingestCsv("csv-bad.myshopify.com", ["Handle,Title,Body\nx,y,z\n"], { now: NOW })).rejects.toThrow(CsvFormatError);
    await expect(ingestCsv("csv-bad.myshopify.com", ["Handle,Title,Body\nx,y,z\n"], { now: NOW })).rejects.toThrow(
      "not a Shopify orders export: missing column(s) Name, Created at, Total, Lineitem quantity, Lineitem price",
    );
  });
});

/** Minimal RFC 4180 split of one physical line (test helper for editing a generated row). */
function parseCsvLine(line: string): string[] {
  const out: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      out.push(cell);
      cell = "";
    } else cell += ch;
  }
  out.push(cell);
  return out;
}
