/**
 * Holdout validation: fit on an earlier (calibration) period, forecast each customer's repeat
 * orders over the later (holdout) period, and compare with what actually happened. Reported
 * the way a merchant can read it: total predicted vs actual orders, % error, average miss per
 * customer, and a table by how often customers had bought during calibration.
 */

import type { Confidence } from "../types";
import { bgnbdConditionalExpectedTransactions, isValidRfm } from "./bgnbd";
import { fitClvModels, type ClvModels } from "./clv";
import { groupsFor, type RfmGroups } from "./group";
import type { CalibrationHoldout } from "./summary";

export interface FrequencyBucket {
  /** Calibration repeat purchases: "0" … "6", or "7+". */
  frequency: string;
  customers: number;
  /** Mean predicted / actual holdout repeat orders per customer in the bucket. */
  predictedMean: number | null;
  actualMean: number;
}

export interface HoldoutReport {
  customers: number;
  /** Holdout length in model units (weeks by default). */
  holdoutDuration: number;
  predictedTotal: number | null;
  actualTotal: number;
  /** (predicted − actual) / actual × 100; null when there were no actual repeat orders or no forecast. */
  percentError: number | null;
  /** Mean absolute error per customer, in orders. */
  maePerCustomer: number | null;
  byFrequency: FrequencyBucket[];
  models: ClvModels;
  confidence: Confidence;
  message: string;
}

const BUCKETS = 8; // 0..6 and 7+

/** Predicted holdout repeat orders per calibration customer under the fitted models. */
export function predictHoldout(split: CalibrationHoldout, models: ClvModels, groups?: RfmGroups): Float64Array | null {
  const s = split.calibration;
  const forecast = holdoutForecast(split, models, groups);
  if (forecast === null) return null;
  const out = new Float64Array(s.x.length);
  for (let i = 0; i < out.length; i++) out[i] = forecast.perGroup[forecast.groupOf[i]];
  return out;
}

/** The forecast per distinct (x, tx, T) group (shared by its customers), and each customer's group. */
function holdoutForecast(split: CalibrationHoldout, models: ClvModels, groups?: RfmGroups): { perGroup: Float64Array; groupOf: Int32Array } | null {
  const s = split.calibration;
  const tm = models.transactions;
  if (tm === null) return null;
  const t = split.holdoutDuration;
  const g = groupsFor(s, groups);
  const perGroup = new Float64Array(g.x.length);
  for (let k = 0; k < g.x.length; k++) {
    if (!isValidRfm(g.x[k], g.tx[k], g.T[k])) continue;
    perGroup[k] = tm.kind === "repeat-rate" ? tm.ratePerUnit * t : bgnbdConditionalExpectedTransactions(tm.params, t, g.x[k], g.tx[k], g.T[k]);
  }
  return { perGroup, groupOf: g.groupOf };
}

/**
 * Fits on the calibration period (or uses `models`) and scores the holdout forecast.
 * `groups`: `groupRfm(split.calibration)` when the caller already has it.
 */
export function validateHoldout(split: CalibrationHoldout, models?: ClvModels, groups?: RfmGroups): HoldoutReport {
  const s = split.calibration;
  const actual = split.holdoutTransactions;
  if (models === undefined) {
    groups = groupsFor(s, groups);
    models = fitClvModels(s, { groups });
  }
  const forecast = holdoutForecast(split, models, groups);
  const counts = new Float64Array(BUCKETS);
  const sumPred = new Float64Array(BUCKETS);
  const sumAct = new Float64Array(BUCKETS);
  let customers = 0;
  let actualTotal = 0;
  let predictedTotal = 0;
  let absError = 0;
  for (let i = 0; i < s.x.length; i++) {
    if (!isValidRfm(s.x[i], s.tx[i], s.T[i])) continue;
    const b = Math.min(BUCKETS - 1, s.x[i]);
    const a = actual[i];
    const p = forecast ? forecast.perGroup[forecast.groupOf[i]] : 0;
    customers++;
    counts[b]++;
    sumAct[b] += a;
    sumPred[b] += p;
    actualTotal += a;
    predictedTotal += p;
    absError += Math.abs(p - a);
  }
  const byFrequency: FrequencyBucket[] = [];
  for (let b = 0; b < BUCKETS; b++) {
    if (counts[b] === 0) continue;
    byFrequency.push({
      frequency: b === BUCKETS - 1 ? `${b}+` : String(b),
      customers: counts[b],
      predictedMean: forecast ? sumPred[b] / counts[b] : null,
      actualMean: sumAct[b] / counts[b],
    });
  }
  const weeks = (split.holdoutDuration * s.unitDays) / 7;
  const period = `the ${Math.round(weeks)}-week check period`;
  if (!forecast || customers === 0) {
    return {
      customers,
      holdoutDuration: split.holdoutDuration,
      predictedTotal: null,
      actualTotal,
      percentError: null,
      maePerCustomer: null,
      byFrequency,
      models,
      confidence: "insufficient",
      message: `No forecast could be checked: ${models.message}`,
    };
  }
  const percentError = actualTotal > 0 ? ((predictedTotal - actualTotal) / actualTotal) * 100 : null;
  const fmt = (v: number) => Math.round(v).toLocaleString("en-US");
  let confidence: Confidence;
  let message: string;
  if (percentError === null) {
    confidence = "insufficient";
    message = `No repeat orders happened in ${period}, so the forecast of ${fmt(predictedTotal)} can't be checked yet.`;
  } else {
    const abs = Math.abs(percentError);
    const side = percentError >= 0 ? "high" : "low";
    confidence = actualTotal < 30 ? "low" : abs <= 10 ? "high" : abs <= 25 ? "medium" : "low";
    message =
      `Tested on ${period}: the model predicted ${fmt(predictedTotal)} repeat orders and ${fmt(actualTotal)} happened ` +
      `(${abs < 0.5 ? "within 1%" : `${abs.toFixed(0)}% ${side}`}).`;
  }
  return {
    customers,
    holdoutDuration: split.holdoutDuration,
    predictedTotal,
    actualTotal,
    percentError,
    maePerCustomer: absError / customers,
    byFrequency,
    models,
    confidence: lowest(confidence, models.confidence),
    message,
  };
}

function lowest(a: Confidence, b: Confidence): Confidence {
  const rank: Record<Confidence, number> = { insufficient: 0, low: 1, medium: 2, high: 3 };
  return rank[a] <= rank[b] ? a : b;
}
