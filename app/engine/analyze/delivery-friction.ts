/**
 * Which delivery problem costs the store the most repeat revenue? For each kind of bad first
 * delivery (1–2 days late, 3+ days late, carrier exception):
 *
 *   revenue at stake a year = new customers a year whose first order ships
 *                             × share of first deliveries with the problem
 *                             × how many fewer of them come back (the measured repeat-rate gap vs on time)
 *                             × what a returning customer brings in repeat purchases (measured)
 *
 * over one horizon (half a year when there is enough data), so the gap and the value describe the
 * same stretch of a customer's life. The range comes from the gap's confidence interval. These
 * are associations in the store's data, stated as such.
 */
import type { Confidence, Estimate } from "../types";
import { proportionDifferenceEstimate, proportionEstimate } from "../stats/estimates";
import { EXPERIENCE } from "../link/first-delivery-experience";
import type { DeliveryLtvLink, WindowComparison } from "../link/delivery-ltv-link";
import { capConfidence, fromEstimate, insufficient, weakest, type Figure } from "./figure";
import { formatCount, formatMoney, formatPercent, formatPoints } from "./format";
import type { MarginBasis } from "./margin";
import type { RepeatCustomerValue } from "./store-economics";

export const FRICTION_PROBLEMS = ["late_1_2_days", "late_3_plus_days", "exception"] as const;
export type FrictionProblem = (typeof FRICTION_PROBLEMS)[number];

export const FRICTION_LABELS: Record<FrictionProblem, string> = {
  late_1_2_days: "Deliveries 1–2 days late",
  late_3_plus_days: "Deliveries 3+ days late",
  exception: "Carrier exceptions (delay notices, failed or missed deliveries)",
};

const GROUP_OF: Record<FrictionProblem, number> = {
  late_1_2_days: EXPERIENCE.LATE_1_2,
  late_3_plus_days: EXPERIENCE.LATE_3_PLUS,
  exception: EXPERIENCE.EXCEPTION,
};

/** The horizon preferred for comparing repeat rates (the link's headline horizon too). */
export const PREFERRED_WINDOW_DAYS = 180;
/** Each compared group needs this many customers followed for the whole horizon. */
export const MIN_GROUP_CUSTOMERS = 30;

export interface MoneyRange {
  value: number | null;
  low: number | null;
  high: number | null;
}

export interface DeliveryFriction {
  problem: FrictionProblem;
  label: string;
  windowDays: number | null;
  /** Share of judged first deliveries (on time, late or with an exception) with this problem. */
  share: Figure;
  /** Repeat rate within the horizon minus that of on-time customers (negative = fewer come back). */
  repeatGap: Figure;
  /** Whether the gap compares like with like (same cohort month, channel and order value). */
  adjusted: boolean;
  /** New customers a year with this problem on their first delivery. */
  affectedPerYear: number | null;
  /** Returning customers lost a year (value and range). */
  lostReturningCustomersPerYear: MoneyRange;
  repeatCustomerValue: Figure;
  revenueAtStake: Figure;
  marginAtStake: Figure;
  confidence: Confidence;
  sentence: string;
}

export interface LateGap {
  /** Share of judged first deliveries that arrived late (any lateness). */
  share: Figure;
  /** Repeat-rate gap of late vs on-time first deliveries (not adjusted: the two late bands pooled). */
  repeatGap: Figure;
}

export interface DeliveryEffects {
  windowDays: number | null;
  /** First deliveries that could be judged (on time, late or with an exception). */
  judgedFirstDeliveries: number;
  /** New customers a year whose first order is a delivery. */
  newDeliveryCustomersPerYear: Figure;
  lateAny: LateGap | null;
  /** Ranked by revenue at stake, largest first. */
  frictions: DeliveryFriction[];
  /** The single biggest friction (largest revenue at stake, with at least low confidence). */
  biggest: DeliveryFriction | null;
  sentence: string;
}

export interface FrictionInputs {
  link: DeliveryLtvLink;
  newCustomersPerYear: Figure;
  repeatCustomerValue: readonly RepeatCustomerValue[];
  margin: MarginBasis;
  currency: string;
}

/**
 * The horizon to compare on: the one nearest PREFERRED_WINDOW_DAYS (longer first on ties) where
 * on-time customers and at least one problem group are large enough. Half a year sees most
 * second orders while keeping recent cohorts in; a year would leave out the newest half of a
 * growing store's customers and widen every interval.
 */
