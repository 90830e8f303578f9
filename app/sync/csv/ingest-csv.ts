/**
 * Streams a Shopify "Export orders" CSV into the database through the same sink as the bulk
 * import (batched upserts, newer updatedAt wins, rejections stored, ordersChanged per batch).
 * Rows of one order are consecutive in the export; an order is complete when the next Name starts.
 * A bad row is rejected with its line number, column and reason; the rest of the file is kept.
 * A file without the required columns is refused as a whole (CsvFormatError).
 */
import { parse, type CsvError } from "csv-parse";
import { Readable } from "node:stream";
import type { AdminLineItem } from "../../demo/admin-order";
import type { Chunk } from "../jsonl/read-lines";
import { clearRejections, type Rejection } from "../ingest-rejections.server";
import { DEFAULT_BATCH_SIZE, OrderSink } from "../order-sink.server";
import type { IngestOptions, IngestSummary } from "../ingest-bulk";
import { MAX_SUMMARY_REJECTIONS } from "../ingest-bulk";
import { REQUIRED_CSV_COLUMNS } from "./shopify-csv-columns";
import { csvLineItem, csvOrder, CsvRowError, type CsvRow } from "./csv-order";

export class CsvFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CsvFormatError";
  }
}

export interface CsvIngestOptions {
  now: Date;
  /** Rejections are stored under this source; default "import:csv". */
  source?: string;
  batchSize?: number;
  maxUnsettled?: IngestOptions["maxUnsettled"];
  /** As for ingestJsonl (`sqlite`: the import writer's connection, on SQLite). */
  onCheckpoint?: IngestOptions["onCheckpoint"];
}

interface PendingOrder {
  line: number;
  first: CsvRow;
  items: AdminLineItem[];
}

export async function ingestCsv(shop: string, input: AsyncIterable<Chunk> | Iterable<Chunk>, options: CsvIngestOptions): Promise<IngestSummary> {
  const source = options.source ?? "import:csv";
  const sink = new OrderSink(shop, source, options.now, options.batchSize ?? DEFAULT_BATCH_SIZE, undefined, options.maxUnsettled);
  const summary: IngestSummary = { linesRead: 0, recordsWritten: 0, rejected: [], rejectedTotal: 0 };
  const reject = (r: Rejection) => {
    summary.rejectedTotal++;
    if (summary.rejected.length < MAX_SUMMARY_REJECTIONS) summary.rejected.push(r);
    sink.reject(r);
  };
  const skipped: Rejection[] = [];
  const parser = parse({
    columns: (header: string[]) => {
      const names = header.map((h) => h.replace(/^\uFEFF/, "").trim());
      const missing = REQUIRED_CSV_COLUMNS.filter((c) => !names.includes(c));
      if (missing.length) throw new CsvFormatError(`not a Shopify orders export: missing column(s) ${missing.join(", ")}`);
      return names;
    },
    info: true,
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: (error: CsvError | undefined) => {
      const line = typeof error?.lines === "number" ? error.lines : 0;
      skipped.push({ line, reason: `unreadable CSV row: ${error?.message ?? "parse error"}` });
      return undefined;
    },
  });

  let current: PendingOrder | null = null;
  let lastLine = 1; // the header (progress only)
  const finishOrder = () => {
    if (!current) return;
    try {
      sink.add(csvOrder(current.first, current.items));
    } catch (error) {
      if (!(error instanceof CsvRowError)) throw error;
      reject({ line: current.line, field: error.field, reason: error.message });
    }
  };
  const commit = async () => {
    const linesDone = lastLine;
    const rejected = summary.rejectedTotal;
    // Resuming a CSV is a re-import (idempotent); the checkpoint reports progress.
    await sink.commit(() => options.onCheckpoint?.({ linesDone, resumeLine: 1, recordsDone: sink.recordsWritten, rejected }, sink.writer.sqlite));
  };

  try {
    await clearRejections(shop, source);
    const stream = Readable.from(input as AsyncIterable<Chunk>).pipe(parser);
    for await (const { record, info } of stream as AsyncIterable<{ record: CsvRow; info: { lines: number } }>) {
      for (const r of skipped.splice(0)) reject(r);
      // csv-parse gives the line a record ends on; a quoted cell may span lines.
      const line = info.lines - newlinesIn(record);
      lastLine = info.lines;
      summary.linesRead = info.lines;
      const name = (record.Name ?? "").trim();
      if (!name) {
        reject({ line, field: "Name", reason: "missing order name" });
        continue;
      }
      if (!current || current.first.Name?.trim() !== name) {
        finishOrder();
        current = { line, first: record, items: [] };
        if (sink.pending >= sink.batchSize) await commit();
      }
      try {
        current.items.push(csvLineItem(record, (current.first.Currency ?? "").trim() || "XXX"));
      } catch (error) {
        if (!(error instanceof CsvRowError)) throw error;
        // The order is kept without that line item; its order-level columns decide the rest.
        reject({ line, field: error.field, reason: error.message });
      }
    }
    for (const r of skipped.splice(0)) reject(r);
    finishOrder();
    await commit();
    await sink.flush();
  } finally {
    await sink.close();
  }
  summary.recordsWritten = sink.recordsWritten;
  summary.rejected.sort((a, b) => a.line - b.line);
  return summary;
}

function newlinesIn(record: CsvRow): number {
  let n = 0;
  for (const v of Object.values(record)) if (v) for (let i = v.indexOf("\n"); i >= 0; i = v.indexOf("\n", i + 1)) n++;
  return n;
}
