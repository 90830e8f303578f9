/**
 * Orders → per-customer (frequency, recency, T, monetary value) summaries, the input of the
 * buy-till-you-die models, with the literature's conventions (Fader, Hardie & Lee 2005):
 * - which orders are purchases is `purchaseStatus` (journey/order-facts.ts), the definition the
 *   repeat analysis uses too: guests and orders cancelled by the end are left out, an order
 *   cancelled later still counts;
 * - all orders of one customer on one shop calendar day (`utcOffsetMinutes`, default UTC) are one
 *   transaction (their values add up), as in the purchase history;
 * - frequency x = repeat transactions (distinct purchase days after the first);
 * - recency tx = first → last purchase day, T = first purchase day → end, in `unitDays` units;
 * - monetary value = mean value of the repeat transactions, net of refunds known by the end.
 * Work is columnar (typed arrays, counting sort by customer, one scan) so a million orders is cheap.
 */

import type { CustomerSummary, EpochMs, Order } from "../types";
import { PURCHASE, netOrderValue, placedAt, purchaseStatus } from "../journey/order-facts";
import { dayNumber } from "../stats/calendar";

export const DAY_MS = 86_400_000;

export interface SummaryOptions {
  /** Model time unit in days (default 7: weeks, as in the literature). */
  unitDays?: number;
  /** Summarize as of this instant instead of `asOf` when earlier (calibration period end). */
  calibrationEnd?: EpochMs;
  /** Shop's offset from UTC in minutes: purchase days are shop calendar days (default 0). */
  utcOffsetMinutes?: number;
}

/** Purchases in columnar form: one entry per (non-cancelled, identified) order. */
export interface TransactionColumns {
  /** Customer index of each transaction, into `customerIds`. */
  customer: Int32Array;
  /** Purchase instant, epoch ms. */
  time: Float64Array;
  /** Value net of refunds. */
  value: Float64Array;
  customerIds: string[];
}

/** Per-customer summaries in columnar form (index i describes customerIds[i]). */
export interface SummaryColumns {
  customerIds: string[];
  /** Frequency: repeat transactions. */
  x: Float64Array;
  /** Recency, in model units. */
  tx: Float64Array;
  /** Age (first purchase → end), in model units. */
  T: Float64Array;
  /** Mean repeat-transaction value (0 when x = 0). */
  m: Float64Array;
  /** Model time unit in days. */
  unitDays: number;
}

export interface CalibrationHoldout {
  /** Summaries of customers whose first purchase is in the calibration period. */
  calibration: SummaryColumns;
  /** Repeat transactions (distinct purchase days) in the holdout period, per calibration customer. */
  holdoutTransactions: Float64Array;
  /** Holdout length in model units. */
  holdoutDuration: number;
  calibrationEnd: EpochMs;
  observationEnd: EpochMs;
}

/** Summaries as plain objects (see `summarizeCustomersColumnar` for large stores). */
export function summarizeCustomers(orders: readonly Order[], asOf: EpochMs, opts: SummaryOptions = {}): CustomerSummary[] {
  return summaryObjects(summarizeCustomersColumnar(orders, asOf, opts));
}

/** Summaries in typed arrays: the fast path for hundreds of thousands of customers. */
export function summarizeCustomersColumnar(orders: readonly Order[], asOf: EpochMs, opts: SummaryOptions = {}): SummaryColumns {
  const end = opts.calibrationEnd !== undefined ? Math.min(asOf, opts.calibrationEnd) : asOf;
  return summarizeTransactions(ordersToTransactions(orders, end), end, opts.unitDays, opts.utcOffsetMinutes);
}

/** Columnar summaries → `CustomerSummary` objects. */
export function summaryObjects(s: SummaryColumns): CustomerSummary[] {
  const out: CustomerSummary[] = new Array(s.customerIds.length);
  for (let i = 0; i < out.length; i++) {
    out[i] = { customerId: s.customerIds[i], frequency: s.x[i], recency: s.tx[i], T: s.T[i], monetaryValue: s.m[i] };
  }
  return out;
}

