/**
 * The delivery → lifetime value link: do customers whose first order arrived late (or hit a
 * carrier exception) come back less often, and spend less, than customers whose first
 * order arrived on time?
 *
 * For each first-delivery experience and each horizon (90/180/365 days) the reorder rate
 * is measured only on customers whose first order is at least that old (everyone had the
 * full window), with Wilson intervals; differences vs on-time use Newcombe intervals, and
 * a Mantel–Haenszel risk difference stratified by acquisition month × first-order channel ×
 * first-order value quartile compares like with like (seasonality, channel mix and basket
 * size all move both delivery performance and loyalty). Results are associations.
 */
import type { Confidence, Estimate, Order } from "../types";
import { dayNumber, monthIndexOfDay, DAY_MS } from "../stats/calendar";
import { gradeWithReasons, relativeHalfWidth } from "../stats/confidence";
import { meanEstimate, proportionDifferenceEstimate, proportionEstimate } from "../stats/estimates";
import { mantelHaenszelRiskDifference } from "../stats/mantel-haenszel";
import { welchDifference, type Moments } from "../stats/mean";
import { quantileSorted } from "../stats/quantile";
import { dedupeOrders } from "../journey/dedupe-orders";
import { buildJourneyTable, type JourneyTable } from "../journey/journey-table";
import { buildPurchaseHistory, type PurchaseHistory } from "../repeat/purchase-history";
import {
  classifyExperience,
  EXPERIENCE,
  EXPERIENCES,
  NOT_A_DELIVERY,
  UNKNOWN_REASONS,
  unknownReason,
  type Experience,
  type UnknownReason,
} from "./first-delivery-experience";
import { insufficientSentence, linkSentence } from "./summary-sentence";

export interface LinkOptions {
  asOf: number;
  /** Reorder horizons in days (default 90, 180, 365). */
  windows?: readonly number[];
  /** Horizon for realized value (default 365). */
  valueWindowDays?: number;
  /** Horizon the headline sentence prefers (default 180). */
  summaryWindowDays?: number;
  level?: number;
  utcOffsetMinutes?: number;
  /** Predicted CLV per customer id (e.g. from the BG/NBD model), averaged per experience. */
  predictedClv?: ReadonlyMap<string, number>;
  /** The same, aligned with the prepared history's customers (index c; NaN = none): no lookups. */
  predictedClvByCustomer?: Float64Array;
  assumeUniqueIds?: boolean;
  /** Structures already built for these (de-duplicated) orders at this asOf. */
  prepared?: { table: JourneyTable; history: PurchaseHistory };
}

export interface AdjustedDifference extends Estimate {
  method: "mantel-haenszel";
  /** Strata holding both groups. */
  strataUsed: number;
  /** Share of the group's eligible customers who sit in a stratum with on-time customers. */
  matchedShare: number | null;
}

export interface WindowComparison {
  days: number;
  /** Customers whose first order is at least `days` old. */
  eligible: number;
  repeaters: number;
  rate: Estimate;
  /** Crude difference vs on-time (Newcombe); null for the on-time group. */
  differenceVsOnTime: Estimate | null;
  /** Stratified difference vs on-time (Mantel–Haenszel); null for the on-time group. */
  adjustedDifferenceVsOnTime: AdjustedDifference | null;
}

export interface ExperienceGroup {
  experience: Experience;
  /** Customers whose first order had this experience. */
  customers: number;
  windows: WindowComparison[];
  realizedValue: {
    days: number;
    eligible: number;
    /** Mean net revenue per customer within `days` of the first purchase (first order included). */
    mean: Estimate;
    /** Welch interval for the difference vs on-time; null for the on-time group. */
    differenceVsOnTime: Estimate | null;
  };
  /** Mean predicted CLV, when predictions were supplied. */
  predictedClv: { customers: number; mean: Estimate } | null;
}

