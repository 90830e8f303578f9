/**
 * Segment summary: for a set of customers, per segment, how big it is and what it is worth,
 * plus how many customers told us their delivery preferences (zero-party coverage).
 * One pass over the profiles; every ratio is null when its denominator is zero (never NaN).
 */
import type { Confidence } from "../types";
import type { CustomerProfile } from "./customer-profile";
import type { SegmentMembership } from "./membership";

export interface SegmentSummaryRow {
  segment: string;
  label: string;
  customers: number;
  /** Share of all customers in the summary. */
  customerShare: number | null;
  orders: number;
  /** Revenue net of refunds, shop currency. */
  revenue: number;
  revenueShare: number | null;
  averageOrderValue: number | null;
  /** Share of the segment's customers who bought on two or more days. */
  repeatRate: number | null;
  /** Mean predicted CLV over members with a prediction; null without predictions. */
  averagePredictedClv: number | null;
  /** Members with a prediction. */
  predictedClvCustomers: number;
  /**
   * Mean model probability that a member is still a customer (P(alive)), and mean expected
   * repeat orders over the CLV horizon; null without per-customer predictions. Unlike the repeat
   * rate these are not settled by a segment's rule, so they compare segments that require 2+ orders.
   */
  averagePAlive: number | null;
  averageExpectedOrders: number | null;
  /** Mean P(alive) over members who bought on 2+ days: the fair baseline for repeat-only segments. */
  repeatersAveragePAlive: number | null;
  /** Share of members who answered the delivery-preference questions at least once. */
  preferenceCustomerShare: number | null;
  /** Share of the members' orders that carried answers. */
  preferenceOrderShare: number | null;
}

export interface SegmentSummary {
  /** All customers (with orders) of the set. */
  all: SegmentSummaryRow;
  segments: SegmentSummaryRow[];
  confidence: Confidence;
  caveats: string[];
}

/** Per-customer model outputs: `row` maps a customer id to its index in the columns. */
export interface CustomerActivity {
  row: ReadonlyMap<string, number>;
  pAlive: ArrayLike<number>;
  expectedOrders: ArrayLike<number>;
}

/** Predictions aligned with a profile list (index i = i-th profile; NaN = no prediction). */
export interface AlignedPredictions {
  clv: Float64Array | null;
  pAlive: Float64Array | null;
  expectedOrders: Float64Array | null;
}

/**
 * Looks each profile up once, for a store summarized several times (RFM, seed, behaviour):
 * one hash lookup per customer instead of one per customer per summary.
 */
export function alignPredictions(profiles: readonly CustomerProfile[], predictedClv?: ReadonlyMap<string, number>, activity?: CustomerActivity): AlignedPredictions {
  const n = profiles.length;
  const clv = predictedClv ? new Float64Array(n).fill(Number.NaN) : null;
  const pAlive = activity ? new Float64Array(n).fill(Number.NaN) : null;
  const expectedOrders = activity ? new Float64Array(n).fill(Number.NaN) : null;
  for (let i = 0; i < n; i++) {
    const id = profiles[i].customerId;
    if (clv !== null) clv[i] = predictedClv?.get(id) ?? Number.NaN;
    const row = activity?.row.get(id);
    if (row !== undefined && pAlive !== null && expectedOrders !== null) {
      pAlive[i] = (activity as CustomerActivity).pAlive[row];
      expectedOrders[i] = (activity as CustomerActivity).expectedOrders[row];
    }
  }
  return { clv, pAlive, expectedOrders };
}

/**
 * `alignPredictions` from the model's own columns (row i = `customerIds[i]`, as the CLV fit
 * returns them) instead of maps, with the same result (a customer listed twice takes its last
 * row). When the rows list customers in about the profiles' order (both by first purchase),
 * most rows are matched by one comparison with the next expected profile; the others through
 * the book's customer index. No Map is built or searched.
 */
export function alignPredictionsByIds(
  profiles: readonly CustomerProfile[],
  customerIds: readonly string[],
  columns: { clv?: ArrayLike<number> | null; pAlive?: ArrayLike<number> | null; expectedOrders?: ArrayLike<number> | null },
): AlignedPredictions {
  const n = profiles.length;
  const clvColumn = columns.clv ?? null;
  const hasActivity = columns.pAlive != null && columns.expectedOrders != null;
  const clv = clvColumn !== null ? new Float64Array(n).fill(Number.NaN) : null;
  const pAlive = hasActivity ? new Float64Array(n).fill(Number.NaN) : null;
  const expectedOrders = hasActivity ? new Float64Array(n).fill(Number.NaN) : null;
  if (clv === null && pAlive === null) return { clv, pAlive, expectedOrders };
  const rows = rowsOf(profiles, customerIds);
  for (let i = 0; i < n; i++) {
    const row = rows[i];
    if (row < 0) continue;
    if (clv !== null) clv[i] = (clvColumn as ArrayLike<number>)[row];
    if (pAlive !== null && expectedOrders !== null) {
      pAlive[i] = (columns.pAlive as ArrayLike<number>)[row];
      expectedOrders[i] = (columns.expectedOrders as ArrayLike<number>)[row];
    }
  }
  return { clv, pAlive, expectedOrders };
}

