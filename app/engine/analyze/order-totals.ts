/**
 * Store-wide order totals in one pass over the (de-duplicated) orders: revenue, order value,
 * unit-cost coverage, orders per channel and the span of the history. An order counts when it
 * was placed by `asOf` and not cancelled by then; guest orders count too (they are revenue).
 */
import type { Order } from "../types";
import { DAY_MS } from "../stats/calendar";
import { PURCHASE, netOrderValue, placedAt, purchaseStatus } from "../journey/order-facts";

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
  const byChannel = new Map<string, number>();
  // Channel names repeat across millions of orders: count runs of the same name before touching the map.
  let runChannel: string | null = null;
  let runCount = 0;
  for (let i = 0; i < orders.length; i++) {
    const o = orders[i];
    // Guests' orders are sales too; everything else follows the shared purchase definition.
    const status = purchaseStatus(o, asOf);
    if (status !== PURCHASE.COUNTED && status !== PURCHASE.GUEST) continue;
    const t = placedAt(o);
    count++;
    if (status === PURCHASE.GUEST) guests++;
    if (t < first) first = t;
    if (t > last) last = t;
    const value = netOrderValue(o, asOf);
    revenue += value;
    if (t > yearStart) {
      // Welford: stable moments for the order-value interval in one pass.
      yearOrders++;
      yearRevenue += value;
      const d = value - yearMean;
      yearMean += d / yearOrders;
      yearSs += d * (value - yearMean);
    }
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
    const channel = o.channel;
    if (channel === runChannel) runCount++;
    else {
      if (runChannel !== null) byChannel.set(runChannel, (byChannel.get(runChannel) ?? 0) + runCount);
      runChannel = channel;
      runCount = 1;
    }
  }
  if (runChannel !== null) byChannel.set(runChannel, (byChannel.get(runChannel) ?? 0) + runCount);
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
