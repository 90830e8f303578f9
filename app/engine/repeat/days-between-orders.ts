/**
 * Gaps between consecutive purchases of the same customer, store-wide. Every gap counts
 * once, so frequent buyers weigh more: see purchase cycles for per-customer rhythm.
 */
import type { Estimate } from "../types";
import { DAY_MS } from "../stats/calendar";
import { meanEstimate } from "../stats/estimates";
import { momentsOf } from "../stats/mean";
import { summarizeDistribution, type DistributionSummary } from "../stats/quantile";
import type { PurchaseHistory } from "./purchase-history";

export interface DaysBetweenOrders {
  gaps: number;
  mean: Estimate;
  distribution: DistributionSummary;
}

/** All inter-purchase gaps in days (fractional, from the first order of each day). */
export function interPurchaseGaps(h: PurchaseHistory): Float64Array {
  const customers = h.customerIds.length;
  const gaps = new Float64Array(h.purchaseAt.length - customers);
  let g = 0;
  for (let c = 0; c < customers; c++) {
    for (let p = h.start[c] + 1; p < h.start[c + 1]; p++) gaps[g++] = (h.purchaseAt[p] - h.purchaseAt[p - 1]) / DAY_MS;
  }
  return gaps;
}

export function daysBetweenOrders(h: PurchaseHistory, level = 0.95): DaysBetweenOrders {
  const gaps = interPurchaseGaps(h);
  return {
    gaps: gaps.length,
    mean: meanEstimate(momentsOf(gaps), { level, unit: "gaps between orders" }),
    distribution: summarizeDistribution(gaps),
  };
}
