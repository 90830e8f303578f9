/**
 * Time from a customer's first purchase to their second. The raw median among repeaters
 * only sees customers who already came back (fast ones), so it is reported next to the
 * Kaplan–Meier estimate, which also uses customers who have not reordered *yet*
 * (censored at asOf).
 */
import type { Estimate } from "../types";
import { DAY_MS } from "../stats/calendar";
import { gradeWithReasons, relativeHalfWidth } from "../stats/confidence";
import { kaplanMeier, medianSurvivalInterval, survivalAt } from "../stats/kaplan-meier";
import { summarizeDistribution, type DistributionSummary } from "../stats/quantile";
import type { PurchaseHistory } from "./purchase-history";

export interface TimeToSecondOrder {
  /** Days from first to second purchase, among customers who reordered (biased low). */
  amongRepeaters: DistributionSummary;
  /** Kaplan–Meier median days to a second purchase; value null when not reached. */
  kaplanMeierMedianDays: Estimate;
  /** Estimated probability of a second purchase within each horizon (1 − S(t)). */
  probabilityWithin: Array<{ days: number; estimate: Estimate }>;
  /** Longest follow-up in the data (days from the earliest first purchase to asOf). */
  maxFollowUpDays: number;
  caveats: string[];
}

export function timeToSecondOrder(h: PurchaseHistory, horizons: readonly number[] = [30, 60, 90, 180, 365], level = 0.95): TimeToSecondOrder {
  const customers = h.customerIds.length;
  let repeaters = 0;
  for (let c = 0; c < customers; c++) if (h.start[c + 1] - h.start[c] >= 2) repeaters++;
  const events = new Float64Array(repeaters);
  const censored = new Float64Array(customers - repeaters);
  let e = 0;
  let k = 0;
  let maxFollowUp = 0;
  for (let c = 0; c < customers; c++) {
    const s = h.start[c];
    const first = h.purchaseAt[s];
    const followUp = (h.asOf - first) / DAY_MS;
    if (followUp > maxFollowUp) maxFollowUp = followUp;
    if (h.start[c + 1] - s >= 2) events[e++] = (h.purchaseAt[s + 1] - first) / DAY_MS;
    else censored[k++] = followUp;
  }
  const curve = kaplanMeier(events, censored);
  const { median, low: medianLow, high: medianHigh } = medianSurvivalInterval(curve, level);
  const caveats: string[] = [];
  if (customers > 0 && median === null) {
    caveats.push(
      `Fewer than half of customers are estimated to reorder within the ${Math.floor(maxFollowUp)} days observed, so the median time to a second order is not reached; see the reorder probabilities instead.`,
    );
  }
  const medianGrade = gradeWithReasons(repeaters, median === null ? null : relativeHalfWidth(medianLow, medianHigh, median), [], "repeat customers");
  const probabilityWithin = horizons.map((days) => {
    const p = survivalAt(curve, days, maxFollowUp, level);
    if (p.survival === null) {
      return {
        days,
        estimate: {
          value: null,
          low: null,
          high: null,
          level,
          n: customers,
          confidence: "insufficient" as const,
          caveats: [`No customer has been followed for ${days} days yet.`],
        },
      };
    }
    const value = 1 - p.survival;
    const low = 1 - (p.high as number);
    const high = 1 - (p.low as number);
    const atRiskCaveat = p.atRisk < 30 ? [`Only ${p.atRisk} customers were still followed at ${days} days.`] : [];
    const g = gradeWithReasons(customers, relativeHalfWidth(low, high, Math.max(value, 1 - value)), atRiskCaveat, "customers");
    return { days, estimate: { value, low, high, level, n: customers, confidence: g.confidence, caveats: g.caveats } };
  });
  return {
    amongRepeaters: summarizeDistribution(events),
    kaplanMeierMedianDays: {
      value: median,
      low: median === null ? null : medianLow,
      high: median === null ? null : medianHigh,
      level,
      n: customers,
      confidence: median === null ? "insufficient" : medianGrade.confidence,
      caveats: median === null ? caveats.slice() : medianGrade.caveats,
    },
    probabilityWithin,
    maxFollowUpDays: maxFollowUp,
    caveats,
  };
}
