/**
 * Delivery-behaviour segments: how customers choose to receive their orders. Each membership
 * carries the rule and this customer's evidence; classification reads only the customer's own
 * profile, so it is redone for one customer after each order update (see live-segments.ts).
 *
 * Stated preferences (zero-party answers at checkout) count as membership on their own for
 * speed and cost; `preferenceAgreement` reports whether what customers say matches what they do.
 */
import { type CustomerProfile, EARLY_MONTH_LAST_DAY, gapStats, recentOrderIsGift } from "./customer-profile";
import { type MembershipBasis, type SegmentMembership, isoDate, oneDecimal, ordinal, percent, plural } from "./membership";

export const BEHAVIOUR_SEGMENT_CONFIG = {
  speedFocused: { minExpressShare: 0.6, minShippedOrders: 2 },
  priceSensitiveShipping: { minEconomyOrFreeShare: 0.6, minShippedOrders: 2 },
  giftGiver: { recentOrders: 3, minGiftShare: 0.3 },
  firstOfMonth: { minPurchaseDays: 3, minEarlyMonthShare: 0.6, minMeanGapDays: 24, maxMeanGapDays: 38, maxGapVariation: 0.35 },
  preferenceAgreement: { minShare: 0.5, minShippedOrders: 1 },
};
export type BehaviourSegmentConfig = typeof BEHAVIOUR_SEGMENT_CONFIG;

export const BEHAVIOUR_SEGMENTS = ["speed_focused", "price_sensitive_shipping", "gift_giver", "first_of_month"] as const;
export type BehaviourSegment = (typeof BEHAVIOUR_SEGMENTS)[number];

export const BEHAVIOUR_SEGMENT_LABELS: Record<BehaviourSegment, string> = {
  speed_focused: "Speed-focused",
  price_sensitive_shipping: "Price-sensitive shipping",
  gift_giver: "Gift-givers",
  first_of_month: "First-of-month buyers",
};

const rulesCache = new WeakMap<BehaviourSegmentConfig, Record<BehaviourSegment, string>>();

/** The rule of each segment in merchant language (cached per config object). */
export function behaviourRules(config: BehaviourSegmentConfig = BEHAVIOUR_SEGMENT_CONFIG): Record<BehaviourSegment, string> {
  const cached = rulesCache.get(config);
  if (cached !== undefined) return cached;
  const { speedFocused: s, priceSensitiveShipping: c, giftGiver: g, firstOfMonth: f } = config;
  const rules: Record<BehaviourSegment, string> = {
    speed_focused:
      `At least ${percent(s.minExpressShare)} of shipped orders used Express (${s.minShippedOrders}+ shipped orders), ` +
      "or said at checkout they prefer speed over cost.",
    price_sensitive_shipping:
      `At least ${percent(c.minEconomyOrFreeShare)} of shipped orders went economy or with free shipping ` +
      `(${c.minShippedOrders}+ shipped orders), or said at checkout they prefer lower cost over speed.`,
    gift_giver:
      `At least ${percent(g.minGiftShare)} of orders were gifts or went to an address other than the billing address, ` +
      `including at least one of the last ${g.recentOrders} orders.`,
    first_of_month:
      `At least ${f.minPurchaseDays} orders on different days, at least ${percent(f.minEarlyMonthShare)} of them placed on ` +
      `the 1st–${ordinal(EARLY_MONTH_LAST_DAY)} of the month, about monthly (every ${f.minMeanGapDays}–${f.maxMeanGapDays} days on ` +
      `average) at a steady rhythm (gaps varying by at most ${percent(f.maxGapVariation)}).`,
  };
  rulesCache.set(config, rules);
  return rules;
}

const STATED_SPEED = "speed";
const STATED_COST = "cost";

function statedOn(p: CustomerProfile): string {
  return p.latestPreferences === null ? "" : ` (answered ${isoDate(p.latestPreferences.answeredAt)})`;
}

