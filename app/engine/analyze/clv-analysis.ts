/**
 * Predicted customer lifetime value for the store: fit the purchase and order-value models on
 * the whole history, check them on a held-out later period, and predict each customer's
 * discounted revenue over the horizon. Margin is applied on top (CLV is linear in margin), so
 * revenue and margin figures stay separate and margin stays unknown when it is unknown.
 */
import type { CustomerActivity } from "../segments/segment-summary";
import type { Confidence } from "../types";
import { computeClvColumnar, fitClvModels, type ClvModels } from "../clv/clv";
import { groupRfm } from "../clv/group";
import { validateHoldout, type HoldoutReport } from "../clv/holdout";
import { DAY_MS } from "../stats/calendar";
import { summarizeDistribution, type DistributionSummary } from "../stats/quantile";
import type { PurchaseHistory } from "../repeat/purchase-history";
import { capConfidence, insufficient, weakest, type Figure } from "./figure";
import { holdoutSplitFromHistory, summariesFromHistory } from "./history-summaries";
import type { MarginBasis } from "./margin";
import { LazyMap } from "../stats/lazy-map";

export interface ClvSettings {
  horizonMonths: number;
  discountRateMonthly: number;
  /** Model time unit in days (weeks, as in the literature). */
  unitDays: number;
}

export interface CustomerClvColumns {
  /** Aligned with the purchase history's customers. */
  customerIds: string[];
  /** Discounted predicted revenue over the horizon. */
  revenue: Float64Array;
  /** Probability the customer is still active (1 under the fallback model, which ignores churn). */
  pAlive: Float64Array;
  /** Expected repeat orders over the horizon (undiscounted). */
  expectedOrders: Float64Array;
}

export interface ClvAnalysis {
  settings: ClvSettings;
  models: ClvModels;
  /** Fit on an earlier period, checked on the later one; null when the history is too short. */
  holdout: HoldoutReport | null;
  holdoutNote: string;
  /** Customers with a prediction. */
  customers: number;
  /** Per-customer predictions (typed arrays; large, not meant for JSON), null when unavailable. */
  perCustomer: CustomerClvColumns | null;
  revenue: {
    /** Mean predicted revenue per customer; the range is the model's error on the check period. */
    mean: Figure;
    total: Figure;
    distribution: DistributionSummary;
  };
  margin: {
    basis: MarginBasis;
    mean: Figure;
    total: Figure;
  };
  confidence: Confidence;
  message: string;
  caveats: string[];
}

/** Histories shorter than this are not split for a check (too little on either side). */
export const MIN_HISTORY_DAYS_FOR_HOLDOUT = 180;
/** The check period: a third of the history, at most half a year. */
export const MAX_HOLDOUT_WEEKS = 26;

/** Where the calibration period ends for the holdout check, or null when the history is too short. */
export function holdoutCalibrationEnd(h: PurchaseHistory): number | null {
  const customers = h.customerIds.length;
  if (customers === 0) return null;
  let earliest = Infinity;
  for (let c = 0; c < customers; c++) earliest = Math.min(earliest, h.purchaseAt[h.start[c]]);
  const spanDays = (h.asOf - earliest) / DAY_MS;
  if (spanDays < MIN_HISTORY_DAYS_FOR_HOLDOUT) return null;
  const weeks = Math.min(MAX_HOLDOUT_WEEKS, Math.floor(spanDays / 3 / 7));
  return h.asOf - weeks * 7 * DAY_MS;
}

