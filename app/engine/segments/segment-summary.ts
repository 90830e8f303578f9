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

export interface SegmentSummaryOptions {
  predictedClv?: ReadonlyMap<string, number>;
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
  constructor(
    readonly segment: string,
    readonly label: string,
  ) {}

  add(p: CustomerProfile, clv: number | undefined): void {
    this.customers++;
    this.orders += p.orderCount;
    this.revenueCents += p.netRevenueCents;
    if (p.purchaseDays >= 2) this.repeaters++;
    if (clv !== undefined && Number.isFinite(clv)) {
      this.clvSum += clv;
      this.clvCustomers++;
    }
    if (p.preferenceOrders > 0) this.statedCustomers++;
    this.statedOrders += p.preferenceOrders;
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
      preferenceCustomerShare: ratio(this.statedCustomers, this.customers),
      preferenceOrderShare: ratio(this.statedOrders, this.orders),
    };
  }
}

/**
 * Summarizes segments over `profiles` (customers without counted orders are left out).
 * `memberships` maps customer id → memberships (e.g. LiveSegments.byCustomer); a customer may be
 * in several segments, so segment shares need not add up to 100%.
 */
export function summarizeSegments(
  profiles: Iterable<CustomerProfile>,
  memberships: ReadonlyMap<string, readonly SegmentMembership[]>,
  options: SegmentSummaryOptions = {},
): SegmentSummary {
  const all = new Accumulator("all", "All customers");
  const bySegment = new Map<string, Accumulator>();
  for (const s of options.segments ?? []) bySegment.set(s.segment, new Accumulator(s.segment, s.label));
  const clvMap = options.predictedClv;

  for (const p of profiles) {
    if (p.orderCount === 0) continue;
    const clv = clvMap?.get(p.customerId);
    all.add(p, clv);
    const list = memberships.get(p.customerId);
    if (list === undefined) continue;
    for (const m of list) {
      let acc = bySegment.get(m.segment);
      if (acc === undefined) bySegment.set(m.segment, (acc = new Accumulator(m.segment, m.label)));
      acc.add(p, clv);
    }
  }

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
  if (clvMap !== undefined && all.clvCustomers < all.customers) {
    caveats.push(`${all.customers - all.clvCustomers} of ${all.customers} customers have no predicted lifetime value.`);
  }
  return { all: all.row(all), segments: [...bySegment.values()].map((acc) => acc.row(all)), confidence, caveats };
}
