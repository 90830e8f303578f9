/**
 * Offline import, for an audit before installing:
 *   npm run import -- orders.jsonl [events.jsonl] --shop x.myshopify.com
 *   npm run import -- orders_export.csv --shop x.myshopify.com
 * Reads a bulk-operation JSONL file (orders, or fulfillment events: told apart by the first
 * object) or a Shopify admin "Export orders" CSV into DATABASE_URL (default prisma/dev.sqlite),
 * through the same pipeline as the sync. Progress goes to stderr; the summary and the rejected
 * lines to stdout. Exit code 1 only when a file cannot be imported at all (missing, unreadable,
 * not an orders file); rejected lines are reported, not fatal.
 */
import { createReadStream, existsSync } from "node:fs";
import { open } from "node:fs/promises";
import { basename, extname } from "node:path";
import { parseArgs } from "node:util";

// Outside the embedded app no Shopify credentials are needed; the database is all this touches.
process.env.SHOPIFY_API_KEY ??= "offline-import";
process.env.SHOPIFY_API_SECRET ??= "offline-import";
process.env.SHOPIFY_APP_URL ??= "http://localhost";
process.env.DATABASE_URL ??= "file:./prisma/dev.sqlite";

const SHOP_DOMAIN = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/;

type Format = "orders" | "fulfillment-events" | "csv";

/** By extension, then by content: a JSON object line, and for JSONL which of the two queries wrote it. */
async function detectFormat(path: string): Promise<Format> {
  const handle = await open(path, "r");
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(64 * 1024), 0, 64 * 1024, 0);
    const head = buffer.subarray(0, bytesRead).toString("utf8").replace(/^\uFEFF/, "");
    const ext = extname(path).toLowerCase();
    const firstLine = head.split("\n").find((l) => l.trim().length > 0)?.trim() ?? "";
    if (ext === ".csv" || (ext !== ".jsonl" && ext !== ".json" && !firstLine.startsWith("{"))) return "csv";
    try {
      const first = JSON.parse(firstLine) as { id?: unknown; orderId?: unknown };
      return typeof first.orderId === "string" && String(first.id).includes("/FulfillmentOrder/") ? "fulfillment-events" : "orders";
    } catch {
      return "orders"; // a malformed first line is reported as a rejected line, not guessed around
    }
  } finally {
    await handle.close();
  }
}

function fail(message: string): never {
  console.error(`import: ${message}`);
  process.exit(1);
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { shop: { type: "string" }, quiet: { type: "boolean", default: false } },
});
const shop = values.shop?.trim().toLowerCase();
if (!shop || !SHOP_DOMAIN.test(shop)) fail("--shop x.myshopify.com is required (the store's myshopify.com domain)");
if (positionals.length === 0) fail("usage: npm run import -- <orders.jsonl|events.jsonl|export.csv>… --shop x.myshopify.com");
for (const path of positionals) if (!existsSync(path)) fail(`no such file: ${path}`);

const { default: prisma } = await import("../app/db.server");
const { ingestJsonl } = await import("../app/sync/ingest-bulk");
const { ingestCsv, CsvFormatError } = await import("../app/sync/csv/ingest-csv");
const { LineTooLongError } = await import("../app/sync/jsonl/read-lines");

let exitCode = 0;
try {
  await prisma.shop.upsert({ where: { shop }, create: { shop }, update: {} });
  // JSONL orders before their events, whatever the order on the command line.
  const files = await Promise.all(positionals.map(async (path) => ({ path, format: await detectFormat(path) })));
  files.sort((a, b) => Number(a.format === "fulfillment-events") - Number(b.format === "fulfillment-events"));
  for (const { path, format } of files) {
    const started = performance.now();
    const now = new Date();
    const source = `import:${basename(path)}`;
    const progress = (cp: { linesDone: number; recordsDone: number; rejected: number }) => {
      if (values.quiet) return;
      const seconds = (performance.now() - started) / 1000;
      console.error(`  ${basename(path)}: ${cp.linesDone.toLocaleString("en-US")} lines, ${cp.recordsDone.toLocaleString("en-US")} orders (${Math.round(cp.recordsDone / Math.max(seconds, 0.001)).toLocaleString("en-US")}/s), ${cp.rejected} rejected`);
    };
    console.error(`importing ${path} (${format === "csv" ? "Shopify orders export CSV" : `bulk JSONL, ${format}`}) into ${shop}…`);
    try {
      const summary =
        format === "csv"
          ? await ingestCsv(shop, createReadStream(path, { highWaterMark: 1 << 20 }), { now, source, onCheckpoint: progress })
          : await ingestJsonl(shop, createReadStream(path, { highWaterMark: 1 << 20 }), { kind: format, now, source, onCheckpoint: progress });
      const seconds = (performance.now() - started) / 1000;
      console.log(
        `${basename(path)}: ${summary.linesRead.toLocaleString("en-US")} lines read, ${summary.recordsWritten.toLocaleString("en-US")} orders ${format === "fulfillment-events" ? "updated with carrier events" : "written"}, ${summary.rejectedTotal} rejected, ${seconds.toFixed(1)} s`,
      );
      for (const r of summary.rejected) console.log(`  line ${r.line}${r.field ? ` [${r.field}]` : ""}: ${r.reason}`);
      if (summary.rejectedTotal > summary.rejected.length) console.log(`  … and ${summary.rejectedTotal - summary.rejected.length} more (stored as IngestRejection rows, source "${source}")`);
    } catch (error) {
      if (error instanceof CsvFormatError || error instanceof LineTooLongError) {
        console.error(`import: ${path}: ${error.message}`);
        exitCode = 1;
        continue;
      }
      throw error;
    }
  }
} finally {
  await prisma.$disconnect();
}
process.exit(exitCode);
