/**
 * The testing roadmap: twelve delivery experiments, one starting each month, ranked by what
 * they could be worth in this store. Every test reads the same primary metric (a second order
 * within the test window) so tests compare; its reach is the new customers a year it applies
 * to, its headroom the repeat-rate gap it targets where the store has measured one.
 *
 *   expected impact = reach × min(MDE, headroom) × repeat revenue per returning customer
 *
 * i.e. what the test is worth if it finds the smallest effect it is sized to detect, never more
 * than the measured problem it addresses. Feasibility: a two-proportion sample size (baseline =
 * the store's rate of second orders within the window) and the months to enrol both arms.
 * Feasible tests come first, by expected impact; then the ones that cannot finish in a year.
 */
import type { StoreAnalysis } from "../analyze/analyze-store";
import { weakest } from "../analyze/figure";
import { formatCount, formatPercent } from "../analyze/format";
import type { JourneyGroupStats } from "../journey/audit";
import { customersPerArm, detectableEffect, enrolmentMonths } from "./sample-size";
import { known, leastDirect, planFigure, unknownFigure } from "./plan-figure";
import type { PlanFigure, TestPlanRow, TestVariable } from "./types";

export interface TestingOptions {
  /** Minimum detectable effect on the repeat rate, absolute (default 0.03). */
  mde?: number;
  alpha?: number;
  power?: number;
  /** Days after the first order the primary metric is read (default 90). */
  windowDays?: number;
}

interface Candidate {
  variable: TestVariable;
  name: string;
  hypothesis: string;
  targetSegment: string;
  /** Share of new delivery customers in the target (null = unknown). */
  share: PlanFigure;
  /** Repeat-rate gap the test could close, points (null value = none measured). */
  headroom: PlanFigure | null;
}

const MIN_JUDGED_FOR_COMPARISON = 100;

function lateShare(g: JourneyGroupStats): number | null {
  const o = g.onTime;
  return o.judged > 0 ? (o.late1to2Days + o.late3PlusDays) / o.judged : null;
}

/** Best and worst groups of a breakdown by late rate, among groups with enough judged orders. */
export function lateExtremes(rows: readonly JourneyGroupStats[]): { best: JourneyGroupStats; worst: JourneyGroupStats } | null {
  const ok = rows.filter((r) => r.onTime.judged >= MIN_JUDGED_FOR_COMPARISON && !r.key.startsWith("("));
  if (ok.length < 2) return null;
  const sorted = [...ok].sort((a, b) => (lateShare(a) as number) - (lateShare(b) as number) || (a.key < b.key ? -1 : 1));
  return { best: sorted[0], worst: sorted[sorted.length - 1] };
}