function chooseWindow(link: DeliveryLtvLink): number | null {
  const onTime = link.groups[EXPERIENCE.ON_TIME];
  const order = link.windows.map((d, w) => [w, d] as const).sort((x, y) => Math.abs(x[1] - PREFERRED_WINDOW_DAYS) - Math.abs(y[1] - PREFERRED_WINDOW_DAYS) || y[1] - x[1]);
  for (const [w, days] of order) {
    if (onTime.windows[w].eligible < MIN_GROUP_CUSTOMERS) continue;
    if (FRICTION_PROBLEMS.some((p) => link.groups[GROUP_OF[p]].windows[w].eligible >= MIN_GROUP_CUSTOMERS)) return days;
  }
  return null;
}

function gapOf(row: WindowComparison): { gap: Estimate; adjusted: boolean } {
  const adj = row.adjustedDifferenceVsOnTime;
  if (adj !== null && adj.value !== null && adj.confidence !== "insufficient") return { gap: adj, adjusted: true };
  return { gap: row.differenceVsOnTime as Estimate, adjusted: false };
}

export function scaleMoney(f: Figure, factor: number | null, extraCaveat: string, confidence: Confidence): Figure {
  if (factor === null || f.value === null) return insufficient(extraCaveat, f.source, f.n);
  return {
    ...f,
    value: f.value * factor,
    low: f.low == null ? null : f.low * factor,
    high: f.high == null ? null : f.high * factor,
    confidence: weakest(f.confidence, confidence),
    caveats: [...(f.caveats ?? []), extraCaveat],
  };
}

export function assessDeliveryFrictions(x: FrictionInputs): DeliveryEffects {
  const { link, margin, currency } = x;
  const g = link.groups;
  const judged = g[EXPERIENCE.ON_TIME].customers + g[EXPERIENCE.LATE_1_2].customers + g[EXPERIENCE.LATE_3_PLUS].customers + g[EXPERIENCE.EXCEPTION].customers;
  const deliveryShare = link.counts.customers > 0 ? link.counts.analysed / link.counts.customers : null;
  const newDelivery: Figure =
    x.newCustomersPerYear.value === null || deliveryShare === null
      ? insufficient("No identified customers yet.")
      : { ...x.newCustomersPerYear, value: x.newCustomersPerYear.value * deliveryShare, caveats: [...(x.newCustomersPerYear.caveats ?? [])] };

  const windowDays = chooseWindow(link);
  const w = windowDays === null ? -1 : link.windows.indexOf(windowDays);
  const value = windowDays === null ? null : (x.repeatCustomerValue.find((v) => v.days === windowDays)?.meanRepeatRevenue ?? null);

  const frictions = FRICTION_PROBLEMS.map((problem) => friction(problem));
  frictions.sort((a, b) => (b.revenueAtStake.value ?? -1) - (a.revenueAtStake.value ?? -1));
  const biggest = frictions.find((f) => f.confidence !== "insufficient" && (f.revenueAtStake.value ?? 0) > 0) ?? null;

  let lateAny: LateGap | null = null;
  if (w >= 0) {
    const l1 = g[EXPERIENCE.LATE_1_2].windows[w];
    const l3 = g[EXPERIENCE.LATE_3_PLUS].windows[w];
    const on = g[EXPERIENCE.ON_TIME].windows[w];
    const lateCustomers = g[EXPERIENCE.LATE_1_2].customers + g[EXPERIENCE.LATE_3_PLUS].customers;
    const gap = proportionDifferenceEstimate(l1.repeaters + l3.repeaters, l1.eligible + l3.eligible, on.repeaters, on.eligible, {
      level: link.level,
      unit: "customers",
      caveats: ["Both late bands pooled; not adjusted for cohort, channel or order value."],
    });
    lateAny = {
      share: fromEstimate(proportionEstimate(lateCustomers, judged, { level: link.level, unit: "first deliveries" })),
      repeatGap: l1.eligible + l3.eligible >= MIN_GROUP_CUSTOMERS ? fromEstimate(gap) : insufficient(`Only ${l1.eligible + l3.eligible} late first deliveries followed for ${windowDays} days.`),
    };
  }

  return {
    windowDays,
    judgedFirstDeliveries: judged,
    newDeliveryCustomersPerYear: newDelivery,
    lateAny,
    frictions,
    biggest,
    sentence: biggest ? biggest.sentence : noFrictionSentence(frictions, windowDays),
  };

  function friction(problem: FrictionProblem): DeliveryFriction {
    const group = g[GROUP_OF[problem]];
    const label = FRICTION_LABELS[problem];
    const share = fromEstimate(proportionEstimate(group.customers, judged, { level: link.level, unit: "first deliveries" }));
    const base = { problem, label, windowDays, share };
    const row = w >= 0 ? group.windows[w] : null;
    if (row === null || windowDays === null || row.eligible < MIN_GROUP_CUSTOMERS || value === null) {
      const why =
        windowDays === null
          ? `Not enough customers followed long enough to compare (each group needs ${MIN_GROUP_CUSTOMERS}).`
          : `Only ${row?.eligible ?? 0} customers with this first delivery were followed for ${windowDays} days (${MIN_GROUP_CUSTOMERS} needed).`;
      return {
        ...base,
        repeatGap: insufficient(why),
        adjusted: false,
        affectedPerYear: null,
        lostReturningCustomersPerYear: { value: null, low: null, high: null },
        repeatCustomerValue: value ?? insufficient(why),
        revenueAtStake: insufficient(why),
        marginAtStake: insufficient(why),
        confidence: "insufficient",
        sentence: `${label}: ${why}`,
      };
    }
    const { gap, adjusted } = gapOf(row);
    const repeatGap = fromEstimate(gap);
    const caveats: string[] = [];
    let confidence = weakest(share.confidence, gap.confidence, value.confidence, newDelivery.confidence);
    const clear = gap.low != null && gap.high != null && (gap.low > 0 || gap.high < 0);
    if (!clear) {
      confidence = capConfidence(confidence, "low");
      caveats.push("The repeat-rate difference could be chance: its interval includes no difference.");
    }
    const loss = (d: number | null | undefined) => (d == null ? null : Math.max(0, -d));
    const N = newDelivery.value;
    const s = share.value;
    const affected = N === null || s === null ? null : N * s;
    const lost = {
      value: affected === null || gap.value === null ? null : affected * (loss(gap.value) as number),
      low: affected === null || gap.high == null ? null : affected * (loss(gap.high) as number),
      high: affected === null || gap.low == null ? null : affected * (loss(gap.low) as number),
    };
    const V = value.value;
    if ((gap.value ?? 0) >= 0) caveats.push("Customers with this first delivery came back at least as often as on-time customers.");
    caveats.push(`Range reflects the uncertainty of the repeat-rate difference; ${windowDays}-day repeat revenue per returning customer is taken as measured.`);
    const revenueAtStake: Figure =
      lost.value === null || V === null
        ? insufficient("New customers per year or repeat value unknown.")
        : {
            value: lost.value * V,
            low: lost.low === null ? null : lost.low * V,
            high: lost.high === null ? null : lost.high * V,
            n: gap.n,
            confidence,
            caveats,
            source: "data",
          };
    const marginAtStake = scaleMoney(revenueAtStake, margin.rate, margin.note, margin.confidence);
    const f: DeliveryFriction = {
      ...base,
      repeatGap,
      adjusted,
      affectedPerYear: affected,
      lostReturningCustomersPerYear: lost,
      repeatCustomerValue: value,
      revenueAtStake,
      marginAtStake,
      confidence: revenueAtStake.confidence,
      sentence: "",
    };
    f.sentence = frictionSentence(f, currency);
    return f;
  }
}