/** `CustomerSummary` objects → columns (for the model fitters). */
export function summaryColumns(summaries: readonly CustomerSummary[], unitDays = 7): SummaryColumns {
  const n = summaries.length;
  const s: SummaryColumns = {
    customerIds: new Array(n),
    x: new Float64Array(n),
    tx: new Float64Array(n),
    T: new Float64Array(n),
    m: new Float64Array(n),
    unitDays,
  };
  for (let i = 0; i < n; i++) {
    const c = summaries[i];
    s.customerIds[i] = c.customerId;
    s.x[i] = c.frequency;
    s.tx[i] = c.recency;
    s.T[i] = c.T;
    s.m[i] = c.monetaryValue;
  }
  return s;
}

/**
 * Orders → transaction columns, keeping orders placed by `end` (purchase instant =
 * processedAt, else createdAt). Duplicate order ids resolve to the newest `updatedAt`.
 * Refunds count only when created by `refundsKnownBy` (default `end`: what was known then);
 * values floor at 0.
 */
export function ordersToTransactions(orders: readonly Order[], end: EpochMs, refundsKnownBy: EpochMs = end): TransactionColumns {
  const winner = newestVersionIndex(orders);
  const customerIndex = new Map<string, number>();
  const customerIds: string[] = [];
  const customer = new Int32Array(orders.length);
  const time = new Float64Array(orders.length);
  const value = new Float64Array(orders.length);
  let n = 0;
  for (let i = 0; i < orders.length; i++) {
    const o = orders[i];
    if (winner !== null && winner.get(o.id) !== i) continue;
    if (purchaseStatus(o, end) !== PURCHASE.COUNTED) continue;
    const id = o.customerId as string;
    let c = customerIndex.get(id);
    if (c === undefined) {
      c = customerIds.length;
      customerIndex.set(id, c);
      customerIds.push(id);
    }
    customer[n] = c;
    time[n] = placedAt(o);
    value[n] = netOrderValue(o, refundsKnownBy);
    n++;
  }
  return { customer: customer.subarray(0, n), time: time.subarray(0, n), value: value.subarray(0, n), customerIds };
}

/** Index of the newest version of each order id, or null when all ids are distinct. */
function newestVersionIndex(orders: readonly Order[]): Map<string, number> | null {
  const seen = new Map<string, number>();
  let duplicates = false;
  for (let i = 0; i < orders.length; i++) {
    const id = orders[i].id;
    const prev = seen.get(id);
    if (prev === undefined) seen.set(id, i);
    else {
      duplicates = true;
      if (orders[i].updatedAt >= orders[prev].updatedAt) seen.set(id, i);
    }
  }
  return duplicates ? seen : null;
}

/** Transaction columns → per-customer summaries as of `end` (transactions after `end` are ignored). */
export function summarizeTransactions(tc: TransactionColumns, end: EpochMs, unitDays = 7, utcOffsetMinutes = 0): SummaryColumns {
  return summarizeCore(tc, end, end, unitDays, utcOffsetMinutes).calibration;
}

/**
 * Calibration summaries (orders up to `calibrationEnd`) plus each calibration customer's
 * repeat transactions in (calibrationEnd, observationEnd], for holdout validation.
 */
export function calibrationHoldoutSplit(
  orders: readonly Order[],
  opts: { calibrationEnd: EpochMs; observationEnd: EpochMs; unitDays?: number; utcOffsetMinutes?: number },
): CalibrationHoldout {
  if (!(opts.observationEnd >= opts.calibrationEnd)) throw new RangeError("observationEnd must not precede calibrationEnd");
  const unitDays = opts.unitDays ?? 7;
  // Calibration spend must not see refunds issued later (the holdout only counts days).
  const tc = ordersToTransactions(orders, opts.observationEnd, opts.calibrationEnd);
  const { calibration, holdout } = summarizeCore(tc, opts.calibrationEnd, opts.observationEnd, unitDays, opts.utcOffsetMinutes ?? 0);
  return {
    calibration,
    holdoutTransactions: holdout,
    holdoutDuration: (opts.observationEnd - opts.calibrationEnd) / (unitDays * DAY_MS),
    calibrationEnd: opts.calibrationEnd,
    observationEnd: opts.observationEnd,
  };
}