/** The behaviour segments of one customer, each with its rule and evidence. */
export function behaviourSegmentsFor(
  p: CustomerProfile,
  config: BehaviourSegmentConfig = BEHAVIOUR_SEGMENT_CONFIG,
): SegmentMembership<BehaviourSegment>[] {
  const out: SegmentMembership<BehaviourSegment>[] = [];
  if (p.orderCount === 0) return out;
  const rules = behaviourRules(config);
  const add = (segment: BehaviourSegment, evidence: string, basis: MembershipBasis) =>
    out.push({ segment, label: BEHAVIOUR_SEGMENT_LABELS[segment], rule: rules[segment], evidence, basis });
  const stated = p.latestPreferences?.speedVsCost ?? null;
  const shipped = p.shippedOrders;

  // Speed-focused
  const sf = config.speedFocused;
  const speedObserved = shipped >= sf.minShippedOrders && p.expressOrders / shipped >= sf.minExpressShare;
  const speedStated = stated === STATED_SPEED;
  if (speedObserved || speedStated) {
    const observed = speedObserved
      ? `${p.expressOrders} of ${plural(shipped, "shipped order")} used Express (${percent(p.expressOrders / shipped)} ≥ ${percent(sf.minExpressShare)})`
      : "";
    add("speed_focused", combine(observed, speedStated ? `said they prefer speed over cost${statedOn(p)}` : ""), basisOf(speedObserved, speedStated));
  }

  // Price-sensitive shipping
  const pc = config.priceSensitiveShipping;
  const costObserved = shipped >= pc.minShippedOrders && p.economyOrFreeOrders / shipped >= pc.minEconomyOrFreeShare;
  const costStated = stated === STATED_COST;
  if (costObserved || costStated) {
    const observed = costObserved
      ? `${p.economyOrFreeOrders} of ${plural(shipped, "shipped order")} went economy or with free shipping ` +
        `(${percent(p.economyOrFreeOrders / shipped)} ≥ ${percent(pc.minEconomyOrFreeShare)})`
      : "";
    add(
      "price_sensitive_shipping",
      combine(observed, costStated ? `said they prefer lower cost over speed${statedOn(p)}` : ""),
      basisOf(costObserved, costStated),
    );
  }

  // Gift-givers
  const gg = config.giftGiver;
  const recent = recentOrderIsGift(p, gg.recentOrders);
  if (recent.gifts >= 1 && p.giftOrders / p.orderCount >= gg.minGiftShare) {
    add(
      "gift_giver",
      `${p.giftOrders} of ${plural(p.orderCount, "order")} ${p.giftOrders === 1 ? "was a gift" : "were gifts"} or went to another ` +
        `address (${percent(p.giftOrders / p.orderCount)} ≥ ${percent(gg.minGiftShare)}), ` +
        (recent.checked === 1 ? "including the latest order." : `including ${recent.gifts} of the last ${recent.checked}.`),
      "observed",
    );
  }

  // Cyclical first-of-month buyers
  const fm = config.firstOfMonth;
  const gaps = gapStats(p);
  if (
    gaps !== null &&
    p.purchaseDays >= fm.minPurchaseDays &&
    p.earlyMonthOrders / p.orderCount >= fm.minEarlyMonthShare &&
    gaps.meanDays >= fm.minMeanGapDays &&
    gaps.meanDays <= fm.maxMeanGapDays &&
    gaps.variation <= fm.maxGapVariation
  ) {
    add(
      "first_of_month",
      `${p.earlyMonthOrders} of ${plural(p.orderCount, "order")} placed on the 1st–${ordinal(EARLY_MONTH_LAST_DAY)} of the month ` +
        `(${percent(p.earlyMonthOrders / p.orderCount)} ≥ ${percent(fm.minEarlyMonthShare)}); an order about every ` +
        `${oneDecimal(gaps.meanDays)} days, give or take ${oneDecimal(gaps.stdDays)} (${percent(gaps.variation)} ≤ ${percent(fm.maxGapVariation)}).`,
      "observed",
    );
  }
  return out;
}

function basisOf(observed: boolean, stated: boolean): MembershipBasis {
  return observed && stated ? "observed_and_stated" : observed ? "observed" : "stated";
}

/** "observed; also said …." / "observed." / "Said …." */
function combine(observed: string, said: string): string {
  if (observed && said) return `${observed}; also ${said}.`;
  if (observed) return `${observed}.`;
  return `${said.charAt(0).toUpperCase()}${said.slice(1)}.`;
}

