/**
 * Per-order delivery facts for millions of orders, as a struct of typed arrays (row i =
 * orders[i]). Built in one pass without per-order allocation; every analysis of the
 * delivery journey (audit, delivery→LTV link) reads from it.
 *
 * Rules (all timestamps after `asOf` are ignored, so history can be replayed):
 * - Timing uses the first shipment (earliest fulfillment); exceptions count on any shipment.
 * - Carrier events may arrive in any order, duplicated or without timestamps: each milestone
 *   takes the earliest valid time; exception flags do not need a timestamp.
 * - Late = delivered after `promisedDeliveryAt`; lateness is counted in started days
 *   (ceil), so 3 hours late is 1 day late. An undelivered order whose promise has passed is
 *   late so far only when we would know of a delivery (it was never shipped, or its carrier
 *   reports events), and only for STALE_AFTER_PROMISE_DAYS; otherwise it is "no delivery data".
 */
import type { Order } from "../types";
import { DAY_MS, HOUR_MS } from "../stats/calendar";
import { isShippingOrder, placedAt } from "./order-facts";

/** Why a row is (not) part of the delivery figures. */
export const SCOPE = { INCLUDED: 0, CANCELLED: 1, NON_SHIPPING: 2, AFTER_AS_OF: 3, NO_ORDER_DATE: 4 } as const;

/** On-time outcome of an included order. */
export const OUTCOME = {
  ON_TIME: 0,
  LATE_1_2: 1,
  LATE_3_PLUS: 2,
  /** Not delivered yet and its promise (or, without one, the first 14 days) has not passed. */
  PENDING: 3,
  /** No delivery promise: on-time cannot be judged. */
  NO_PROMISE: 4,
  /** Promise passed and nothing tells whether or when it arrived. */
  NO_DELIVERY_DATA: 5,
  NOT_APPLICABLE: 6,
} as const;

export const FLAG = {
  FULFILLED: 1,
  TRACKING: 2,
  CARRIER_EVENTS: 4,
  DELIVERED: 8,
  DELAYED: 16,
  FAILURE: 32,
  ATTEMPTED_DELIVERY: 64,
  READY_FOR_PICKUP: 128,
  RETURNED: 256,
  REFUNDED: 512,
  INCONSISTENT_TIMES: 1024,
  MULTIPLE_SHIPMENTS: 2048,
  UNDELIVERED_PAST_PROMISE: 4096,
  /** Shipped, no longer pending, and no delivered timestamp. */
  NO_DELIVERED_TIMESTAMP: 8192,
  /** A return (known by asOf) gives damage as a reason: damaged in transit or on arrival. */
  DAMAGE_RETURN: 16384,
} as const;

/** Return reasons that mean the goods arrived damaged or broken. */
export const DAMAGE_REASON = /damag|defect|broken|faulty/i;

export const OUTCOME_NAMES = ["on_time", "late_1_2", "late_3_plus", "pending", "no_promise", "no_delivery_data", "not_applicable"] as const;
export type OutcomeName = (typeof OUTCOME_NAMES)[number];

export const SCOPE_NAMES = ["included", "cancelled", "non_shipping", "after_as_of", "no_order_date"] as const;
export type ScopeName = (typeof SCOPE_NAMES)[number];

export const EXCEPTION_FLAGS = FLAG.DELAYED | FLAG.FAILURE | FLAG.ATTEMPTED_DELIVERY;

/** Without a promise, an undelivered order counts as in flight for this long. */
export const PENDING_WITHOUT_PROMISE_DAYS = 14;
/** Past this many days after the promise, "still undelivered" is more likely missing data than lateness. */
export const STALE_AFTER_PROMISE_DAYS = 30;

