/**
 * Delivery journey audit: where orders go between "ordered" and "delivered", how long
 * each step takes, how often the promise is kept, what goes wrong, and where the data is
 * too thin to say, overall and by carrier, service, channel, destination and month.
 *
 * Cancelled and non-shipping orders (pickup, point of sale, nothing to ship) are left out
 * of every delivery figure and counted in `counts`. Every rate carries its sample size, a
 * 95% Wilson interval and a confidence grade with the reasons for any downgrade.
 */
import type { Confidence, Estimate, Order } from "../types";
import { gradeWithReasons, relativeHalfWidth } from "../stats/confidence";
import { proportionEstimate } from "../stats/estimates";
import { groupedPercentiles, type GroupPercentiles } from "../stats/grouped-percentiles";
import { quantileInPlace } from "../stats/quantile";
import { dedupeOrders } from "./dedupe-orders";
import { BREAKDOWNS, encodeBreakdowns, JOURNEY_DIMENSIONS, type EncodedBreakdowns, type JourneyDimension } from "./dimensions";
import { buildJourneyTable, FLAG, OUTCOME, SCOPE, type JourneyTable } from "./journey-table";
import { MILESTONES, type Milestone } from "./order-timeline";

export interface AuditOptions {
  asOf: number;
  /** Confidence level of the intervals (default 0.95). */
  level?: number;
  /** Distinct keys kept per breakdown before folding the rest into "(other)" (default 50). */
  maxGroupsPerBreakdown?: number;
  /** Shop time zone as a fixed offset, for month buckets (default 0 = UTC). */
  utcOffsetMinutes?: number;
  /** Orders already de-duplicated (skips the id pass). */
  assumeUniqueIds?: boolean;
  /** A table already built for these orders at this asOf (shared with other analyses). */
  table?: JourneyTable;
}

export interface WindowStats {
  /** Orders with both timestamps. */
  n: number;
  median: number | null;
  p75: number | null;
  p90: number | null;
  mean: number | null;
  confidence: Confidence;
  caveats: string[];
}

export interface JourneyGroupStats {
  key: string;
  /** Shipping orders in the group (cancelled / non-shipping excluded). */
  orders: number;
  shipped: number;
  delivered: number;
  /** Still in flight at asOf (not judged on time or late). */
  pending: number;
  processingHours: WindowStats;
  pickupLagHours: WindowStats;
  transitHours: WindowStats;
  orderToDeliveryHours: WindowStats;
  onTime: {
    /** On-time share of the orders that could be judged (delivered or overdue, with a promise). */
    rate: Estimate;
    judged: number;
    onTime: number;
    late1to2Days: number;
    late3PlusDays: number;
    /** Overdue and still undelivered (counted in the late bands). */
    overdueUndelivered: number;
    noPromise: number;
    noDeliveryData: number;
    /** Shares of judged orders. */
    late1to2Share: Estimate;
    late3PlusShare: Estimate;
  };
  /** Shares of shipped orders with each carrier exception (on any shipment). */
  exceptions: { any: Estimate; delayed: Estimate; failure: Estimate; attemptedDelivery: Estimate; readyForPickup: Estimate };
  /** Information gaps, as shares of shipped orders. */
  gaps: { noTracking: Estimate; trackingWithoutEvents: Estimate; noDeliveredTimestamp: Estimate };
  /** Share of shipped orders with at least one carrier scan. */
  carrierEventCoverage: number | null;
  returnRate: Estimate;
  refundRate: Estimate;
}

export interface JourneyMapStep {
  milestone: Milestone;
  /** Orders that reached this milestone (observed, or implied by a later one). */
  reached: number;
  reachedShare: number | null;
  /** Orders with a timestamp for this milestone. */
  observed: number;
  /** Median hours from the previous milestone, over orders with both timestamps. */
  medianHoursFromPrevious: number | null;
  pairs: number;
  medianHoursFromOrder: number | null;
}

export interface JourneyAudit {
  asOf: number;
  counts: {
    input: number;
    duplicatesRemoved: number;
    /** Shipping orders placed by asOf, not cancelled: the base of every figure. */
    included: number;
    cancelled: number;
    nonShipping: number;
    afterAsOf: number;
    noOrderDate: number;
  };
  overall: JourneyGroupStats;
  map: JourneyMapStep[];
  breakdowns: Record<JourneyDimension, JourneyGroupStats[]>;
  topReturnReasons: Array<{ reason: string; lines: number; share: number }>;
  /** Store-level data-quality notes. */
  caveats: string[];
}

