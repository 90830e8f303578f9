/**
 * Customer lifetime value from the fitted models: expected repeat orders per month
 * (differences of the BG/NBD cumulative conditional expectation) × expected order value
 * (Gamma-Gamma) × margin, discounted monthly over a horizon. `fitClvModels` decides what can
 * be trusted for a given store and falls back to plain averages, or to nothing, when the data
 * cannot support a model, always with a plain-language message and a confidence level.
 * Outputs are finite numbers or null; never NaN or Infinity.
 */

import { formatCount } from "../analyze/format";
import type { Confidence, CustomerSummary } from "../types";
import { bgnbdExpectedTransactionsIfAlive, bgnbdProbabilityAlive, fitBgNbd, isValidRfm, prepareBgNbdGroups, type BgNbdParams } from "./bgnbd";
import { fitGammaGamma, isValidSpend, spendFrequencyCorrelation, type GammaGammaParams } from "./gamma-gamma";
import { groupRfm, groupsFor, type RfmGroups } from "./group";
import { summaryColumns, type SummaryColumns } from "./summary";

export type TransactionModel =
  | { kind: "bgnbd"; params: BgNbdParams; logLikelihood: number; iterations: number }
  /** Fallback: pooled repeat purchases per unit of customer age; ignores churn. */
  | { kind: "repeat-rate"; ratePerUnit: number };

export type SpendModel =
  | { kind: "gamma-gamma"; params: GammaGammaParams; logLikelihood: number }
  /** Fallback: the store's average repeat order value (customers' own averages where known). */
  | { kind: "average"; meanOrderValue: number };

export interface ClvModels {
  transactions: TransactionModel | null;
  spend: SpendModel | null;
  unitDays: number;
  customers: number;
  repeatCustomers: number;
  confidence: Confidence;
  /** One sentence for the merchant. */
  message: string;
  caveats: string[];
}

export interface FitClvOptions {
  /** Model time unit in days when passing `CustomerSummary` objects (default 7). */
  unitDays?: number;
  /** `groupRfm` of the same summaries, when the caller has it (it is reused for the forecast). */
  groups?: RfmGroups;
}

/** Below these, a model fit is not attempted (the averages are as good and more honest). */
export const MIN_CUSTOMERS_FOR_MODEL = 50;
export const MIN_REPEAT_CUSTOMERS_FOR_MODEL = 20;
const PLAUSIBLE = [1e-6, 1e6] as const;
const RANK: Record<Confidence, number> = { insufficient: 0, low: 1, medium: 2, high: 3 };

function lowest(...levels: Confidence[]): Confidence {
  return levels.reduce((a, b) => (RANK[b] < RANK[a] ? b : a));
}

function plausible(values: number[]): boolean {
  return values.every((v) => Number.isFinite(v) && v >= PLAUSIBLE[0] && v <= PLAUSIBLE[1]);
}

function toColumns(input: readonly CustomerSummary[] | SummaryColumns, unitDays: number): SummaryColumns {
  return "customerIds" in input ? input : summaryColumns(input, unitDays);
}