export function analyzeClv(h: PurchaseHistory, settings: ClvSettings, margin: MarginBasis): ClvAnalysis {
  const summaries = summariesFromHistory(h, settings.unitDays);
  // Customers sharing (x, tx, T) share the fit's likelihood terms and the forecast: group once.
  const groups = groupRfm(summaries);
  const models = fitClvModels(summaries, { groups });
  const caveats = [...models.caveats];

  let holdout: HoldoutReport | null = null;
  let holdoutNote: string;
  const calibrationEnd = holdoutCalibrationEnd(h);
  if (models.transactions === null) {
    holdoutNote = "No forecast to check: " + models.message;
  } else if (calibrationEnd === null) {
    holdoutNote = `Less than ${MIN_HISTORY_DAYS_FOR_HOLDOUT} days of customer history, so the forecast can't be checked against a later period yet.`;
  } else {
    const split = holdoutSplitFromHistory(h, calibrationEnd, settings.unitDays);
    const calibrationGroups = groupRfm(split.calibration);
    holdout = validateHoldout(split, fitClvModels(split.calibration, { groups: calibrationGroups }), calibrationGroups);
    holdoutNote = holdout.message;
  }

  // Revenue CLV (margin 1); margin CLV is the same times the margin rate.
  const columns = computeClvColumnar(summaries, models, {
    marginRate: 1,
    horizonMonths: settings.horizonMonths,
    monthlyDiscountRate: settings.discountRateMonthly,
  }, groups);
  const n = summaries.x.length;
  const available = columns.available && n > 0;
  let confidence: Confidence = available ? models.confidence : "insufficient";
  if (available) {
    if (holdout === null) {
      confidence = capConfidence(confidence, "low");
      caveats.push("The forecast has not been checked against a later period, so treat it as a rough guide.");
    } else confidence = weakest(confidence, holdout.confidence);
  }

  const total = sum(columns.clv);
  const mean = available ? total / n : null;
  const error = holdout?.percentError ?? null;
  const horizon = `${settings.horizonMonths}-month`;
  const meanRevenue: Figure = available
    ? {
        value: mean,
        // The honest range of a model forecast is how far off it was on data it had not seen.
        low: error === null ? null : Math.max(0, (mean as number) * (1 - Math.abs(error) / 100)),
        high: error === null ? null : (mean as number) * (1 + Math.abs(error) / 100),
        n,
        confidence,
        caveats: error === null ? ["No check-period error to put a range on this forecast."] : [`Range: ± the model's ${Math.abs(error).toFixed(0)}% error on the check period.`],
        source: "model",
      }
    : insufficient(models.message, "model", n);
  const totalRevenue: Figure = available
    ? { value: total, low: null, high: null, n, confidence, caveats: [`Predicted ${horizon} revenue from today's customers, discounted.`], source: "model" }
    : insufficient(models.message, "model", n);

  const marginFigure = (f: Figure): Figure =>
    margin.rate === null || f.value === null
      ? insufficient(f.value === null ? models.message : margin.note, "model", n)
      : {
          ...f,
          value: f.value * margin.rate,
          low: f.low == null ? null : f.low * margin.rate,
          high: f.high == null ? null : f.high * margin.rate,
          confidence: weakest(f.confidence, margin.confidence),
          caveats: [...(f.caveats ?? []), margin.note],
        };

  return {
    settings,
    models,
    holdout,
    holdoutNote,
    customers: available ? n : 0,
    perCustomer: available
      ? { customerIds: summaries.customerIds, revenue: columns.clv, pAlive: columns.pAlive, expectedOrders: columns.expectedTransactions }
      : null,
    revenue: { mean: meanRevenue, total: totalRevenue, distribution: summarizeDistribution(available ? columns.clv : new Float64Array(0)) },
    margin: { basis: margin, mean: marginFigure(meanRevenue), total: marginFigure(totalRevenue) },
    confidence,
    message: models.message,
    caveats,
  };
}

/** In its own small function so the loop is compiled early even on a first, cold call. */
function sum(values: Float64Array): number {
  let total = 0;
  for (let i = 0; i < values.length; i++) total += values[i];
  return total;
}

/**
 * Customer id → predicted revenue, for the link and segment analyses. Built on first use: the
 * store analysis reads the same figures by index and seldom needs the map at all.
 */
export function predictedRevenueById(clv: ClvAnalysis): Map<string, number> | undefined {
  const p = clv.perCustomer;
  if (p === null) return undefined;
  return new LazyMap<string, number>(function* () {
    for (let i = 0; i < p.customerIds.length; i++) yield [p.customerIds[i], p.revenue[i]] as const;
  });
}

/** P(alive) and expected orders per customer, for segment summaries; undefined without predictions. */
export function customerActivity(clv: ClvAnalysis): CustomerActivity | undefined {
  const p = clv.perCustomer;
  if (p === null) return undefined;
  const row = new Map<string, number>();
  for (let i = 0; i < p.customerIds.length; i++) row.set(p.customerIds[i], i);
  return { row, pAlive: p.pAlive, expectedOrders: p.expectedOrders };
}
