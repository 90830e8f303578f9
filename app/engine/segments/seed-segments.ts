/**
 * Seed segments: the starting audiences of a plan (new, VIP, dormant, price-sensitive,
 * return-risk, margin tiers). Store-relative cut-offs (VIP threshold, the store's p90 gap,
 * margin quartiles) are computed once in a context; each customer is then classified in O(1),
 * so a customer can be re-classified alone after an order update.
 */
import { quantileInPlace, quantileSorted } from "../stats/quantile";
import type { EpochMs } from "../types";
import { type CustomerProfile, type GapStats, daysSinceFirstOrder, daysSinceLastOrder, gapStats, writeGaps } from "./customer-profile";
import { countWholeNumbers, nthSmallest } from "./order-statistics";
import { type SegmentMembership, money, oneDecimal, percent, plural } from "./membership";
import type { ProfileBook } from "./profile-book";

export const SEED_SEGMENT_CONFIG = {
  newCustomer: { withinDays: 30 },
  vip: { topShare: 0.1, minCustomers: 10 },
  dormant: {
    /** Dormant when the wait exceeds this multiple of the customer's average gap… */
    gapMultiple: 2,
    /** …for customers with at least this many purchase days (a rhythm worth trusting). */
    minPurchaseDaysForOwnRhythm: 3,
    /** Others: longer than this quantile of all gaps between orders in the store. */
    storeGapQuantile: 0.9,
    minStoreGaps: 20,
  },
  priceSensitive: { minOrders: 2, minDiscountShare: 0.5, minShippedOrders: 2, minEconomyOrFreeShare: 0.6 },
  returnRisk: { minOrders: 2, minReturnedShare: 0.3 },
  margin: { minKnownCostShare: 0.5, lowQuantile: 0.25, highQuantile: 0.75, minCustomersWithCost: 20 },
};
export type SeedSegmentConfig = typeof SEED_SEGMENT_CONFIG;

export const SEED_SEGMENTS = ["new", "vip", "dormant", "price_sensitive", "return_risk", "margin_high", "margin_low", "margin_unknown"] as const;
export type SeedSegment = (typeof SEED_SEGMENTS)[number];

export const SEED_SEGMENT_LABELS: Record<SeedSegment, string> = {
  new: "New customers",
  vip: "VIP",
  dormant: "Dormant / at risk",
  price_sensitive: "Price-sensitive",
  return_risk: "Return risk",
  margin_high: "High margin",
  margin_low: "Low margin",
  margin_unknown: "Margin unknown",
};

/**
 * Segments whose rule itself needs two or more orders: their repeat rate is (close to) 100% by
 * construction and says nothing; compare them on P(alive) or expected orders instead.
 */
export function seedSegmentsNeedingRepeat(config: SeedSegmentConfig = SEED_SEGMENT_CONFIG): ReadonlySet<SeedSegment> {
  const out = new Set<SeedSegment>();
  if (Math.min(config.priceSensitive.minOrders, config.priceSensitive.minShippedOrders) >= 2) out.add("price_sensitive");
  if (config.returnRisk.minOrders >= 2) out.add("return_risk");
  return out;
}

export interface SeedSegmentOptions {
  config?: SeedSegmentConfig;
  /** Predicted CLV per customer (shop currency); when given, VIP ranks by it. */
  predictedClv?: ReadonlyMap<string, number>;
  /**
   * `predictedClv` already aligned with `profiles` (alignPredictions: index i = i-th profile,
   * NaN = none): spares a lookup per customer. Used only together with `predictedClv`.
   */
  alignedClv?: ArrayLike<number> | null;
  currency?: string | null;
}

/** Store-level cut-offs, computed once per scoring run. */
export interface SeedSegmentContext {
  asOf: EpochMs;
  config: SeedSegmentConfig;
  currency: string | null;
  predictedClv: ReadonlyMap<string, number> | null;
  /** VIP cut-off in shop currency (net revenue or predicted CLV); null when not enough customers. */
  vip: { basis: "net_revenue" | "predicted_clv"; threshold: number; eligible: number } | null;
  /** The store's gap between consecutive purchase days at `storeGapQuantile`, in days. */
  storeGap: { days: number; gaps: number } | null;
  /** Margin-rate quartile cut-offs among customers with enough cost data. */
  margin: { low: number; high: number; eligible: number } | null;
  /** Each segment's rule in merchant language (built once per run, shared by all members). */
  rules: Record<SeedSegment, string>;
  caveats: string[];
  /**
   * @internal Each customer's predicted CLV by slot of `book` (NaN = none), read by
   * `seedSegmentMask` instead of a lookup in `predictedClv` (profiles of other books look up).
   */
  clvBySlot?: { book: ProfileBook; values: Float64Array };
}