/** Fits the purchase (BG/NBD) and spend (Gamma-Gamma) models, with fallbacks for small or odd stores. */
export function fitClvModels(input: readonly CustomerSummary[] | SummaryColumns, opts: FitClvOptions = {}): ClvModels {
  const s = toColumns(input, opts.unitDays ?? 7);
  const g = groupsFor(s, opts.groups);
  const caveats: string[] = [];
  let customers = 0;
  let repeaters = 0;
  let sumX = 0;
  let sumT = 0;
  let maxT = 0;
  let invalid = 0;
  for (let k = 0; k < g.x.length; k++) {
    const w = g.w[k];
    if (!isValidRfm(g.x[k], g.tx[k], g.T[k])) {
      invalid += w;
      continue;
    }
    customers += w;
    if (g.x[k] > 0) repeaters += w;
    sumX += w * g.x[k];
    // Exposure floors at one day: a repeat purchase needs at least that (and it keeps the rate finite).
    sumT += w * Math.max(g.T[k], 1 / s.unitDays);
    if (g.T[k] > maxT) maxT = g.T[k];
  }
  if (invalid > 0) caveats.push(`${invalid} customer record(s) had inconsistent dates or counts and were left out.`);
  const base = { unitDays: s.unitDays, customers, repeatCustomers: repeaters };
  if (customers === 0) {
    return { ...base, transactions: null, spend: null, confidence: "insufficient", message: "No customers with identified orders yet, so lifetime value can't be estimated.", caveats };
  }
  if (repeaters === 0) {
    return {
      ...base,
      transactions: null,
      spend: null,
      confidence: "insufficient",
      message: `None of your ${customers} customers has ordered a second time yet, so repeat buying can't be estimated.`,
      caveats,
    };
  }

  // Purchase model.
  let transactions: TransactionModel;
  let txConfidence: Confidence;
  const repeatRate: TransactionModel = { kind: "repeat-rate", ratePerUnit: sumT > 0 ? sumX / sumT : 0 };
  if (customers < MIN_CUSTOMERS_FOR_MODEL || repeaters < MIN_REPEAT_CUSTOMERS_FOR_MODEL) {
    transactions = repeatRate;
    txConfidence = "low";
    caveats.push(
      `Only ${repeaters} of ${customers} customers have ordered again: repeat orders are projected from your average repeat rate, which ignores customers drifting away.`,
    );
  } else {
    const fit = fitBgNbd(prepareBgNbdGroups(g));
    const p = fit.params;
    if (fit.converged && plausible([p.r, p.alpha, p.a, p.b])) {
      transactions = { kind: "bgnbd", params: p, logLikelihood: fit.logLikelihood, iterations: fit.iterations };
      txConfidence = repeaters >= 200 && customers >= 1000 ? "high" : repeaters >= 50 && customers >= 300 ? "medium" : "low";
    } else {
      transactions = repeatRate;
      txConfidence = "low";
      caveats.push("The repeat-purchase model could not be fitted reliably to this history, so the average repeat rate is used instead.");
    }
  }
  if (maxT * s.unitDays < 90) {
    txConfidence = lowest(txConfidence, "low");
    caveats.push("Less than three months of order history: long-range projections are uncertain.");
  }

  // Spend model.
  let spenders = 0;
  let sumXM = 0;
  let sumXForM = 0;
  for (let i = 0; i < s.x.length; i++) {
    if (isValidRfm(s.x[i], s.tx[i], s.T[i]) && s.x[i] > 0 && s.m[i] >= 0 && Number.isFinite(s.m[i])) {
      if (isValidSpend(s.x[i], s.m[i])) spenders++;
      sumXM += s.x[i] * s.m[i];
      sumXForM += s.x[i];
    }
  }
  const average: SpendModel = { kind: "average", meanOrderValue: sumXForM > 0 ? sumXM / sumXForM : 0 };
  let spend: SpendModel;
  let spendConfidence: Confidence;
  if (spenders < MIN_REPEAT_CUSTOMERS_FOR_MODEL) {
    spend = average;
    spendConfidence = "low";
    caveats.push("Few repeat orders with a value: order value is the store's average repeat order.");
  } else {
    const gg = fitGammaGamma(s);
    const g = gg.params;
    // q ≤ 1 means an infinite population mean spend: not usable for forecasting.
    if (gg.converged && plausible([g.p, g.q, g.gamma]) && g.q > 1) {
      spend = { kind: "gamma-gamma", params: g, logLikelihood: gg.logLikelihood };
      spendConfidence = spenders >= 200 ? "high" : spenders >= 50 ? "medium" : "low";
    } else {
      spend = average;
      spendConfidence = "low";
      caveats.push("The order-value model could not be fitted reliably, so the store's average repeat order value is used.");
    }
    const rho = spendFrequencyCorrelation(s);
    if (rho !== null && Math.abs(rho) > 0.3) {
      spendConfidence = lowest(spendConfidence, "medium");
      caveats.push("Order value and purchase frequency are correlated here, which the order-value model assumes they aren't.");
    }
  }

  const confidence = lowest(txConfidence, spendConfidence);
  const how = transactions.kind === "bgnbd" ? "a BG/NBD repeat-purchase model" : "your average repeat rate";
  const message =
    `Based on ${formatCount(customers)} customers (${formatCount(repeaters)} returning), lifetime value uses ${how} and ` +
    (spend.kind === "gamma-gamma" ? "a Gamma-Gamma order-value model." : "your average repeat order value.");
  return { ...base, transactions, spend, confidence, message, caveats };
}

export interface ClvOptions {
  /** Gross margin as a fraction of order value, 0..1. */
  marginRate: number;
  /** Horizon in months (default 12). */
  horizonMonths?: number;
  /** Discount rate per month (default 0.01 ≈ 12.7% a year). */
  monthlyDiscountRate?: number;
}

