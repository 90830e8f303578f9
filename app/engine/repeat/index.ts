/** Repeat purchase behaviour. */
export { analyzeRepeat, type RepeatAnalysis, type RepeatOptions } from "./analyze-repeat";
export { buildPurchaseHistory, type PurchaseHistory, type HistoryOptions } from "./purchase-history";
export { timeToSecondOrder, type TimeToSecondOrder } from "./time-to-second-order";
export { daysBetweenOrders, interPurchaseGaps, type DaysBetweenOrders } from "./days-between-orders";
export { cohortRetention, type CohortRetention, type CohortRow, type CohortCell } from "./cohort-retention";
export { purchaseCycles, type PurchaseCycles } from "./purchase-cycles";