// Per-group counters, accumulated from one bit mask per order.
const C = {
  ORDERS: 0,
  SHIPPED: 1,
  DELIVERED: 2,
  JUDGED: 3,
  ON_TIME: 4,
  LATE_1_2: 5,
  LATE_3_PLUS: 6,
  PENDING: 7,
  NO_PROMISE: 8,
  NO_DELIVERY_DATA: 9,
  ANY_EXCEPTION: 10,
  DELAYED: 11,
  FAILURE: 12,
  ATTEMPTED: 13,
  READY_FOR_PICKUP: 14,
  NO_TRACKING: 15,
  TRACKING_NO_EVENTS: 16,
  NO_DELIVERED_TS: 17,
  WITH_EVENTS: 18,
  RETURNED: 19,
  REFUNDED: 20,
  OVERDUE_UNDELIVERED: 21,
  SETTLED: 22,
  SETTLED_SHIPPED: 23,
} as const;
const NC = 24;

function rowMask(flags: number, outcome: number): number {
  let m = 1 << C.ORDERS;
  const shipped = (flags & FLAG.FULFILLED) !== 0;
  if (shipped) m |= 1 << C.SHIPPED;
  if (flags & FLAG.DELIVERED) m |= 1 << C.DELIVERED;
  switch (outcome) {
    case OUTCOME.ON_TIME:
      m |= (1 << C.JUDGED) | (1 << C.ON_TIME);
      break;
    case OUTCOME.LATE_1_2:
      m |= (1 << C.JUDGED) | (1 << C.LATE_1_2);
      break;
    case OUTCOME.LATE_3_PLUS:
      m |= (1 << C.JUDGED) | (1 << C.LATE_3_PLUS);
      break;
    case OUTCOME.PENDING:
      m |= 1 << C.PENDING;
      break;
    case OUTCOME.NO_PROMISE:
      m |= 1 << C.NO_PROMISE;
      break;
    case OUTCOME.NO_DELIVERY_DATA:
      m |= 1 << C.NO_DELIVERY_DATA;
      break;
  }
  if (outcome !== OUTCOME.PENDING) {
    m |= 1 << C.SETTLED;
    if (shipped) m |= 1 << C.SETTLED_SHIPPED;
  }
  if (flags & (FLAG.DELAYED | FLAG.FAILURE | FLAG.ATTEMPTED_DELIVERY)) m |= 1 << C.ANY_EXCEPTION;
  if (flags & FLAG.DELAYED) m |= 1 << C.DELAYED;
  if (flags & FLAG.FAILURE) m |= 1 << C.FAILURE;
  if (flags & FLAG.ATTEMPTED_DELIVERY) m |= 1 << C.ATTEMPTED;
  if (flags & FLAG.READY_FOR_PICKUP) m |= 1 << C.READY_FOR_PICKUP;
  if (shipped && !(flags & FLAG.TRACKING)) m |= 1 << C.NO_TRACKING;
  if (flags & FLAG.TRACKING && !(flags & FLAG.CARRIER_EVENTS)) m |= 1 << C.TRACKING_NO_EVENTS;
  if (flags & FLAG.NO_DELIVERED_TIMESTAMP) m |= 1 << C.NO_DELIVERED_TS;
  if (shipped && flags & FLAG.CARRIER_EVENTS) m |= 1 << C.WITH_EVENTS;
  if (flags & FLAG.RETURNED) m |= 1 << C.RETURNED;
  if (flags & FLAG.REFUNDED) m |= 1 << C.REFUNDED;
  if (flags & FLAG.UNDELIVERED_PAST_PROMISE) m |= 1 << C.OVERDUE_UNDELIVERED;
  return m;
}

/**
 * @internal Counters per group of every breakdown: counts[d][g · NC + counter]. Orders share few distinct
 * masks, so one pass counts rows per (group, distinct mask) and the masks' bits are spread into
 * the counters once per pair afterwards, not once per row.
 */
