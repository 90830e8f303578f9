/**
 * History import benchmark (issue 4's ≥ 20,000 orders/s into SQLite with flat memory): writes the
 * demo store as the two bulk JSONL files and as a Shopify orders export CSV, then times
 * `ingestJsonl` / `ingestCsv` from the file (read, reassembly, validation, mapping, upsert, and the
 * progress and lease saved after every batch, as the sync does) into a
 * fresh SQLite database. Run at two sizes: peak RSS must not grow with the file.
 * Size: SYNC_BENCH_ORDERS (default 200,000; the smaller run is a quarter of it), e.g.
 * `SYNC_BENCH_ORDERS=50000 npm run bench -- sync`.
 */
import { spawnSync } from "node:child_process";
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { once } from "node:events";
import { iterateOrders, planDemoStore } from "../app/demo/generate-store";
import { bulkJsonl } from "../app/sync/testing/bulk-jsonl";
import { toShopifyCsv } from "../app/sync/testing/shopify-csv";
import type { IngestOptions } from "../app/sync/ingest-bulk";

const AS_OF = Date.UTC(2026, 5, 30, 12);

type BenchResult = { name: string; ms: number; peakRssMb?: number; note?: string };

async function writeLines(path: string, lines: Iterable<string>): Promise<void> {
  const out = createWriteStream(path);
  let buffer = "";
  for (const line of lines) {
    buffer += line + "\n";
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await once(out, "drain");
      buffer = "";
    }
  }
  out.end(buffer);
  await once(out, "finish");
}

/** Peak RSS while `work` runs, sampled every 50 ms; CPU time of the whole process (writer thread included). */
async function withPeakRss<T>(work: () => Promise<T>): Promise<{ value: T; peakMb: number; ms: number; cpuMs: number }> {
  (globalThis as { gc?: () => void }).gc?.();
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const started = performance.now();
  const cpu = process.cpuUsage();
  try {
    const value = await work();
    peak = Math.max(peak, process.memoryUsage().rss);
    const used = process.cpuUsage(cpu);
    return { value, peakMb: peak / 1_048_576, ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000 };
  } finally {
    clearInterval(timer);
  }
}

/**
 * The readers' precomputation (ordersChanged, run after each batch) is part of the import; say how
 * long it ran. It overlaps parsing, and its SQL queues on the writer behind the next batch's write
 * (decision 0013), so it is elapsed time, not a share to subtract.
 */
function hookShare(hookMs: number | undefined, ms: number): string {
  if (hookMs === undefined) return "ordersChanged not timed";
  return `ordersChanged elapsed ${Math.round(hookMs)} ms (${Math.round((100 * hookMs) / ms)}% of wall, overlapping parsing)`;
}

