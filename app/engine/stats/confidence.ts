/**
 * One grading rule for every figure the engine shows, so thin or imprecise data is
 * downgraded the same way everywhere, and the reason is written down next to it.
 *
 * Grade from sample size and precision (half-width of the 95% interval relative to the
 * scale the figure is read on), then one step down per caveat (never below "low":
 * "insufficient" is reserved for too little data).
 */
import { formatCount } from "../analyze/format";
import type { Confidence } from "../types";

export interface ConfidenceRules {
  /** Below this many observations a figure is "insufficient". */
  minN: number;
  mediumN: number;
  highN: number;
  /** Largest relative half-width still graded "high" / "medium". */
  highRelativeHalfWidth: number;
  mediumRelativeHalfWidth: number;
}

export const DEFAULT_CONFIDENCE_RULES: ConfidenceRules = {
  minN: 30,
  mediumN: 100,
  highN: 300,
  highRelativeHalfWidth: 0.15,
  mediumRelativeHalfWidth: 0.35,
};

const ORDER: Confidence[] = ["insufficient", "low", "medium", "high"];

export interface GradedConfidence {
  confidence: Confidence;
  /** The caller's caveats plus the reasons for any downgrade, in plain language. */
  caveats: string[];
}

/**
 * Grade with reasons. `relativeHalfWidth` is null/NaN/Infinity when no interval could be
 * built (treated as "imprecise"); `unit` names what n counts ("orders", "customers").
 */
export function gradeWithReasons(
  n: number,
  relativeHalfWidth: number | null,
  caveats: readonly string[] = [],
  unit = "observations",
  rules: ConfidenceRules = DEFAULT_CONFIDENCE_RULES,
): GradedConfidence {
  const reasons = [...caveats];
  if (!(n >= rules.minN)) {
    reasons.push(`Based on ${formatCount(n)} ${unit}; at least ${formatCount(rules.minN)} are needed for a reliable figure.`);
    return { confidence: "insufficient", caveats: reasons };
  }
  const rhw = relativeHalfWidth !== null && Number.isFinite(relativeHalfWidth) ? Math.abs(relativeHalfWidth) : Infinity;
  let level: number;
  if (n >= rules.highN && rhw <= rules.highRelativeHalfWidth) level = 3;
  else if (n >= rules.mediumN && rhw <= rules.mediumRelativeHalfWidth) level = 2;
  else {
    level = 1;
    if (n < rules.mediumN) reasons.push(`Based on only ${formatCount(n)} ${unit}.`);
    else if (rhw > rules.mediumRelativeHalfWidth) reasons.push("The confidence interval is wide relative to the figure.");
  }
  if (level === 2 && n < rules.highN) reasons.push(`Based on ${formatCount(n)} ${unit}; ${formatCount(rules.highN)}+ would firm it up.`);
  level = Math.max(1, level - caveats.length);
  return { confidence: ORDER[level], caveats: reasons };
}

/** The grade alone: see gradeWithReasons. */
export function gradeConfidence(
  n: number,
  relativeHalfWidth: number | null,
  caveats: readonly string[] = [],
  rules: ConfidenceRules = DEFAULT_CONFIDENCE_RULES,
): Confidence {
  return gradeWithReasons(n, relativeHalfWidth, caveats, "observations", rules).confidence;
}

/** Half-width of [low, high] relative to |scale|; Infinity when undefined. */
export function relativeHalfWidth(low: number | null, high: number | null, scale: number | null): number {
  if (low === null || high === null || scale === null || !Number.isFinite(scale) || scale === 0) return Infinity;
  return (high - low) / 2 / Math.abs(scale);
}

/** The lower of two grades (a figure derived from two others is no surer than either). */
export function weakerConfidence(a: Confidence, b: Confidence): Confidence {
  return ORDER[Math.min(ORDER.indexOf(a), ORDER.indexOf(b))];
}