function summarizeCore(
  tc: TransactionColumns,
  calibrationEnd: EpochMs,
  observationEnd: EpochMs,
  unitDays: number,
  utcOffsetMinutes: number,
): { calibration: SummaryColumns; holdout: Float64Array } {
  if (!(unitDays > 0)) throw new RangeError(`unitDays must be positive, got ${unitDays}`);
  const unitMs = unitDays * DAY_MS;
  const offsetMs = utcOffsetMinutes * 60_000;
  const nCustomers = tc.customerIds.length;
  const nTx = tc.customer.length;
  // Counting sort by customer (stable, so time-ordered input stays ordered), copying times and
  // values into customer order: one scattered write per transaction, then sequential reads.
  const start = new Int32Array(nCustomers + 1);
  for (let i = 0; i < nTx; i++) start[tc.customer[i] + 1]++;
  for (let c = 0; c < nCustomers; c++) start[c + 1] += start[c];
  const fill = start.slice(0, nCustomers);
  const time = new Float64Array(nTx);
  const value = new Float64Array(nTx);
  for (let i = 0; i < nTx; i++) {
    const at = fill[tc.customer[i]]++;
    time[at] = tc.time[i];
    value[at] = tc.value[i];
  }

  const ids: string[] = [];
  const x = new Float64Array(nCustomers);
  const tx = new Float64Array(nCustomers);
  const T = new Float64Array(nCustomers);
  const m = new Float64Array(nCustomers);
  const holdout = new Float64Array(nCustomers);
  let k = 0;
  for (let c = 0; c < nCustomers; c++) {
    const lo = start[c];
    const hi = start[c + 1];
    if (lo === hi) continue;
    sortByTime(time, value, lo, hi);
    const firstTime = time[lo];
    if (!(firstTime <= calibrationEnd)) continue; // first purchase after calibration: not in this cohort
    const firstDay = dayNumber(firstTime, utcOffsetMinutes);
    let lastDay = firstDay;
    let lastCalibrationDay = firstDay;
    let repeatDays = 0;
    let repeatValue = 0;
    let holdoutDays = 0;
    for (let j = lo; j < hi; j++) {
      const t = time[j];
      const day = dayNumber(t, utcOffsetMinutes);
      const inCalibration = t <= calibrationEnd;
      if (day !== lastDay) {
        if (inCalibration) repeatDays++;
        else if (t <= observationEnd) holdoutDays++;
        lastDay = day;
      }
      if (inCalibration) {
        // Repeat spend: every calibration order after the first purchase day.
        if (day !== firstDay) repeatValue += value[j];
        lastCalibrationDay = day;
      }
    }
    ids.push(tc.customerIds[c]);
    x[k] = repeatDays;
    tx[k] = ((lastCalibrationDay - firstDay) * DAY_MS) / unitMs;
    T[k] = (calibrationEnd - (firstDay * DAY_MS - offsetMs)) / unitMs; // from the start of the shop's first purchase day
    m[k] = repeatDays > 0 ? repeatValue / repeatDays : 0;
    holdout[k] = holdoutDays;
    k++;
  }
  return {
    calibration: { customerIds: ids, x: x.slice(0, k), tx: tx.slice(0, k), T: T.slice(0, k), m: m.slice(0, k), unitDays },
    holdout: holdout.slice(0, k),
  };
}

/** Sorts the slice [lo, hi) of (time, value) pairs by time; input is usually already ordered. */
function sortByTime(time: Float64Array, value: Float64Array, lo: number, hi: number): void {
  let sorted = true;
  for (let j = lo + 1; j < hi && sorted; j++) sorted = time[j - 1] <= time[j];
  if (sorted) return;
  if (hi - lo > 32) {
    const order = Array.from({ length: hi - lo }, (_, i) => lo + i).sort((a, b) => time[a] - time[b]);
    const t = order.map((i) => time[i]);
    const v = order.map((i) => value[i]);
    time.set(t, lo);
    value.set(v, lo);
    return;
  }
  for (let j = lo + 1; j < hi; j++) {
    const t = time[j];
    const v = value[j];
    let p = j - 1;
    while (p >= lo && time[p] > t) {
      time[p + 1] = time[p];
      value[p + 1] = value[p];
      p--;
    }
    time[p + 1] = t;
    value[p + 1] = v;
  }
}
