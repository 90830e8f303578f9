/**
 * The CLV models' inputs (frequency, recency, age, repeat spend) read off the purchase history
 * the repeat and link analyses already built, instead of a second pass over a million orders.
 * Same conventions as clv/summary.ts: a purchase is a distinct calendar day, x counts repeat
 * days, tx and T run from the first purchase day, m is the mean value of the repeat days.
 * Index i of the result is customer i of the history.
 */
import type { CalibrationHoldout, SummaryColumns } from "../clv/summary";
import { DAY_MS } from "../stats/calendar";
import type { PurchaseHistory } from "../repeat/purchase-history";

/** Start (epoch ms) of a store-calendar day number. */
function dayStart(h: PurchaseHistory, day: number): number {
  return day * DAY_MS - h.utcOffsetMinutes * 60_000;
}

/** Per-customer summaries as of the history's asOf. */
export function summariesFromHistory(h: PurchaseHistory, unitDays = 7): SummaryColumns {
  return calibrationFromHistory(h, h.asOf, unitDays).calibration;
}

/**
 * Calibration summaries (purchases up to `calibrationEnd`) for customers who had bought by then,
 * and their repeat purchase days after it (up to the history's asOf), for holdout validation.
 */
export function holdoutSplitFromHistory(h: PurchaseHistory, calibrationEnd: number, unitDays = 7): CalibrationHoldout {
  const end = Math.min(calibrationEnd, h.asOf);
  const { calibration, holdout } = calibrationFromHistory(h, end, unitDays);
  return {
    calibration,
    holdoutTransactions: holdout,
    holdoutDuration: (h.asOf - end) / (unitDays * DAY_MS),
    calibrationEnd: end,
    observationEnd: h.asOf,
  };
}

function calibrationFromHistory(h: PurchaseHistory, end: number, unitDays: number): { calibration: SummaryColumns; holdout: Float64Array } {
  if (!(unitDays > 0)) throw new RangeError(`unitDays must be positive, got ${unitDays}`);
  const unitMs = unitDays * DAY_MS;
  const customers = h.customerIds.length;
  const all = end >= h.asOf;
  const ids: string[] = all ? h.customerIds : [];
  const x = new Float64Array(customers);
  const tx = new Float64Array(customers);
  const T = new Float64Array(customers);
  const m = new Float64Array(customers);
  const holdout = new Float64Array(customers);
  let k = 0;
  for (let c = 0; c < customers; c++) {
    const s = h.start[c];
    const e = h.start[c + 1];
    if (!(h.purchaseAt[s] <= end)) continue; // first purchase after the calibration end
    let p = s + 1;
    let value = 0;
    for (; p < e && h.purchaseAt[p] <= end; p++) value += h.purchaseValue[p];
    const repeats = p - s - 1;
    const firstDay = h.purchaseDay[s];
    if (!all) ids.push(h.customerIds[c]);
    x[k] = repeats;
    tx[k] = ((h.purchaseDay[p - 1] - firstDay) * DAY_MS) / unitMs;
    T[k] = (end - dayStart(h, firstDay)) / unitMs;
    m[k] = repeats > 0 ? value / repeats : 0;
    holdout[k] = e - p;
    k++;
  }
  // Views, not copies: a calibration period drops few customers, copying would double the arrays.
  const trim = <A extends Float64Array>(a: A) => (k === customers ? a : (a.subarray(0, k) as A));
  return { calibration: { customerIds: ids, x: trim(x), tx: trim(tx), T: trim(T), m: trim(m), unitDays }, holdout: trim(holdout) };
}
