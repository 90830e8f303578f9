/**
 * Purchase rhythm: each customer's typical gap between purchases, the store-wide typical
 * cycle, how many customers buy on a regular beat, and two calendar patterns merchants act
 * on: a monthly cadence (a bump of gaps near 30 days) and first-of-month buying (paydays,
 * subscriptions bought by hand).
 */
import type { Estimate } from "../types";
import { DayCalendar, daysInMonth, DAY_MS } from "../stats/calendar";
import { proportionEstimate } from "../stats/estimates";
import { summarizeDistribution, type DistributionSummary } from "../stats/quantile";
import type { PurchaseHistory } from "./purchase-history";

export interface PurchaseCycles {
  /** Median gap (days) of each customer, aligned with history.customerIds; NaN below 2 purchases. */
  perCustomerTypicalDays: Float32Array;
  /** Distribution of the per-customer typical gaps (customers with 2+ purchases). */
  storeTypicalDays: DistributionSummary;
  /** Customers with 3+ gaps whose gaps vary little (coefficient of variation ≤ 0.5). */
  regular: { customersWith3PlusGaps: number; share: Estimate };
  monthly: {
    detected: boolean;
    /** Gaps of 27–33 days. */
    gapsNear30Days: number;
    /** Average count in the neighbouring 7-day windows (20–26 and 34–40 days). */
    expectedFromNeighbours: number;
    ratio: number | null;
  };
  firstOfMonth: {
    detected: boolean;
    /** Share of purchases made on days 1–3 of the month. */
    share: Estimate;
    /** Share expected if purchases ignored the calendar (3 / days in month). */
    expectedShare: number | null;
    lift: number | null;
  };
}

const REGULAR_MAX_CV = 0.5;

export function purchaseCycles(h: PurchaseHistory): PurchaseCycles {
  const customers = h.customerIds.length;
  const typical = new Float32Array(customers).fill(Number.NaN);
  const scratch = new Float64Array(64);
  let buffer = scratch;
  let with3 = 0;
  let regular = 0;
  const histogram = new Int32Array(41); // integer-day gaps 0..40
  for (let c = 0; c < customers; c++) {
    const s = h.start[c];
    const gapsCount = h.start[c + 1] - s - 1;
    if (gapsCount < 1) continue;
    if (gapsCount > buffer.length) buffer = new Float64Array(gapsCount * 2);
    let sum = 0;
    for (let g = 0; g < gapsCount; g++) {
      const d = (h.purchaseAt[s + g + 1] - h.purchaseAt[s + g]) / DAY_MS;
      buffer[g] = d;
      sum += d;
      const whole = h.purchaseDay[s + g + 1] - h.purchaseDay[s + g];
      if (whole <= 40) histogram[whole]++;
    }
    const gaps = buffer.subarray(0, gapsCount).sort();
    typical[c] = gapsCount % 2 === 1 ? gaps[gapsCount >> 1] : (gaps[gapsCount / 2 - 1] + gaps[gapsCount / 2]) / 2;
    if (gapsCount >= 3) {
      with3++;
      const mean = sum / gapsCount;
      let ss = 0;
      for (let g = 0; g < gapsCount; g++) ss += (gaps[g] - mean) ** 2;
      const sd = Math.sqrt(ss / (gapsCount - 1));
      if (mean > 0 && sd / mean <= REGULAR_MAX_CV) regular++;
    }
  }

  let near30 = 0;
  let neighbours = 0;
  for (let d = 27; d <= 33; d++) near30 += histogram[d];
  for (let d = 20; d <= 26; d++) neighbours += histogram[d];
  for (let d = 34; d <= 40; d++) neighbours += histogram[d];
  const expected = neighbours / 2;
  // A clear bump: 30+ gaps, 1.5× the neighbours and 3 Poisson standard deviations above them.
  const monthlyDetected = near30 >= 30 && near30 >= 1.5 * expected && near30 - expected >= 3 * Math.sqrt(Math.max(expected, 1));

  let firstDays = 0;
  let expectedSum = 0;
  const purchases = h.purchaseDay.length;
  let firstDay = Infinity;
  let lastDay = -Infinity;
  for (let p = 0; p < purchases; p++) {
    const day = h.purchaseDay[p];
    if (day < firstDay) firstDay = day;
    if (day > lastDay) lastDay = day;
  }
  const calendar = new DayCalendar(firstDay, lastDay);
  for (let p = 0; p < purchases; p++) {
    const day = h.purchaseDay[p];
    if (calendar.dayOfMonth(day) <= 3) firstDays++;
    expectedSum += 3 / daysInMonth(calendar.monthIndex(day));
  }
  const share = proportionEstimate(firstDays, purchases, { unit: "purchases" });
  const expectedShare = purchases > 0 ? expectedSum / purchases : null;
  const firstOfMonthDetected = purchases >= 100 && expectedShare !== null && (share.low as number) > 1.2 * expectedShare;

  return {
    perCustomerTypicalDays: typical,
    storeTypicalDays: summarizeDistribution(typical),
    regular: { customersWith3PlusGaps: with3, share: proportionEstimate(regular, with3, { unit: "customers" }) },
    monthly: { detected: monthlyDetected, gapsNear30Days: near30, expectedFromNeighbours: expected, ratio: expected > 0 ? near30 / expected : null },
    firstOfMonth: {
      detected: firstOfMonthDetected,
      share,
      expectedShare,
      lift: expectedShare !== null && share.value !== null ? share.value / expectedShare : null,
    },
  };
}