export interface CustomerClv {
  customerId: string;
  /** Probability the customer is still active (null without a churn-aware model). */
  pAlive: number | null;
  /** Expected repeat orders over the horizon (undiscounted). */
  expectedTransactions: number | null;
  expectedOrderValue: number | null;
  /** Discounted expected margin over the horizon. */
  clv: number | null;
}

export interface ClvColumns {
  pAlive: Float64Array;
  expectedTransactions: Float64Array;
  expectedOrderValue: Float64Array;
  clv: Float64Array;
  /** False when models are insufficient: all arrays are then zero and must not be shown as values. */
  available: boolean;
}

export interface ClvReport {
  customers: CustomerClv[];
  /** Sum of customer CLVs (null when unavailable). */
  totalClv: number | null;
  meanClv: number | null;
  horizonMonths: number;
  confidence: Confidence;
  message: string;
  caveats: string[];
}

const DAYS_PER_MONTH = 365.25 / 12;

function sanitize(opts: ClvOptions, caveats: string[]): { margin: number; horizon: number; discount: number } {
  let margin = opts.marginRate;
  if (!Number.isFinite(margin)) {
    caveats.push("No valid margin was given, so value is shown at zero margin.");
    margin = 0;
  }
  margin = Math.min(1, Math.max(0, margin));
  const horizon = Math.max(1, Math.min(120, Math.round(Number.isFinite(opts.horizonMonths) ? (opts.horizonMonths as number) : 12)));
  const d = opts.monthlyDiscountRate ?? 0.01;
  const discount = Number.isFinite(d) && d > -1 ? Math.max(0, d) : 0;
  return { margin, horizon, discount };
}

/**
 * Σ_k [E(k months) − E(k−1 months)] / (1+d)^k (end-of-month discounting) and the undiscounted
 * E(horizon), for a customer known to be alive with x repeat purchases at age T. Multiplied
 * by P(alive) this is the customer's forecast (see bgnbdConditionalExpectedTransactions).
 */
function discountedIfAlive(p: BgNbdParams, x: number, T: number, monthUnits: number, horizon: number, discount: number): { discounted: number; total: number } {
  let prev = 0;
  let discounted = 0;
  for (let k = 1; k <= horizon; k++) {
    const cum = bgnbdExpectedTransactionsIfAlive(p, k * monthUnits, x, T);
    if (cum > prev) {
      discounted += (cum - prev) / Math.pow(1 + discount, k);
      prev = cum;
    }
  }
  return { discounted, total: prev };
}

/** Per-customer CLV in typed arrays; customers with identical (x, tx, T) share one forecast. */
export function computeClvColumnar(s: SummaryColumns, models: ClvModels, opts: ClvOptions, groups?: RfmGroups): ClvColumns {
  const n = s.x.length;
  const out: ClvColumns = {
    pAlive: new Float64Array(n),
    expectedTransactions: new Float64Array(n),
    expectedOrderValue: new Float64Array(n),
    clv: new Float64Array(n),
    available: models.transactions !== null && models.spend !== null,
  };
  if (!out.available) return out;
  if (s.unitDays !== models.unitDays) {
    throw new RangeError(`summaries are in ${s.unitDays}-day units but the models were fitted in ${models.unitDays}-day units`);
  }
  const { margin, horizon, discount } = sanitize(opts, []);
  const monthUnits = DAYS_PER_MONTH / models.unitDays;
  const g = groupsFor(s, groups);
  const gDiscounted = new Float64Array(g.x.length);
  const gTotal = new Float64Array(g.x.length);
  const gAlive = new Float64Array(g.x.length);
  const tm = models.transactions!;
  if (tm.kind === "repeat-rate") {
    const perMonth = tm.ratePerUnit * monthUnits;
    let annuity = 0;
    for (let k = 1; k <= horizon; k++) annuity += 1 / Math.pow(1 + discount, k);
    gDiscounted.fill(perMonth * annuity);
    gTotal.fill(perMonth * horizon);
    gAlive.fill(1);
  } else {
    // The series work depends on (x, T) only; recency enters through P(alive). Share it.
    const xt = groupRfm({ x: g.x, tx: new Float64Array(g.x.length), T: g.T });
    const xtDiscounted = new Float64Array(xt.x.length);
    const xtTotal = new Float64Array(xt.x.length);
    for (let j = 0; j < xt.x.length; j++) {
      if (!isValidRfm(xt.x[j], 0, xt.T[j])) continue;
      const r = discountedIfAlive(tm.params, xt.x[j], xt.T[j], monthUnits, horizon, discount);
      xtDiscounted[j] = r.discounted;
      xtTotal[j] = r.total;
    }
    for (let k = 0; k < g.x.length; k++) {
      if (!isValidRfm(g.x[k], g.tx[k], g.T[k])) continue;
      const alive = bgnbdProbabilityAlive(tm.params, g.x[k], g.tx[k], g.T[k]);
      const j = xt.groupOf[k];
      gAlive[k] = alive;
      gDiscounted[k] = alive * xtDiscounted[j];
      gTotal[k] = alive * xtTotal[j];
    }
  }
  for (let k = 0; k < g.x.length; k++) {
    gAlive[k] = finiteOr0(gAlive[k]);
    gTotal[k] = finiteOr0(gTotal[k]);
  }
  fillCustomers(out, s, g.groupOf, gAlive, gTotal, gDiscounted, models.spend!, margin);
  return out;
}