export interface JourneyTable {
  size: number;
  asOf: number;
  scope: Uint8Array;
  outcome: Uint8Array;
  flags: Uint16Array;
  /** Started days late (0 = on time); NaN when on-time was not judged. */
  latenessDays: Float32Array;
  /** When the order was placed (epoch ms; NaN when unknown). */
  placedAt: Float64Array;
  /**
   * Milestones in hours after placedAt (NaN = unknown). Relative float32 hours keep a
   * million rows small (second-level precision over a year) and feed the windows directly.
   */
  fulfilledH: Float32Array;
  pickupH: Float32Array;
  inTransitH: Float32Array;
  outForDeliveryH: Float32Array;
  deliveredH: Float32Array;
  readyForPickupH: Float32Array;
  /** Windows in hours (NaN when unknown or when the timestamps contradict each other). */
  processingHours: Float32Array;
  pickupLagHours: Float32Array;
  transitHours: Float32Array;
  orderToDeliveryHours: Float32Array;
  /** Index of the timing fulfillment in order.fulfillments, -1 when none. */
  firstShipment: Int16Array;
  /** Return reason handle → returned lines, over included orders. */
  returnReasons: Map<string, number>;
  /**
   * Breakdown keys of included orders, dictionary-encoded while the order is in hand:
   * dimCodes[i · DIM_COUNT + k] indexes dimKeys[k] (k in DIM_NAMES order; 0xffff = none).
   */
  dimCodes: Uint16Array;
  dimKeys: string[][];
}

/** Breakdown dimensions read from the order (month is derived from placedAt). */
export const DIM_NAMES = ["carrier", "speed", "service", "channel", "region"] as const;
export const DIM_COUNT = DIM_NAMES.length;
export const NOT_SHIPPED = "(not shipped)";
export const NO_CARRIER = "(no carrier)";
export const UNKNOWN_KEY = "(unknown)";
export const OTHER_KEY = "(other)";
const MAX_CODES = 65_000;

/** Shipped without tracking. */
export function hasNoTracking(flags: number): boolean {
  return (flags & (FLAG.FULFILLED | FLAG.TRACKING)) === FLAG.FULFILLED;
}

/** Tracking number present but the carrier never reported a scan. */
export function hasTrackingWithoutEvents(flags: number): boolean {
  return (flags & (FLAG.TRACKING | FLAG.CARRIER_EVENTS)) === FLAG.TRACKING;
}

function allocate(n: number, asOf: number): JourneyTable {
  return {
    size: 0,
    asOf,
    scope: new Uint8Array(n),
    outcome: new Uint8Array(n),
    flags: new Uint16Array(n),
    latenessDays: new Float32Array(n),
    placedAt: new Float64Array(n),
    fulfilledH: new Float32Array(n),
    pickupH: new Float32Array(n),
    inTransitH: new Float32Array(n),
    outForDeliveryH: new Float32Array(n),
    deliveredH: new Float32Array(n),
    readyForPickupH: new Float32Array(n),
    processingHours: new Float32Array(n),
    pickupLagHours: new Float32Array(n),
    transitHours: new Float32Array(n),
    orderToDeliveryHours: new Float32Array(n),
    firstShipment: new Int16Array(n),
    returnReasons: new Map(),
    dimCodes: new Uint16Array(n * DIM_COUNT),
    dimKeys: DIM_NAMES.map(() => []),
  };
}

type Column = Exclude<keyof JourneyTable, "size" | "asOf" | "returnReasons" | "dimKeys">;
const COLUMNS: readonly Column[] = [
  "scope", "outcome", "flags", "latenessDays", "placedAt", "fulfilledH", "pickupH", "inTransitH", "outForDeliveryH",
  "deliveredH", "readyForPickupH", "processingHours", "pickupLagHours", "transitHours", "orderToDeliveryHours", "firstShipment", "dimCodes",
];

/** The unknown / not-applicable value of every column of row i. */
function resetRow(t: JourneyTable, i: number): void {
  t.scope[i] = 0;
  t.outcome[i] = OUTCOME.NOT_APPLICABLE;
  t.flags[i] = 0;
  t.placedAt[i] = Number.NaN;
  t.latenessDays[i] = Number.NaN;
  t.fulfilledH[i] = Number.NaN;
  t.pickupH[i] = Number.NaN;
  t.inTransitH[i] = Number.NaN;
  t.outForDeliveryH[i] = Number.NaN;
  t.deliveredH[i] = Number.NaN;
  t.readyForPickupH[i] = Number.NaN;
  t.processingHours[i] = Number.NaN;
  t.pickupLagHours[i] = Number.NaN;
  t.transitHours[i] = Number.NaN;
  t.orderToDeliveryHours[i] = Number.NaN;
  t.firstShipment[i] = -1;
  const base = i * DIM_COUNT; // plain stores: a 5-slot fill() costs a builtin call per order
  for (let k = 0; k < DIM_COUNT; k++) t.dimCodes[base + k] = 0xffff;
}