export function countByGroup(masks: Uint32Array, enc: Pick<EncodedBreakdowns, "packed" | "width" | "keys">, maxDistinctMasks = MAX_DISTINCT_MASKS): Int32Array[] {
  const { packed, width } = enc;
  const idOf = new Map<number, number>();
  const distinct: number[] = [];
  const maskId = new Int32Array(masks.length).fill(-1);
  let last = 0;
  let lastId = -1;
  for (let i = 0; i < masks.length; i++) {
    const mask = masks[i];
    if (mask === 0) continue; // not included
    if (mask !== last) {
      let id = idOf.get(mask);
      if (id === undefined) {
        id = distinct.length;
        idOf.set(mask, id);
        distinct.push(mask);
      }
      last = mask;
      lastId = id;
    }
    maskId[i] = lastId;
  }
  const k = distinct.length;
  if (k > maxDistinctMasks) return countByGroupPerRow(masks, enc);
  const perMask = enc.keys.map((keys) => new Int32Array(keys.length * k));
  for (let i = 0; i < masks.length; i++) {
    const id = maskId[i];
    if (id < 0) continue;
    const row = i * width;
    for (let d = 0; d < width; d++) {
      const g = packed[row + d];
      if (g >= 0) perMask[d][g * k + id]++;
    }
  }
  return enc.keys.map((keys, d) => {
    const c = new Int32Array(keys.length * NC);
    const rowsOf = perMask[d];
    for (let g = 0; g < keys.length; g++) {
      for (let id = 0; id < k; id++) {
        const rows = rowsOf[g * k + id];
        if (rows === 0) continue;
        for (let m = distinct[id]; m !== 0; m &= m - 1) c[g * NC + 31 - Math.clz32(m & -m)] += rows;
      }
    }
    return c;
  });
}

/** Beyond this many distinct masks the per-(group, mask) table stops paying for itself. */
const MAX_DISTINCT_MASKS = 256;

/** countByGroup's plain form: every row's bits into its groups' counters. */
function countByGroupPerRow(masks: Uint32Array, enc: Pick<EncodedBreakdowns, "packed" | "width" | "keys">): Int32Array[] {
  const { packed, width } = enc;
  const counts = enc.keys.map((k) => new Int32Array(k.length * NC));
  for (let i = 0; i < masks.length; i++) {
    const mask = masks[i];
    if (mask === 0) continue; // not included
    const row = i * width;
    for (let d = 0; d < width; d++) {
      const g = packed[row + d];
      if (g < 0) continue;
      const c = counts[d];
      const base = g * NC;
      for (let m = mask; m !== 0; m &= m - 1) c[base + 31 - Math.clz32(m & -m)]++;
    }
  }
  return counts;
}

const pct = (x: number) => `${Math.round(x * 100)}%`;

function windowStats(p: GroupPercentiles, caveats: string[]): WindowStats {
  // Precision of the median relative to itself, with a 1-hour floor (same-hour steps).
  const rhw = p.median === null ? null : relativeHalfWidth(p.medianLow, p.medianHigh, Math.max(p.median, 1));
  const g = gradeWithReasons(p.n, rhw, caveats, "orders");
  return { n: p.n, median: p.median, p75: p.p75, p90: p.p90, mean: p.mean, confidence: g.confidence, caveats: g.caveats };
}