export function testingRoadmap(analysis: StoreAnalysis, options: TestingOptions = {}): { rows: TestPlanRow[]; notes: string[] } {
  const mde = options.mde ?? 0.03;
  const windowDays = options.windowDays ?? 90;
  const d = analysis.delivery;
  const N = planFigure(d.newDeliveryCustomersPerYear, "count", "new customers per year", "year");
  const notes: string[] = [];

  // Baseline: the store's chance of a second order within the window (Kaplan–Meier), else the observed repeat rate.
  const km = analysis.repeat.timeToSecondOrder.probabilityWithin.find((p) => p.days === windowDays)?.estimate;
  const baseline = km && km.value !== null ? planFigure({ ...km, source: "data" }, "share", "") : planFigure(analysis.headline.repeatRate, "share", "repeat rate");
  if (!(km && km.value !== null)) notes.push(`No customer followed for ${windowDays} days yet: the baseline uses the observed repeat rate.`);
  const valueRow = analysis.economics.repeatCustomerValue.find((r) => r.days === windowDays);
  const value = valueRow ? planFigure(valueRow.meanRepeatRevenue, "money", `repeat revenue per returning customer within ${windowDays} days`) : unknownFigure("money", `repeat revenue within ${windowDays} days`);

  const share = (v: number | null, unknown: string, confidence = d.judgedFirstDeliveries >= 300 ? "high" : "medium"): PlanFigure =>
    v === null ? unknownFigure("share", unknown) : known(v, "share", "data", confidence as PlanFigure["confidence"]);
  const gapPoints = (f: { value: number | null; confidence: PlanFigure["confidence"] } | undefined, scale = 1): PlanFigure | null =>
    f && f.value !== null ? known(Math.max(0, -f.value) * scale, "points", "data", f.confidence) : null;

  const friction = (p: string) => d.frictions.find((f) => f.problem === p);
  const late = d.lateAny;
  const exception = friction("exception");
  const late12 = friction("late_1_2_days");
  const lateAndException = late?.share.value != null && exception?.share.value != null ? late.share.value + exception.share.value : null;
  const blendedGap =
    lateAndException && late?.repeatGap.value != null && exception?.repeatGap.value != null
      ? {
          value: ((late.share.value as number) * late.repeatGap.value + (exception.share.value as number) * exception.repeatGap.value) / lateAndException,
          confidence: weakest(late.repeatGap.confidence, exception.repeatGap.confidence),
        }
      : late?.repeatGap;

  const behaviour = analysis.segments.behaviour.summary;
  const segShare = (key: string) => behaviour.segments.find((s) => s.segment === key)?.customerShare ?? null;
  const prefs = analysis.segments.preferences;
  const customers = analysis.segments.customers;
  const specificWindow = prefs.deliveryWindow.morning + prefs.deliveryWindow.afternoon + prefs.deliveryWindow.evening;
  const carriers = lateExtremes(analysis.journey.breakdowns.carrier);
  const regions = lateExtremes(analysis.journey.breakdowns.region);
  const storeLate = analysis.headline.lateRate.value;
  const included = analysis.journey.overall.orders;
  const lateGap = late?.repeatGap;
  const typicalSecond = analysis.repeat.timeToSecondOrder.amongRepeaters.median;
  const failure = analysis.journey.overall.exceptions.failure.value;

  const candidates: Candidate[] = [
    {
      variable: "proactive_delay_notification",
      name: "Proactive delay notice",
      hypothesis: `Telling customers about a delay before they notice (new date + apology) wins back part of the repeat gap after a late or disrupted first delivery.`,
      targetSegment: "New customers whose first order runs late or hits a carrier exception",
      share: share(lateAndException, "late and exception shares of first deliveries"),
      headroom: gapPoints(blendedGap),
    },
    {
      variable: "carrier_combination",
      name: carriers ? `Move volume from ${carriers.worst.key} to ${carriers.best.key}` : "Carrier mix",
      hypothesis: carriers
        ? `${carriers.worst.key} delivers late on ${formatPercent(lateShare(carriers.worst) as number)} of orders vs ${formatPercent(lateShare(carriers.best) as number)} for ${carriers.best.key}; shipping first orders with ${carriers.best.key} cuts late first deliveries and lifts repeats.`
        : "Routing first orders to the most reliable carrier lifts repeats (needs two carriers with 100+ judged deliveries to target).",
      targetSegment: carriers ? `New customers whose first order ships with ${carriers.worst.key}` : "New customers",
      share: carriers ? share(included > 0 ? carriers.worst.orders / included : null, "carrier volume") : share(null, "a second carrier with enough deliveries to compare"),
      headroom: carriers ? gapPoints(lateGap, (lateShare(carriers.worst) as number) - (lateShare(carriers.best) as number)) : null,
    },
    {
      variable: "delivery_window_framing",
      name: "Delivery window instead of a date",
      hypothesis: `Promising a window (e.g. "Tue–Thu") rather than one date turns near misses into on-time deliveries: ${late12?.share.value != null ? formatPercent(late12.share.value) : "an unknown share"} of first deliveries arrive 1–2 days late.`,
      targetSegment: "All new customers shown a delivery promise",
      share: known(1, "share", "data", "high"),
      headroom: gapPoints(late12?.repeatGap, late12?.share.value ?? 0),
    },
    {
      variable: "delivery_window_framing",
      name: regions ? `Padded promise for ${regions.worst.key}` : "Padded promise for slow regions",
      hypothesis: regions
        ? `Orders to ${regions.worst.key} arrive late ${formatPercent(lateShare(regions.worst) as number)} of the time (store: ${storeLate !== null ? formatPercent(storeLate) : "unknown"}); a promise that reflects real transit times keeps the first delivery on time.`
        : "A promise that reflects real transit times in slow regions keeps the first delivery on time (needs regions with 100+ judged deliveries).",
      targetSegment: regions ? `New customers shipping to ${regions.worst.key}` : "New customers in slow regions",
      share: regions ? share(included > 0 ? regions.worst.orders / included : null, "region volume") : share(null, "regions with enough deliveries to compare"),
      headroom: regions && storeLate !== null ? gapPoints(lateGap, Math.max(0, (lateShare(regions.worst) as number) - storeLate)) : null,
    },
    {
      variable: "notification_timing",
      name: "Reorder reminder timing",
      hypothesis: `A reminder timed to when returning customers typically reorder (${typicalSecond !== null ? `median ${Math.round(typicalSecond)} days after the first order` : "not measured yet"}) converts better than a fixed schedule.`,
      targetSegment: "All new customers",
      share: known(1, "share", "data", "high"),
      headroom: null,
    },
    {
      variable: "communication_frequency",
      name: "Every milestone vs key updates",
      hypothesis: `Customers told of every milestone feel more in control of delivery (${formatCount(prefs.notifications.every_milestone)} asked for every milestone, ${formatCount(prefs.notifications.key_only)} for key updates only).`,
      targetSegment: "All new customers",
      share: known(1, "share", "data", "high"),
      headroom: null,
    },
    {
      variable: "packaging",
      name: "Gift-ready packaging",
      hypothesis: "Gift-ready packaging and a note make gift-givers come back for the next occasion.",
      targetSegment: "Gift-givers",
      share: share(segShare("gift_giver"), "gift-giver share of customers", customers >= 300 ? "high" : "medium"),
      headroom: null,
    },
    {
      variable: "packaging",
      name: "First-order unboxing",
      hypothesis: "A branded first-order unboxing (thank-you card, care instructions) makes the first delivery memorable and lifts second orders.",
      targetSegment: "All new customers",
      share: known(1, "share", "data", "high"),
      headroom: null,
    },
    {
      variable: "delivery_insurance_offer",
      name: "Delivery protection at checkout",
      hypothesis: `Offering delivery protection (instant reship if lost or failed) reassures first-time buyers; ${failure !== null ? formatPercent(failure) : "an unknown share"} of shipments fail today.`,
      targetSegment: "All new customers",
      share: known(1, "share", "data", "high"),
      headroom: null,
    },
    {
      variable: "preferred_delivery_window",
      name: "Choose your delivery window",
      hypothesis: "Letting customers pick a delivery window (where carriers allow) avoids missed attempts and fits their day.",
      targetSegment: "Customers who named a preferred delivery time",
      share: share(customers > 0 ? specificWindow / customers : null, "customers' stated delivery windows", customers >= 300 ? "high" : "medium"),
      headroom: null,
    },
    {
      variable: "cost_vs_speed_framing",
      name: "Economy framed by arrival date",
      hypothesis: `Showing economy as "free, arrives by <date>" rather than "slow" keeps price-sensitive customers happy with the wait.`,
      targetSegment: "Price-sensitive shipping customers",
      share: share(segShare("price_sensitive_shipping"), "price-sensitive share of customers", customers >= 300 ? "high" : "medium"),
      headroom: null,
    },
    {
      variable: "cost_vs_speed_framing",
      name: "Express upgrade offer",
      hypothesis: "Offering speed-focused customers a one-click Express upgrade (free above a threshold) meets their main need and lifts loyalty.",
      targetSegment: "Speed-focused customers",
      share: share(segShare("speed_focused"), "speed-focused share of customers", customers >= 300 ? "high" : "medium"),
      headroom: null,
    },
  ];

  const perArm = baseline.value === null ? null : customersPerArm({ baseline: baseline.value, mde, alpha: options.alpha, power: options.power });
  const followUpMonths = Math.ceil(windowDays / 30.4375);
  const rows = candidates.map((c): Omit<TestPlanRow, "month" | "rank"> => {
    const reach: PlanFigure =
      N.value === null || c.share.value === null
        ? unknownFigure("count", N.value === null ? (N.unknown ?? "new customers per year") : (c.share.unknown ?? "the target's share of new customers"), "data", "year")
        : { value: N.value * c.share.value, unit: "count", per: "year", source: "data", confidence: weakest(N.confidence, c.share.confidence) };
    const headroom = c.headroom ?? unknownFigure("points", "no measured gap for this target: sized at the minimum detectable effect");
    const lift = headroom.value === null ? mde : Math.min(mde, headroom.value);
    const impact: PlanFigure =
      reach.value === null || value.value === null
        ? unknownFigure("money", reach.value === null ? (reach.unknown ?? "reach") : (value.unknown ?? "value of a returning customer"), "data", "year")
        : {
            value: reach.value * lift * value.value,
            unit: "money",
            per: "year",
            source: leastDirect(reach.source, value.source),
            confidence: weakest(reach.confidence, value.confidence, headroom.value === null ? "low" : headroom.confidence),
            notes: [headroom.value === null ? `If the test finds a ${(mde * 100).toFixed(0)}-point lift.` : `Capped by the measured ${(headroom.value * 100).toFixed(1)}-point gap.`],
          };
    const months = perArm === null || reach.value === null ? null : enrolmentMonths(perArm, reach.value);
    const yearEffect = baseline.value === null || reach.value === null ? null : detectableEffect(baseline.value, Math.floor(reach.value / 2), options.alpha, options.power);
    const detectable = headroom.value === null || headroom.value >= mde;
    const feasible = months === null ? null : months <= 12 && detectable;
    return {
      variable: c.variable,
      name: c.name,
      hypothesis: c.hypothesis,
      primaryMetric: `Second order within ${windowDays} days of the first`,
      targetSegment: c.targetSegment,
      reachPerYear: reach,
      headroom,
      baselineRate: baseline,
      minimumDetectableEffect: mde,
      customersPerArm: perArm === null ? unknownFigure("count", "a baseline repeat rate") : known(perArm, "count", "data", baseline.confidence),
      detectableInAYear:
        yearEffect === null
          ? unknownFigure("points", reach.value === null || baseline.value === null ? "reach and a baseline repeat rate" : "too few customers a year for any test to read")
          : known(yearEffect, "points", "data", weakest(reach.confidence, baseline.confidence)),
      enrolmentMonths: months === null ? unknownFigure("months", reach.value === null ? "reach" : "a baseline repeat rate") : known(months, "months", "data", reach.confidence),
      readoutMonths: months === null ? unknownFigure("months", "enrolment time") : known(months + followUpMonths, "months", "data", reach.confidence),
      feasible,
      expectedImpact: impact,
    };
  });

  const order = (r: Omit<TestPlanRow, "month" | "rank">) => [r.feasible === true ? 0 : r.feasible === null ? 1 : 2, -(r.expectedImpact.value ?? -1)];
  const ranked = rows
    .map((r, i) => ({ r, i }))
    .sort((a, b) => {
      const [fa, va] = order(a.r);
      const [fb, vb] = order(b.r);
      return fa - fb || va - vb || a.i - b.i;
    })
    .map(({ r }, k) => ({ ...r, rank: k + 1, month: k + 1 }));
  if (ranked.some((r) => r.feasible === false)) {
    notes.push(
      `${ranked.filter((r) => r.feasible === false).length} of ${ranked.length} tests can't detect a ${(mde * 100).toFixed(0)}-point lift within a year at your volume, or target a gap smaller than that: ` +
        `read them on a leading metric (late rate, tickets, second orders within 30 days), accept a larger detectable lift (see "Detectable in a year"), or run them on all new customers.`,
    );
  }
  notes.push(`Sample sizes: two-sided α = ${options.alpha ?? 0.05}, power ${options.power ?? 0.8}, minimum detectable effect ${(mde * 100).toFixed(0)} points on ${baseline.value !== null ? `a ${formatPercent(baseline.value)}` : "an unknown"} baseline; read ${followUpMonths} months after enrolment ends.`);
  return { rows: ranked, notes };
}