function frictionSentence(f: DeliveryFriction, currency: string): string {
  const gap = f.repeatGap;
  const r = f.revenueAtStake;
  if (gap.value === null || r.value === null || f.share.value === null || f.windowDays === null) return `${f.label}: not enough data to size.`;
  const fewer = gap.value < 0;
  const ci = gap.low != null && gap.high != null ? ` (${Math.round((gap.level ?? 0.95) * 100)}% CI ${formatSigned(gap.low)} to ${formatSigned(gap.high)} points)` : "";
  const how = f.adjusted ? ", comparing customers of the same month, channel and order value" : "";
  const money = (v: number | null | undefined) => (v == null ? "unknown" : formatMoney(v, currency));
  return (
    `${f.label}: ${formatPercent(f.share.value)} of first deliveries; those customers reordered within ${f.windowDays} days ` +
    `${formatPoints(gap.value)} ${fewer ? "less" : "more"} often than customers whose first order arrived on time${ci}${how}. ` +
    `At about ${formatCount(f.affectedPerYear ?? 0)} such new customers a year and ${money(f.repeatCustomerValue.value)} of repeat revenue per returning customer, ` +
    `that is about ${money(r.value)} a year in repeat revenue (range ${money(r.low)}–${money(r.high)}). ` +
    `Confidence: ${f.confidence}. This is an association in your data, not proof of cause.`
  );
}

function formatSigned(d: number): string {
  const v = (d * 100).toFixed(1);
  return d > 0 ? `+${v}` : d < 0 ? `−${v.slice(1)}` : "0.0";
}

function noFrictionSentence(frictions: DeliveryFriction[], windowDays: number | null): string {
  if (windowDays === null) {
    return `Not enough history yet to tell which delivery problem costs the most: each compared group needs at least ${MIN_GROUP_CUSTOMERS} customers followed long enough.`;
  }
  if (frictions.every((f) => f.confidence === "insufficient")) return "Too few late or disrupted first deliveries to size their effect on repeat purchases.";
  return `No delivery problem shows a measurable loss of repeat customers over ${windowDays} days.`;
}
