/** Public API of delivery experiments: registry, power analysis, assignment, analysis, guard. */
export { DELIVERY_VARIABLES, DELIVERY_VARIABLE_KEYS, METRIC_LABELS, hypothesisFor, isDeliveryVariable } from "./registry";
export type { DeliveryVariable, PrimaryMetric, UnitKind, Variant, VariableDefinition } from "./registry";
export { powerAnalysis, withContinuityCorrection, DAYS_PER_MONTH, type PowerAnalysis, type PowerInput } from "./power";
export { assignVariant, assignVariantIndex, assignmentPoint } from "./assignment";
export { inAudience, type Audience, type ExperimentDefinition, type ExperimentStatus } from "./definition";
export { unitOutcomes, type ExperimentUnit, type UnitOutcome } from "./outcomes";
export { analyzeExperiment, type ExperimentAnalysis, type VariantResult, type VariantComparison, type SurvivalComparison } from "./analyze-experiment";
export { experimentVerdict, type Verdict, type VerdictTone } from "./verdict";
export { compareProportions, type ProportionComparison } from "./two-proportion";
export { logRankTest, type LogRankResult, type SurvivalGroup } from "./log-rank";
export { sampleRatioCheck, SRM_ALPHA, type SampleRatioCheck } from "./sample-ratio";
export { chiSquareSurvival } from "./chi-square";
export { audiencesOverlap, startConflicts, assignmentConflicts, type ExperimentRun, type CustomerConflict } from "./overlap";
