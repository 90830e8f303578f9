/**
 * A figure the merchant sees, traceable to where it came from: the store's own data, an
 * answer the merchant gave, or a model fitted to the data. Every figure keeps its interval,
 * sample size, confidence and plain-language caveats (the engine's `Estimate`).
 */
import type { Confidence, Estimate } from "../types";
import { weakerConfidence } from "../stats/confidence";

export type FigureSource = "data" | "merchant answer" | "model";

export interface Figure extends Estimate {
  source: FigureSource;
}

export function fromEstimate(e: Estimate, source: FigureSource = "data"): Figure {
  return { ...e, caveats: e.caveats ? [...e.caveats] : [], source };
}

/** A figure that cannot be computed, with the reason in plain language. */
export function insufficient(reason: string, source: FigureSource = "data", n = 0): Figure {
  return { value: null, low: null, high: null, n, confidence: "insufficient", caveats: [reason], source };
}

/** A count or total without an interval (exact from the data, or annualized). */
export function exact(value: number, n: number, confidence: Confidence, source: FigureSource = "data", caveats: string[] = []): Figure {
  return { value, low: null, high: null, n, confidence, caveats, source };
}

/** The weakest confidence of several figures (a derived figure is no surer than its inputs). */
export function weakest(...levels: Confidence[]): Confidence {
  return levels.reduce((a, b) => weakerConfidence(a, b), "high" as Confidence);
}

/** Lowers a confidence to at most `cap`. */
export function capConfidence(c: Confidence, cap: Confidence): Confidence {
  return weakerConfidence(c, cap);
}
