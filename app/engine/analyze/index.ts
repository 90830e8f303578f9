/** Public API of the store analysis. */
export { analyzeStore, type AnalyzeOptions, type StoreAnalysis } from "./analyze-store";
export type { Figure, FigureSource } from "./figure";
export type { HeadlineFigures } from "./headline";
export { FRICTION_LABELS, FRICTION_PROBLEMS, type DeliveryEffects, type DeliveryFriction, type FrictionProblem, type LateGap, type MoneyRange } from "./delivery-friction";
export type { ClvAnalysis, CustomerClvColumns, ClvSettings } from "./clv-analysis";
export type { ChannelConsistency, ChannelFlag, ChannelRow } from "./channel-consistency";
export type { DataQualityNote, DataQualityTopic } from "./data-quality";
export { resolveMargin, validMarginRate, type MarginBasis, type CostCoverage } from "./margin";
export { VOLUME_KINDS, type MonthlyVolumes, type VolumeKind } from "./monthly-volumes";
export type { PreferenceCoverage, SegmentAnalysis } from "./segment-analysis";
export type { SegmentClvRow, SegmentFamily } from "./segment-clv";
export type { RepeatCustomerValue, StoreEconomics } from "./store-economics";
export { formatCount, formatMoney, formatPercent, formatPoints } from "./format";
