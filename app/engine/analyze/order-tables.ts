/**
 * Streams orders into the compact per-order tables (journey table and order rows), resolving
 * duplicates on the way: the newest `updatedAt` wins, a tie goes to the later copy (the newer
 * sync), and the winner keeps the row where its id first appeared, as `dedupeOrders` does.
 * Nothing holds on to the order objects, so memory grows with the tables (~120 bytes an order),
 * not with the orders (~1.7 KB each as objects).
 */
import type { Order } from "../types";
import { JourneyTableBuilder, type JourneyTable } from "../journey/journey-table";
import { KeyIndex } from "../journey/key-index";
import { OrderRowsBuilder, type OrderRows } from "../journey/order-rows";

export interface OrderTables {
  table: JourneyTable;
  rows: OrderRows;
  /** Orders read, duplicates included. */
  inputOrders: number;
}

/**
 * Orders are taken in batches of this many, each step done for the whole batch before the next
 * (order ids, customers, tables, consumer): the hash lookups of one step are independent, so
 * the processor overlaps their cache misses instead of waiting for each in turn.
 */
const BATCH = 64;

export class OrderTablesBuilder {
  private readonly ids: KeyIndex;
  private updatedAt: Float64Array;
  private readonly table: JourneyTableBuilder;
  private readonly rows: OrderRowsBuilder;
  private input = 0;
  /** Orders taken but not written yet (the batch), with their rows (−1 = an older copy, skipped) and customers. */
  private readonly batch: (Order | null)[] = new Array<Order | null>(BATCH).fill(null);
  private readonly batchRow = new Int32Array(BATCH);
  private readonly batchCustomer = new Int32Array(BATCH);
  private batched = 0;

  /**
   * `onWritten` sees every order that (re)wrote a row, e.g. to feed a profile book, with the
   * row (its number in `orderIds`) and its customer's code in `rows.customerIds` (−1 = guest),
   * in the order they were added; up to BATCH orders after their `add` (all by `finish`).
   * Orders must not be changed after `add` (the batch still reads them).
   */
  constructor(
    asOf: number,
    expectedOrders = 0,
    private readonly onWritten?: (o: Order, row: number, customer: number) => void,
  ) {
    this.ids = new KeyIndex(Math.max(16, expectedOrders));
    this.updatedAt = new Float64Array(Math.max(1024, expectedOrders));
    this.table = new JourneyTableBuilder(asOf, expectedOrders);
    this.rows = new OrderRowsBuilder(asOf, expectedOrders);
  }

  /** Order id → row, for a consumer that numbers orders the same way (a shared profile book index). */
  get orderIds(): KeyIndex {
    return this.ids;
  }

  add(o: Order): void {
    this.batch[this.batched++] = o;
    if (this.batched === BATCH) this.writeBatch();
  }

  finish(): OrderTables {
    this.writeBatch();
    return { table: this.table.finish(), rows: this.rows.finish(), inputOrders: this.input };
  }

  /** Writes the batch in the order it was added, one step at a time (results as one order at a time). */
  private writeBatch(): void {
    const n = this.batched;
    this.batched = 0;
    const batch = this.batch;
    const rowOf = this.batchRow;
    const customerOf = this.batchCustomer;
    this.input += n;
    for (let k = 0; k < n; k++) {
      const o = batch[k] as Order;
      const known = this.ids.size;
      const row = this.ids.add(o.id);
      rowOf[k] = row;
      if (row < known) {
        if (this.updatedAt[row] > o.updatedAt) {
          rowOf[k] = -1; // an older copy of an order already written (or earlier in this batch)
          continue;
        }
      } else if (row >= this.updatedAt.length) {
        const grown = new Float64Array(this.updatedAt.length * 2);
        grown.set(this.updatedAt);
        this.updatedAt = grown;
      }
      this.updatedAt[row] = o.updatedAt;
    }
    for (let k = 0; k < n; k++) if (rowOf[k] >= 0) customerOf[k] = this.rows.customerCode(batch[k] as Order);
    for (let k = 0; k < n; k++) {
      const row = rowOf[k];
      if (row < 0) continue;
      const o = batch[k] as Order;
      this.table.write(row, o);
      this.rows.write(row, o, customerOf[k]);
    }
    const onWritten = this.onWritten;
    for (let k = 0; k < n; k++) {
      if (onWritten && rowOf[k] >= 0) onWritten(batch[k] as Order, rowOf[k], customerOf[k]);
      batch[k] = null;
    }
  }
}
