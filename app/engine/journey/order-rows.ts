/**
 * The per-order money and purchase facts every store-level analysis needs (purchase status,
 * placed time, net value, customer, channel, product revenue and unit-cost coverage), one row
 * per distinct order in growable typed arrays. Written while the orders stream past, so the
 * analyses never need the order objects again: at a million orders the objects are ~1.6 GB of
 * heap, the rows ~50 MB off-heap.
 *
 * A row may be written again (a newer version of the same order): every column is overwritten
 * and nothing is accumulated here, so the aggregates built from the rows stay exact.
 */
import type { Order } from "../types";
import { KeyIndex } from "./key-index";
import { PURCHASE, netOrderValue, placedAt, purchaseStatus, type PurchaseStatus } from "./order-facts";

export interface OrderRows {
  asOf: number;
  size: number;
  /** `purchaseStatus` as of asOf. */
  status: Uint8Array;
  /** `placedAt` (NaN when unknown). */
  placedAt: Float64Array;
  /** Net value (paid − refunds known by asOf). */
  netValue: Float64Array;
  /** Price paid (before refunds), 0 when unknown. */
  totalPrice: Float64Array;
  /** Index into customerIds, −1 for guests. */
  customer: Int32Array;
  customerIds: readonly string[];
  /** Index into channels (the raw channel name). */
  channel: Int32Array;
  channels: readonly string[];
  /** Line revenue (quantity × unit price), and the part of it with a known unit cost, and that cost. */
  productRevenue: Float64Array;
  knownCostRevenue: Float64Array;
  knownCost: Float64Array;
}

const GROW_FROM = 1024;

function grown<T extends Float64Array | Int32Array | Uint8Array>(a: T, size: number): T {
  const b = new (a.constructor as new (n: number) => T)(size);
  b.set(a);
  return b;
}

export class OrderRowsBuilder {
  private rows: OrderRows;
  private readonly customerIndex: KeyIndex;
  private readonly channelIndex = new KeyIndex(16);
  private capacity: number;
  private lastChannel: string | null = null;
  private lastChannelCode = -1;

  constructor(asOf: number, expectedOrders = 0) {
    this.capacity = Math.max(GROW_FROM, expectedOrders);
    this.customerIndex = new KeyIndex(Math.min(Math.max(16, expectedOrders >> 1), 1 << 20));
    const n = this.capacity;
    this.rows = {
      asOf,
      size: 0,
      status: new Uint8Array(n),
      placedAt: new Float64Array(n),
      netValue: new Float64Array(n),
      totalPrice: new Float64Array(n),
      customer: new Int32Array(n),
      customerIds: this.customerIndex.keys,
      channel: new Int32Array(n),
      channels: this.channelIndex.keys,
      productRevenue: new Float64Array(n),
      knownCostRevenue: new Float64Array(n),
      knownCost: new Float64Array(n),
    };
  }

  /** The code of the order's customer (index into customerIds, −1 for a guest), added when new. */
  customerCode(o: Order): number {
    return o.customerId === null || o.customerId === "" ? -1 : this.customerIndex.add(o.customerId);
  }

  /**
   * Writes (or overwrites) row `i` from the order. Rows must be written densely from 0.
   * Returns the customer's code (index into customerIds, −1 for a guest); a caller that has
   * it already (`customerCode`, for this order) passes it.
   */
  write(i: number, o: Order, customer = this.customerCode(o)): number {
    if (i >= this.capacity) this.grow(i + 1);
    const r = this.rows;
    if (i >= r.size) r.size = i + 1;
    const asOf = r.asOf;
    const status: PurchaseStatus = purchaseStatus(o, asOf);
    r.status[i] = status;
    r.placedAt[i] = placedAt(o);
    r.netValue[i] = netOrderValue(o, asOf);
    r.totalPrice[i] = Number.isFinite(o.totalPrice) ? o.totalPrice : 0;
    r.customer[i] = customer;
    // Channel names repeat across millions of orders: skip the hash when it is the last one again.
    if (o.channel !== this.lastChannel) {
      this.lastChannel = o.channel;
      this.lastChannelCode = this.channelIndex.add(o.channel);
    }
    r.channel[i] = this.lastChannelCode;
    let product = 0;
    let knownRevenue = 0;
    let knownCost = 0;
    if (status === PURCHASE.COUNTED || status === PURCHASE.GUEST) {
      const lines = o.lineItems;
      for (let k = 0; k < lines.length; k++) {
        const line = lines[k];
        const amount = line.quantity * line.unitPrice;
        if (!Number.isFinite(amount) || amount <= 0) continue;
        product += amount;
        const cost = line.unitCost;
        if (cost !== null && Number.isFinite(cost) && cost >= 0) {
          knownRevenue += amount;
          knownCost += line.quantity * cost;
        }
      }
    }
    r.productRevenue[i] = product;
    r.knownCostRevenue[i] = knownRevenue;
    r.knownCost[i] = knownCost;
    return customer;
  }

  finish(): OrderRows {
    const r = this.rows;
    const n = r.size;
    // Views, not copies: the spare capacity is at most the size again.
    return {
      ...r,
      status: r.status.subarray(0, n),
      placedAt: r.placedAt.subarray(0, n),
      netValue: r.netValue.subarray(0, n),
      totalPrice: r.totalPrice.subarray(0, n),
      customer: r.customer.subarray(0, n),
      channel: r.channel.subarray(0, n),
      productRevenue: r.productRevenue.subarray(0, n),
      knownCostRevenue: r.knownCostRevenue.subarray(0, n),
      knownCost: r.knownCost.subarray(0, n),
    };
  }

  private grow(atLeast: number): void {
    let n = this.capacity;
    while (n < atLeast) n *= 2;
    this.capacity = n;
    const r = this.rows;
    r.status = grown(r.status, n);
    r.placedAt = grown(r.placedAt, n);
    r.netValue = grown(r.netValue, n);
    r.totalPrice = grown(r.totalPrice, n);
    r.customer = grown(r.customer, n);
    r.channel = grown(r.channel, n);
    r.productRevenue = grown(r.productRevenue, n);
    r.knownCostRevenue = grown(r.knownCostRevenue, n);
    r.knownCost = grown(r.knownCost, n);
  }
}

/** Rows for orders already de-duplicated (row i = orders[i]). */
export function buildOrderRows(orders: readonly Order[], asOf: number): OrderRows {
  const b = new OrderRowsBuilder(asOf, orders.length);
  for (let i = 0; i < orders.length; i++) b.write(i, orders[i]);
  return b.finish();
}
