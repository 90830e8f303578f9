/**
 * Streams a bulk operation's JSONL result (or an offline copy of it) into the database:
 * lines -> JSON -> groups by `id`/`__parentId` (./jsonl/bulk-assembler) -> validated records ->
 * batched upserts (newer `updatedAt` wins, so a re-import or a resume is idempotent).
 *
 * - `kind: "orders"` (BULK_ORDERS_QUERY): each order is mapped to the engine's Order and upserted.
 * - `kind: "fulfillment-events"` (BULK_FULFILLMENT_EVENTS_QUERY): carrier events are merged into
 *   the stored orders' fulfillments (orders first; an order not stored yet is a rejection).
 *
 * Checkpoints are reported only after a batch is committed, with `resumeLine`: passing it back as
 * `startLine` re-reads every line whose group was not written yet, and nothing is lost or doubled.
 * Counts in checkpoints and the summary are for this call (add them to an earlier run's yourself).
 */
import type { Order } from "../engine/types";
import { orderRow } from "../data/orders.server";
import type { SqliteExecutor } from "../data/bulk-writer.server";
import type { OrderRow } from "../data/order-writer.server";
import type { BulkKind } from "./bulk-queries";
import { BulkAssembler, type AssemblyRejection, type BulkGroup } from "./jsonl/bulk-assembler";
import { eventsFromGroup, mergeEvents, orderFromGroup, type OrderEvents } from "./jsonl/bulk-records";
import { readLineBatches, type Chunk } from "./jsonl/read-lines";
import { clearRejections, type Rejection } from "./ingest-rejections.server";
import { DEFAULT_BATCH_SIZE, OrderSink } from "./order-sink.server";

export type { BulkKind } from "./bulk-queries";
export type { Rejection } from "./ingest-rejections.server";

export interface IngestCheckpoint {
  /** Lines (from the start of the file) whose content is committed: resume at linesDone + 1. */
  linesDone: number;
  /** = linesDone + 1: pass as `startLine` to resume. */
  resumeLine: number;
  /** Orders written (kind "orders") or updated with events, in this call. */
  recordsDone: number;
  /** Lines rejected so far in this call. */
  rejected: number;
}

export interface IngestOptions {
  kind: BulkKind;
  /** First line to process (1-based); earlier lines are skipped unread. Default 1. */
  startLine?: number;
  /**
   * Awaited after each committed batch; persist it to resume after a crash. On SQLite, `sqlite` is
   * the import writer's connection: write the progress there (see app/data/import-progress.server),
   * as Prisma's connection would wait for the writer's lock on the importing thread.
   */
  onCheckpoint?: (checkpoint: IngestCheckpoint, sqlite?: SqliteExecutor) => void | Promise<void>;
  /** Time of the import (rejections' createdAt, ordersChanged). */
  now: Date;
  /** Rejections are stored under this source; default `bulk:<kind>`. */
  source?: string;
  batchSize?: number;
  /**
   * Committed batches that may wait for their side effects and checkpoint (reported together
   * when they catch up); default MAX_UNSETTLED. 1: a checkpoint per batch, as tests want.
   */
  maxUnsettled?: number;
  /** Open groups kept for late children, and orphan child lines kept (see bulk-assembler). */
  window?: number;
  orphanLimit?: number;
}

export interface IngestSummary {
  /** Lines read by this call (from `startLine` on), blank lines included. */
  linesRead: number;
  recordsWritten: number;
  /** The first MAX_SUMMARY_REJECTIONS rejections, by line. */
  rejected: Rejection[];
  rejectedTotal: number;
  /** Wall time spent in `ordersChanged` after the batches (the readers' share of the import). */
  ordersChangedMs?: number;
}

export const MAX_SUMMARY_REJECTIONS = 100;

/**
 * `input` is the file's content as chunks (a download body, `fs.createReadStream(path)`, or an
 * array of strings): line breaks are found here, so each chunk need not be a whole line.
 */
