/**
 * Where every import (bulk JSONL, offline JSONL, CSV) sends its orders: batches them into the
 * bulk writer, keeps carrier events already stored for the same fulfillments, stores rejections,
 * and tells `ordersChanged` which customers moved, once per batch.
 *
 * Writes are pipelined: a batch is handed to the writer (a worker thread on SQLite) and the next
 * batch is prepared while it is written; at most one batch is in flight. A batch's `done`
 * callback (the import's checkpoint) runs only once that batch and its side effects are stored.
 * The hooks' bulk writes go to the writer's own connection (on SQLite, the worker): on this
 * thread they waited for the worker's lock, blocking parsing, and read a cold page cache.
 */
import prisma from "../db.server";
import type { Order } from "../engine/types";
import { orderRow } from "../data/orders.server";
import { openOrderWriter, type OrderRow, type OrderWriter } from "../data/order-writer.server";
import { ordersChanged } from "../services/orders-changed.server";
import { carryOverEvents } from "./jsonl/bulk-records";
import { storeRejections, type Rejection } from "./ingest-rejections.server";

export const DEFAULT_BATCH_SIZE = 2000;

export interface SinkOrder {
  name: string | null;
  order: Order;
}

export class OrderSink {
  readonly writer: OrderWriter;
  private orders: SinkOrder[] = [];
  private rejections: Rejection[] = [];
  private inFlight: Promise<void> = Promise.resolve();
  /** Whether the shop had orders before this import (if not, there are no stored events to keep). */
  private hadOrders: Promise<boolean>;
  recordsWritten = 0;
  /** Wall time spent in `ordersChanged` (the readers' precomputation), for the benchmark's breakdown. */
  ordersChangedMs = 0;

  constructor(
    readonly shop: string,
    readonly source: string,
    readonly now: Date,
    readonly batchSize = DEFAULT_BATCH_SIZE,
    writer?: OrderWriter,
  ) {
    this.writer = writer ?? openOrderWriter(undefined, { background: true });
    this.hadOrders = prisma.order.findFirst({ where: { shop }, select: { id: true } }).then((row) => row !== null);
    this.hadOrders.catch(() => undefined);
  }

  add(entry: SinkOrder): void {
    this.orders.push(entry);
  }

  reject(rejection: Rejection): void {
    this.rejections.push(rejection);
  }

  get pending(): number {
    return this.orders.length;
  }

  /** Hands the batch to the writer; returns once the previous batch is fully stored. */
  async commit(done?: () => void | Promise<void>): Promise<void> {
    const batch = this.orders;
    this.orders = [];
    let rows: OrderRow[] = [];
    if (batch.length) {
      if (await this.hadOrders) {
        const withFulfillments = batch.filter((e) => e.order.fulfillments.length > 0).map((e) => e.order.id);
        const stored = await this.writer.read(this.shop, withFulfillments);
        for (const { order } of batch) {
          const before = stored.get(order.id);
          if (before) carryOverEvents(order, JSON.parse(before.data) as Order);
        }
      }
      rows = batch.map(({ name, order }) => orderRow(this.shop, order, name));
    }
    await this.commitRows(rows, done, batch.map((e) => e.order));
  }

  /** The same for rows built by the caller (the events merge); `orders` are the rows' orders when at hand. */
  async commitRows(rows: OrderRow[], done?: () => void | Promise<void>, orders?: readonly Order[]): Promise<void> {
    const written = rows.length ? this.writer.upsert(rows) : Promise.resolve(0);
    written.catch(() => undefined); // surfaced below, once the previous batch is awaited
    const rejections = this.rejections;
    this.rejections = [];
    const customers = [...new Set(rows.map((r) => r.customerId).filter((c): c is string => c !== null))];
    const previous = this.inFlight;
    const current = (async () => {
      await previous;
      this.recordsWritten += await written;
      if (rejections.length) await storeRejections(this.shop, this.source, rejections, this.now);
      if (customers.length) {
        const started = performance.now();
        await ordersChanged({ shop: this.shop, customerIds: customers, now: this.now, orders, sqlite: this.writer.sqlite });
        this.ordersChangedMs += performance.now() - started;
      }
      await done?.();
    })();
    current.catch(() => undefined); // awaited by the next commit or flush
    this.inFlight = current;
    await previous;
  }

  /** Waits until everything handed over is stored (rethrows a failed write or checkpoint). */
  async flush(): Promise<void> {
    await this.inFlight;
  }

  async close(): Promise<void> {
    await this.inFlight.catch(() => undefined);
    await this.writer.close();
  }
}