export interface DeliveryLtvLink {
  asOf: number;
  level: number;
  windows: number[];
  counts: {
    /** Identified customers with a purchase by asOf. */
    customers: number;
    /** Customers whose first order was a delivery (the base of the link). */
    analysed: number;
    firstOrderNotADelivery: number;
    guestOrdersExcluded: number;
    duplicatesRemoved: number;
    eligibleByWindow: Array<{ days: number; customers: number }>;
  };
  groups: ExperienceGroup[];
  /** Why first deliveries were "unknown". */
  unknownReasons: Record<UnknownReason, number>;
  adjustment: { strata: string; valueBandEdges: number[]; cohortMonths: number; channels: number };
  summary: {
    sentence: string;
    experience: Experience | null;
    windowDays: number | null;
    adjusted: boolean;
    confidence: Confidence;
  };
  caveats: string[];
}

const K = EXPERIENCES.length;
const MIN_PER_GROUP = 30;

export function linkDeliveryToRepeat(input: readonly Order[], options: LinkOptions): DeliveryLtvLink {
  const { asOf } = options;
  const level = options.level ?? 0.95;
  const windows = [...(options.windows ?? [90, 180, 365])].sort((a, b) => a - b);
  const valueDays = options.valueWindowDays ?? 365;
  let duplicatesRemoved = 0;
  let table: JourneyTable;
  let h: PurchaseHistory;
  if (options.prepared) {
    ({ table, history: h } = options.prepared);
  } else {
    const deduped = options.assumeUniqueIds ? { orders: input as Order[], duplicatesRemoved: 0 } : dedupeOrders(input);
    duplicatesRemoved = deduped.duplicatesRemoved;
    table = buildJourneyTable(deduped.orders, asOf);
    h = buildPurchaseHistory(deduped.orders, { asOf, utcOffsetMinutes: options.utcOffsetMinutes });
  }
  if (table.size !== h.rows.size) throw new RangeError("linkDeliveryToRepeat: table and history come from different orders");
  const rows = h.rows;

  const customers = h.customerIds.length;
  const experience = new Uint8Array(customers);
  const unknownCounts = new Int32Array(UNKNOWN_REASONS.length);
  const groupSize = new Int32Array(K);
  let notDelivery = 0;

  // Strata keys: acquisition month, channel and value of the first order.
  const cohortMonth = new Int32Array(customers);
  const channel = new Int32Array(customers);
  const firstValue = new Float64Array(customers);
  const channelIndex = new Map<string, number>();
  let minMonth = Infinity;
  let maxMonth = -Infinity;
  let analysed = 0;
  for (let c = 0; c < customers; c++) {
    const row = h.firstOrderIndex[c];
    const e = classifyExperience(table, row);
    experience[c] = e;
    if (e === NOT_A_DELIVERY) {
      notDelivery++;
      continue;
    }
    analysed++;
    groupSize[e]++;
    if (e === EXPERIENCE.UNKNOWN) unknownCounts[unknownReason(table, row)]++;
    const m = monthIndexOfDay(dayNumber(h.purchaseAt[h.start[c]], h.utcOffsetMinutes));
    cohortMonth[c] = m;
    if (m < minMonth) minMonth = m;
    if (m > maxMonth) maxMonth = m;
    const name = rows.channels[rows.channel[row]];
    let ch = channelIndex.get(name);
    if (ch === undefined) channelIndex.set(name, (ch = channelIndex.size));
    channel[c] = ch;
    // Price paid, not net of refunds: refunds can be a consequence of the delivery itself.
    firstValue[c] = rows.totalPrice[row];
  }
  const edges = valueBandEdges(firstValue, experience);
  const months = analysed > 0 ? maxMonth - minMonth + 1 : 0;
  const channels = channelIndex.size;
  const strata = Math.max(1, months * channels * 4);
  const stratum = new Int32Array(customers);
  for (let c = 0; c < customers; c++) {
    if (experience[c] === NOT_A_DELIVERY) continue;
    const v = firstValue[c];
    const band = v <= edges[0] ? 0 : v <= edges[1] ? 1 : v <= edges[2] ? 2 : 3;
    stratum[c] = ((cohortMonth[c] - minMonth) * channels + channel[c]) * 4 + band;
  }

  // Reorder within each window: crude counts per experience and per stratum × experience.
  const W = windows.length;
  const eligible = new Int32Array(W * K);
  const repeated = new Int32Array(W * K);
  const strataEligible = new Float64Array(W * strata * K);
  const strataRepeated = new Float64Array(W * strata * K);
  const eligibleAny = new Int32Array(W);
  // Realized value within valueDays, and predicted CLV, per experience.
  const valueSum = new Float64Array(K);
  const valueN = new Int32Array(K);
  const customerValue = new Float64Array(customers).fill(Number.NaN);
  const clv = options.predictedClv;
  const aligned = options.prepared ? options.predictedClvByCustomer : undefined;
  if (aligned && aligned.length !== customers) throw new RangeError("linkDeliveryToRepeat: predictions do not match the history's customers");
  const clvValue = clv || aligned ? new Float64Array(customers).fill(Number.NaN) : null;
  const clvSum = new Float64Array(K);
  const clvN = new Int32Array(K);
  for (let c = 0; c < customers; c++) {
    const e = experience[c];
    if (e === NOT_A_DELIVERY) continue;
    const s = h.start[c];
    const end = h.start[c + 1];
    const first = h.purchaseAt[s];
    const age = asOf - first;
    const gap = end - s >= 2 ? h.purchaseAt[s + 1] - first : Infinity;
    for (let w = 0; w < W; w++) {
      const span = windows[w] * DAY_MS;
      if (age < span) break; // windows ascend: older horizons are not observable either
      const back = gap <= span ? 1 : 0;
      eligibleAny[w]++;
      eligible[w * K + e]++;
      repeated[w * K + e] += back;
      const cell = (w * strata + stratum[c]) * K + e;
      strataEligible[cell]++;
      strataRepeated[cell] += back;
    }
    if (age >= valueDays * DAY_MS) {
      let v = 0;
      const limit = first + valueDays * DAY_MS;
      for (let p = s; p < end && h.purchaseAt[p] <= limit; p++) v += h.purchaseValue[p];
      customerValue[c] = v;
      valueSum[e] += v;
      valueN[e]++;
    }
    if (clvValue) {
      const predicted = aligned ? aligned[c] : clv?.get(h.customerIds[c]);
      if (predicted !== undefined && Number.isFinite(predicted)) {
        clvValue[c] = predicted;
        clvSum[e] += predicted;
        clvN[e]++;
      }
    }
  }
  const valueMoments = momentsByExperience(customerValue, experience, valueSum, valueN);
  const clvMoments = clvValue ? momentsByExperience(clvValue, experience, clvSum, clvN) : null;

  const groups: ExperienceGroup[] = [];
  for (let e = 0; e < K; e++) {
    const windowRows: WindowComparison[] = windows.map((days, w) => {
      const n = eligible[w * K + e];
      const x = repeated[w * K + e];
      const n0 = eligible[w * K + EXPERIENCE.ON_TIME];
      const x0 = repeated[w * K + EXPERIENCE.ON_TIME];
      const isReference = e === EXPERIENCE.ON_TIME;
      return {
        days,
        eligible: n,
        repeaters: x,
        rate: proportionEstimate(x, n, { level, unit: "customers" }),
        differenceVsOnTime: isReference ? null : proportionDifferenceEstimate(x, n, x0, n0, { level, unit: "customers" }),
        adjustedDifferenceVsOnTime: isReference
          ? null
          : adjustedDifference(strataEligible, strataRepeated, w, strata, e, n, x0 / Math.max(n0, 1), level),
      };
    });
    groups.push({
      experience: EXPERIENCES[e],
      customers: groupSize[e],
      windows: windowRows,
      realizedValue: {
        days: valueDays,
        eligible: valueN[e],
        mean: meanEstimate(valueMoments[e], { level, unit: "customers" }),
        differenceVsOnTime: e === EXPERIENCE.ON_TIME ? null : valueDifference(valueMoments[e], valueMoments[EXPERIENCE.ON_TIME], level),
      },
      predictedClv: clvMoments ? { customers: clvN[e], mean: meanEstimate(clvMoments[e], { level, unit: "customers" }) } : null,
    });
  }

  const unknownReasons = {} as Record<UnknownReason, number>;
  UNKNOWN_REASONS.forEach((r, k) => (unknownReasons[r] = unknownCounts[k]));
  const caveats: string[] = [];
  if (customers === 0) caveats.push("No identified customers: guest checkouts cannot be followed for repeat purchases.");
  if (analysed > 0 && groupSize[EXPERIENCE.UNKNOWN] / analysed >= 0.5) {
    caveats.push(
      `The first delivery of ${Math.round((groupSize[EXPERIENCE.UNKNOWN] / analysed) * 100)}% of customers cannot be judged (no tracking, no promise or no delivery date), so the comparison rests on the rest.`,
    );
  }

  return {
    asOf,
    level,
    windows,
    counts: {
      customers,
      analysed,
      firstOrderNotADelivery: notDelivery,
      guestOrdersExcluded: h.counts.guestOrders,
      duplicatesRemoved,
      eligibleByWindow: windows.map((days, w) => ({ days, customers: eligibleAny[w] })),
    },
    groups,
    unknownReasons,
    adjustment: {
      strata: "acquisition month × first-order channel × first-order value quartile",
      valueBandEdges: Array.from(edges),
      cohortMonths: months,
      channels,
    },
    summary: headline(groups, windows, options.summaryWindowDays ?? 180, level),
    caveats,
  };
}