/** Row of each profile's customer in `customerIds` (−1 = absent; the last row when listed twice). */
function rowsOf(profiles: readonly CustomerProfile[], customerIds: readonly string[]): Int32Array {
  const n = profiles.length;
  const rows = new Int32Array(n).fill(-1);
  if (n === 0) return rows;
  const book = profiles[0].book;
  const profileOfSlot = new Int32Array(book.slotCount).fill(-1);
  for (let i = 0; i < n; i++) {
    const p = profiles[i];
    if (p.book !== book || profileOfSlot[p.slot] >= 0) return rowsByMap(profiles, customerIds); // several books, or a profile twice
    profileOfSlot[p.slot] = i;
  }
  const index = book.customerIndex;
  let next = 0; // the profile the next row most likely belongs to
  for (let row = 0; row < customerIds.length; row++) {
    const id = customerIds[row];
    let i = -1;
    if (next < n && profiles[next].customerId === id) i = next;
    else {
      const slot = index.indexOf(id);
      if (slot >= 0 && slot < profileOfSlot.length) i = profileOfSlot[slot];
    }
    if (i < 0) continue;
    rows[i] = row;
    if (i >= next) next = i + 1;
  }
  return rows;
}

function rowsByMap(profiles: readonly CustomerProfile[], customerIds: readonly string[]): Int32Array {
  const rowOf = new Map<string, number>();
  for (let row = 0; row < customerIds.length; row++) rowOf.set(customerIds[row], row);
  return Int32Array.from(profiles, (p) => rowOf.get(p.customerId) ?? -1);
}

export interface SegmentSummaryOptions {
  predictedClv?: ReadonlyMap<string, number>;
  /** P(alive) and expected orders per customer, averaged per segment when given. */
  activity?: CustomerActivity;
  /** `predictedClv` and `activity` already aligned with `profiles` (see alignPredictions); wins over both. */
  aligned?: AlignedPredictions;
  /** Fixes the row order and lists empty segments too; otherwise rows follow first appearance. */
  segments?: ReadonlyArray<{ segment: string; label: string }>;
}

class Accumulator {
  customers = 0;
  orders = 0;
  revenueCents = 0;
  repeaters = 0;
  clvSum = 0;
  clvCustomers = 0;
  statedCustomers = 0;
  statedOrders = 0;
  activityCustomers = 0;
  pAliveSum = 0;
  expectedOrdersSum = 0;
  repeaterActivity = 0;
  repeaterPAliveSum = 0;
  constructor(
    readonly segment: string,
    readonly label: string,
  ) {}

  add(p: CustomerProfile, clv: number | undefined, pAlive: number, expectedOrders: number): void {
    this.addValues(p.orderCount, p.netRevenueCents, p.purchaseDays >= 2, p.preferenceOrders, clv, pAlive, expectedOrders);
  }

  /** `add` from the profile's figures, read once per customer however many segments it is in. */
  addValues(orders: number, revenueCents: number, repeater: boolean, preferenceOrders: number, clv: number | undefined, pAlive: number, expectedOrders: number): void {
    this.customers++;
    this.orders += orders;
    this.revenueCents += revenueCents;
    if (repeater) this.repeaters++;
    if (Number.isFinite(pAlive) && Number.isFinite(expectedOrders)) {
      this.activityCustomers++;
      this.pAliveSum += pAlive;
      this.expectedOrdersSum += expectedOrders;
      if (repeater) {
        this.repeaterActivity++;
        this.repeaterPAliveSum += pAlive;
      }
    }
    if (clv !== undefined && Number.isFinite(clv)) {
      this.clvSum += clv;
      this.clvCustomers++;
    }
    if (preferenceOrders > 0) this.statedCustomers++;
    this.statedOrders += preferenceOrders;
  }

