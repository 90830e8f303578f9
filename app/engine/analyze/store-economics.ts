/**
 * The store's economics that turn rates into money: how many new customers arrive a year,
 * what a returning customer is worth, order value and revenue per year. All measured from the
 * data; when the history is shorter than a year, yearly figures are scaled up and say so.
 */
import { DAY_MS } from "../stats/calendar";
import { gradeWithReasons } from "../stats/confidence";
import { meanEstimate } from "../stats/estimates";
import type { PurchaseHistory } from "../repeat/purchase-history";
import { exact, fromEstimate, insufficient, type Figure } from "./figure";
import { YEAR_DAYS, type OrderTotals } from "./order-totals";

export interface RepeatCustomerValue {
  days: number;
  /** Customers whose first purchase is at least `days` old. */
  eligible: number;
  /** Of them, customers who bought again within `days`. */
  returning: number;
  /** Mean revenue of their repeat purchases within `days` of the first (the first purchase excluded). */
  meanRepeatRevenue: Figure;
}

export interface StoreEconomics {
  historyDays: number;
  /** Identified customers whose first purchase fell in the last year (scaled up when the history is shorter). */
  newCustomersPerYear: Figure;
  /** Net revenue a year, all orders (guests included). */
  revenuePerYear: Figure;
  ordersPerYear: Figure;
  /** Mean net order value over the last year's orders. */
  averageOrderValue: Figure;
  /** Repeat purchase days a year by identified customers. */
  repeatPurchasesPerYear: Figure;
  /** What a returning customer brings in repeat purchases, per horizon. */
  repeatCustomerValue: RepeatCustomerValue[];
}

/** Fraction of a year the history covers (≤ 1), for annualizing. */
function yearFraction(historyDays: number): number {
  return Math.min(1, historyDays / YEAR_DAYS);
}

function annualized(count: number, historyDays: number, n: number, what: string): Figure {
  if (historyDays <= 0) return insufficient(`No orders yet, so ${what} can't be measured.`, "data", 0);
  const f = yearFraction(historyDays);
  // A count has no sampling interval; scaling part of a year up costs one confidence step (the caveat).
  const caveats = f < 1 ? [`Scaled up from ${Math.floor(historyDays)} days of history to a full year.`] : [];
  const grade = gradeWithReasons(n, 0, caveats, what);
  return exact(count / f, n, grade.confidence, "data", grade.caveats);
}

export function storeEconomics(h: PurchaseHistory, totals: OrderTotals, windows: readonly number[], level = 0.95): StoreEconomics {
  const yearStart = h.asOf - YEAR_DAYS * DAY_MS;
  const customers = h.customerIds.length;
  let newCustomers = 0;
  let repeatPurchases = 0;
  for (let c = 0; c < customers; c++) {
    const s = h.start[c];
    if (h.purchaseAt[s] > yearStart) newCustomers++;
    for (let p = s + 1; p < h.start[c + 1]; p++) if (h.purchaseAt[p] > yearStart) repeatPurchases++;
  }
  const days = totals.historyDays;
  const yearOrders = totals.lastYear.orders;
  const aov =
    yearOrders > 0
      ? fromEstimate(meanEstimate({ n: yearOrders, mean: totals.lastYear.meanOrderValue, sumSquaredDeviations: totals.lastYear.sumSquaredDeviations }, { level, unit: "orders" }))
      : insufficient("No orders in the last year.");

  return {
    historyDays: days,
    newCustomersPerYear: annualized(newCustomers, days, newCustomers, "new customers"),
    revenuePerYear: annualized(totals.lastYear.netRevenue, days, yearOrders, "orders"),
    ordersPerYear: annualized(yearOrders, days, yearOrders, "orders"),
    averageOrderValue: aov,
    repeatPurchasesPerYear: annualized(repeatPurchases, days, repeatPurchases, "repeat purchases"),
    repeatCustomerValue: [...windows].sort((a, b) => a - b).map((w) => repeatValue(h, w, level)),
  };
}

/** Mean repeat revenue within `days` of the first purchase, over customers who came back in that time. */
export function repeatValue(h: PurchaseHistory, days: number, level = 0.95): RepeatCustomerValue {
  const span = days * DAY_MS;
  let eligible = 0;
  let n = 0;
  let mean = 0;
  let ss = 0;
  for (let c = 0; c < h.customerIds.length; c++) {
    const s = h.start[c];
    const first = h.purchaseAt[s];
    if (h.asOf - first < span) continue;
    eligible++;
    let v = 0;
    let any = false;
    for (let p = s + 1; p < h.start[c + 1] && h.purchaseAt[p] - first <= span; p++) {
      v += h.purchaseValue[p];
      any = true;
    }
    if (!any) continue;
    n++;
    const d = v - mean;
    mean += d / n;
    ss += d * (v - mean);
  }
  const meanRepeatRevenue =
    n > 0
      ? fromEstimate(meanEstimate({ n, mean, sumSquaredDeviations: ss }, { level, unit: "returning customers" }))
      : insufficient(
          eligible === 0
            ? `No customer has been followed for ${days} days yet.`
            : `None of the ${eligible} customers followed for ${days} days has bought again within that time.`,
        );
  return { days, eligible, returning: n, meanRepeatRevenue };
}