/**
 * Per-customer columns from the per-group forecasts and each customer's expected order value.
 * Kept apart and call-free in the loop: it runs once per customer, usually on a cold start.
 */
function fillCustomers(
  out: ClvColumns,
  s: SummaryColumns,
  groupOf: Int32Array,
  gAlive: Float64Array,
  gTotal: Float64Array,
  gDiscounted: Float64Array,
  spend: SpendModel,
  margin: number,
): void {
  const { x, m } = s;
  const { pAlive, expectedTransactions, expectedOrderValue, clv } = out;
  // Gamma-Gamma's E[order value | x, m] = p(γ + x·m)/(p·x + q − 1) (gammaGammaExpectedSpend), inlined;
  // where it is undefined, the customer's own mean; the average model: own mean, else the store's.
  const gg = spend.kind === "gamma-gamma" ? spend.params : null;
  const p = gg ? gg.p : 0;
  const q1 = gg ? gg.q - 1 : 0;
  const gamma = gg ? gg.gamma : 0;
  const fallback = spend.kind === "average" ? spend.meanOrderValue : 0;
  for (let i = 0; i < x.length; i++) {
    const k = groupOf[i];
    const xi = x[i];
    const own = xi > 0 && m[i] > 0 ? m[i] : -1;
    let aov = own >= 0 ? own : fallback;
    if (gg !== null) {
      const denom = p * xi + q1;
      const v = (p * (gamma + xi * (own >= 0 ? own : 0))) / denom;
      aov = denom > 0 && v >= 0 && v < Infinity ? v : own >= 0 ? own : 0;
    }
    aov = aov > 0 && aov < Infinity ? aov : 0;
    const value = gDiscounted[k] * aov * margin;
    pAlive[i] = gAlive[k];
    expectedTransactions[i] = gTotal[k];
    expectedOrderValue[i] = aov;
    clv[i] = value > 0 && value < Infinity ? value : 0;
  }
}

function finiteOr0(v: number): number {
  return Number.isFinite(v) && v > 0 ? v : 0;
}

/** CLV per customer with totals, confidence and a plain-language message. */
export function computeClv(input: readonly CustomerSummary[] | SummaryColumns, models: ClvModels, opts: ClvOptions): ClvReport {
  const s = toColumns(input, models.unitDays);
  const caveats = [...models.caveats];
  const { horizon } = sanitize(opts, caveats);
  const cols = computeClvColumnar(s, models, opts);
  const customers: CustomerClv[] = new Array(s.x.length);
  let total = 0;
  let counted = 0;
  const churnAware = models.transactions?.kind === "bgnbd";
  for (let i = 0; i < s.x.length; i++) {
    const valid = cols.available && isValidRfm(s.x[i], s.tx[i], s.T[i]);
    customers[i] = {
      customerId: s.customerIds[i],
      pAlive: valid && churnAware ? cols.pAlive[i] : null,
      expectedTransactions: valid ? cols.expectedTransactions[i] : null,
      expectedOrderValue: valid ? cols.expectedOrderValue[i] : null,
      clv: valid ? cols.clv[i] : null,
    };
    if (valid) {
      total += cols.clv[i];
      counted++;
    }
  }
  const available = cols.available && counted > 0;
  return {
    customers,
    totalClv: available ? total : null,
    meanClv: available ? total / counted : null,
    horizonMonths: horizon,
    confidence: available ? models.confidence : "insufficient",
    message: models.message,
    caveats,
  };
}
