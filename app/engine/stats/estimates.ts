/**
 * Builders that turn counts and values into the engine's `Estimate` shape, with the
 * interval, the sample size and a consistently graded confidence.
 */
import type { Estimate } from "../types";
import { gradeWithReasons, relativeHalfWidth, type ConfidenceRules, DEFAULT_CONFIDENCE_RULES } from "./confidence";
import { meanIntervalFromMoments, type Moments } from "./mean";
import { newcombeDifference } from "./proportion-difference";
import { wilsonInterval } from "./proportion";

export interface EstimateOptions {
  level?: number;
  caveats?: readonly string[];
  /** What n counts, for the plain-language reasons ("orders", "customers"). */
  unit?: string;
  rules?: ConfidenceRules;
}

/**
 * A share with its Wilson interval. Precision is judged relative to max(p, 1 − p), so a
 * rare event measured on many orders (0.4% ± 0.1%) is not penalised for being rare.
 */
export function proportionEstimate(successes: number, n: number, options: EstimateOptions = {}): Estimate {
  const level = options.level ?? 0.95;
  const ci = wilsonInterval(successes, n, level);
  const p = ci.estimate;
  const scale = p === null ? null : Math.max(p, 1 - p);
  const graded = gradeWithReasons(n, relativeHalfWidth(ci.low, ci.high, scale), options.caveats, options.unit ?? "orders", options.rules ?? DEFAULT_CONFIDENCE_RULES);
  return { value: p, low: ci.low, high: ci.high, level, n, confidence: graded.confidence, caveats: graded.caveats };
}

/**
 * p1 − p2 with Newcombe's interval; n is the smaller group. Precision is judged against
 * the reference rate p2 (how big the uncertainty is compared to the baseline outcome).
 */
export function proportionDifferenceEstimate(x1: number, n1: number, x2: number, n2: number, options: EstimateOptions = {}): Estimate {
  const level = options.level ?? 0.95;
  const d = newcombeDifference(x1, n1, x2, n2, level);
  const scale = d.p2 === null ? null : Math.max(d.p2, 1 - d.p2);
  const graded = gradeWithReasons(Math.min(n1, n2), relativeHalfWidth(d.low, d.high, scale), options.caveats, options.unit ?? "customers", options.rules ?? DEFAULT_CONFIDENCE_RULES);
  return { value: d.estimate, low: d.low, high: d.high, level, n: Math.min(n1, n2), confidence: graded.confidence, caveats: graded.caveats };
}

/** A mean with its t interval, precision judged relative to the mean. */
export function meanEstimate(m: Moments, options: EstimateOptions = {}): Estimate {
  const level = options.level ?? 0.95;
  const ci = meanIntervalFromMoments(m, level);
  const graded = gradeWithReasons(m.n, relativeHalfWidth(ci.low, ci.high, ci.estimate), options.caveats, options.unit ?? "customers", options.rules ?? DEFAULT_CONFIDENCE_RULES);
  return { value: ci.estimate, low: ci.low, high: ci.high, level, n: m.n, confidence: graded.confidence, caveats: graded.caveats };
}