function seedRules(config: SeedSegmentConfig, byClv: boolean): Record<SeedSegment, string> {
  const { newCustomer: n, vip, dormant: d, priceSensitive: ps, returnRisk: rr, margin: m } = config;
  const withCost = `customers with unit costs for at least ${percent(m.minKnownCostShare)} of what they bought`;
  return {
    new: `First order in the last ${n.withinDays} days.`,
    vip: `Top ${percent(vip.topShare)} of customers by ${byClv ? "predicted lifetime value" : "spend (net of refunds)"}.`,
    dormant:
      `No order for more than ${oneDecimal(d.gapMultiple)}× their usual gap between orders ` +
      `(customers with ${d.minPurchaseDaysForOwnRhythm}+ purchase days); for others, no order for longer than ` +
      `${percent(d.storeGapQuantile)} of the gaps between orders in this store.`,
    price_sensitive:
      `Used a discount code on at least ${percent(ps.minDiscountShare)} of orders (${ps.minOrders}+ orders), or chose economy or ` +
      `free shipping on at least ${percent(ps.minEconomyOrFreeShare)} of shipped orders (${ps.minShippedOrders}+ shipped orders).`,
    return_risk: `Returned items from at least ${percent(rr.minReturnedShare)} of their orders (${rr.minOrders}+ orders).`,
    margin_high: `Margin in the top ${percent(1 - m.highQuantile)} of ${withCost}.`,
    margin_low: `Margin in the bottom ${percent(m.lowQuantile)} of ${withCost}.`,
    margin_unknown: `Unit costs are known for less than ${percent(m.minKnownCostShare)} of what they bought, so their margin cannot be judged.`,
  };
}

function clvOf(ctx: { predictedClv: ReadonlyMap<string, number> | null }, p: CustomerProfile): number | null {
  const v = ctx.predictedClv?.get(p.customerId);
  return v !== undefined && Number.isFinite(v) ? v : null;
}

function marginRate(p: CustomerProfile, minKnownCostShare: number): number | null {
  if (p.knownCostRevenueCents <= 0 || p.lineRevenueCents <= 0) return null;
  if (p.knownCostRevenueCents / p.lineRevenueCents < minKnownCostShare) return null;
  return (p.knownCostRevenueCents - p.knownCostCents) / p.knownCostRevenueCents;
}

