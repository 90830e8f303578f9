/**
 * Each customer's purchases in time order, in compressed (CSR) typed-array form: customer c
 * owns purchases start[c] .. start[c+1]. Which orders count is `purchaseStatus` (shared with
 * the CLV summaries). A "purchase" is a distinct shop-local day: several
 * orders on the same day (split carts, a forgotten item) count as one purchase, as in the
 * buy-till-you-die literature. Guests cannot be followed and cancelled orders were not
 * purchases, so both are left out (and counted).
 */
import type { Order } from "../types";
import { dayNumber } from "../stats/calendar";
import { PURCHASE } from "../journey/order-facts";
import { buildOrderRows, type OrderRows } from "../journey/order-rows";

export interface PurchaseHistory {
  asOf: number;
  utcOffsetMinutes: number;
  customerIds: string[];
  /** Purchases of customer c: [start[c], start[c + 1]). */
  start: Int32Array;
  /** Time of the earliest order of the purchase day (epoch ms). */
  purchaseAt: Float64Array;
  purchaseDay: Int32Array;
  /** Net value (paid − refunded) of all orders that day. */
  purchaseValue: Float64Array;
  /** Per customer: row (index into the orders given) of the first order of the first purchase. */
  firstOrderIndex: Int32Array;
  /** The per-order rows the history was built from (first-order channel and price for the link). */
  rows: OrderRows;
  counts: {
    ordersUsed: number;
    guestOrders: number;
    cancelledOrders: number;
    afterAsOfOrders: number;
    undatedOrders: number;
    /** Orders folded into an earlier order of the same customer on the same day. */
    sameDayMerged: number;
  };
}

export interface HistoryOptions {
  asOf: number;
  utcOffsetMinutes?: number;
}

/** Orders are assumed de-duplicated (see dedupeOrders). */
export function buildPurchaseHistory(orders: readonly Order[], options: HistoryOptions): PurchaseHistory {
  return purchaseHistoryFromRows(buildOrderRows(orders, options.asOf), options);
}

/** The history from per-order rows (row i = the i-th distinct order); rows.asOf must be options.asOf. */
export function purchaseHistoryFromRows(rows: OrderRows, options: HistoryOptions): PurchaseHistory {
  const { asOf } = options;
  if (rows.asOf !== asOf) throw new RangeError("purchaseHistoryFromRows: rows were built for another asOf");
  const offset = options.utcOffsetMinutes ?? 0;
  const n = rows.size;
  const placed = rows.placedAt;
  const value = rows.netValue;
  // Dense customer numbers in the order customers first appear with a counted order.
  const customerOf = new Int32Array(n).fill(-1);
  const denseOf = new Int32Array(rows.customerIds.length).fill(-1);
  const customerIds: string[] = [];
  let perCustomer = new Int32Array(1024);
  let guestOrders = 0;
  let cancelledOrders = 0;
  let afterAsOfOrders = 0;
  let undatedOrders = 0;
  let used = 0;

  for (let i = 0; i < n; i++) {
    const status = rows.status[i];
    if (status !== PURCHASE.COUNTED) {
      if (status === PURCHASE.UNDATED) undatedOrders++;
      else if (status === PURCHASE.AFTER_AS_OF) afterAsOfOrders++;
      else if (status === PURCHASE.CANCELLED) cancelledOrders++;
      else guestOrders++;
      continue;
    }
    const slot = rows.customer[i];
    let c = denseOf[slot];
    if (c < 0) {
      c = denseOf[slot] = customerIds.length;
      customerIds.push(rows.customerIds[slot]);
    }
    if (c >= perCustomer.length) {
      const grown = new Int32Array(perCustomer.length * 2);
      grown.set(perCustomer);
      perCustomer = grown;
    }
    perCustomer[c]++;
    customerOf[i] = c;
    used++;
  }

  // Counting sort of order indices by customer, then by time within each customer.
  const customers = customerIds.length;
  const orderStart = new Int32Array(customers + 1);
  for (let c = 0; c < customers; c++) orderStart[c + 1] = orderStart[c] + perCustomer[c];
  const cursor = orderStart.slice(0, customers);
  const byCustomer = new Int32Array(used);
  for (let i = 0; i < n; i++) {
    const c = customerOf[i];
    if (c >= 0) byCustomer[cursor[c]++] = i;
  }
  for (let c = 0; c < customers; c++) sortSegmentByTime(byCustomer, orderStart[c], orderStart[c + 1], placed);

  // Merge same-day orders into purchases.
  const purchaseAt = new Float64Array(used);
  const purchaseDay = new Int32Array(used);
  const purchaseValue = new Float64Array(used);
  const start = new Int32Array(customers + 1);
  const firstOrderIndex = new Int32Array(customers);
  let p = 0;
  for (let c = 0; c < customers; c++) {
    start[c] = p;
    firstOrderIndex[c] = byCustomer[orderStart[c]];
    let lastDay = Number.NaN;
    for (let k = orderStart[c]; k < orderStart[c + 1]; k++) {
      const i = byCustomer[k];
      const day = dayNumber(placed[i], offset);
      if (day === lastDay) {
        purchaseValue[p - 1] += value[i];
      } else {
        purchaseAt[p] = placed[i];
        purchaseDay[p] = day;
        purchaseValue[p] = value[i];
        p++;
        lastDay = day;
      }
    }
  }
  start[customers] = p;

  return {
    asOf,
    utcOffsetMinutes: offset,
    customerIds,
    start,
    // Views, not copies: avoids another round of large allocations.
    purchaseAt: purchaseAt.subarray(0, p),
    purchaseDay: purchaseDay.subarray(0, p),
    purchaseValue: purchaseValue.subarray(0, p),
    firstOrderIndex,
    rows,
    counts: { ordersUsed: used, guestOrders, cancelledOrders, afterAsOfOrders, undatedOrders, sameDayMerged: used - p },
  };
}

/** Sort idx[from, to) by time[idx] (ties by index, so results are deterministic). */
function sortSegmentByTime(idx: Int32Array, from: number, to: number, time: Float64Array): void {
  const len = to - from;
  if (len < 2) return;
  if (len <= 32) {
    for (let a = from + 1; a < to; a++) {
      const v = idx[a];
      const tv = time[v];
      let b = a - 1;
      while (b >= from && (time[idx[b]] > tv || (time[idx[b]] === tv && idx[b] > v))) {
        idx[b + 1] = idx[b];
        b--;
      }
      idx[b + 1] = v;
    }
    return;
  }
  // Rare heavy buyers: a comparator sort on the small segment.
  idx.subarray(from, to).sort((x, y) => time[x] - time[y] || x - y);
}
