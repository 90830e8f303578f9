/**
 * Compact per-order exception facts: one row per order that had a delivery exception, with only
 * what the rules test (exception kinds, customer type, spend before the order, order value, days
 * late). Built once from the orders (journey table + purchase history, shared with the audit),
 * packed into bytes for storage, so counting a rule's triggers over a million orders reads a few
 * typed arrays instead of the orders.
 */
import type { Order } from "../types";
import { dayNumber } from "../stats/calendar";
import { OrderTablesBuilder } from "../analyze/order-tables";
import { FLAG, OUTCOME, SCOPE, type JourneyTable } from "../journey/journey-table";
import { purchaseHistoryFromRows, type PurchaseHistory } from "../repeat/purchase-history";
import type { ExceptionKind } from "./rule-schema";

export const KIND_BIT: Record<ExceptionKind, number> = { delay: 1, failed_delivery: 2, damage: 4, unknown: 8 };
export const CUSTOMER_CODE = { guest: 0, first_order: 1, returning: 2 } as const;

/** Return reason handles that mean the item arrived damaged or faulty. */

export interface ExceptionFacts {
  asOf: number;
  /** Orders scanned (after de-duplication). */
  ordersScanned: number;
  size: number;
  kinds: Uint8Array;
  customer: Uint8Array;
  priorPurchases: Uint16Array;
  priorSpend: Float32Array;
  orderValue: Float32Array;
  /** Started days late; NaN when not judged late. */
  daysLate: Float32Array;
  placedAt: Float64Array;
}

export interface FactsOptions {
  asOf: number;
  utcOffsetMinutes?: number;
}

function exceptionKinds(table: JourneyTable, i: number): number {
  if (table.scope[i] !== SCOPE.INCLUDED) return 0;
  const flags = table.flags[i];
  const outcome = table.outcome[i];
  let k = 0;
  if (outcome === OUTCOME.LATE_1_2 || outcome === OUTCOME.LATE_3_PLUS || flags & FLAG.DELAYED) k |= KIND_BIT.delay;
  if (flags & (FLAG.FAILURE | FLAG.ATTEMPTED_DELIVERY)) k |= KIND_BIT.failed_delivery;
  if (flags & FLAG.DAMAGE_RETURN) k |= KIND_BIT.damage;
  if (k === 0 && outcome === OUTCOME.NO_DELIVERY_DATA) k |= KIND_BIT.unknown;
  return k;
}

/** Running total of purchase values, so spend before any day is two lookups (customers with thousands of purchases stay cheap). */
function cumulativeSpend(history: PurchaseHistory): Float64Array {
  const v = history.purchaseValue;
  const cum = new Float64Array(v.length + 1);
  for (let p = 0; p < v.length; p++) cum[p + 1] = cum[p] + v[p];
  return cum;
}

