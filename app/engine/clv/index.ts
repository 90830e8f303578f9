/** Public API of the CLV models (buy-till-you-die purchase models, spend model, CLV, validation). */
export {
  summarizeCustomers,
  summarizeCustomersColumnar,
  summarizeTransactions,
  calibrationHoldoutSplit,
  ordersToTransactions,
  summaryColumns,
  summaryObjects,
  type CalibrationHoldout,
  type SummaryColumns,
  type SummaryOptions,
  type TransactionColumns,
} from "./summary";
export {
  fitBgNbd,
  bgnbdLogLikelihood,
  bgnbdProbabilityAlive,
  bgnbdExpectedTransactions,
  bgnbdConditionalExpectedTransactions,
  bgnbdExpectedTransactionsIfAlive,
  bgnbdAggregateExpected,
  type BgNbdFit,
  type BgNbdParams,
} from "./bgnbd";
export { fitGammaGamma, gammaGammaExpectedSpend, spendFrequencyCorrelation, type GammaGammaFit, type GammaGammaParams } from "./gamma-gamma";
export {
  fitParetoNbd,
  paretoNbdLogLikelihood,
  paretoNbdProbabilityAlive,
  paretoNbdExpectedTransactions,
  paretoNbdConditionalExpectedTransactions,
  type ParetoNbdFit,
  type ParetoNbdParams,
} from "./pareto-nbd";
export {
  fitClvModels,
  computeClv,
  computeClvColumnar,
  type ClvModels,
  type ClvOptions,
  type ClvReport,
  type ClvColumns,
  type CustomerClv,
  type SpendModel,
  type TransactionModel,
} from "./clv";
export { validateHoldout, predictHoldout, type HoldoutReport, type FrequencyBucket } from "./holdout";
export type { RfmColumns } from "./group";