/** Computes the store-relative cut-offs. O(n log n) over customers and their gaps. */
export function seedSegmentContext(profiles: Iterable<CustomerProfile>, asOf: EpochMs, options: SeedSegmentOptions = {}): SeedSegmentContext {
  const config = options.config ?? SEED_SEGMENT_CONFIG;
  const predictedClv = options.predictedClv ?? null;
  const alignedClv = predictedClv !== null ? (options.alignedClv ?? null) : null;
  const customers: CustomerProfile[] = [];
  // Predicted CLV of each customer with orders (NaN = none), looked up once here.
  const clvs: number[] = [];
  let gapCount = 0;
  let index = -1;
  for (const p of profiles) {
    index++;
    if (p.orderCount === 0) continue;
    customers.push(p);
    gapCount += p.purchaseDays - 1;
    if (predictedClv !== null) clvs.push(alignedClv !== null ? alignedClv[index] : (predictedClv.get(p.customerId) ?? Number.NaN));
  }
  const caveats: string[] = [];

  // VIP: value of the k-th best customer, k = ceil(topShare × eligible).
  const values = new Float64Array(customers.length);
  let eligible = 0;
  for (let i = 0; i < customers.length; i++) {
    const v = predictedClv !== null ? clvs[i] : customers[i].netRevenueCents / 100;
    if (Number.isFinite(v)) values[eligible++] = v;
  }
  let vip: SeedSegmentContext["vip"] = null;
  if (eligible >= config.vip.minCustomers) {
    // The epsilon keeps 0.1 × 30 = 3.0000000000000004 at 3 customers, not 4.
    const k = Math.max(1, Math.ceil(config.vip.topShare * eligible - 1e-9));
    const threshold = eligible > 0 ? nthSmallest(values.subarray(0, eligible), eligible - k) : Number.NaN;
    vip = { basis: predictedClv !== null ? "predicted_clv" : "net_revenue", threshold, eligible };
  } else {
    caveats.push(`VIP needs at least ${config.vip.minCustomers} customers with ${predictedClv !== null ? "a predicted lifetime value" : "orders"}; found ${eligible}.`);
  }
  const clvBySlot = predictedClv !== null ? slotColumn(customers, clvs) : undefined;

  // Store gap quantile over all gaps between consecutive purchase days.
  const gaps = new Float64Array(gapCount);
  let g = 0;
  for (const p of customers) {
    // One gap needs no walk through the orders: it is last day − first day.
    const days = p.purchaseDays;
    if (days === 2) gaps[g++] = (p.lastDay as number) - (p.firstDay as number);
    else if (days > 2) g = writeGaps(p, gaps, g);
  }
  // Gaps are whole days: counted rather than sorted.
  const gapCounts = countWholeNumbers(gaps);
  let storeGap: SeedSegmentContext["storeGap"] = null;
  if (gaps.length >= config.dormant.minStoreGaps) {
    const q = config.dormant.storeGapQuantile;
    storeGap = { days: gapCounts !== null ? gapCounts.quantile(q) : quantileSorted(gaps.sort(), q), gaps: gaps.length };
  } else {
    caveats.push(`Only ${gaps.length} repeat purchases in the store: one-time buyers cannot be judged dormant yet.`);
  }

  // Margin tiers among customers with enough cost coverage.
  const allRates = new Float64Array(customers.length);
  let rated = 0;
  for (const p of customers) {
    const rate = marginRate(p, config.margin.minKnownCostShare);
    if (rate !== null) allRates[rated++] = rate;
  }
  let margin: SeedSegmentContext["margin"] = null;
  if (rated >= config.margin.minCustomersWithCost) {
    const rates = allRates.subarray(0, rated);
    margin = {
      low: quantileInPlace(rates, config.margin.lowQuantile),
      high: quantileInPlace(rates, config.margin.highQuantile),
      eligible: rated,
    };
  } else if (customers.length > 0) {
    caveats.push(`Margin tiers need unit costs for at least ${config.margin.minCustomersWithCost} customers; found ${rated}.`);
  }

  const rules = seedRules(config, predictedClv !== null);
  return { asOf, config, currency: options.currency ?? null, predictedClv, vip, storeGap, margin, rules, caveats, clvBySlot };
}

/** Values of the customers spread by slot, when they all live in one book (undefined otherwise). */
function slotColumn(customers: readonly CustomerProfile[], values: readonly number[]): SeedSegmentContext["clvBySlot"] {
  if (customers.length === 0) return undefined;
  const book = customers[0].book;
  const column = new Float64Array(book.slotCount).fill(Number.NaN);
  for (let i = 0; i < customers.length; i++) {
    const p = customers[i];
    if (p.book !== book) return undefined;
    column[p.slot] = values[i];
  }
  return { book, values: column };
}

/** Bit of each seed segment in a membership mask (bit i = SEED_SEGMENTS[i]). */
export const SEED_SEGMENT_BIT: Record<SeedSegment, number> = Object.fromEntries(SEED_SEGMENTS.map((s, i) => [s, 1 << i])) as Record<SeedSegment, number>;

function vipValue(p: CustomerProfile, ctx: SeedSegmentContext): number | null {
  if (ctx.vip?.basis !== "predicted_clv") return p.netRevenueCents / 100;
  const bySlot = ctx.clvBySlot;
  if (bySlot === undefined || bySlot.book !== p.book || p.slot >= bySlot.values.length) return clvOf(ctx, p);
  const v = bySlot.values[p.slot];
  // NaN: no prediction then, or no orders then; the map has the final word.
  return Number.isFinite(v) ? v : clvOf(ctx, p);
}