export async function run(options: { orders?: number } = {}): Promise<BenchResult[]> {
  const large = options.orders ?? Number(process.env.SYNC_BENCH_ORDERS ?? 200_000);
  const sizes = [Math.round(large / 4), large];
  const dir = mkdtempSync(join(tmpdir(), "second-order-sync-bench-"));
  const dbUrl = `file:${join(dir, "bench.sqlite")}`;
  process.env.DATABASE_URL = dbUrl;
  process.env.SHOPIFY_API_KEY ??= "bench";
  process.env.SHOPIFY_API_SECRET ??= "bench";
  process.env.SHOPIFY_APP_URL ??= "http://localhost";
  const migrate = spawnSync("npx", ["prisma", "migrate", "deploy"], { env: { ...process.env, DATABASE_URL: dbUrl }, encoding: "utf8" });
  if (migrate.status !== 0) throw new Error(`prisma migrate deploy failed:\n${migrate.stdout}\n${migrate.stderr}`);
  // After DATABASE_URL is set: the client and the writer read it when first loaded.
  const { ingestJsonl } = await import("../app/sync/ingest-bulk");
  const { ingestCsv } = await import("../app/sync/csv/ingest-csv");
  const { default: prisma } = await import("../app/db.server");
  const { saveImportProgress } = await import("../app/data/import-progress.server");

  const results: BenchResult[] = [];
  try {
    for (const target of sizes) {
      const plan = planDemoStore({ asOf: AS_OF, orders: target, seed: "sync-bench" });
      const ordersFile = join(dir, `orders-${target}.jsonl`);
      const eventsFile = join(dir, `events-${target}.jsonl`);
      await writeLines(ordersFile, bulkJsonl(iterateOrders(plan), "orders", 2));
      await writeLines(eventsFile, bulkJsonl(iterateOrders(plan), "fulfillment-events"));
      const shop = `bench-${target}.myshopify.com`;
      await prisma.shop.create({ data: { shop } });

      // As the history sync does (bulk-sync.server.ts): progress and lease saved after every batch.
      const now = new Date(AS_OF);
      const run = await prisma.syncRun.create({ data: { shop, trigger: "install", status: "running", phase: "orders", step: "importing", startedAt: now } });
      await prisma.jobLease.create({ data: { shop, job: "sync", holder: "bench", expiresAt: now } });
      const onCheckpoint: IngestOptions["onCheckpoint"] = (cp, sqlite) =>
        saveImportProgress({ runId: run.id, checkpointLine: cp.linesDone, rejectedLines: cp.rejected, recordsDone: cp.recordsDone, lease: { shop, job: "sync", holder: "bench", expiresAt: now }, now }, sqlite);
      const orders = await withPeakRss(() => ingestJsonl(shop, createReadStream(ordersFile, { highWaterMark: 1 << 20 }), { kind: "orders", now, onCheckpoint }));
      const n = orders.value.recordsWritten;
      results.push({
        name: `sync: bulk JSONL orders -> SQLite (${n} orders)`,
        ms: orders.ms,
        peakRssMb: Math.round(orders.peakMb),
        note: `${Math.round(n / (orders.ms / 1000)).toLocaleString("en-US")} orders/s wall, ${Math.round(n / (orders.cpuMs / 1000)).toLocaleString("en-US")} per cpu-second (both threads, cpu ${Math.round(orders.cpuMs)} ms); ${hookShare(orders.value.ordersChangedMs, orders.ms)}; ${orders.value.linesRead.toLocaleString("en-US")} lines, ${(statSync(ordersFile).size / 2 ** 20).toFixed(0)} MB; ${orders.value.rejectedTotal} rejected`,
      });

      const events = await withPeakRss(() => ingestJsonl(shop, createReadStream(eventsFile, { highWaterMark: 1 << 20 }), { kind: "fulfillment-events", now, onCheckpoint }));
      results.push({
        name: `sync: bulk JSONL fulfillment events merged (${events.value.recordsWritten} orders)`,
        ms: events.ms,
        peakRssMb: Math.round(events.peakMb),
        note: `${Math.round(events.value.linesRead / (events.ms / 1000)).toLocaleString("en-US")} lines/s wall; cpu ${Math.round(events.cpuMs)} ms; read-merge-write of stored orders`,
      });

      if (target === sizes[0]) {
        const csvFile = join(dir, `orders-${target}.csv`);
        await writeLines(csvFile, toShopifyCsv(iterateOrders(plan)));
        const csvShop = `bench-csv-${target}.myshopify.com`;
        const csv = await withPeakRss(() => ingestCsv(csvShop, createReadStream(csvFile, { highWaterMark: 1 << 20 }), { now: new Date(AS_OF) }));
        results.push({
          name: `sync: Shopify orders export CSV -> SQLite (${csv.value.recordsWritten} orders)`,
          ms: csv.ms,
          peakRssMb: Math.round(csv.peakMb),
          note: `${Math.round(csv.value.recordsWritten / (csv.ms / 1000)).toLocaleString("en-US")} orders/s wall; cpu ${Math.round(csv.cpuMs)} ms; ${(statSync(csvFile).size / 2 ** 20).toFixed(0)} MB`,
        });
      }
      rmSync(ordersFile);
      rmSync(eventsFile);
    }
  } finally {
    await prisma.$disconnect();
    rmSync(dir, { recursive: true, force: true });
  }
  return results;
}
