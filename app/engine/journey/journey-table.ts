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
} as const;

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
  const nan32 = () => new Float32Array(n).fill(Number.NaN);
  return {
    size: n,
    asOf,
    scope: new Uint8Array(n),
    outcome: new Uint8Array(n).fill(OUTCOME.NOT_APPLICABLE),
    flags: new Uint16Array(n),
    latenessDays: nan32(),
    placedAt: new Float64Array(n).fill(Number.NaN),
    fulfilledH: nan32(),
    pickupH: nan32(),
    inTransitH: nan32(),
    outForDeliveryH: nan32(),
    deliveredH: nan32(),
    readyForPickupH: nan32(),
    processingHours: nan32(),
    pickupLagHours: nan32(),
    transitHours: nan32(),
    orderToDeliveryHours: nan32(),
    firstShipment: new Int16Array(n).fill(-1),
    returnReasons: new Map(),
    dimCodes: new Uint16Array(n * DIM_COUNT).fill(0xffff),
    dimKeys: DIM_NAMES.map(() => []),
  };
}

export function buildJourneyTable(orders: readonly Order[], asOf: number): JourneyTable {
  if (!Number.isFinite(asOf)) throw new RangeError("buildJourneyTable: asOf must be epoch ms");
  const t = allocate(orders.length, asOf);
  // Few distinct keys per dimension: Maps reuse the strings' cached hashes.
  const dims = DIM_NAMES.map(() => new Map<string, number>());
  for (let i = 0; i < orders.length; i++) {
    fillRow(orders[i], t, i);
    if (t.scope[i] === SCOPE.INCLUDED) encodeDims(orders[i], t, i, dims);
  }
  return t;
}

function cleaned(s: string | null): string {
  if (s === null) return UNKNOWN_KEY;
  const x = s.trim();
  return x === "" ? UNKNOWN_KEY : x;
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

function encodeDims(o: Order, t: JourneyTable, i: number, dims: Map<string, number>[]): void {
  const base = i * DIM_COUNT;
  const k = t.dimKeys;
  const shipment = t.firstShipment[i];
  let carrier = NOT_SHIPPED;
  if (shipment >= 0) {
    const c = o.fulfillments[shipment].carrier;
    carrier = c === null || c.trim() === "" ? NO_CARRIER : c.trim();
  }
  t.dimCodes[base] = code(dims[0], k[0], carrier);
  t.dimCodes[base + 1] = code(dims[1], k[1], o.shippingSpeed);
  t.dimCodes[base + 2] = code(dims[2], k[2], cleaned(o.shippingTitle));
  t.dimCodes[base + 3] = code(dims[3], k[3], cleaned(o.channel));
  t.dimCodes[base + 4] = code(dims[4], k[4], cleaned(o.destinationRegion));
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

function fillRow(o: Order, t: JourneyTable, i: number): void {
  const asOf = t.asOf;
  const placed = placedAt(o);
  if (!Number.isFinite(placed)) {
    t.scope[i] = SCOPE.NO_ORDER_DATE;
    return;
  }
  t.placedAt[i] = placed;
  if (placed > asOf) {
    t.scope[i] = SCOPE.AFTER_AS_OF;
    return;
  }
  if (o.cancelledAt !== null && o.cancelledAt <= asOf) {
    t.scope[i] = SCOPE.CANCELLED;
    return;
  }
  if (!isShippingOrder(o)) {
    t.scope[i] = SCOPE.NON_SHIPPING;
    return;
  }
  t.scope[i] = SCOPE.INCLUDED;
  let flags = 0;

  // Returns and refunds (known by asOf; a missing date still counts).
  const rets = o.returns;
  for (let r = 0; r < rets.length; r++) {
    const created = rets[r].createdAt;
    if (typeof created === "number" && created > asOf) continue;
    flags |= FLAG.RETURNED;
    const reasons = rets[r].reasons;
    for (let k = 0; k < reasons.length; k++) t.returnReasons.set(reasons[k], (t.returnReasons.get(reasons[k]) ?? 0) + 1);
  }
  const refunds = o.refunds;
  for (let r = 0; r < refunds.length; r++) {
    const created = refunds[r].createdAt;
    if (refunds[r].amount > 0 && !(typeof created === "number" && created > asOf)) flags |= FLAG.REFUNDED;
  }

  // Shipments: pick the first for timing; collect tracking/events/exceptions on all.
  const fs = o.fulfillments;
  let first = -1;
  let firstAt = Infinity;
  let shipments = 0;
  for (let k = 0; k < fs.length; k++) {
    const f = fs[k];
    const created = f.createdAt;
    if (typeof created === "number" && created > asOf) continue; // fulfilled after asOf
    shipments++;
    const c = known(created, asOf);
    // Earliest creation time wins; one with an unknown time only when nothing better exists.
    if (first < 0 || c < firstAt) {
      first = k;
      firstAt = c === c ? c : Infinity;
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
          break;
        case "LABEL_PURCHASED":
        case "LABEL_PRINTED":
        case "CONFIRMED":
          break; // merchant-side, not carrier scans
        default:
          flags |= FLAG.CARRIER_EVENTS;
      }
    }
  }

  let fulfilledAt = Number.NaN;
  let deliveredAt = Number.NaN;
  let startAt = Number.NaN;
  if (shipments > 0) {
    flags |= FLAG.FULFILLED;
    if (shipments > 1) flags |= FLAG.MULTIPLE_SHIPMENTS;
    t.firstShipment[i] = first;
    const f = fs[first];
    fulfilledAt = known(f.createdAt, asOf);
    let pickup = Number.NaN;
    let inTransit = known(f.inTransitAt, asOf);
    let outFor = Number.NaN;
    let ready = Number.NaN;
    deliveredAt = known(f.deliveredAt, asOf);
    const ev = f.events;
    for (let e = 0; e < ev.length; e++) {
      const at = known(ev[e].happenedAt, asOf);
      if (at !== at) continue;
      switch (ev[e].status) {
        case "CARRIER_PICKED_UP":
          pickup = earliest(pickup, at);
          break;
        case "IN_TRANSIT":
          inTransit = earliest(inTransit, at);
          break;
        case "OUT_FOR_DELIVERY":
          outFor = earliest(outFor, at);
          break;
        case "DELIVERED":
          deliveredAt = earliest(deliveredAt, at);
          break;
        case "READY_FOR_PICKUP":
          ready = earliest(ready, at);
          break;
      }
    }
    if (deliveredAt < placed) {
      flags |= FLAG.INCONSISTENT_TIMES; // delivered before it was ordered: unusable
      deliveredAt = Number.NaN;
    }
    t.fulfilledH[i] = (fulfilledAt - placed) / HOUR_MS;
    t.pickupH[i] = (pickup - placed) / HOUR_MS;
    t.inTransitH[i] = (inTransit - placed) / HOUR_MS;
    t.outForDeliveryH[i] = (outFor - placed) / HOUR_MS;
    t.deliveredH[i] = (deliveredAt - placed) / HOUR_MS;
    t.readyForPickupH[i] = (ready - placed) / HOUR_MS;
    startAt = pickup === pickup ? pickup : inTransit;
  }
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
}