  row(total: Accumulator): SegmentSummaryRow {
    const ratio = (a: number, b: number) => (b > 0 ? a / b : null);
    return {
      segment: this.segment,
      label: this.label,
      customers: this.customers,
      customerShare: ratio(this.customers, total.customers),
      orders: this.orders,
      revenue: this.revenueCents / 100,
      revenueShare: ratio(this.revenueCents, total.revenueCents),
      averageOrderValue: this.orders > 0 ? this.revenueCents / 100 / this.orders : null,
      repeatRate: ratio(this.repeaters, this.customers),
      averagePredictedClv: ratio(this.clvSum, this.clvCustomers),
      predictedClvCustomers: this.clvCustomers,
      averagePAlive: ratio(this.pAliveSum, this.activityCustomers),
      averageExpectedOrders: ratio(this.expectedOrdersSum, this.activityCustomers),
      repeatersAveragePAlive: ratio(this.repeaterPAliveSum, this.repeaterActivity),
      preferenceCustomerShare: ratio(this.statedCustomers, this.customers),
      preferenceOrderShare: ratio(this.statedOrders, this.orders),
    };
  }
}

/** What a summary reads of a membership: which segment (evidence text is not needed). */
export type SegmentRef = Pick<SegmentMembership, "segment" | "label">;

/** A customer's segments by the profile and its position in `profiles` (undefined = none). */
export type SegmentLookup = (profile: CustomerProfile, index: number) => readonly SegmentRef[] | undefined;

/**
 * Turns per-customer bit masks into a lookup: one shared list per distinct mask, so a
 * store-wide summary allocates nothing per customer. Bit i stands for `segments[i]`.
 */
export function maskLookup(segments: ReadonlyArray<SegmentRef>, maskOf: (profile: CustomerProfile, index: number) => number): SegmentLookup {
  const lists = new Map<number, SegmentRef[]>();
  const lookup: SegmentLookup = (profile, index) => {
    const mask = maskOf(profile, index);
    if (mask === 0) return undefined;
    let list = lists.get(mask);
    if (list === undefined) lists.set(mask, (list = segments.filter((_, i) => mask & (1 << i))));
    return list;
  };
  // summarizeSegments reads the masks directly (no lists, no lookups by segment name).
  masksOf.set(lookup, { segments, maskOf });
  return lookup;
}

/** The segments and mask function behind each lookup made by `maskLookup`. */
const masksOf = new WeakMap<SegmentLookup, { segments: ReadonlyArray<SegmentRef>; maskOf: (profile: CustomerProfile, index: number) => number }>();

/** What a summary reads of each customer, read from the profiles once for several summaries. */
export interface SummaryFigures {
  orders: Int32Array;
  revenueCents: Float64Array;
  purchaseDays: Int32Array;
  preferenceOrders: Int32Array;
}

export function summaryFigures(profiles: readonly CustomerProfile[]): SummaryFigures {
  const n = profiles.length;
  const figures = { orders: new Int32Array(n), revenueCents: new Float64Array(n), purchaseDays: new Int32Array(n), preferenceOrders: new Int32Array(n) };
  for (let i = 0; i < n; i++) {
    const p = profiles[i];
    figures.orders[i] = p.orderCount;
    figures.revenueCents[i] = p.netRevenueCents;
    figures.purchaseDays[i] = p.purchaseDays;
    figures.preferenceOrders[i] = p.preferenceOrders;
  }
  return figures;
}

/**
 * `summarizeSegments` from columns: row i's figures, its segments as a bit mask (bit b =
 * `refs[b]`) and its aligned predictions. Store-wide summaries take this path: plain loops over
 * typed arrays, no call per customer (the mask functions run once each, in their own loop).
 */
export function summarizeMasks(
  figures: SummaryFigures,
  masks: ArrayLike<number>,
  refs: ReadonlyArray<SegmentRef>,
  options: { aligned?: AlignedPredictions; segments?: ReadonlyArray<{ segment: string; label: string }> } = {},
): SegmentSummary {
  const all = new Accumulator("all", "All customers");
  const bySegment = new Map<string, Accumulator>();
  for (const s of options.segments ?? []) bySegment.set(s.segment, new Accumulator(s.segment, s.label));
  const aligned = options.aligned;
  const clvColumn = aligned?.clv ?? null;
  const pAliveColumn = aligned?.pAlive != null && aligned.expectedOrders != null ? aligned.pAlive : null;
  const expectedColumn = pAliveColumn !== null ? (aligned?.expectedOrders ?? null) : null;
  // One accumulator per bit, resolved on first use in the order a list of memberships would
  // create them (customer order, then bit order), so rows come out the same.
  const bits = Math.min(32, refs.length);
  const bitMask = bits === 32 ? -1 : (1 << bits) - 1;
  const bitAccumulators: (Accumulator | undefined)[] = new Array(bits).fill(undefined);
  const { orders: ordersOf, revenueCents: revenueOf, purchaseDays: daysOf, preferenceOrders: statedOf } = figures;
  for (let i = 0; i < ordersOf.length; i++) {
    const orders = ordersOf[i];
    if (orders === 0) continue;
    const clv = clvColumn === null ? undefined : clvColumn[i];
    const pAlive = pAliveColumn === null ? Number.NaN : pAliveColumn[i];
    const expected = expectedColumn === null ? Number.NaN : expectedColumn[i];
    const revenueCents = revenueOf[i];
    const repeater = daysOf[i] >= 2;
    const stated = statedOf[i];
    all.addValues(orders, revenueCents, repeater, stated, clv, pAlive, expected);
    let mask = masks[i] & bitMask;
    while (mask !== 0) {
      const bit = 31 - Math.clz32(mask & -mask);
      mask &= mask - 1;
      let acc = bitAccumulators[bit];
      if (acc === undefined) {
        const ref = refs[bit];
        acc = bySegment.get(ref.segment);
        if (acc === undefined) bySegment.set(ref.segment, (acc = new Accumulator(ref.segment, ref.label)));
        bitAccumulators[bit] = acc;
      }
      acc.addValues(orders, revenueCents, repeater, stated, clv, pAlive, expected);
    }
  }
  return finishSummary(all, bySegment, clvColumn !== null);
}

