/**
 * Kaplan–Meier survival estimate for right-censored durations (e.g. "time until the second
 * order", where customers who have not reordered yet are censored at asOf). Without it the
 * median time to reorder is biased low: only fast reorderers have been seen so far.
 *
 * Ties: at a given time, events are counted before censorings (censored subjects are at
 * risk at their censoring time), the usual convention.
 */
import { zForLevel } from "./normal";

export interface SurvivalCurve {
  /** Distinct event times, ascending. */
  times: Float64Array;
  /** S(t) just after each event time. */
  survival: Float64Array;
  /** Greenwood sum Σ d/(n(n−d)) up to each event time (for intervals). */
  greenwood: Float64Array;
  atRisk: Int32Array;
  events: Int32Array;
  subjects: number;
  totalEvents: number;
}

/**
 * Durations of subjects who had the event and of those censored (both any array of
 * non-negative numbers; non-finite values are dropped).
 */
export function kaplanMeier(eventDurations: ArrayLike<number>, censoredDurations: ArrayLike<number>): SurvivalCurve {
  const ev = finiteSorted(eventDurations);
  const ce = finiteSorted(censoredDurations);
  const subjects = ev.length + ce.length;
  const times: number[] = [];
  const survival: number[] = [];
  const greenwood: number[] = [];
  const atRisk: number[] = [];
  const events: number[] = [];
  let s = 1;
  let gw = 0;
  let removed = 0; // subjects no longer at risk
  let c = 0;
  for (let e = 0; e < ev.length; ) {
    const t = ev[e];
    while (c < ce.length && ce[c] < t) {
      c++;
      removed++;
    }
    let d = 0;
    while (e < ev.length && ev[e] === t) {
      d++;
      e++;
    }
    const n = subjects - removed;
    s *= 1 - d / n;
    gw += n > d ? d / (n * (n - d)) : 0;
    times.push(t);
    survival.push(s);
    greenwood.push(gw);
    atRisk.push(n);
    events.push(d);
    removed += d;
  }
  return {
    times: Float64Array.from(times),
    survival: Float64Array.from(survival),
    greenwood: Float64Array.from(greenwood),
    atRisk: Int32Array.from(atRisk),
    events: Int32Array.from(events),
    subjects,
    totalEvents: ev.length,
  };
}

function finiteSorted(values: ArrayLike<number>): Float64Array {
  let n = 0;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) n++;
  const out = new Float64Array(n);
  let j = 0;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) out[j++] = values[i];
  return out.sort();
}

/** Index of the last event time ≤ t, or −1. */
function stepIndex(curve: SurvivalCurve, t: number): number {
  let lo = 0;
  let hi = curve.times.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (curve.times[mid] <= t) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

export interface SurvivalPoint {
  /** S(t); null when t lies beyond the longest follow-up (not observable). */
  survival: number | null;
  /** Pointwise interval for S(t) (log(−log) transform, Greenwood variance). */
  low: number | null;
  high: number | null;
  atRisk: number;
}

/** S(t) with a log(−log) Greenwood interval. */
export function survivalAt(curve: SurvivalCurve, t: number, maxFollowUp: number, level = 0.95): SurvivalPoint {
  if (!(t <= maxFollowUp) || curve.subjects === 0) return { survival: null, low: null, high: null, atRisk: 0 };
  const k = stepIndex(curve, t);
  if (k < 0) return { survival: 1, low: 1, high: 1, atRisk: curve.subjects };
  const s = curve.survival[k];
  const atRisk = curve.atRisk[k] - curve.events[k];
  if (s <= 0 || s >= 1) return { survival: s, low: s, high: s, atRisk };
  const logS = Math.log(s);
  const se = Math.sqrt(curve.greenwood[k]) / Math.abs(logS);
  const z = zForLevel(level);
  return { survival: s, low: Math.pow(s, Math.exp(z * se)), high: Math.pow(s, Math.exp(-z * se)), atRisk };
}

/** Smallest time with S(t) ≤ 0.5, or null when the curve never gets there. */
export function medianSurvivalTime(curve: SurvivalCurve): number | null {
  for (let k = 0; k < curve.times.length; k++) if (curve.survival[k] <= 0.5) return curve.times[k];
  return null;
}

/**
 * Median with the Brookmeyer–Crowley style interval: the times whose pointwise band
 * (S ± z·SE, Greenwood) contains 0.5. `high` is null when the band never drops below 0.5.
 */
export function medianSurvivalInterval(curve: SurvivalCurve, level = 0.95): { median: number | null; low: number | null; high: number | null } {
  const z = zForLevel(level);
  let low: number | null = null;
  let high: number | null = null;
  for (let k = 0; k < curve.times.length; k++) {
    const s = curve.survival[k];
    const se = s * Math.sqrt(curve.greenwood[k]);
    if (low === null && s - z * se <= 0.5) low = curve.times[k];
    if (s + z * se < 0.5) {
      high = curve.times[k];
      break;
    }
  }
  return { median: medianSurvivalTime(curve), low, high };
}
