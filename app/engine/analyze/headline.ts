/**
 * The store's headline figures, each with its interval, sample size, confidence and source:
 * the first screen of the app and the "Current State Assessment" of the plan.
 */
import { proportionEstimate } from "../stats/estimates";
import type { JourneyAudit } from "../journey/audit";
import type { RepeatAnalysis } from "../repeat/analyze-repeat";
import { fromEstimate, type Figure } from "./figure";
import type { ClvAnalysis } from "./clv-analysis";

export interface HeadlineFigures {
  /** Identified customers who bought on two or more days. */
  repeatRate: Figure;
  /** Kaplan–Meier median days from first to second purchase. */
  medianDaysToSecondOrder: Figure;
  /** Of shipping orders that could be judged against their promise. */
  onTimeRate: Figure;
  lateRate: Figure;
  /** Shipped orders with a carrier exception (delay notice, failed or missed delivery). */
  exceptionRate: Figure;
  /** Shipping orders with a return. */
  returnRate: Figure;
  /** Predicted discounted revenue per customer over the CLV horizon. */
  averagePredictedClv: Figure;
  /** The same in gross margin (unknown without costs or a margin answer). */
  averagePredictedClvMargin: Figure;
}

export function headlineFigures(journey: JourneyAudit, repeat: RepeatAnalysis, clv: ClvAnalysis): HeadlineFigures {
  const o = journey.overall.onTime;
  const lateCaveats = (o.rate.caveats ?? []).filter((c) => c.startsWith("On-time could be judged"));
  return {
    repeatRate: fromEstimate(repeat.repeatRate),
    medianDaysToSecondOrder: fromEstimate(repeat.timeToSecondOrder.kaplanMeierMedianDays),
    onTimeRate: fromEstimate(o.rate),
    lateRate: fromEstimate(proportionEstimate(o.late1to2Days + o.late3PlusDays, o.judged, { level: o.rate.level, caveats: lateCaveats, unit: "orders" })),
    exceptionRate: fromEstimate(journey.overall.exceptions.any),
    returnRate: fromEstimate(journey.overall.returnRate),
    averagePredictedClv: clv.revenue.mean,
    averagePredictedClvMargin: clv.margin.mean,
  };
}