export async function ingestJsonl(shop: string, input: AsyncIterable<Chunk> | Iterable<Chunk>, options: IngestOptions): Promise<IngestSummary> {
  const startLine = Math.max(1, Math.floor(options.startLine ?? 1));
  const source = options.source ?? `bulk:${options.kind}`;
  const sink = new OrderSink(shop, source, options.now, options.batchSize ?? DEFAULT_BATCH_SIZE, undefined, options.maxUnsettled);
  const assembler = new BulkAssembler({ window: options.window, orphanLimit: options.orphanLimit });
  const summary: IngestSummary = { linesRead: 0, recordsWritten: 0, rejected: [], rejectedTotal: 0 };
  const events: OrderEvents[] = [];
  const rejectedNow: AssemblyRejection[] = [];
  const groups: BulkGroup[] = [];
  let nextLine = startLine;

  const reject = (r: AssemblyRejection) => {
    summary.rejectedTotal++;
    if (summary.rejected.length < MAX_SUMMARY_REJECTIONS) summary.rejected.push(r);
    sink.reject(r);
  };
  const drain = () => {
    for (const group of groups) {
      if (options.kind === "orders") {
        const record = orderFromGroup(group, rejectedNow);
        if (record) sink.add(record);
      } else {
        const record = eventsFromGroup(group, rejectedNow);
        if (record) events.push(record);
      }
    }
    groups.length = 0;
    for (const r of rejectedNow) reject(r);
    rejectedNow.length = 0;
  };
  const commit = async () => {
    // Known now, reported once this batch is stored: every line before it is then written or refused.
    const resumeLine = assembler.safeResumeLine(nextLine);
    const rejected = summary.rejectedTotal;
    const checkpoint = () => options.onCheckpoint?.({ linesDone: resumeLine - 1, resumeLine, recordsDone: sink.recordsWritten, rejected }, sink.writer.sqlite);
    if (options.kind === "orders") await sink.commit(checkpoint);
    else await commitEvents(sink, events.splice(0), reject, checkpoint);
  };

  try {
    await clearRejections(shop, source, startLine);
    for await (const batch of readLineBatches(input)) {
      for (let i = 0; i < batch.lines.length; i++) {
        const line = batch.firstLine + i;
        if (line < startLine) continue;
        summary.linesRead++;
        nextLine = line + 1;
        const text = batch.lines[i];
        if (text.trim().length === 0) continue;
        const node = parseLine(line, text, rejectedNow);
        if (node) assembler.push({ line, node }, groups, rejectedNow);
      }
      drain();
      if (sink.pending >= sink.batchSize || events.length >= sink.batchSize) await commit();
    }
    assembler.finish(groups, rejectedNow);
    drain();
    await commit();
    await sink.flush();
  } finally {
    await sink.close();
  }
  summary.recordsWritten = sink.recordsWritten;
  summary.ordersChangedMs = sink.ordersChangedMs;
  summary.rejected.sort((a, b) => a.line - b.line);
  return summary;
}

function parseLine(line: number, text: string, rejected: AssemblyRejection[]): Record<string, unknown> | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    rejected.push({ line, reason: `malformed JSON: ${(error as Error).message}` });
    return null;
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    rejected.push({ line, reason: "not a JSON object" });
    return null;
  }
  const node = value as Record<string, unknown>;
  if (node.__parentId !== undefined && typeof node.__parentId !== "string") {
    rejected.push({ line, field: "__parentId", reason: "must be a string id" });
    return null;
  }
  if (node.__parentId === undefined && typeof node.id !== "string") {
    rejected.push({ line, field: "id", reason: node.id === undefined ? "missing id" : "id must be a string" });
    return null;
  }
  return node;
}

/** Merges a batch of fulfillment-order events into the stored orders (several may share an order). */
async function commitEvents(sink: OrderSink, batch: OrderEvents[], reject: (r: Rejection) => void, done: () => unknown): Promise<void> {
  // The previous batch may hold the same orders (one per fulfillment order): read after it is stored.
  await sink.flush();
  const stored = await sink.writer.read(sink.shop, [...new Set(batch.map((e) => e.orderId))]);
  const orders = new Map<string, { name: string | null; order: Order; changed: boolean }>();
  for (const entry of batch) {
    let target = orders.get(entry.orderId);
    if (!target) {
      const row = stored.get(entry.orderId);
      if (!row) {
        if ([...entry.fulfillments.values()].some((list) => list.length > 0)) {
          reject({ line: entry.line, field: "orderId", reason: `order ${entry.orderId} is not stored: import the orders file first` });
        }
        continue;
      }
      target = { name: row.name, order: JSON.parse(row.data) as Order, changed: false };
      orders.set(entry.orderId, target);
    }
    const { changed, unknown } = mergeEvents(target.order, entry.fulfillments);
    target.changed ||= changed;
    for (const id of unknown) reject({ line: entry.line, field: "fulfillments", reason: `fulfillment ${id} is not on stored order ${entry.orderId}` });
  }
  const rows: OrderRow[] = [];
  for (const { name, order, changed } of orders.values()) if (changed) rows.push(orderRow(sink.shop, order, name));
  await sink.commitRows(rows, async () => void (await done()));
}