/**
 * Writes the table one order at a time, as the orders stream past (row i = the i-th distinct
 * order). A row may be written again for a newer version of its order: every column is reset
 * first, and its return reasons are withdrawn, so the table is exactly as if only the last
 * version had been seen.
 */
export class JourneyTableBuilder {
  private t: JourneyTable;
  private capacity: number;
  // Few distinct keys per dimension: Maps reuse the strings' cached hashes.
  private readonly dims = DIM_NAMES.map(() => new Map<string, number>());
  /**
   * The last raw value (before cleaning) and its code, per dimension: each order's values are
   * fresh strings, so a Map lookup hashes them again, while consecutive orders often repeat one.
   */
  private readonly lastRaw: (string | null)[] = DIM_NAMES.map(() => null);
  private readonly lastCode = new Int32Array(DIM_COUNT).fill(-1);
  /** Return reasons as (row, reason) entries; a row's entries are contiguous from reasonStart[row]. */
  private reasonRow = new Int32Array(256);
  private readonly reasonKey: string[] = [];
  private reasonStart: Int32Array;
  private rewrites = 0;

  constructor(asOf: number, expectedOrders = 0) {
    if (!Number.isFinite(asOf)) throw new RangeError("buildJourneyTable: asOf must be epoch ms");
    this.capacity = Math.max(1024, expectedOrders);
    this.t = allocate(this.capacity, asOf);
    this.reasonStart = new Int32Array(this.capacity);
  }

  write(i: number, o: Order): void {
    if (i >= this.capacity) this.grow(i + 1);
    const t = this.t;
    if (i < t.size) {
      this.withdrawReasons(i);
      this.rewrites++;
    } else {
      t.size = i + 1;
      this.reasonStart[i] = -1;
    }
    // fillRow writes every column of the row (resetting the ones an excluded order leaves unknown).
    if (fillRow(o, t, i, this)) this.encodeDims(o, i);
  }

  private encodeDims(o: Order, i: number): void {
    const t = this.t;
    const codes = t.dimCodes;
    const base = i * DIM_COUNT;
    const shipment = t.firstShipment[i];
    codes[base] = shipment < 0 ? this.code(0, NOT_SHIPPED, carrierKey) : this.code(0, o.fulfillments[shipment].carrier, carrierKey);
    codes[base + 1] = this.code(1, o.shippingSpeed, asIs);
    codes[base + 2] = this.code(2, o.shippingTitle, cleaned);
    codes[base + 3] = this.code(3, o.channel, cleaned);
    codes[base + 4] = this.code(4, o.destinationRegion, cleaned);
  }

  /** The code of dimension d's raw value (`key` cleans it into the dictionary key). */
  private code(d: number, raw: string | null, key: (raw: string | null) => string): number {
    if (raw !== null && raw === this.lastRaw[d]) return this.lastCode[d];
    const c = code(this.dims[d], this.t.dimKeys[d], key(raw));
    this.lastRaw[d] = raw;
    this.lastCode[d] = c;
    return c;
  }

  /** @internal fillRow's sink for a returned line's reason. */
  addReason(i: number, reason: string): void {
    const k = this.reasonKey.length;
    if (this.reasonStart[i] < 0) this.reasonStart[i] = k;
    if (k >= this.reasonRow.length) {
      const grown = new Int32Array(this.reasonRow.length * 2);
      grown.set(this.reasonRow);
      this.reasonRow = grown;
    }
    this.reasonRow[k] = i;
    this.reasonKey.push(reason);
  }

  finish(): JourneyTable {
    const t = this.t;
    const n = t.size;
    const out = { ...t, returnReasons: new Map<string, number>() };
    for (const c of COLUMNS) (out[c] as unknown) = t[c].subarray(0, c === "dimCodes" ? n * DIM_COUNT : n);
    if (this.rewrites > 0) dropUnusedKeys(out);
    for (let k = 0; k < this.reasonKey.length; k++) {
      if (this.reasonRow[k] < 0) continue;
      const reason = this.reasonKey[k];
      out.returnReasons.set(reason, (out.returnReasons.get(reason) ?? 0) + 1);
    }
    return out;
  }

