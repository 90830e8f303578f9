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

export class OrderTablesBuilder {
  private readonly ids: KeyIndex;
  private updatedAt: Float64Array;
  private readonly table: JourneyTableBuilder;
  private readonly rows: OrderRowsBuilder;
  private input = 0;

  /**
   * `onWritten` sees every order that (re)wrote a row, e.g. to feed a profile book, with the
   * row (its number in `orderIds`) and its customer's code in `rows.customerIds` (−1 = guest).
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
    this.input++;
    const known = this.ids.size;
    const row = this.ids.add(o.id);
    if (row < known) {
      if (this.updatedAt[row] > o.updatedAt) return; // an older copy of an order already written
    } else if (row >= this.updatedAt.length) {
      const grown = new Float64Array(this.updatedAt.length * 2);
      grown.set(this.updatedAt);
      this.updatedAt = grown;
    }
    this.updatedAt[row] = o.updatedAt;
    this.table.write(row, o);
    const customer = this.rows.write(row, o);
    this.onWritten?.(o, row, customer);
  }

  finish(): OrderTables {
    return { table: this.table.finish(), rows: this.rows.finish(), inputOrders: this.input };
  }
}
