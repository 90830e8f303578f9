/**
 * Where every import (bulk JSONL, offline JSONL, CSV) sends its orders: batches them into the
 * bulk writer, keeps carrier events already stored for the same fulfillments, stores rejections,
 * and tells `ordersChanged` which customers moved.
 *
 * Writes are pipelined: a batch is handed to the writer (a worker thread on SQLite) and the next
 * batches are prepared while it is written (at most WRITES_IN_FLIGHT unwritten). The side effects
 * (rejections, ordersChanged, then the caller's `done`, its checkpoint) follow in batch order, and
 * they are coalesced: batches stored while the previous side effects ran get them in one go. They
 * take several round trips to the writer, each queued behind the next batch's write; run once per
 * batch, that latency set the pace of the whole import (both threads idle a third of the time,
 * profiled). At most MAX_UNSETTLED batches wait for their side effects.
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
/** Batches handed to the writer and not written yet. */
export const WRITES_IN_FLIGHT = 2;
/**
 * Batches handed over whose side effects are not done yet. What they keep for the hooks is
 * small (customer ids, and only the orders that carry answers unless an experiment is running).
 */
export const MAX_UNSETTLED = 8;

export interface SinkOrder {
  name: string | null;
  order: Order;
}

/** A batch handed over, until its side effects are done. */
interface Handed {
  written: Promise<number>;
  rejections: Rejection[];
  customers: string[];
  /** The batch's orders that carry stated preferences (what the preference hook needs), when at hand. */
  answered: Order[] | undefined;
  /** All of the batch's orders, kept only while an experiment may enrol them. */
  orders: readonly Order[] | undefined;
  done?: () => void | Promise<void>;
  settled: Promise<void>;
  settle: (error?: unknown) => void;
}

export class OrderSink {
  readonly writer: OrderWriter;
  private orders: SinkOrder[] = [];
  private rejections: Rejection[] = [];
  /** Batches handed over and not settled, oldest first. */
  private unsettled: Handed[] = [];
  /** Of those, the ones whose side effects have not started. */
  private waiting: Handed[] = [];
  private running: Promise<void> | null = null;
  private failure: { error: unknown } | null = null;
  /** Whether the shop had orders before this import (if not, there are no stored events to keep). */
  private hadOrders: Promise<boolean>;
  /** Whether an experiment was running when the import began (its hook then needs every order). */
  private experimentRunning: Promise<boolean>;
  recordsWritten = 0;
  /** Wall time spent in `ordersChanged` (the readers' precomputation), for the benchmark's breakdown. */
  ordersChangedMs = 0;

  constructor(
    readonly shop: string,
    readonly source: string,
    readonly now: Date,
    readonly batchSize = DEFAULT_BATCH_SIZE,
    writer?: OrderWriter,
    /** Batches that may wait for their side effects (and checkpoint) before parsing waits. */
    readonly maxUnsettled = MAX_UNSETTLED,
  ) {
    this.writer = writer ?? openOrderWriter(undefined, { background: true });
    this.hadOrders = prisma.order.findFirst({ where: { shop }, select: { id: true } }).then((row) => row !== null);
    this.hadOrders.catch(() => undefined);
    // One started later is still served: without the orders in hand, its hook reads them back.
    this.experimentRunning = prisma.experiment.count({ where: { shop, status: "running" } }).then((n) => n > 0);
    this.experimentRunning.catch(() => undefined);
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
    this.throwIfFailed();
    const written = rows.length ? this.writer.upsert(rows) : Promise.resolve(0);
    written.catch(() => undefined); // surfaced by the side effects, then at a later commit or flush
    let settle!: (error?: unknown) => void;
    const settled = new Promise<void>((resolve, reject) => (settle = (error) => (error === undefined ? resolve() : reject(error))));
    settled.catch(() => undefined);
    const keepAll = orders !== undefined && (await this.experimentRunning.catch(() => true));
    const handed: Handed = {
      written,
      rejections: this.rejections,
      customers: [...new Set(rows.map((r) => r.customerId).filter((c): c is string => c !== null))],
      answered: orders?.filter((o) => o.preferences !== null && o.customerId !== null),
      orders: keepAll ? orders : undefined,
      done,
      settled,
      settle,
    };
    this.rejections = [];
    this.unsettled.push(handed);
    this.waiting.push(handed);
    this.running ??= this.settleWaiting().finally(() => (this.running = null));
    // Back-pressure: the writes, then the side effects, may lag only so far behind parsing.
    const lastWritten = this.unsettled.length - 1 - WRITES_IN_FLIGHT;
    if (lastWritten >= 0) await this.unsettled[lastWritten].written.catch(() => undefined);
    while (this.unsettled.length > Math.max(1, this.maxUnsettled)) await this.unsettled[0].settled;
    this.throwIfFailed();
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure.error;
  }

  /** Runs the side effects of the batches handed over, in order, several batches at a time. */
  private async settleWaiting(): Promise<void> {
    while (this.waiting.length > 0 && !this.failure) {
      const group = this.waiting.splice(0);
      try {
        for (const h of group) this.recordsWritten += await h.written;
        const rejections = group.flatMap((h) => h.rejections);
        if (rejections.length) await storeRejections(this.shop, this.source, rejections, this.now);
        const customers = [...new Set(group.flatMap((h) => h.customers))];
        if (customers.length) {
          const started = performance.now();
          await ordersChanged({
            shop: this.shop,
            customerIds: customers,
            now: this.now,
            answeredOrders: group.every((h) => h.answered) ? group.flatMap((h) => h.answered!) : undefined,
            orders: group.every((h) => h.orders) ? group.flatMap((h) => h.orders!) : undefined,
            sqlite: this.writer.sqlite,
          });
          this.ordersChangedMs += performance.now() - started;
        }
        // The latest checkpoint covers the earlier ones of the group.
        await group.findLast((h) => h.done)?.done?.();
      } catch (error) {
        this.failure = { error };
        for (const h of [...this.unsettled]) h.settle(error);
        this.unsettled.length = 0;
        this.waiting.length = 0;
        return;
      }
      for (const h of group) h.settle();
      this.unsettled.splice(0, group.length);
    }
  }

  /** Waits until everything handed over is stored (rethrows a failed write or checkpoint). */
  async flush(): Promise<void> {
    while (this.unsettled.length) await this.unsettled[0].settled;
    await this.running;
    this.throwIfFailed();
  }

  async close(): Promise<void> {
    await this.running?.catch(() => undefined);
    await this.writer.close();
  }
}