/**
 * Summarizes segments over `profiles` (customers without counted orders are left out).
 * `memberships` maps customer id → memberships (e.g. LiveSegments.byCustomer), or is a lookup
 * by profile; a customer may be in several segments, so segment shares need not add up to 100%.
 */
export function summarizeSegments(
  profiles: Iterable<CustomerProfile>,
  memberships: ReadonlyMap<string, readonly SegmentRef[]> | SegmentLookup,
  options: SegmentSummaryOptions = {},
): SegmentSummary {
  const masks = typeof memberships === "function" ? masksOf.get(memberships) : undefined;
  if (masks !== undefined) {
    // Mask lookups (maskLookup) take the column path: same rows, no lists.
    const list = Array.isArray(profiles) ? (profiles as CustomerProfile[]) : Array.from(profiles);
    const maskColumn = new Int32Array(list.length);
    for (let i = 0; i < list.length; i++) if (list[i].orderCount !== 0) maskColumn[i] = masks.maskOf(list[i], i);
    const aligned = options.aligned ?? alignPredictions(list, options.predictedClv, options.activity);
    return summarizeMasks(summaryFigures(list), maskColumn, masks.segments, { aligned, segments: options.segments });
  }
  const all = new Accumulator("all", "All customers");
  const bySegment = new Map<string, Accumulator>();
  for (const s of options.segments ?? []) bySegment.set(s.segment, new Accumulator(s.segment, s.label));
  const aligned = options.aligned;
  const clvMap = aligned ? undefined : options.predictedClv;
  const activity = aligned ? undefined : options.activity;
  const hasClv = aligned ? aligned.clv !== null : clvMap !== undefined;

  const lookup: SegmentLookup = typeof memberships === "function" ? memberships : (p) => memberships.get(p.customerId);
  let index = -1;
  for (const p of profiles) {
    index++;
    if (p.orderCount === 0) continue;
    let clv: number | undefined;
    let pAlive = Number.NaN;
    let expected = Number.NaN;
    if (aligned) {
      clv = aligned.clv?.[index];
      if (aligned.pAlive !== null && aligned.expectedOrders !== null) {
        pAlive = aligned.pAlive[index];
        expected = aligned.expectedOrders[index];
      }
    } else {
      clv = clvMap?.get(p.customerId);
      const row = activity?.row.get(p.customerId);
      if (row !== undefined && activity) {
        pAlive = activity.pAlive[row];
        expected = activity.expectedOrders[row];
      }
    }
    all.add(p, clv, pAlive, expected);
    const list = lookup(p, index);
    if (list === undefined) continue;
    for (const m of list) {
      let acc = bySegment.get(m.segment);
      if (acc === undefined) bySegment.set(m.segment, (acc = new Accumulator(m.segment, m.label)));
      acc.add(p, clv, pAlive, expected);
    }
  }
  return finishSummary(all, bySegment, hasClv);
}

function finishSummary(all: Accumulator, bySegment: ReadonlyMap<string, Accumulator>, hasClv: boolean): SegmentSummary {
  const caveats: string[] = [];
  let confidence: Confidence = "high";
  if (all.customers === 0) {
    confidence = "insufficient";
    caveats.push("No customers with orders in this set.");
  } else if (all.customers < 30) {
    confidence = "low";
    caveats.push(`Only ${all.customers} customers: segment figures can swing with a single order.`);
  } else if (all.customers < 300) {
    confidence = "medium";
  }
  if (hasClv && all.clvCustomers < all.customers) {
    caveats.push(`${all.customers - all.clvCustomers} of ${all.customers} customers have no predicted lifetime value.`);
  }
  return { all: all.row(all), segments: [...bySegment.values()].map((acc) => acc.row(all)), confidence, caveats };
}
