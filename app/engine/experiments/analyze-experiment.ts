/**
 * Reads an experiment: per variant, the repeat rate and the complaint-free rate among units
 * followed for the whole window, the chance of a second order within the window from a
 * Kaplan–Meier curve that keeps the not-yet-matured units as censored; each treatment against
 * the control (two-proportion test, log-rank test), the sample-ratio check and a verdict.
 */
import { kaplanMeier, type SurvivalCurve } from "../stats";
import { zForLevel } from "../stats/normal";
import type { ExperimentDefinition } from "./definition";
import { logRankTest, type LogRankResult } from "./log-rank";
import type { UnitOutcome } from "./outcomes";
import { sampleRatioCheck, type SampleRatioCheck } from "./sample-ratio";
import { compareProportions, type ProportionComparison } from "./two-proportion";
import { experimentVerdict, type Verdict } from "./verdict";

export interface VariantResult {
  key: string;
  label: string;
  units: number;
  /** Units followed for at least the window (the denominators of the rates). */
  matured: number;
  repeats: number;
  kept: number;
  /** 1 − S(window) from Kaplan–Meier, with its Greenwood standard error; null before anyone reaches the window. */
  reorderWithinWindow: number | null;
  reorderStandardError: number | null;
}

export interface SurvivalComparison {
  logRank: LogRankResult;
  /** Treatment − control chance of a second order within the window (normal interval). */
  difference: number | null;
  low: number | null;
  high: number | null;
}

export interface VariantComparison {
  variant: string;
  repeat: ProportionComparison;
  kept: ProportionComparison;
  survival: SurvivalComparison;
}

export interface ExperimentAnalysis {
  windowDays: number;
  variants: VariantResult[];
  comparisons: VariantComparison[];
  srm: SampleRatioCheck;
  /** Units per variant the experiment was sized for (null when it could not be sized). */
  plannedPerVariant: number | null;
  comparisonAlpha: number;
  verdict: Verdict;
}

/** S(t) and its Greenwood variance at t (the last step at or before t). */
function stepAt(curve: SurvivalCurve, t: number): { s: number; variance: number } {
  let k = -1;
  for (let i = 0; i < curve.times.length && curve.times[i] <= t; i++) k = i;
  if (k < 0) return { s: 1, variance: 0 };
  const s = curve.survival[k];
  return { s, variance: s * s * curve.greenwood[k] };
}

function survivalInputs(units: readonly UnitOutcome[], windowDays: number) {
  const events: number[] = [];
  const censored: number[] = [];
  let maxFollowUp = 0;
  for (const u of units) {
    const horizon = Math.min(u.followUpDays, windowDays);
    maxFollowUp = Math.max(maxFollowUp, horizon);
    if (u.nextOrderDays !== null && u.nextOrderDays <= horizon) events.push(u.nextOrderDays);
    else censored.push(horizon);
  }
  return { events, censored, maxFollowUp };
}

/** `enrolmentClosed`: the experiment has stopped enrolling (its sample is final). */
export function analyzeExperiment(def: ExperimentDefinition, outcomes: readonly UnitOutcome[], { enrolmentClosed = false, level = 0.95 } = {}): ExperimentAnalysis {
  const w = def.windowDays;
  const groups = def.variants.map((v) => outcomes.filter((o) => o.variant === v.key));
  const surv = groups.map((g) => survivalInputs(g, w));
  const variants = def.variants.map((v, i): VariantResult => {
    const g = groups[i];
    const matured = g.filter((u) => u.followUpDays >= w);
    const { events, censored, maxFollowUp } = surv[i];
    const curve = kaplanMeier(events, censored);
    const reached = g.length > 0 && maxFollowUp >= w;
    const at = stepAt(curve, w);
    return {
      key: v.key,
      label: v.label,
      units: g.length,
      matured: matured.length,
      repeats: matured.filter((u) => u.nextOrderDays !== null && u.nextOrderDays <= w).length,
      kept: matured.filter((u) => u.troubled === false).length,
      reorderWithinWindow: reached ? 1 - at.s : null,
      reorderStandardError: reached ? Math.sqrt(at.variance) : null,
    };
  });
  const z = zForLevel(level);
  const control = variants[0];
  const comparisons = variants.slice(1).map((t, j): VariantComparison => {
    const i = j + 1;
    const logRank = logRankTest([surv[i], surv[0]]);
    const both = t.reorderWithinWindow !== null && control.reorderWithinWindow !== null;
    const diff = both ? (t.reorderWithinWindow as number) - (control.reorderWithinWindow as number) : null;
    const se = both ? Math.hypot(t.reorderStandardError as number, control.reorderStandardError as number) : null;
    return {
      variant: t.key,
      repeat: compareProportions(t.repeats, t.matured, control.repeats, control.matured, level),
      kept: compareProportions(t.kept, t.matured, control.kept, control.matured, level),
      survival: { logRank, difference: diff, low: diff === null ? null : diff - z * (se as number), high: diff === null ? null : diff + z * (se as number) },
    };
  });
  const srm = sampleRatioCheck(variants.map((v) => v.units));
  const comparisonAlpha = def.alpha / (def.variants.length - 1);
  const analysis = { windowDays: w, variants, comparisons, srm, plannedPerVariant: def.plannedPerVariant, comparisonAlpha };
  return { ...analysis, verdict: experimentVerdict(def, analysis, enrolmentClosed) };
}