function groupStats(key: string, c: Int32Array, base: number, w: readonly GroupPercentiles[], level: number): JourneyGroupStats {
  const at = (k: number) => c[base + k];
  const shipped = at(C.SHIPPED);
  const coverage = shipped > 0 ? at(C.WITH_EVENTS) / shipped : null;
  const timingCaveats: string[] = [];
  const exceptionCaveats: string[] = [];
  if (coverage !== null && coverage < 0.5) {
    timingCaveats.push(`Carrier scans exist for only ${pct(coverage)} of shipped orders, so pickup and transit times rest on those.`);
    exceptionCaveats.push(`Exceptions are only visible on the ${pct(coverage)} of shipped orders with carrier scans; the true rate may be higher.`);
  }
  const settledShipped = at(C.SETTLED_SHIPPED);
  const deliveryCaveats: string[] = [];
  if (settledShipped > 0 && at(C.DELIVERED) / settledShipped < 0.5) {
    deliveryCaveats.push(`Delivery dates are known for only ${pct(at(C.DELIVERED) / settledShipped)} of shipped orders.`);
  }
  const onTimeCaveats: string[] = [];
  const settled = at(C.SETTLED);
  if (settled > 0 && at(C.JUDGED) / settled < 0.5) {
    onTimeCaveats.push(`On-time could be judged for only ${pct(at(C.JUDGED) / settled)} of orders (the rest have no delivery promise or no delivered date).`);
  }
  const judged = at(C.JUDGED);
  const share = (x: number, n: number, caveats: string[] = []) => proportionEstimate(x, n, { level, caveats, unit: "orders" });
  return {
    key,
    orders: at(C.ORDERS),
    shipped,
    delivered: at(C.DELIVERED),
    pending: at(C.PENDING),
    processingHours: windowStats(w[0], []),
    pickupLagHours: windowStats(w[1], timingCaveats),
    transitHours: windowStats(w[2], [...timingCaveats, ...deliveryCaveats]),
    orderToDeliveryHours: windowStats(w[3], deliveryCaveats),
    onTime: {
      rate: share(at(C.ON_TIME), judged, onTimeCaveats),
      judged,
      onTime: at(C.ON_TIME),
      late1to2Days: at(C.LATE_1_2),
      late3PlusDays: at(C.LATE_3_PLUS),
      overdueUndelivered: at(C.OVERDUE_UNDELIVERED),
      noPromise: at(C.NO_PROMISE),
      noDeliveryData: at(C.NO_DELIVERY_DATA),
      late1to2Share: share(at(C.LATE_1_2), judged, onTimeCaveats),
      late3PlusShare: share(at(C.LATE_3_PLUS), judged, onTimeCaveats),
    },
    exceptions: {
      any: share(at(C.ANY_EXCEPTION), shipped, exceptionCaveats),
      delayed: share(at(C.DELAYED), shipped, exceptionCaveats),
      failure: share(at(C.FAILURE), shipped, exceptionCaveats),
      attemptedDelivery: share(at(C.ATTEMPTED), shipped, exceptionCaveats),
      readyForPickup: share(at(C.READY_FOR_PICKUP), shipped, exceptionCaveats),
    },
    gaps: {
      noTracking: share(at(C.NO_TRACKING), shipped),
      trackingWithoutEvents: share(at(C.TRACKING_NO_EVENTS), shipped),
      noDeliveredTimestamp: share(at(C.NO_DELIVERED_TS), shipped),
    },
    carrierEventCoverage: coverage,
    returnRate: share(at(C.RETURNED), at(C.ORDERS)),
    refundRate: share(at(C.REFUNDED), at(C.ORDERS)),
  };
}

/** Median of the first `count` entries of a scratch buffer (reordered in place). */
function medianInPlace(buffer: Float64Array, count: number): number | null {
  return count === 0 ? null : quantileInPlace(buffer.subarray(0, count), 0.5);
}

/** Share reaching each milestone and the median time between consecutive milestones. */
function journeyMap(t: JourneyTable, included: number, scratch: Float64Array): JourneyMapStep[] {
  // Hours after the order; "ordered" is 0 by definition.
  const hours = [null, t.fulfilledH, t.pickupH, t.inTransitH, t.outForDeliveryH, t.deliveredH];
  const K = hours.length;
  const reached = new Int32Array(K);
  const observed = new Int32Array(K);
  for (let i = 0; i < t.size; i++) {
    if (t.scope[i] !== SCOPE.INCLUDED) continue;
    const fulfilled = (t.flags[i] & FLAG.FULFILLED) !== 0;
    let furthest = 0;
    observed[0]++;
    for (let k = 1; k < K; k++) {
      const x = (hours[k] as Float32Array)[i];
      if (x === x || (k === 1 && fulfilled)) {
        observed[k]++;
        furthest = k;
      }
    }
    for (let k = 0; k <= furthest; k++) reached[k]++;
  }
  const steps: JourneyMapStep[] = [];
  for (let k = 0; k < K; k++) {
    let medianFromPrevious: number | null = null;
    let medianFromOrder: number | null = k === 0 ? 0 : null;
    let pairs = 0;
    if (k > 0) {
      const cur = hours[k] as Float32Array;
      const prev = hours[k - 1];
      for (let i = 0; i < t.size; i++) {
        if (t.scope[i] !== SCOPE.INCLUDED) continue;
        const x = cur[i];
        const p = prev === null ? 0 : prev[i];
        if (x === x && p === p && x >= p) scratch[pairs++] = x - p;
      }
      medianFromPrevious = medianInPlace(scratch, pairs);
      let m = 0;
      for (let i = 0; i < t.size; i++) {
        if (t.scope[i] !== SCOPE.INCLUDED) continue;
        const x = cur[i];
        if (x >= 0) scratch[m++] = x;
      }
      medianFromOrder = medianInPlace(scratch, m);
    }
    steps.push({
      milestone: MILESTONES[k],
      reached: reached[k],
      reachedShare: included > 0 ? reached[k] / included : null,
      observed: observed[k],
      medianHoursFromPrevious: medianFromPrevious,
      pairs,
      medianHoursFromOrder: medianFromOrder,
    });
  }
  return steps;
}