/** Quartile edges of first-order value over the analysed customers. */
function valueBandEdges(values: Float64Array, experience: Uint8Array): Float64Array {
  let n = 0;
  for (let c = 0; c < values.length; c++) if (experience[c] !== NOT_A_DELIVERY) n++;
  if (n === 0) return new Float64Array([0, 0, 0]);
  const sorted = new Float64Array(n);
  let j = 0;
  for (let c = 0; c < values.length; c++) if (experience[c] !== NOT_A_DELIVERY) sorted[j++] = values[c];
  sorted.sort();
  return new Float64Array([quantileSorted(sorted, 0.25), quantileSorted(sorted, 0.5), quantileSorted(sorted, 0.75)]);
}

/** Two-pass moments per experience from per-customer values (NaN = not eligible). */
function momentsByExperience(values: Float64Array, experience: Uint8Array, sum: Float64Array, n: Int32Array): Moments[] {
  const mean = new Float64Array(K);
  for (let e = 0; e < K; e++) mean[e] = n[e] > 0 ? sum[e] / n[e] : 0;
  const ss = new Float64Array(K);
  for (let c = 0; c < values.length; c++) {
    const v = values[c];
    if (v === v) {
      const d = v - mean[experience[c]];
      ss[experience[c]] += d * d;
    }
  }
  return Array.from({ length: K }, (_, e) => ({ n: n[e], mean: mean[e], sumSquaredDeviations: ss[e] }));
}

