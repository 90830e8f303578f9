/**
 * The plain-language reading of an experiment, in the order a careful analyst would check:
 * is the split sound (sample ratio), is there enough data (the planned sample has been
 * followed for the whole window), then for each treatment whether the primary metric moved,
 * by how much and how sure we are, with the sample sizes behind it.
 */
import type { ExperimentDefinition } from "./definition";
import type { ExperimentAnalysis } from "./analyze-experiment";
import { METRIC_LABELS } from "./registry";

export type VerdictTone = "success" | "critical" | "warning" | "info";

export interface Verdict {
  tone: VerdictTone;
  headline: string;
  /** One sentence per treatment, then caveats. */
  details: string[];
  /** Whether the result can be acted on (sound split, planned sample reached, a significant primary effect). */
  conclusive: boolean;
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const pts = (x: number) => `${x >= 0 ? "+" : "−"}${Math.abs(x * 100).toFixed(1)}`;
const count = (n: number) => n.toLocaleString("en-US");
const pValue = (p: number) => (p < 0.001 ? "p < 0.001" : `p = ${p.toFixed(3)}`);

interface Primary {
  treatmentRate: number | null;
  controlRate: number | null;
  difference: number | null;
  low: number | null;
  high: number | null;
  pValue: number | null;
  nTreatment: number;
  nControl: number;
}

function primaryOf(def: ExperimentDefinition, a: Omit<ExperimentAnalysis, "verdict">, i: number): Primary {
  const c = a.comparisons[i];
  const t = a.variants[i + 1];
  const ctl = a.variants[0];
  if (def.primaryMetric === "time_to_second_order") {
    return {
      treatmentRate: t.reorderWithinWindow,
      controlRate: ctl.reorderWithinWindow,
      difference: c.survival.difference,
      low: c.survival.low,
      high: c.survival.high,
      pValue: c.survival.logRank.pValue,
      nTreatment: t.units,
      nControl: ctl.units,
    };
  }
  const p = def.primaryMetric === "satisfaction_score" ? c.kept : c.repeat;
  return { treatmentRate: p.treatment.rate, controlRate: p.control.rate, difference: p.difference, low: p.low, high: p.high, pValue: p.pValue, nTreatment: p.treatment.n, nControl: p.control.n };
}

/** `enrolmentClosed`: the experiment was stopped, so the sample will not grow any more. */
export function experimentVerdict(def: ExperimentDefinition, a: Omit<ExperimentAnalysis, "verdict">, enrolmentClosed = false): Verdict {
  const metric = METRIC_LABELS[def.primaryMetric](def.windowDays).toLowerCase();
  const units = def.unit === "customer" ? "customers" : "orders";
  const control = a.variants[0];
  if (a.srm.mismatch) {
    return {
      tone: "critical",
      headline: "Don't act on this result: the variants did not get the planned share of " + units,
      details: [
        `Expected an even split, got ${a.variants.map((v) => `${count(v.units)} (${v.label})`).join(" vs ")} (${pValue(a.srm.pValue)}). ` +
          "Something after assignment drops or moves customers (a variant that fails, a filter applied later); fix it and restart the experiment.",
      ],
      conclusive: false,
    };
  }
  const followed = def.primaryMetric === "time_to_second_order" ? Math.min(...a.variants.map((v) => v.units)) : Math.min(...a.variants.map((v) => v.matured));
  const enough = a.plannedPerVariant !== null && followed >= a.plannedPerVariant;
  const details: string[] = [];
  let best = null as { tone: VerdictTone; headline: string } | null;
  for (let i = 0; i < a.comparisons.length; i++) {
    const p = primaryOf(def, a, i);
    const label = a.variants[i + 1].label;
    if (p.difference === null || p.pValue === null || p.treatmentRate === null || p.controlRate === null) {
      details.push(`${label}: no ${units} followed for the full ${def.windowDays} days yet.`);
      continue;
    }
    const ci = `95% CI ${pts(p.low as number)} to ${pts(p.high as number)} points`;
    const sizes = `${count(p.nTreatment)} vs ${count(p.nControl)} ${units}`;
    const significant = p.pValue < a.comparisonAlpha;
    const sentence = significant
      ? `${label} ${p.difference > 0 ? "raised" : "lowered"} ${metric} from ${pct(p.controlRate)} to ${pct(p.treatmentRate)} (${pts(p.difference)} points, ${ci}; ${sizes}; ${pValue(p.pValue)}).`
      : `${label}: no clear difference in ${metric}, ${pct(p.treatmentRate)} vs ${pct(p.controlRate)} for ${control.label.toLowerCase()} (${ci}; ${sizes}; ${pValue(p.pValue)}).`;
    details.push(sentence);
    if (significant && p.difference > 0 && best?.tone !== "success") best = { tone: "success", headline: `${label} works: ${metric} ${pct(p.controlRate)} → ${pct(p.treatmentRate)}` };
    else if (significant && p.difference < 0 && !best) best = { tone: "critical", headline: `${label} hurts: ${metric} ${pct(p.controlRate)} → ${pct(p.treatmentRate)}; keep ${control.label.toLowerCase()}` };
  }
  if (a.comparisons.length > 1) details.push(`Each of the ${a.comparisons.length} treatments is compared with the control at a significance level of ${a.comparisonAlpha.toFixed(3)} (Bonferroni).`);
  const planned = a.plannedPerVariant === null ? "the planned number of" : count(a.plannedPerVariant);
  const allFollowed = a.variants.every((v) => v.matured === v.units);
  if (!enough && enrolmentClosed && allFollowed) {
    // Stopped short: this is the final sample. Report it, flagged as weaker than planned.
    details.push(`Enrolment stopped at ${count(Math.min(...a.variants.map((v) => v.units)))} of ${planned} ${units} per variant: the test could miss a lift of the size it was planned for (${(def.mde * 100).toFixed(1)} points).`);
    return best
      ? { tone: best.tone === "success" ? "success" : "critical", headline: `${best.headline} (fewer ${units} than planned)`, details, conclusive: true }
      : { tone: "warning", headline: `Stopped before the planned sample: no clear difference in ${metric}`, details, conclusive: false };
  }
  if (!enough && enrolmentClosed) {
    details.push(`Enrolment has stopped; ${count(Math.min(...a.variants.map((v) => v.matured)))} of ${count(Math.min(...a.variants.map((v) => v.units)))} ${units} per variant have been followed for ${def.windowDays} days so far.`);
    return { tone: "info", headline: "Waiting for outcomes: enrolled customers are still within the window", details, conclusive: false };
  }
  if (!enough) {
    details.push(
      def.primaryMetric === "time_to_second_order"
        ? `Too early to call: ${count(followed)} of ${planned} ${units} per variant enrolled so far; an early difference can vanish.`
        : `Too early to call: ${count(followed)} of ${planned} ${units} per variant have been followed for ${def.windowDays} days; an early difference can vanish.`,
    );
    return { tone: "info", headline: best ? `Early signal, not yet conclusive: ${best.headline}` : "Still collecting: too early to call", details, conclusive: false };
  }
  if (best) return { ...best, details, conclusive: true };
  return { tone: "warning", headline: `No treatment clearly changed ${metric}`, details, conclusive: true };
}