/** First purchase of customer c on or after `day` (binary search over its days). */
function firstPurchaseFrom(history: PurchaseHistory, c: number, day: number): number {
  let lo = history.start[c];
  let hi = history.start[c + 1];
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (history.purchaseDay[mid] < day) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function buildExceptionFacts(input: readonly Order[], options: FactsOptions): ExceptionFacts {
  // The same one pass as the store analysis: dedupe, journey table and order rows together.
  const tables = new OrderTablesBuilder(options.asOf, input.length);
  for (const o of input) tables.add(o);
  const { table, rows } = tables.finish();
  return exceptionFactsFromTables(table, purchaseHistoryFromRows(rows, { asOf: options.asOf, utcOffsetMinutes: options.utcOffsetMinutes }));
}

/** The facts from the journey table and purchase history of the same orders (built once by the store analysis). */
export function exceptionFactsFromTables(table: JourneyTable, history: PurchaseHistory): ExceptionFacts {
  const asOf = table.asOf;
  const offset = history.utcOffsetMinutes;
  const orders = history.rows;
  if (orders.size !== table.size || history.asOf !== asOf) throw new RangeError("exceptionFactsFromTables: table and history come from different orders");
  const rows: number[] = [];
  const kindsOf: number[] = [];
  for (let i = 0; i < table.size; i++) {
    const k = exceptionKinds(table, i);
    if (k !== 0) {
      rows.push(i);
      kindsOf.push(k);
    }
  }
  // Row customer → history customer (customers without a counted purchase are not in the history).
  const historyCustomer = new Int32Array(orders.customerIds.length).fill(-1);
  for (let c = 0; c < history.customerIds.length; c++) historyCustomer[orders.customer[history.firstOrderIndex[c]]] = c;
  const cum = cumulativeSpend(history);

  const n = rows.length;
  const f: ExceptionFacts = {
    asOf,
    ordersScanned: table.size,
    size: n,
    kinds: Uint8Array.from(kindsOf),
    customer: new Uint8Array(n),
    priorPurchases: new Uint16Array(n),
    priorSpend: new Float32Array(n),
    orderValue: new Float32Array(n),
    daysLate: new Float32Array(n).fill(Number.NaN),
    placedAt: new Float64Array(n),
  };
  for (let r = 0; r < n; r++) {
    const i = rows[r];
    const at = orders.placedAt[i];
    f.placedAt[r] = at;
    f.orderValue[r] = orders.totalPrice[i];
    const late = table.latenessDays[i];
    if (late > 0) f.daysLate[r] = late;
    const c = orders.customer[i] < 0 ? -1 : historyCustomer[orders.customer[i]];
    if (c < 0) {
      f.customer[r] = CUSTOMER_CODE.guest;
      continue;
    }
    const from = history.start[c];
    const until = firstPurchaseFrom(history, c, dayNumber(at, offset));
    const count = until - from;
    f.customer[r] = count === 0 ? CUSTOMER_CODE.first_order : CUSTOMER_CODE.returning;
    f.priorPurchases[r] = Math.min(count, 0xffff);
    f.priorSpend[r] = cum[until] - cum[from];
  }
  return f;
}

// Storage: a small header, then the arrays at 8-byte aligned offsets so they can be viewed in place.
const MAGIC = 0x45584631; // "EXF1"
const HEADER_BYTES = 32;
const COLUMNS = [
  ["placedAt", 8],
  ["priorSpend", 4],
  ["orderValue", 4],
  ["daysLate", 4],
  ["priorPurchases", 2],
  ["kinds", 1],
  ["customer", 1],
] as const;

const align8 = (x: number) => Math.ceil(x / 8) * 8;

export function packExceptionFacts(f: ExceptionFacts): Uint8Array {
  let size = HEADER_BYTES;
  for (const [, bytes] of COLUMNS) size += align8(f.size * bytes);
  const buf = new ArrayBuffer(size);
  const head = new DataView(buf);
  head.setUint32(0, MAGIC, true);
  head.setUint32(4, f.size, true);
  head.setFloat64(8, f.asOf, true);
  head.setFloat64(16, f.ordersScanned, true);
  const out = new Uint8Array(buf);
  let at = HEADER_BYTES;
  for (const [name, bytes] of COLUMNS) {
    const col = f[name];
    out.set(new Uint8Array(col.buffer, col.byteOffset, f.size * bytes), at);
    at += align8(f.size * bytes);
  }
  return out;
}

export function unpackExceptionFacts(bytes: Uint8Array): ExceptionFacts {
  if (bytes.byteLength < HEADER_BYTES) throw new RangeError("exception facts: truncated header");
  // Copy into a fresh buffer: stored bytes may sit at any offset of a larger buffer.
  const buf = bytes.slice().buffer;
  const head = new DataView(buf);
  if (head.getUint32(0, true) !== MAGIC) throw new RangeError("exception facts: unknown format");
  const n = head.getUint32(4, true);
  let at = HEADER_BYTES;
  const view = <T>(make: (b: ArrayBuffer, o: number, l: number) => T, bytesPer: number): T => {
    if (at + n * bytesPer > buf.byteLength) throw new RangeError("exception facts: truncated data");
    const v = make(buf, at, n);
    at += align8(n * bytesPer);
    return v;
  };
  const placedAtCol = view((b, o, l) => new Float64Array(b, o, l), 8);
  const priorSpend = view((b, o, l) => new Float32Array(b, o, l), 4);
  const orderValue = view((b, o, l) => new Float32Array(b, o, l), 4);
  const daysLate = view((b, o, l) => new Float32Array(b, o, l), 4);
  const priorPurchases = view((b, o, l) => new Uint16Array(b, o, l), 2);
  const kinds = view((b, o, l) => new Uint8Array(b, o, l), 1);
  const customer = view((b, o, l) => new Uint8Array(b, o, l), 1);
  return {
    asOf: head.getFloat64(8, true),
    ordersScanned: head.getFloat64(16, true),
    size: n,
    kinds,
    customer,
    priorPurchases,
    priorSpend,
    orderValue,
    daysLate,
    placedAt: placedAtCol,
  };
}