/** Dormant by the customer's own rhythm (3+ purchase days) rather than the store's gap. */
function usesOwnRhythm(p: CustomerProfile, cfg: SeedSegmentConfig): boolean {
  return p.purchaseDays >= cfg.dormant.minPurchaseDaysForOwnRhythm && p.purchaseDays >= 2;
}

function discountHeavy(p: CustomerProfile, ps: SeedSegmentConfig["priceSensitive"]): boolean {
  return p.orderCount >= ps.minOrders && p.discountOrders / p.orderCount >= ps.minDiscountShare;
}

function economyHeavy(p: CustomerProfile, ps: SeedSegmentConfig["priceSensitive"]): boolean {
  const shipped = p.shippedOrders;
  return shipped >= ps.minShippedOrders && p.economyOrFreeOrders / shipped >= ps.minEconomyOrFreeShare;
}

/**
 * The seed segments of one customer as a bit mask (SEED_SEGMENT_BIT), without any text: the
 * decision alone, allocation-free, for store-wide summaries. `seedSegmentsFor` adds the words.
 */
export function seedSegmentMask(p: CustomerProfile, ctx: SeedSegmentContext): number {
  if (p.orderCount === 0) return 0;
  const cfg = ctx.config;
  let mask = 0;
  if ((daysSinceFirstOrder(p, ctx.asOf) as number) <= cfg.newCustomer.withinDays) mask |= SEED_SEGMENT_BIT.new;

  if (ctx.vip !== null) {
    const value = vipValue(p, ctx);
    if (value !== null && value > 0 && value >= ctx.vip.threshold) mask |= SEED_SEGMENT_BIT.vip;
  }

  const sinceLast = daysSinceLastOrder(p, ctx.asOf) as number;
  if (usesOwnRhythm(p, cfg)) {
    // gapStats(p).meanDays, without the object.
    const meanDays = ((p.lastDay as number) - (p.firstDay as number)) / (p.purchaseDays - 1);
    if (sinceLast > cfg.dormant.gapMultiple * meanDays) mask |= SEED_SEGMENT_BIT.dormant;
  } else if (ctx.storeGap !== null && sinceLast > ctx.storeGap.days) {
    mask |= SEED_SEGMENT_BIT.dormant;
  }

  if (discountHeavy(p, cfg.priceSensitive) || economyHeavy(p, cfg.priceSensitive)) mask |= SEED_SEGMENT_BIT.price_sensitive;

  const rr = cfg.returnRisk;
  if (p.orderCount >= rr.minOrders && p.returnedOrders / p.orderCount >= rr.minReturnedShare) mask |= SEED_SEGMENT_BIT.return_risk;

  const rate = marginRate(p, cfg.margin.minKnownCostShare);
  if (rate === null) mask |= SEED_SEGMENT_BIT.margin_unknown;
  else if (ctx.margin !== null) {
    const { low, high } = ctx.margin;
    if (rate >= high && rate > low) mask |= SEED_SEGMENT_BIT.margin_high;
    else if (rate <= low && rate < high) mask |= SEED_SEGMENT_BIT.margin_low;
  }
  return mask;
}