// ——— stated vs observed ———

export type AgreementVerdict = "agrees" | "disagrees" | "no_stated_preference" | "not_enough_orders";

export interface PreferenceAgreement {
  stated: "speed" | "cost" | "balanced" | null;
  verdict: AgreementVerdict;
  shippedOrders: number;
  expressShare: number | null;
  economyOrFreeShare: number | null;
  explanation: string;
}

/**
 * Does what the customer said (speed / cost / balanced) match what they buy?
 * speed → Express on ≥ minShare of shipped orders; cost → economy or free shipping on ≥ minShare;
 * balanced → neither extreme reaches minShare.
 */
export function preferenceAgreement(p: CustomerProfile, config: BehaviourSegmentConfig = BEHAVIOUR_SEGMENT_CONFIG): PreferenceAgreement {
  const { minShare, minShippedOrders } = config.preferenceAgreement;
  const stated = p.latestPreferences?.speedVsCost ?? null;
  const shipped = p.shippedOrders;
  const expressShare = shipped > 0 ? p.expressOrders / shipped : null;
  const economyOrFreeShare = shipped > 0 ? p.economyOrFreeOrders / shipped : null;
  const base = { stated, shippedOrders: shipped, expressShare, economyOrFreeShare };
  if (stated === null) {
    return { ...base, verdict: "no_stated_preference", explanation: "Has not said whether they prefer speed or lower cost." };
  }
  const saidText = stated === "speed" ? "speed" : stated === "cost" ? "lower cost" : "a balance of speed and cost";
  if (shipped < minShippedOrders || expressShare === null || economyOrFreeShare === null) {
    return { ...base, verdict: "not_enough_orders", explanation: `Said they prefer ${saidText}, but has no shipped orders to compare with yet.` };
  }
  const expressText = `${p.expressOrders} of ${plural(shipped, "shipped order")} used Express (${percent(expressShare)})`;
  const economyText = `${p.economyOrFreeOrders} of ${plural(shipped, "shipped order")} went economy or with free shipping (${percent(economyOrFreeShare)})`;
  let agrees: boolean;
  let evidence: string;
  if (stated === "speed") {
    agrees = expressShare >= minShare;
    evidence = expressText;
  } else if (stated === "cost") {
    agrees = economyOrFreeShare >= minShare;
    evidence = economyText;
  } else {
    agrees = expressShare < minShare && economyOrFreeShare < minShare;
    evidence = `${expressText}; ${economyText}`;
  }
  return {
    ...base,
    verdict: agrees ? "agrees" : "disagrees",
    explanation: `Said they prefer ${saidText}${agrees ? ", and" : ", but"} ${evidence}.`,
  };
}

export interface AgreementSummary {
  stated: number;
  agrees: number;
  disagrees: number;
  notEnoughOrders: number;
  /** agrees / (agrees + disagrees); null when nothing to compare. */
  agreementRate: number | null;
}

/** Stated-vs-observed agreement per stated preference, over customers with orders. */
export function preferenceAgreementSummary(
  profiles: Iterable<CustomerProfile>,
  config: BehaviourSegmentConfig = BEHAVIOUR_SEGMENT_CONFIG,
): Record<"speed" | "cost" | "balanced", AgreementSummary> {
  const empty = (): AgreementSummary => ({ stated: 0, agrees: 0, disagrees: 0, notEnoughOrders: 0, agreementRate: null });
  const out = { speed: empty(), cost: empty(), balanced: empty() };
  for (const p of profiles) {
    if (p.orderCount === 0) continue;
    const a = preferenceAgreement(p, config);
    if (a.stated === null) continue;
    const s = out[a.stated];
    s.stated++;
    if (a.verdict === "agrees") s.agrees++;
    else if (a.verdict === "disagrees") s.disagrees++;
    else s.notEnoughOrders++;
  }
  for (const s of Object.values(out)) s.agreementRate = s.agrees + s.disagrees > 0 ? s.agrees / (s.agrees + s.disagrees) : null;
  return out;
}