function adjustedDifference(
  strataEligible: Float64Array,
  strataRepeated: Float64Array,
  w: number,
  strata: number,
  e: number,
  exposedEligible: number,
  onTimeRate: number,
  level: number,
): AdjustedDifference {
  const a = new Float64Array(strata);
  const n1 = new Float64Array(strata);
  const c = new Float64Array(strata);
  const n0 = new Float64Array(strata);
  for (let s = 0; s < strata; s++) {
    const base = (w * strata + s) * K;
    a[s] = strataRepeated[base + e];
    n1[s] = strataEligible[base + e];
    c[s] = strataRepeated[base + EXPERIENCE.ON_TIME];
    n0[s] = strataEligible[base + EXPERIENCE.ON_TIME];
  }
  const mh = mantelHaenszelRiskDifference({ exposedEvents: a, exposedTotal: n1, unexposedEvents: c, unexposedTotal: n0 }, level);
  const matchedShare = exposedEligible > 0 ? mh.exposedInStrata / exposedEligible : null;
  const caveats: string[] = [];
  if (matchedShare !== null && matchedShare < 0.8) {
    caveats.push(`Only ${Math.round(matchedShare * 100)}% of these customers have on-time customers of the same month, channel and order value to compare with.`);
  }
  const n = Math.min(mh.exposedInStrata, mh.unexposedInStrata);
  const g = gradeWithReasons(n, relativeHalfWidth(mh.low, mh.high, Math.max(onTimeRate, 1 - onTimeRate)), caveats, "customers");
  return {
    value: mh.estimate,
    low: mh.low,
    high: mh.high,
    level,
    n,
    confidence: mh.estimate === null ? "insufficient" : g.confidence,
    caveats: g.caveats,
    method: "mantel-haenszel",
    strataUsed: mh.strataUsed,
    matchedShare,
  };
}

