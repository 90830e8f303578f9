/**
 * The store's customers in segments: RFM, the plan's seed segments and the delivery-behaviour
 * segments, each summarized (size, revenue, order value, repeat rate, predicted value), plus
 * how many customers told us their delivery preferences and what they said.
 */
import type { Confidence, Order } from "../types";
import { orderAsKnownAt, placedAt } from "../journey/order-facts";
import {
  BEHAVIOUR_SEGMENT_LABELS,
  BEHAVIOUR_SEGMENTS,
  behaviourRules,
  behaviourSegmentMask,
  preferenceAgreementSummary,
  type AgreementSummary,
  type BehaviourSegment,
} from "../segments/behaviour-segments";
import { activeProfiles, addOrderToBook, createProfileBook, type ProfileBook } from "../segments/profile-book";
import type { CustomerProfile } from "../segments/customer-profile";
import { RFM_SEGMENTS, RFM_SEGMENT_RULES, RFM_UNSCORED, rfmSegmentCounts, scoreRfm, type RfmSegment, type RfmTable } from "../segments/rfm";
import { SEED_SEGMENT_LABELS, SEED_SEGMENTS, seedSegmentContext, seedSegmentMask, type SeedSegment, type SeedSegmentContext } from "../segments/seed-segments";
import { alignPredictions, alignPredictionsByIds, summarizeMasks, summaryFigures, type CustomerActivity, type SegmentSummary } from "../segments/segment-summary";

export interface PreferenceCoverage {
  /** Customers who answered the delivery questions at least once. */
  customersWithAnswers: number;
  customerShare: number | null;
  ordersWithAnswers: number;
  orderShare: number | null;
  /** Latest answers, counted per customer. */
  speedVsCost: Record<"speed" | "cost" | "balanced", number>;
  deliveryWindow: Record<"morning" | "afternoon" | "evening" | "any", number>;
  deliveryDays: Record<"weekdays" | "weekend" | "any", number>;
  notifications: Record<"every_milestone" | "key_only", number>;
  giftPackaging: number;
  /** Does what customers say match what they buy? */
  agreement: Record<"speed" | "cost" | "balanced", AgreementSummary>;
}

export interface SegmentAnalysis {
  customers: number;
  rfm: { counts: Record<RfmSegment, number>; summary: SegmentSummary; confidence: Confidence; caveats: string[] };
  seed: {
    summary: SegmentSummary;
    rules: Record<SeedSegment, string>;
    vip: SeedSegmentContext["vip"];
    storeGapDays: number | null;
    caveats: string[];
  };
  behaviour: { summary: SegmentSummary; rules: Record<BehaviourSegment, string> };
  preferences: PreferenceCoverage;
}

export interface SegmentOptions {
  asOf: number;
  currency?: string | null;
  utcOffsetMinutes?: number;
  /** Predicted revenue per customer: VIP ranks by it and summaries average it. */
  predictedClv?: ReadonlyMap<string, number>;
  /** P(alive) and expected orders per customer: summaries average them. */
  activity?: CustomerActivity;
  /**
   * The forecast's per-customer columns (ClvAnalysis.perCustomer): when given, they are aligned
   * with the profiles by id in one pass (no map lookups) and `activity` is not needed.
   * `predictedClv` must hold the same revenue figures (the VIP evidence text reads it).
   */
  perCustomer?: { customerIds: readonly string[]; revenue: Float64Array; pAlive: Float64Array; expectedOrders: Float64Array };
}

export function analyzeSegments(orders: readonly Order[], options: SegmentOptions): SegmentAnalysis {
  const book = createProfileBook({ utcOffsetMinutes: options.utcOffsetMinutes }, { orders: orders.length });
  for (const o of orders) addOrderAsOf(book, o, options.asOf);
  return segmentsFromBook(book, options).analysis;
}

/**
 * Feeds one order to the profile book as it was known at `asOf`: orders placed later are not
 * known yet, nor later cancellations and refunds, which keeps replays of history honest, with
 * the same purchase instant as the repeat and CLV analyses. The book resolves versions itself.
 * `record` and `customerCode`: the caller's codes of the ids, see `addOrderToBook`.
 */
export function addOrderAsOf(book: ProfileBook, o: Order, asOf: number, record?: number, customerCode?: number): void {
  if (placedAt(o) <= asOf) addOrderToBook(book, orderAsKnownAt(o, asOf), record, customerCode);
}

/** The segment analysis plus the per-customer tables it was built from (the refresh stores them). */
export interface SegmentRun {
  analysis: SegmentAnalysis;
  profiles: CustomerProfile[];
  rfm: RfmTable;
  seed: SeedSegmentContext;
}

