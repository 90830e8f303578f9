/**
 * Power analysis for a delivery experiment: customers (or orders) per variant to detect a
 * chosen lift in a rate, and the calendar time that takes at the store's volume of new units,
 * counting the outcome window (a customer enrolled today is read N days later).
 *
 * Each treatment is compared with the control, so with k variants the significance level is
 * split over k − 1 comparisons (Bonferroni): more variants cost more customers per variant.
 * Time to a second order is sized on the rate of second orders within the window, which is
 * what the log-rank test mostly sees over that follow-up.
 */
import { customersPerArm, detectableEffect } from "../plan/sample-size";

export const DAYS_PER_MONTH = 30.4375;

export interface PowerInput {
  /** The control's rate of the primary metric, 0..1 (the store's own, e.g. its 90-day repeat rate). */
  baseline: number;
  /** Smallest effect worth detecting: absolute points (0.03) or relative to the baseline (0.2 = +20 %). */
  mde: number;
  mdeKind?: "absolute" | "relative";
  alpha?: number;
  power?: number;
  /** Number of variants including the control (≥ 2). */
  variants?: number;
  /** Units entering the experiment a month (e.g. new customers a month); null when unknown. */
  unitsPerMonth: number | null;
  /** Days after enrolment the outcome is read. */
  windowDays: number;
  /** Longest run, enrolment plus outcome window, the store will accept (default 12 months). */
  maxMonths?: number;
  /** Fleiss' continuity correction (larger, more conservative samples). */
  continuityCorrection?: boolean;
}

export interface PowerAnalysis {
  baseline: number;
  /** The lift sized for, absolute. */
  mdeAbsolute: number;
  /** The rate the treatment must reach. */
  target: number;
  /** Two-sided significance level of each treatment-vs-control comparison. */
  comparisonAlpha: number;
  power: number;
  variants: number;
  /** Units per variant (null when the inputs describe no test). */
  perVariant: number | null;
  total: number | null;
  enrolmentDays: number | null;
  /** Enrolment plus the outcome window: when the result can be read. */
  calendarDays: number | null;
  feasible: boolean | null;
  /** Plain-language warnings; empty when the test fits. */
  warnings: string[];
  /** What would make an infeasible test fit. */
  toMakeFeasible: {
    /** The smallest lift (absolute) detectable within maxMonths with these variants; null when none. */
    detectableLift: number | null;
    /** Months the test as specified needs, enrolment plus window. */
    monthsNeeded: number | null;
    /** Calendar days with only one treatment (when more were asked). */
    calendarDaysWithTwoVariants: number | null;
  };
}

/** Fleiss, Tytun & Ury (1980) continuity correction of a per-arm sample size. */
export function withContinuityCorrection(n: number, difference: number): number {
  return Math.ceil((n / 4) * (1 + Math.sqrt(1 + 4 / (n * Math.abs(difference)))) ** 2);
}

function perVariantSize(baseline: number, lift: number, alpha: number, power: number, cc: boolean): number | null {
  const n = customersPerArm({ baseline, mde: lift, alpha, power });
  return n === null ? null : cc ? withContinuityCorrection(n, lift) : n;
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const points = (x: number) => `${(x * 100).toFixed(1)} points`;

export function powerAnalysis(input: PowerInput): PowerAnalysis {
  const alpha = input.alpha ?? 0.05;
  const power = input.power ?? 0.8;
  const variants = Math.max(2, Math.floor(input.variants ?? 2));
  const maxMonths = input.maxMonths ?? 12;
  const cc = input.continuityCorrection ?? false;
  const mdeAbsolute = input.mdeKind === "relative" ? input.baseline * input.mde : input.mde;
  const comparisonAlpha = alpha / (variants - 1);
  const target = input.baseline + mdeAbsolute;
  const perVariant = target < 1 ? perVariantSize(input.baseline, mdeAbsolute, comparisonAlpha, power, cc) : null;
  const total = perVariant === null ? null : perVariant * variants;
  const perDay = input.unitsPerMonth !== null && input.unitsPerMonth > 0 ? input.unitsPerMonth / DAYS_PER_MONTH : null;
  const daysFor = (units: number | null) => (units === null || perDay === null ? null : Math.ceil(units / perDay));
  const enrolmentDays = daysFor(total);
  const calendarDays = enrolmentDays === null ? null : enrolmentDays + input.windowDays;
  const maxDays = maxMonths * DAYS_PER_MONTH;
  const feasible = calendarDays === null ? null : calendarDays <= maxDays;

  const warnings: string[] = [];
  const enrolWindow = maxDays - input.windowDays;
  const affordable = perDay === null || enrolWindow <= 0 ? 0 : Math.floor((perDay * enrolWindow) / variants);
  const detectableLift = affordable >= 1 ? detectableEffect(input.baseline, affordable, comparisonAlpha, power) : null;
  const twoVariantSize = variants > 2 ? perVariantSize(input.baseline, mdeAbsolute, alpha, power, cc) : null;
  const twoVariantEnrol = daysFor(twoVariantSize === null ? null : twoVariantSize * 2);
  const calendarDaysWithTwoVariants = twoVariantEnrol === null ? null : twoVariantEnrol + input.windowDays;
  const monthsNeeded = calendarDays === null ? null : calendarDays / DAYS_PER_MONTH;

  if (perVariant === null) warnings.push(`A lift of ${points(mdeAbsolute)} on a ${pct(input.baseline)} baseline does not describe a test: choose a lift that keeps the rate below 100%.`);
  else if (perDay === null) warnings.push("The store has no new customers in the period analysed, so the run time cannot be estimated.");
  else if (feasible === false) {
    const fixes: string[] = [];
    if (detectableLift !== null && detectableLift > mdeAbsolute) fixes.push(`size the test for a lift of at least ${points(detectableLift)}`);
    if (monthsNeeded !== null) fixes.push(`run it for ${Math.ceil(monthsNeeded)} months`);
    if (calendarDaysWithTwoVariants !== null && calendarDaysWithTwoVariants <= maxDays) fixes.push("test one treatment instead of " + (variants - 1));
    if (input.windowDays > 30) fixes.push(`read a shorter outcome window (${input.windowDays} days now)`);
    warnings.push(
      `Your store is too small for this test in ${maxMonths} months: it needs ${total?.toLocaleString("en-US")} customers (${perVariant.toLocaleString("en-US")} per variant) ` +
        `and gets about ${Math.round(input.unitsPerMonth as number).toLocaleString("en-US")} a month. To make it feasible: ${fixes.join("; ") || "there is no lift it could detect in that time"}.`,
    );
  }
  return {
    baseline: input.baseline,
    mdeAbsolute,
    target,
    comparisonAlpha,
    power,
    variants,
    perVariant,
    total,
    enrolmentDays,
    calendarDays,
    feasible,
    warnings,
    toMakeFeasible: { detectableLift, monthsNeeded, calendarDaysWithTwoVariants },
  };
}
