/**
 * Repeat purchase behaviour of a store as of a date: how many customers come back, how
 * soon, how often, how cohorts retain, and whether purchases follow a rhythm.
 */
import type { Estimate, Order } from "../types";
import { proportionEstimate } from "../stats/estimates";
import { dedupeOrders } from "../journey/dedupe-orders";
import { cohortRetention, type CohortRetention } from "./cohort-retention";
import { daysBetweenOrders, type DaysBetweenOrders } from "./days-between-orders";
import { buildPurchaseHistory, type PurchaseHistory } from "./purchase-history";
import { purchaseCycles, type PurchaseCycles } from "./purchase-cycles";
import { timeToSecondOrder, type TimeToSecondOrder } from "./time-to-second-order";

export interface RepeatOptions {
  asOf: number;
  utcOffsetMinutes?: number;
  level?: number;
  /** Horizons (days) for the probability of a second purchase. */
  horizons?: readonly number[];
  assumeUniqueIds?: boolean;
  /** A history already built for these orders at this asOf. */
  history?: PurchaseHistory;
}

export interface RepeatAnalysis {
  asOf: number;
  counts: {
    customers: number;
    repeaters: number;
    ordersUsed: number;
    guestOrdersExcluded: number;
    cancelledOrdersExcluded: number;
    afterAsOfOrdersExcluded: number;
    undatedOrdersExcluded: number;
    sameDayOrdersMerged: number;
    duplicatesRemoved: number;
  };
  /** Customers with 2+ purchase days / customers (as observed by asOf). */
  repeatRate: Estimate;
  timeToSecondOrder: TimeToSecondOrder;
  daysBetweenOrders: DaysBetweenOrders;
  cohorts: CohortRetention;
  cycles: PurchaseCycles;
  caveats: string[];
}

export function analyzeRepeat(orders: readonly Order[], options: RepeatOptions): RepeatAnalysis {
  const level = options.level ?? 0.95;
  let duplicatesRemoved = 0;
  let h = options.history;
  if (!h) {
    const deduped = options.assumeUniqueIds ? { orders: orders as Order[], duplicatesRemoved: 0 } : dedupeOrders(orders);
    duplicatesRemoved = deduped.duplicatesRemoved;
    h = buildPurchaseHistory(deduped.orders, { asOf: options.asOf, utcOffsetMinutes: options.utcOffsetMinutes });
  }
  const customers = h.customerIds.length;
  let repeaters = 0;
  for (let c = 0; c < customers; c++) if (h.start[c + 1] - h.start[c] >= 2) repeaters++;
  const caveats: string[] = [];
  if (customers === 0) caveats.push("No identified customers: guest checkouts cannot be followed for repeat purchases.");
  if (h.counts.guestOrders > 0 && h.counts.guestOrders >= h.counts.ordersUsed) {
    caveats.push(`Most orders (${h.counts.guestOrders} of ${h.counts.guestOrders + h.counts.ordersUsed}) are guest checkouts and cannot be followed.`);
  }
  const repeatRate = proportionEstimate(repeaters, customers, { level, unit: "customers", caveats: recentShareCaveat(h) });
  return {
    asOf: h.asOf,
    counts: {
      customers,
      repeaters,
      ordersUsed: h.counts.ordersUsed,
      guestOrdersExcluded: h.counts.guestOrders,
      cancelledOrdersExcluded: h.counts.cancelledOrders,
      afterAsOfOrdersExcluded: h.counts.afterAsOfOrders,
      undatedOrdersExcluded: h.counts.undatedOrders,
      sameDayOrdersMerged: h.counts.sameDayMerged,
      duplicatesRemoved,
    },
    repeatRate,
    timeToSecondOrder: timeToSecondOrder(h, options.horizons, level),
    daysBetweenOrders: daysBetweenOrders(h, level),
    cohorts: cohortRetention(h),
    cycles: purchaseCycles(h),
    caveats,
  };
}

/** Many brand-new customers make the observed repeat rate understate the long-run one. */
function recentShareCaveat(h: PurchaseHistory): string[] {
  const customers = h.customerIds.length;
  if (customers === 0) return [];
  let recent = 0;
  const cutoff = h.asOf - 90 * 86_400_000;
  for (let c = 0; c < customers; c++) if (h.purchaseAt[h.start[c]] > cutoff) recent++;
  return recent / customers >= 0.3
    ? [`${Math.round((recent / customers) * 100)}% of customers first bought in the last 90 days and have had little time to return, so this rate understates the long-run one.`]
    : [];
}
