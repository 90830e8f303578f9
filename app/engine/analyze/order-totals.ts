/**
 * Store-wide order totals in one pass over the (de-duplicated) orders' rows: revenue, order value,
 * unit-cost coverage, orders per channel and the span of the history. An order counts when it
 * was placed by `asOf` and not cancelled by then; guest orders count too (they are revenue).
 */
import type { Order } from "../types";
import { DAY_MS } from "../stats/calendar";
import { PURCHASE } from "../journey/order-facts";
import { buildOrderRows, type OrderRows } from "../journey/order-rows";

/** Annual figures look back this far. */
export const YEAR_DAYS = 365;

export interface OrderTotals {
  /** Orders placed by asOf and not cancelled. */
  orders: number;
  guestOrders: number;
  /** Earliest / latest placed time of a counted order (null without orders). */
  firstOrderAt: number | null;
  lastOrderAt: number | null;
  /** Days from the first counted order to asOf (0 without orders). */
  historyDays: number;
  /** Net revenue (paid − refunded) of all counted orders. */
  netRevenue: number;
  /** Counted orders placed in the last 365 days, their net revenue and value moments. */
  lastYear: { orders: number; netRevenue: number; meanOrderValue: number; sumSquaredDeviations: number };
  /** Merchandise revenue (Σ quantity × unit price), and the part of it with a known unit cost. */
  productRevenue: number;
  knownCostRevenue: number;
  knownCost: number;
  /** Counted orders per sales channel (all orders, shipped or not). */
  ordersByChannel: Map<string, number>;
}

export function orderTotals(orders: readonly Order[], asOf: number): OrderTotals {
  return orderTotalsFromRows(buildOrderRows(orders, asOf));
}

/** The totals from per-order rows (row i = the i-th distinct order). */
export function orderTotalsFromRows(rows: OrderRows): OrderTotals {
  const asOf = rows.asOf;
  const yearStart = asOf - YEAR_DAYS * DAY_MS;
  let count = 0;
  let guests = 0;
  let first = Infinity;
  let last = -Infinity;
  let revenue = 0;
  let yearOrders = 0;
  let yearRevenue = 0;
  let yearMean = 0;
  let yearSs = 0;
  let product = 0;
  let knownRevenue = 0;
  let knownCost = 0;
  const perChannel = new Float64Array(rows.channels.length);
  for (let i = 0; i < rows.size; i++) {
    // Guests' orders are sales too; everything else follows the shared purchase definition.
    const status = rows.status[i];
    if (status !== PURCHASE.COUNTED && status !== PURCHASE.GUEST) continue;
    const t = rows.placedAt[i];
    count++;
    if (status === PURCHASE.GUEST) guests++;
    if (t < first) first = t;
    if (t > last) last = t;
    const value = rows.netValue[i];
    revenue += value;
    if (t > yearStart) {
      // Welford: stable moments for the order-value interval in one pass.
      yearOrders++;
      yearRevenue += value;
      const d = value - yearMean;
      yearMean += d / yearOrders;
      yearSs += d * (value - yearMean);
    }
    product += rows.productRevenue[i];
    knownRevenue += rows.knownCostRevenue[i];
    knownCost += rows.knownCost[i];
    perChannel[rows.channel[i]]++;
  }
  const byChannel = new Map<string, number>();
  for (let c = 0; c < perChannel.length; c++) if (perChannel[c] > 0) byChannel.set(rows.channels[c], perChannel[c]);
  return {
    orders: count,
    guestOrders: guests,
    firstOrderAt: count > 0 ? first : null,
    lastOrderAt: count > 0 ? last : null,
    historyDays: count > 0 ? Math.max(0, (asOf - first) / DAY_MS) : 0,
    netRevenue: revenue,
    lastYear: { orders: yearOrders, netRevenue: yearRevenue, meanOrderValue: yearMean, sumSquaredDeviations: yearSs },
    productRevenue: product,
    knownCostRevenue: knownRevenue,
    knownCost,
    ordersByChannel: byChannel,
  };
}