  private withdrawReasons(i: number): void {
    const from = this.reasonStart[i];
    if (from < 0) return;
    for (let k = from; k < this.reasonKey.length && this.reasonRow[k] === i; k++) this.reasonRow[k] = -1;
    this.reasonStart[i] = -1;
  }

  private grow(atLeast: number): void {
    let n = this.capacity;
    while (n < atLeast) n *= 2;
    const old = this.t;
    const t = allocate(n, old.asOf);
    for (const c of COLUMNS) (t[c] as { set(a: ArrayLike<number>): void }).set(old[c]);
    t.size = old.size;
    t.dimKeys = old.dimKeys;
    this.t = t;
    const start = new Int32Array(n);
    start.set(this.reasonStart);
    this.reasonStart = start;
    this.capacity = n;
  }
}

/**
 * After rows were rewritten, keys only an earlier version used are still in the dictionaries:
 * renumber the keys in order of first use by the final rows, exactly as if only those had been seen.
 */
function dropUnusedKeys(t: JourneyTable): void {
  for (let d = 0; d < DIM_COUNT; d++) {
    const old = t.dimKeys[d];
    const renumbered = new Int32Array(old.length).fill(-1);
    const keys: string[] = [];
    for (let i = d; i < t.dimCodes.length; i += DIM_COUNT) {
      const c = t.dimCodes[i];
      if (c === 0xffff) continue;
      if (renumbered[c] < 0) {
        renumbered[c] = keys.length;
        keys.push(old[c]);
      }
      t.dimCodes[i] = renumbered[c];
    }
    t.dimKeys[d] = keys;
  }
}

export function buildJourneyTable(orders: readonly Order[], asOf: number): JourneyTable {
  const b = new JourneyTableBuilder(asOf, orders.length);
  for (let i = 0; i < orders.length; i++) b.write(i, orders[i]);
  return b.finish();
}

function cleaned(s: string | null): string {
  if (s === null) return UNKNOWN_KEY;
  const x = s.trim();
  return x === "" ? UNKNOWN_KEY : x;
}

function asIs(s: string | null): string {
  return s ?? UNKNOWN_KEY;
}

function carrierKey(c: string | null): string {
  if (c === null) return NO_CARRIER;
  const x = c.trim();
  return x === "" ? NO_CARRIER : x;
}

function code(map: Map<string, number>, keys: string[], key: string): number {
  let c = map.get(key);
  if (c === undefined) {
    if (keys.length >= MAX_CODES) key = OTHER_KEY; // absurd cardinality: fold at the source
    c = map.get(key);
    if (c === undefined) {
      c = keys.length;
      map.set(key, c);
      keys.push(key);
    }
  }
  return c;
}

/** A usable timestamp: finite and not after asOf; NaN otherwise. */
function known(x: number | null | undefined, asOf: number): number {
  return typeof x === "number" && x <= asOf && x > -8.64e15 ? x : Number.NaN;
}

/** Earliest of two times, where NaN means "unknown". */
function earliest(a: number, b: number): number {
  return a !== a ? b : b !== b ? a : a < b ? a : b;
}

function hoursBetween(from: number, to: number): number {
  const d = to - from;
  return d >= 0 ? d / HOUR_MS : Number.NaN;
}

