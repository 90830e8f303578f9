/** Building plan figures from analysis figures and merchant answers, keeping source and confidence. */
import type { Confidence } from "../types";
import { weakest, type Figure, type FigureSource } from "../analyze/figure";
import type { PlanFigure, PlanUnit } from "./types";

/** An analysis figure as a plan figure; `unknown` says what would tell us when it has no value. */
export function planFigure(f: Figure, unit: PlanUnit, unknown: string, per?: "year" | "month"): PlanFigure {
  const notes = f.caveats ?? [];
  if (f.value === null) return { value: null, unit, per, source: f.source, confidence: "insufficient", unknown: notes[0] ? `${unknown} (${notes[0]})` : unknown, notes };
  return { value: f.value, low: f.low ?? null, high: f.high ?? null, unit, per, source: f.source, confidence: f.confidence, notes };
}

export function unknownFigure(unit: PlanUnit, unknown: string, source: FigureSource = "data", per?: "year" | "month"): PlanFigure {
  return { value: null, unit, per, source, confidence: "insufficient", unknown };
}

export function known(value: number, unit: PlanUnit, source: FigureSource, confidence: Confidence, extra: Partial<PlanFigure> = {}): PlanFigure {
  return { value, unit, source, confidence, ...extra };
}

/** A merchant's number, or unknown with the question to ask. */
export function answerFigure(value: number | null | undefined, unit: PlanUnit, question: string, valid: (v: number) => boolean = (v) => v >= 0): PlanFigure {
  return typeof value === "number" && Number.isFinite(value) && valid(value)
    ? { value, unit, source: "merchant answer", confidence: "medium" }
    : unknownFigure(unit, question, "merchant answer");
}

/**
 * a × b for money and counts, carrying a range when either has one (bounds multiply: all
 * inputs here are non-negative), the weaker confidence, and the source of the less direct
 * input (model over merchant answer over data).
 */
export function times(a: PlanFigure, b: PlanFigure, unit: PlanUnit, unknown: string, per?: "year" | "month"): PlanFigure {
  if (a.value === null || b.value === null) {
    const missing = a.value === null ? a : b;
    return { value: null, unit, per, source: missing.source, confidence: "insufficient", unknown: missing.unknown ?? unknown };
  }
  const lo = (f: PlanFigure) => f.low ?? f.value;
  const hi = (f: PlanFigure) => f.high ?? f.value;
  const ranged = a.low != null || b.low != null;
  return {
    value: a.value * b.value,
    low: ranged ? (lo(a) as number) * (lo(b) as number) : null,
    high: ranged ? (hi(a) as number) * (hi(b) as number) : null,
    unit,
    per,
    source: leastDirect(a.source, b.source),
    confidence: weakest(a.confidence, b.confidence),
    notes: [...(a.notes ?? []), ...(b.notes ?? [])],
  };
}

const DIRECTNESS: Record<FigureSource, number> = { data: 0, "merchant answer": 1, model: 2 };

export function leastDirect(...sources: FigureSource[]): FigureSource {
  return sources.reduce((x, y) => (DIRECTNESS[y] > DIRECTNESS[x] ? y : x), "data" as FigureSource);
}
