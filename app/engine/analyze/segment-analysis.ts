/**
 * The store's customers in segments: RFM, the plan's seed segments and the delivery-behaviour
 * segments, each summarized (size, revenue, order value, repeat rate, predicted value), plus
 * how many customers told us their delivery preferences and what they said.
 */
import type { Confidence, Order } from "../types";
import { BEHAVIOUR_SEGMENT_LABELS, BEHAVIOUR_SEGMENTS, behaviourRules, behaviourSegmentsFor, preferenceAgreementSummary, type AgreementSummary, type BehaviourSegment } from "../segments/behaviour-segments";
import type { SegmentMembership } from "../segments/membership";
import { activeProfiles, buildProfiles } from "../segments/profile-book";
import { RFM_SEGMENTS, RFM_SEGMENT_RULES, RFM_UNSCORED, rfmSegmentCounts, scoreRfm, type RfmSegment, type RfmTable } from "../segments/rfm";
import { SEED_SEGMENT_LABELS, SEED_SEGMENTS, assignSeedSegments, type SeedSegment, type SeedSegmentContext } from "../segments/seed-segments";
import { summarizeSegments, type SegmentSummary } from "../segments/segment-summary";

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
}

export function analyzeSegments(orders: readonly Order[], options: SegmentOptions): SegmentAnalysis {
  const { asOf, predictedClv } = options;
  const currency = options.currency ?? null;
  // Orders after asOf are not known yet: keep replays of history honest.
  const known = orders.filter((o) => o.createdAt <= asOf);
  const book = buildProfiles(known, { utcOffsetMinutes: options.utcOffsetMinutes });
  const profiles = activeProfiles(book);

  const rfm = scoreRfm(profiles, asOf);
  const rfmSummary = summarizeSegments(profiles, rfmSegmentLists(rfm), {
    predictedClv,
    segments: RFM_SEGMENT_RULES.map((r) => ({ segment: r.segment, label: r.label })),
  });

  const seed = assignSeedSegments(profiles, asOf, { predictedClv, currency });
  const seedSummary = summarizeSegments(profiles, seed.memberships, {
    predictedClv,
    segments: SEED_SEGMENTS.map((s) => ({ segment: s, label: SEED_SEGMENT_LABELS[s] })),
  });

  const behaviour = new Map<string, SegmentMembership<BehaviourSegment>[]>();
  for (const p of profiles) {
    const m = behaviourSegmentsFor(p);
    if (m.length > 0) behaviour.set(p.customerId, m);
  }
  const behaviourSummary = summarizeSegments(profiles, behaviour, {
    predictedClv,
    segments: BEHAVIOUR_SEGMENTS.map((s) => ({ segment: s, label: BEHAVIOUR_SEGMENT_LABELS[s] })),
  });

  return {
    customers: profiles.length,
    rfm: { counts: rfmSegmentCounts(rfm), summary: rfmSummary, confidence: rfm.confidence, caveats: rfm.caveats },
    seed: {
      summary: seedSummary,
      rules: seed.context.rules,
      vip: seed.context.vip,
      storeGapDays: seed.context.storeGap?.days ?? null,
      caveats: seed.context.caveats,
    },
    behaviour: { summary: behaviourSummary, rules: behaviourRules() },
    preferences: preferenceCoverage(profiles),
  };
}

/**
 * Each scored customer's RFM segment as a membership list, for the summary only: one shared
 * list per segment, without the per-customer evidence text (`rfmMemberships` writes that for
 * the UI; at 400k customers it is most of the RFM cost and the summary never reads it).
 */
function rfmSegmentLists(rfm: RfmTable): Map<string, readonly SegmentMembership<RfmSegment>[]> {
  const lists = RFM_SEGMENT_RULES.map((r) => [{ segment: r.segment, label: r.label, rule: r.description, evidence: "", basis: "observed" as const }]);
  const listOf = RFM_SEGMENTS.map((segment) => lists[RFM_SEGMENT_RULES.findIndex((r) => r.segment === segment)]);
  const out = new Map<string, readonly SegmentMembership<RfmSegment>[]>();
  for (let i = 0; i < rfm.n; i++) {
    const s = rfm.segment[i];
    if (s !== RFM_UNSCORED) out.set(rfm.customerIds[i], listOf[s]);
  }
  return out;
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
    const latest = p.latestPreferences;
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