export function segmentsFromBook(book: ProfileBook, options: SegmentOptions): SegmentRun {
  const { asOf, predictedClv, activity } = options;
  const currency = options.currency ?? null;
  const profiles = activeProfiles(book);

  // Summaries need only which segments each customer is in: decisions as bit masks, no
  // per-customer evidence text (the UI asks `seedSegmentsFor` & co. for one customer at a time).
  const columns = options.perCustomer;
  const aligned = columns
    ? alignPredictionsByIds(profiles, columns.customerIds, { clv: columns.revenue, pAlive: columns.pAlive, expectedOrders: columns.expectedOrders })
    : alignPredictions(profiles, predictedClv, activity);
  const rfm = scoreRfm(profiles, asOf);
  // Each customer's figures are read once for the three summaries, and each family's masks in
  // a loop of their own (one call site per mask function): plain loops over columns.
  const figures = summaryFigures(profiles);
  const n = profiles.length;
  const rfmRefs = RFM_SEGMENTS.map((segment) => ({ segment, label: RFM_SEGMENT_RULES.find((r) => r.segment === segment)?.label ?? segment }));
  const rfmMasks = new Int32Array(n);
  for (let i = 0; i < n; i++) rfmMasks[i] = rfm.segment[i] === RFM_UNSCORED ? 0 : 1 << rfm.segment[i];
  const rfmSummary = summarizeMasks(figures, rfmMasks, rfmRefs, { aligned, segments: RFM_SEGMENT_RULES.map((r) => ({ segment: r.segment, label: r.label })) });

  const seed = seedSegmentContext(profiles, asOf, { predictedClv, alignedClv: columns && predictedClv ? aligned.clv : null, currency });
  const seedRefs = SEED_SEGMENTS.map((s) => ({ segment: s, label: SEED_SEGMENT_LABELS[s] }));
  const seedMasks = new Int32Array(n);
  for (let i = 0; i < n; i++) seedMasks[i] = seedSegmentMask(profiles[i], seed);
  const seedSummary = summarizeMasks(figures, seedMasks, seedRefs, { aligned, segments: seedRefs });

  const behaviourRefs = BEHAVIOUR_SEGMENTS.map((s) => ({ segment: s, label: BEHAVIOUR_SEGMENT_LABELS[s] }));
  const behaviourMasks = new Int32Array(n);
  for (let i = 0; i < n; i++) behaviourMasks[i] = behaviourSegmentMask(profiles[i]);
  const behaviourSummary = summarizeMasks(figures, behaviourMasks, behaviourRefs, { aligned, segments: behaviourRefs });

  const analysis: SegmentAnalysis = {
    customers: profiles.length,
    rfm: { counts: rfmSegmentCounts(rfm), summary: rfmSummary, confidence: rfm.confidence, caveats: rfm.caveats },
    seed: {
      summary: seedSummary,
      rules: seed.rules,
      vip: seed.vip,
      storeGapDays: seed.storeGap?.days ?? null,
      caveats: seed.caveats,
    },
    behaviour: { summary: behaviourSummary, rules: behaviourRules() },
    preferences: preferenceCoverage(profiles),
  };
  return { analysis, profiles, rfm, seed };
}

function preferenceCoverage(profiles: ReturnType<typeof activeProfiles>): PreferenceCoverage {
  const speedVsCost = { speed: 0, cost: 0, balanced: 0 };
  const deliveryWindow = { morning: 0, afternoon: 0, evening: 0, any: 0 };
  const deliveryDays = { weekdays: 0, weekend: 0, any: 0 };
  const notifications = { every_milestone: 0, key_only: 0 };
  let giftPackaging = 0;
  let customersWithAnswers = 0;
  let ordersWithAnswers = 0;
  let orders = 0;
  for (const p of profiles) {
    orders += p.orderCount;
    ordersWithAnswers += p.preferenceOrders;
    const latest = p.latestAnswers;
    if (p.preferenceOrders === 0 || latest === null) continue;
    customersWithAnswers++;
    if (latest.speedVsCost !== null) speedVsCost[latest.speedVsCost]++;
    if (latest.deliveryWindow !== null) deliveryWindow[latest.deliveryWindow]++;
    if (latest.deliveryDays !== null) deliveryDays[latest.deliveryDays]++;
    if (latest.notifications !== null) notifications[latest.notifications]++;
    if (latest.giftPackaging === true) giftPackaging++;
  }
  return {
    customersWithAnswers,
    customerShare: profiles.length > 0 ? customersWithAnswers / profiles.length : null,
    ordersWithAnswers,
    orderShare: orders > 0 ? ordersWithAnswers / orders : null,
    speedVsCost,
    deliveryWindow,
    deliveryDays,
    notifications,
    giftPackaging,
    agreement: preferenceAgreementSummary(profiles),
  };
}
