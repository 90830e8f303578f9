/** Statistics helpers shared across the engine. */
export { quantileSorted, quantileInPlace, median, sortedFinite, summarizeDistribution, summarizeSorted, type DistributionSummary } from "./quantile";
export { normalCdf, normalQuantile, zForLevel } from "./normal";
export { studentTCdf, studentTQuantile } from "./student-t";
export { wilsonInterval, type ProportionInterval } from "./proportion";
export { newcombeDifference, type ProportionDifference } from "./proportion-difference";
export { meanInterval, meanIntervalFromMoments, momentsOf, welchDifference, type MeanInterval, type MeanDifference, type Moments } from "./mean";
export { mantelHaenszelRiskDifference, type MantelHaenszelResult, type StratifiedCounts } from "./mantel-haenszel";
export { kaplanMeier, medianSurvivalInterval, medianSurvivalTime, survivalAt, type SurvivalCurve, type SurvivalPoint } from "./kaplan-meier";
export { gradeConfidence, gradeWithReasons, relativeHalfWidth, weakerConfidence, DEFAULT_CONFIDENCE_RULES, type ConfidenceRules, type GradedConfidence } from "./confidence";
export { proportionEstimate, proportionDifferenceEstimate, meanEstimate, type EstimateOptions } from "./estimates";
export { groupedPercentiles, type GroupPercentiles } from "./grouped-percentiles";
export { DAY_MS, HOUR_MS, dayNumber, monthIndexOfDay, dayOfMonthOfDay, daysInMonth, firstDayOfMonth, monthLabel } from "./calendar";
