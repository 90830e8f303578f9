/**
 * Delivery-behaviour segments: how customers choose to receive their orders. Each membership
 * carries the rule and this customer's evidence; classification reads only the customer's own
 * profile, so it is redone for one customer after each order update (see live-segments.ts).
 *
 * Stated preferences (zero-party answers at checkout) count as membership on their own for
 * speed and cost; `preferenceAgreement` reports whether what customers say matches what they do.
 */
import { type CustomerProfile, type GapStats, EARLY_MONTH_LAST_DAY, gapStats, recentOrderIsGift } from "./customer-profile";
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

/**
 * Behaviour segments whose rule itself needs two or more purchase days (see
 * `seedSegmentsNeedingRepeat`). Speed and cost are not among them: a stated answer on a first
 * order is enough to join.
 */
export function behaviourSegmentsNeedingRepeat(config: BehaviourSegmentConfig = BEHAVIOUR_SEGMENT_CONFIG): ReadonlySet<BehaviourSegment> {
  return new Set<BehaviourSegment>(config.firstOfMonth.minPurchaseDays >= 2 ? ["first_of_month"] : []);
}

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

function speedObserved(p: CustomerProfile, config: BehaviourSegmentConfig): boolean {
  const shipped = p.shippedOrders;
  return shipped >= config.speedFocused.minShippedOrders && p.expressOrders / shipped >= config.speedFocused.minExpressShare;
}

function costObserved(p: CustomerProfile, config: BehaviourSegmentConfig): boolean {
  const shipped = p.shippedOrders;
  const pc = config.priceSensitiveShipping;
  return shipped >= pc.minShippedOrders && p.economyOrFreeOrders / shipped >= pc.minEconomyOrFreeShare;
}

function giftGiver(p: CustomerProfile, config: BehaviourSegmentConfig): boolean {
  const gg = config.giftGiver;
  return p.giftOrders / p.orderCount >= gg.minGiftShare && recentOrderIsGift(p, gg.recentOrders).gifts >= 1;
}

function firstOfMonth(p: CustomerProfile, config: BehaviourSegmentConfig): GapStats | null {
  const fm = config.firstOfMonth;
  // The counters first: most customers fail them, and then no gap statistics are made.
  if (!(p.purchaseDays >= fm.minPurchaseDays && p.earlyMonthOrders / p.orderCount >= fm.minEarlyMonthShare)) return null;
  const gaps = gapStats(p);
  const member =
    gaps !== null &&
    gaps.meanDays >= fm.minMeanGapDays &&
    gaps.meanDays <= fm.maxMeanGapDays &&
    gaps.variation <= fm.maxGapVariation;
  return member ? gaps : null;
}

/** Bit of each behaviour segment in a membership mask (bit i = BEHAVIOUR_SEGMENTS[i]). */
export const BEHAVIOUR_SEGMENT_BIT: Record<BehaviourSegment, number> = Object.fromEntries(
  BEHAVIOUR_SEGMENTS.map((s, i) => [s, 1 << i]),
) as Record<BehaviourSegment, number>;

/**
 * The behaviour segments of one customer as a bit mask, without any text: the decision alone,
 * for store-wide summaries. `behaviourSegmentsFor` makes the same decisions and adds the words.
 */