function valueDifference(a: Moments, b: Moments, level: number): Estimate {
  const d = welchDifference(a, b, level);
  const n = Math.min(a.n, b.n);
  const g = gradeWithReasons(n, relativeHalfWidth(d.low, d.high, b.n > 0 ? b.mean : null), [], "customers");
  return { value: d.estimate, low: d.low, high: d.high, level, n, confidence: d.estimate === null ? "insufficient" : g.confidence, caveats: g.caveats };
}

const HEADLINE_ORDER = [EXPERIENCE.LATE_3_PLUS, EXPERIENCE.EXCEPTION, EXPERIENCE.LATE_1_2];

/**
 * Pick the comparison to headline: at the preferred horizon (else the nearest one with
 * enough data), the clearest difference (interval excluding zero, largest size); when none
 * is clear, the first available of 3+ days late, exception, 1–2 days late.
 */
function headline(groups: ExperienceGroup[], windows: number[], preferred: number, level: number): DeliveryLtvLink["summary"] {
  const byDistance = windows.map((d, w) => [w, Math.abs(d - preferred), d] as const).sort((x, y) => x[1] - y[1] || x[2] - y[2]);
  const onTime = groups[EXPERIENCE.ON_TIME];
  for (const [w] of byDistance) {
    const n0 = onTime.windows[w].eligible;
    if (n0 < MIN_PER_GROUP) continue;
    type Candidate = { e: number; est: Estimate; adjusted: boolean; clear: boolean };
    const candidates: Candidate[] = [];
    for (const e of HEADLINE_ORDER) {
      const row = groups[e].windows[w];
      if (row.eligible < MIN_PER_GROUP) continue;
      const adj = row.adjustedDifferenceVsOnTime;
      const useAdjusted = adj !== null && adj.value !== null && adj.confidence !== "insufficient";
      const est = useAdjusted ? (adj as Estimate) : (row.differenceVsOnTime as Estimate);
      if (est.value === null || est.low == null || est.high == null) continue;
      candidates.push({ e, est, adjusted: useAdjusted, clear: est.low > 0 || est.high < 0 });
    }
    if (candidates.length === 0) continue;
    const clear = candidates.filter((c) => c.clear).sort((x, y) => Math.abs(y.est.value as number) - Math.abs(x.est.value as number));
    const pick = clear[0] ?? candidates[0];
    const experience = EXPERIENCES[pick.e] as Exclude<Experience, "on_time" | "unknown">;
    return {
      sentence: linkSentence({
        experience,
        windowDays: windows[w],
        difference: pick.est.value as number,
        low: pick.est.low as number,
        high: pick.est.high as number,
        level,
        exposed: groups[pick.e].windows[w].eligible,
        onTime: n0,
        adjusted: pick.adjusted,
      }),
      experience,
      windowDays: windows[w],
      adjusted: pick.adjusted,
      confidence: pick.est.confidence,
    };
  }
  const w = byDistance.length > 0 ? byDistance[0][0] : -1;
  const largest = w < 0 ? null : HEADLINE_ORDER.map((e) => ({ experience: EXPERIENCES[e], eligible: groups[e].windows[w].eligible })).sort((a, b) => b.eligible - a.eligible)[0];
  return {
    sentence: insufficientSentence(w < 0 ? preferred : windows[w], MIN_PER_GROUP, w < 0 ? 0 : onTime.windows[w].eligible, largest),
    experience: null,
    windowDays: null,
    adjusted: false,
    confidence: "insufficient",
  };
}
