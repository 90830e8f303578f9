/**
 * The plain-language headline of the delivery→LTV link. It states the size, direction
 * and uncertainty of the difference and never claims cause.
 */
import { formatCount } from "../analyze/format";
import type { Experience } from "./first-delivery-experience";

export const EXPERIENCE_PHRASES: Record<Exclude<Experience, "on_time" | "unknown">, string> = {
  late_3_plus_days: "arrived 3+ days late",
  late_1_2_days: "arrived 1–2 days late",
  exception: "hit a delivery exception (delay notice, failed or missed delivery)",
};

export const NOT_CAUSAL = "This is an association in your store's data, not proof of cause.";

export { formatCount };

/** A difference in rates as percentage points with one decimal ("9.1"). */
export function formatPoints(x: number): string {
  const v = Math.abs(x * 100);
  return (Math.round(v * 10) / 10).toFixed(1);
}

function signedPoints(x: number): string {
  const s = formatPoints(x);
  return s === "0.0" ? "0.0" : x < 0 ? `−${s}` : `+${s}`;
}

export interface SentenceInput {
  experience: Exclude<Experience, "on_time" | "unknown">;
  windowDays: number;
  difference: number;
  low: number;
  high: number;
  level: number;
  exposed: number;
  onTime: number;
  adjusted: boolean;
}

export function linkSentence(x: SentenceInput): string {
  const who = `Customers whose first order ${EXPERIENCE_PHRASES[x.experience]}`;
  const ci = `${Math.round(x.level * 100)}% CI`;
  const n = `n=${formatCount(x.exposed)} vs ${formatCount(x.onTime)}`;
  const accounting = x.adjusted
    ? ", after accounting for cohort, channel and order value"
    : " (not adjusted for cohort, channel or order value: too few comparable customers)";
  if (x.low > 0 || x.high < 0) {
    const less = x.difference < 0;
    const from = formatPoints(less ? x.high : x.low);
    const to = formatPoints(less ? x.low : x.high);
    return (
      `${who} reordered within ${x.windowDays} days ${formatPoints(x.difference)} points ${less ? "less" : "more"} often than ` +
      `customers whose first order arrived on time (${ci} ${from}–${to}; ${n})${accounting}. ${NOT_CAUSAL}`
    );
  }
  return (
    `${who} reordered within ${x.windowDays} days about as often as customers whose first order arrived on time: ` +
    `the difference of ${signedPoints(x.difference)} points is within what chance alone could produce ` +
    `(${ci} ${signedPoints(x.low)} to ${signedPoints(x.high)}; ${n})${accounting}. ${NOT_CAUSAL}`
  );
}

export function insufficientSentence(windowDays: number, minPerGroup: number, onTime: number, largestOther: { experience: Experience; eligible: number } | null): string {
  const other = largestOther && largestOther.experience !== "on_time" && largestOther.experience !== "unknown"
    ? `; customers whose first order ${EXPERIENCE_PHRASES[largestOther.experience]}: ${formatCount(largestOther.eligible)}`
    : "";
  return (
    `Not enough history yet to compare reorder rates by first-delivery experience: each group needs at least ${minPerGroup} ` +
    `customers whose first order is ${windowDays}+ days old (on time: ${formatCount(onTime)}${other}).`
  );
}