/** Writes row i from the order (every column); returns whether the order is included. */
function fillRow(o: Order, t: JourneyTable, i: number, reasons: { addReason(i: number, reason: string): void }): boolean {
  const asOf = t.asOf;
  const placed = placedAt(o);
  const scope = !Number.isFinite(placed)
    ? SCOPE.NO_ORDER_DATE
    : placed > asOf
      ? SCOPE.AFTER_AS_OF
      : o.cancelledAt !== null && o.cancelledAt <= asOf
        ? SCOPE.CANCELLED
        : isShippingOrder(o)
          ? SCOPE.INCLUDED
          : SCOPE.NON_SHIPPING;
  if (scope !== SCOPE.INCLUDED) {
    resetRow(t, i);
    t.scope[i] = scope;
    if (scope !== SCOPE.NO_ORDER_DATE) t.placedAt[i] = placed;
    return false;
  }
  t.scope[i] = SCOPE.INCLUDED;
  t.placedAt[i] = placed;
  let flags = 0;

  // Returns and refunds (known by asOf; a missing date still counts).
  const rets = o.returns;
  for (let r = 0; r < rets.length; r++) {
    const created = rets[r].createdAt;
    if (typeof created === "number" && created > asOf) continue;
    flags |= FLAG.RETURNED;
    const lineReasons = rets[r].reasons;
    for (let k = 0; k < lineReasons.length; k++) {
      reasons.addReason(i, lineReasons[k]);
      if (DAMAGE_REASON.test(lineReasons[k])) flags |= FLAG.DAMAGE_RETURN;
    }
  }
  const refunds = o.refunds;
  for (let r = 0; r < refunds.length; r++) {
    const created = refunds[r].createdAt;
    if (refunds[r].amount > 0 && !(typeof created === "number" && created > asOf)) flags |= FLAG.REFUNDED;
  }

  // Shipments: pick the first for timing; collect tracking/events/exceptions on all. One walk
  // of the events: a shipment that is the first so far also takes its milestones (earliest
  // valid time each), which a later, earlier-created shipment replaces.
  const fs = o.fulfillments;
  let first = -1;
  let firstAt = Infinity;
  let shipments = 0;
  let pickup = Number.NaN;
  let inTransitEvent = Number.NaN;
  let outFor = Number.NaN;
  let ready = Number.NaN;
  let deliveredEvent = Number.NaN;
  for (let k = 0; k < fs.length; k++) {
    const f = fs[k];
    const created = f.createdAt;
    if (typeof created === "number" && created > asOf) continue; // fulfilled after asOf
    shipments++;
    const c = known(created, asOf);
    // Earliest creation time wins; one with an unknown time only when nothing better exists.
    const timing = first < 0 || c < firstAt;
    if (timing) {
      first = k;
      firstAt = c === c ? c : Infinity;
      pickup = inTransitEvent = outFor = ready = deliveredEvent = Number.NaN;
    }
    if (f.hasTracking) flags |= FLAG.TRACKING;
    const ev = f.events;
    for (let e = 0; e < ev.length; e++) {
      const at = ev[e].happenedAt;
      if (typeof at === "number" && at > asOf) continue;
      switch (ev[e].status) {
        case "DELAYED":
          flags |= FLAG.DELAYED | FLAG.CARRIER_EVENTS;
          break;
        case "FAILURE":
          flags |= FLAG.FAILURE | FLAG.CARRIER_EVENTS;
          break;
        case "ATTEMPTED_DELIVERY":
          flags |= FLAG.ATTEMPTED_DELIVERY | FLAG.CARRIER_EVENTS;
          break;
        case "READY_FOR_PICKUP":
          flags |= FLAG.READY_FOR_PICKUP | FLAG.CARRIER_EVENTS;
          if (timing) ready = earliest(ready, known(at, asOf));
          break;
        case "LABEL_PURCHASED":
        case "LABEL_PRINTED":
        case "CONFIRMED":
          break; // merchant-side, not carrier scans
        case "CARRIER_PICKED_UP":
          flags |= FLAG.CARRIER_EVENTS;
          if (timing) pickup = earliest(pickup, known(at, asOf));
          break;
        case "IN_TRANSIT":
          flags |= FLAG.CARRIER_EVENTS;
          if (timing) inTransitEvent = earliest(inTransitEvent, known(at, asOf));
          break;
        case "OUT_FOR_DELIVERY":
          flags |= FLAG.CARRIER_EVENTS;
          if (timing) outFor = earliest(outFor, known(at, asOf));
          break;
        case "DELIVERED":
          flags |= FLAG.CARRIER_EVENTS;
          if (timing) deliveredEvent = earliest(deliveredEvent, known(at, asOf));
          break;
        default:
          flags |= FLAG.CARRIER_EVENTS;
      }
    }
  }

  let fulfilledAt = Number.NaN;
  let inTransit = Number.NaN;
  let deliveredAt = Number.NaN;
  if (shipments > 0) {
    flags |= FLAG.FULFILLED;
    if (shipments > 1) flags |= FLAG.MULTIPLE_SHIPMENTS;
    const f = fs[first];
    fulfilledAt = known(f.createdAt, asOf);
    inTransit = earliest(known(f.inTransitAt, asOf), inTransitEvent);
    deliveredAt = earliest(known(f.deliveredAt, asOf), deliveredEvent);
    if (deliveredAt < placed) {
      flags |= FLAG.INCONSISTENT_TIMES; // delivered before it was ordered: unusable
      deliveredAt = Number.NaN;
    }
  }
  // Without a shipment every milestone is NaN (unknown).
  t.firstShipment[i] = first;
  t.fulfilledH[i] = (fulfilledAt - placed) / HOUR_MS;
  t.pickupH[i] = (pickup - placed) / HOUR_MS;
  t.inTransitH[i] = (inTransit - placed) / HOUR_MS;
  t.outForDeliveryH[i] = (outFor - placed) / HOUR_MS;
  t.deliveredH[i] = (deliveredAt - placed) / HOUR_MS;
  t.readyForPickupH[i] = (ready - placed) / HOUR_MS;
  const startAt = pickup === pickup ? pickup : inTransit;
  if (deliveredAt === deliveredAt) flags |= FLAG.DELIVERED;

  // Windows; a negative gap means contradictory timestamps, not a fast delivery.
  const proc = hoursBetween(placed, fulfilledAt);
  const lag = hoursBetween(fulfilledAt, startAt);
  const transit = hoursBetween(startAt, deliveredAt);
  t.processingHours[i] = proc;
  t.pickupLagHours[i] = lag;
  t.transitHours[i] = transit;
  t.orderToDeliveryHours[i] = hoursBetween(placed, deliveredAt);
  if (
    (proc !== proc && fulfilledAt === fulfilledAt) ||
    (lag !== lag && fulfilledAt === fulfilledAt && startAt === startAt) ||
    (transit !== transit && startAt === startAt && deliveredAt === deliveredAt)
  ) {
    flags |= FLAG.INCONSISTENT_TIMES;
  }

  // On-time outcome.
  const promise = o.promisedDeliveryAt;
  const hasPromise = typeof promise === "number" && Number.isFinite(promise);
  let outcome: number;
  let lateness = Number.NaN;
  if (deliveredAt === deliveredAt) {
    if (hasPromise) {
      lateness = Math.max(0, Math.ceil((deliveredAt - promise) / DAY_MS));
      outcome = lateness === 0 ? OUTCOME.ON_TIME : lateness <= 2 ? OUTCOME.LATE_1_2 : OUTCOME.LATE_3_PLUS;
    } else {
      outcome = OUTCOME.NO_PROMISE;
    }
  } else if (hasPromise) {
    const knownUndelivered = (flags & FLAG.FULFILLED) === 0 || (flags & FLAG.CARRIER_EVENTS) !== 0;
    if (asOf <= promise) outcome = OUTCOME.PENDING;
    else if (knownUndelivered && asOf - promise <= STALE_AFTER_PROMISE_DAYS * DAY_MS) {
      lateness = Math.ceil((asOf - promise) / DAY_MS);
      outcome = lateness <= 2 ? OUTCOME.LATE_1_2 : OUTCOME.LATE_3_PLUS;
      flags |= FLAG.UNDELIVERED_PAST_PROMISE;
    } else outcome = OUTCOME.NO_DELIVERY_DATA;
  } else {
    outcome = asOf - placed < PENDING_WITHOUT_PROMISE_DAYS * DAY_MS ? OUTCOME.PENDING : OUTCOME.NO_PROMISE;
  }
  if ((flags & (FLAG.FULFILLED | FLAG.DELIVERED)) === FLAG.FULFILLED && outcome !== OUTCOME.PENDING) flags |= FLAG.NO_DELIVERED_TIMESTAMP;
  t.outcome[i] = outcome;
  t.latenessDays[i] = lateness;
  t.flags[i] = flags;
  return true;
}