/** This customer's numbers against one segment's rule, in merchant language (for a member). */
export function seedSegmentEvidence(segment: SeedSegment, p: CustomerProfile, ctx: SeedSegmentContext): string {
  const cfg = ctx.config;
  switch (segment) {
    case "new":
      return `First order ${daysAgo(daysSinceFirstOrder(p, ctx.asOf) as number)}.`;
    case "vip": {
      const top = percent(cfg.vip.topShare);
      const threshold = money((ctx.vip?.threshold ?? 0) * 100, ctx.currency);
      return ctx.vip?.basis === "predicted_clv"
        ? `Predicted lifetime value ${money((vipValue(p, ctx) ?? 0) * 100, ctx.currency)}; the top ${top} starts at ${threshold}.`
        : `Spent ${money(p.netRevenueCents, ctx.currency)} net of refunds; the top ${top} starts at ${threshold}.`;
    }
    case "dormant": {
      const sinceLast = daysSinceLastOrder(p, ctx.asOf) as number;
      if (usesOwnRhythm(p, cfg)) {
        const mean = (gapStats(p) as GapStats).meanDays;
        const limit = cfg.dormant.gapMultiple * mean;
        return (
          `No order for ${plural(sinceLast, "day")}; they usually order every ${oneDecimal(mean)} days ` +
          `(${sinceLast} > ${oneDecimal(cfg.dormant.gapMultiple)} × ${oneDecimal(mean)} = ${oneDecimal(limit)}).`
        );
      }
      return (
        `No order for ${plural(sinceLast, "day")}, longer than ${percent(cfg.dormant.storeGapQuantile)} of the gaps between orders ` +
        `in this store (${oneDecimal(ctx.storeGap?.days ?? 0)} days).`
      );
    }
    case "price_sensitive": {
      const ps = cfg.priceSensitive;
      const reasons: string[] = [];
      if (discountHeavy(p, ps)) {
        reasons.push(
          `Used a discount code on ${p.discountOrders} of ${plural(p.orderCount, "order")} ` +
            `(${percent(p.discountOrders / p.orderCount)} ≥ ${percent(ps.minDiscountShare)})`,
        );
      }
      if (economyHeavy(p, ps)) {
        const shipped = p.shippedOrders;
        reasons.push(
          `${p.economyOrFreeOrders} of ${plural(shipped, "shipped order")} went economy or with free shipping ` +
            `(${percent(p.economyOrFreeOrders / shipped)} ≥ ${percent(ps.minEconomyOrFreeShare)})`,
        );
      }
      return `${reasons.join("; ")}.`;
    }
    case "return_risk":
      return (
        `Returned items from ${p.returnedOrders} of ${plural(p.orderCount, "order")} ` +
        `(${percent(p.returnedOrders / p.orderCount)} ≥ ${percent(cfg.returnRisk.minReturnedShare)}).`
      );
    case "margin_unknown":
      return p.knownCostRevenueCents <= 0
        ? "No unit costs are set for the products they bought."
        : `Unit costs are known for ${percent(p.lineRevenueCents > 0 ? p.knownCostRevenueCents / p.lineRevenueCents : 0)} of what they bought.`;
    case "margin_high":
    case "margin_low": {
      const rate = marginRate(p, cfg.margin.minKnownCostShare) ?? 0;
      const basis = `on ${money(p.knownCostRevenueCents, ctx.currency)} of products with known cost`;
      return segment === "margin_high"
        ? `Margin ${percent(rate)} ${basis}; the top ${percent(1 - cfg.margin.highQuantile)} starts at ${percent(ctx.margin?.high ?? 0)}.`
        : `Margin ${percent(rate)} ${basis}; the bottom ${percent(cfg.margin.lowQuantile)} ends at ${percent(ctx.margin?.low ?? 0)}.`;
    }
  }
}

/** The seed segments of one customer, each with its rule and this customer's evidence. */
export function seedSegmentsFor(p: CustomerProfile, ctx: SeedSegmentContext): SegmentMembership<SeedSegment>[] {
  const mask = seedSegmentMask(p, ctx);
  const out: SegmentMembership<SeedSegment>[] = [];
  for (const segment of SEED_SEGMENTS) {
    if (mask & SEED_SEGMENT_BIT[segment]) {
      out.push({ segment, label: SEED_SEGMENT_LABELS[segment], rule: ctx.rules[segment], evidence: seedSegmentEvidence(segment, p, ctx), basis: "observed" });
    }
  }
  return out;
}

function daysAgo(days: number): string {
  return days === 0 ? "today" : `${plural(days, "day")} ago`;
}

export interface SeedSegmentResult {
  context: SeedSegmentContext;
  /** Memberships per customer (customers with no segment are absent). */
  memberships: Map<string, SegmentMembership<SeedSegment>[]>;
}

/** Classifies every customer with orders. */
export function assignSeedSegments(profiles: Iterable<CustomerProfile>, asOf: EpochMs, options: SeedSegmentOptions = {}): SeedSegmentResult {
  const list = Array.isArray(profiles) ? (profiles as CustomerProfile[]) : Array.from(profiles);
  const context = seedSegmentContext(list, asOf, options);
  const memberships = new Map<string, SegmentMembership<SeedSegment>[]>();
  for (const p of list) {
    const m = seedSegmentsFor(p, context);
    if (m.length > 0) memberships.set(p.customerId, m);
  }
  return { context, memberships };
}
