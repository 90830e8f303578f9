/**
 * Cohort retention matrix: customers grouped by the month of their first purchase; each
 * cell is the share of the cohort that purchased in the k-th calendar month after it
 * (month 0 = the acquisition month, 100% by definition). Cells for months that have not
 * started by asOf are left out; the month containing asOf is marked incomplete.
 */
import { DayCalendar, dayNumber, firstDayOfMonth, monthIndexOfDay, monthLabel } from "../stats/calendar";
import type { PurchaseHistory } from "./purchase-history";

export interface CohortCell {
  monthsSince: number;
  active: number;
  share: number;
  /** false for the month still in progress at asOf. */
  complete: boolean;
}

export interface CohortRow {
  cohort: string;
  customers: number;
  cells: CohortCell[];
}

export interface CohortRetention {
  cohorts: CohortRow[];
}

export function cohortRetention(h: PurchaseHistory): CohortRetention {
  const customers = h.customerIds.length;
  if (customers === 0) return { cohorts: [] };
  const asOfDay = dayNumber(h.asOf, h.utcOffsetMinutes);
  const asOfMonth = monthIndexOfDay(asOfDay);
  // Every purchase is on or after its customer's first one and by asOf: one table read each.
  let firstDay = Infinity;
  for (let c = 0; c < customers; c++) firstDay = Math.min(firstDay, h.purchaseDay[h.start[c]]);
  const calendar = new DayCalendar(firstDay, asOfDay);
  const minMonth = calendar.monthIndex(firstDay);
  const months = asOfMonth - minMonth + 1;
  const size = new Int32Array(months);
  const active = new Int32Array(months * months); // [cohort][monthsSince]
  for (let c = 0; c < customers; c++) {
    const s = h.start[c];
    const cohort = calendar.monthIndex(h.purchaseDay[s]) - minMonth;
    size[cohort]++;
    let last = -1;
    for (let p = s; p < h.start[c + 1]; p++) {
      const k = calendar.monthIndex(h.purchaseDay[p]) - minMonth - cohort;
      if (k !== last) {
        active[cohort * months + k]++;
        last = k;
      }
    }
  }
  const cohorts: CohortRow[] = [];
  for (let cohort = 0; cohort < months; cohort++) {
    if (size[cohort] === 0) continue;
    const cells: CohortCell[] = [];
    for (let k = 0; cohort + k < months; k++) {
      const month = minMonth + cohort + k;
      const a = active[cohort * months + k];
      cells.push({ monthsSince: k, active: a, share: a / size[cohort], complete: firstDayOfMonth(month + 1) <= asOfDay });
    }
    cohorts.push({ cohort: monthLabel(minMonth + cohort), customers: size[cohort], cells });
  }
  return { cohorts };
}