export function behaviourSegmentMask(p: CustomerProfile, config: BehaviourSegmentConfig = BEHAVIOUR_SEGMENT_CONFIG): number {
  if (p.orderCount === 0) return 0;
  const stated = p.statedSpeedVsCost;
  let mask = 0;
  if (stated === STATED_SPEED || speedObserved(p, config)) mask |= BEHAVIOUR_SEGMENT_BIT.speed_focused;
  if (stated === STATED_COST || costObserved(p, config)) mask |= BEHAVIOUR_SEGMENT_BIT.price_sensitive_shipping;
  if (giftGiver(p, config)) mask |= BEHAVIOUR_SEGMENT_BIT.gift_giver;
  if (firstOfMonth(p, config) !== null) mask |= BEHAVIOUR_SEGMENT_BIT.first_of_month;
  return mask;
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
  const stated = p.statedSpeedVsCost;
  const shipped = p.shippedOrders;

  // Speed-focused
  const sf = config.speedFocused;
  const isSpeedObserved = speedObserved(p, config);
  const speedStated = stated === STATED_SPEED;
  if (isSpeedObserved || speedStated) {
    const observed = isSpeedObserved
      ? `${p.expressOrders} of ${plural(shipped, "shipped order")} used Express (${percent(p.expressOrders / shipped)} ≥ ${percent(sf.minExpressShare)})`
      : "";
    add("speed_focused", combine(observed, speedStated ? `said they prefer speed over cost${statedOn(p)}` : ""), basisOf(isSpeedObserved, speedStated));
  }

  // Price-sensitive shipping
  const pc = config.priceSensitiveShipping;
  const isCostObserved = costObserved(p, config);
  const costStated = stated === STATED_COST;
  if (isCostObserved || costStated) {
    const observed = isCostObserved
      ? `${p.economyOrFreeOrders} of ${plural(shipped, "shipped order")} went economy or with free shipping ` +
        `(${percent(p.economyOrFreeOrders / shipped)} ≥ ${percent(pc.minEconomyOrFreeShare)})`
      : "";
    add(
      "price_sensitive_shipping",
      combine(observed, costStated ? `said they prefer lower cost over speed${statedOn(p)}` : ""),
      basisOf(isCostObserved, costStated),
    );
  }

  // Gift-givers
  const gg = config.giftGiver;
  if (giftGiver(p, config)) {
    const recent = recentOrderIsGift(p, gg.recentOrders);
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
  const gaps = firstOfMonth(p, config);
  if (gaps !== null) {
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
  const stated = p.statedSpeedVsCost;
  const shipped = p.shippedOrders;
  const expressShare = shipped > 0 ? p.expressOrders / shipped : null;
  const economyOrFreeShare = shipped > 0 ? p.economyOrFreeOrders / shipped : null;
  const verdict = agreementVerdict(p, config);
  const base = { stated, verdict, shippedOrders: shipped, expressShare, economyOrFreeShare };
  if (stated === null) return { ...base, explanation: "Has not said whether they prefer speed or lower cost." };
  const saidText = stated === "speed" ? "speed" : stated === "cost" ? "lower cost" : "a balance of speed and cost";
  if (verdict === "not_enough_orders") {
    return { ...base, explanation: `Said they prefer ${saidText}, but has no shipped orders to compare with yet.` };
  }
  const expressText = `${p.expressOrders} of ${plural(shipped, "shipped order")} used Express (${percent(expressShare as number)})`;
  const economyText = `${p.economyOrFreeOrders} of ${plural(shipped, "shipped order")} went economy or with free shipping (${percent(economyOrFreeShare as number)})`;
  const evidence = stated === "speed" ? expressText : stated === "cost" ? economyText : `${expressText}; ${economyText}`;
  return { ...base, explanation: `Said they prefer ${saidText}${verdict === "agrees" ? ", and" : ", but"} ${evidence}.` };
}

/** The verdict of `preferenceAgreement` alone (no text), for store-wide counts. */
export function agreementVerdict(p: CustomerProfile, config: BehaviourSegmentConfig = BEHAVIOUR_SEGMENT_CONFIG): AgreementVerdict {
  const { minShare, minShippedOrders } = config.preferenceAgreement;
  const stated = p.statedSpeedVsCost;
  if (stated === null) return "no_stated_preference";
  const shipped = p.shippedOrders;
  if (shipped < minShippedOrders || shipped === 0) return "not_enough_orders";
  const expressShare = p.expressOrders / shipped;
  const economyOrFreeShare = p.economyOrFreeOrders / shipped;
  const agrees =
    stated === "speed" ? expressShare >= minShare : stated === "cost" ? economyOrFreeShare >= minShare : expressShare < minShare && economyOrFreeShare < minShare;
  return agrees ? "agrees" : "disagrees";
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
    const stated = p.statedSpeedVsCost;
    if (stated === null) continue;
    const verdict = agreementVerdict(p, config);
    const s = out[stated];
    s.stated++;
    if (verdict === "agrees") s.agrees++;
    else if (verdict === "disagrees") s.disagrees++;
    else s.notEnoughOrders++;
  }
  for (const s of Object.values(out)) s.agreementRate = s.agrees + s.disagrees > 0 ? s.agrees / (s.agrees + s.disagrees) : null;
  return out;
}