export function auditJourney(input: readonly Order[], options: AuditOptions): JourneyAudit {
  if (options.table) {
    if (options.table.size !== input.length) throw new RangeError("auditJourney: table does not match orders");
    return auditJourneyTable(options.table, options);
  }
  const deduped = options.assumeUniqueIds ? { orders: input as Order[], duplicatesRemoved: 0 } : dedupeOrders(input);
  return auditJourneyTable(buildJourneyTable(deduped.orders, options.asOf), options, deduped.duplicatesRemoved);
}

/** The audit of a journey table already built (the store analysis builds it while streaming). */
export function auditJourneyTable(t: JourneyTable, options: Omit<AuditOptions, "table" | "assumeUniqueIds">, duplicatesRemoved = 0): JourneyAudit {
  const { asOf } = options;
  if (t.asOf !== asOf) throw new RangeError("auditJourney: table was built for another asOf");
  const level = options.level ?? 0.95;
  const maxGroups = options.maxGroupsPerBreakdown ?? 50;

  const scopeCounts = new Int32Array(5);
  const masks = new Uint32Array(t.size);
  for (let i = 0; i < t.size; i++) {
    scopeCounts[t.scope[i]]++;
    if (t.scope[i] === SCOPE.INCLUDED) masks[i] = rowMask(t.flags[i], t.outcome[i]);
  }
  const included = scopeCounts[SCOPE.INCLUDED];

  const enc = encodeBreakdowns(t, maxGroups, options.utcOffsetMinutes ?? 0);
  const groupCounts = enc.keys.map((k) => k.length);

  // Two passes per window serve every breakdown.
  const windows = [t.processingHours, t.pickupLagHours, t.transitHours, t.orderToDeliveryHours];
  const perWindow = windows.map((values) => groupedPercentiles(values, enc.packed, enc.width, groupCounts));

  const countsByBreakdown = countByGroup(masks, enc);
  const results = BREAKDOWNS.map((name, d) => {
    const counts = countsByBreakdown[d];
    const rows = enc.keys[d].map((key, g) => groupStats(key, counts, g * NC, perWindow.map((w) => w[d][g]), level));
    // Largest groups first, except months which read best in time order.
    if (name !== "month") rows.sort((a, b) => b.orders - a.orders || (a.key < b.key ? -1 : 1));
    return rows;
  });

  const breakdowns = {} as Record<JourneyDimension, JourneyGroupStats[]>;
  JOURNEY_DIMENSIONS.forEach((dim, k) => (breakdowns[dim] = results[k + 1]));
  const overall = results[0][0]; // breakdown 0 ("all") always has its single group

  let returnLines = 0;
  for (const v of t.returnReasons.values()) returnLines += v;
  const topReturnReasons = [...t.returnReasons.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, 10)
    .map(([reason, lines]) => ({ reason, lines, share: lines / returnLines }));

  const caveats: string[] = [];
  if (included === 0) caveats.push("No shipping orders to analyse as of this date.");
  if (overall.carrierEventCoverage !== null && overall.carrierEventCoverage < 0.5) {
    caveats.push(`Most shipments (${pct(1 - overall.carrierEventCoverage)}) have no carrier scan events: connect carrier tracking to measure pickup, transit and exceptions.`);
  }
  const settled = overall.orders - overall.pending;
  if (settled > 0 && overall.onTime.noPromise / settled >= 0.5) {
    caveats.push(`${pct(overall.onTime.noPromise / settled)} of orders showed no delivery promise at checkout, so on-time cannot be judged for them.`);
  }

  return {
    asOf,
    counts: {
      input: t.size + duplicatesRemoved,
      duplicatesRemoved,
      included,
      cancelled: scopeCounts[SCOPE.CANCELLED],
      nonShipping: scopeCounts[SCOPE.NON_SHIPPING],
      afterAsOf: scopeCounts[SCOPE.AFTER_AS_OF],
      noOrderDate: scopeCounts[SCOPE.NO_ORDER_DATE],
    },
    overall,
    map: journeyMap(t, included, new Float64Array(included)),
    breakdowns,
    topReturnReasons,
    caveats,
  };
}
