/** Delivery journey: per-order timeline and the store-level audit. */
export { auditJourney, type AuditOptions, type JourneyAudit, type JourneyGroupStats, type JourneyMapStep, type WindowStats } from "./audit";
export { orderTimeline, MILESTONES, type Milestone, type OrderTimeline } from "./order-timeline";
export { buildJourneyTable, FLAG, OUTCOME, OUTCOME_NAMES, SCOPE, SCOPE_NAMES, type JourneyTable, type OutcomeName, type ScopeName } from "./journey-table";
export { JOURNEY_DIMENSIONS, type JourneyDimension } from "./dimensions";
export { dedupeOrders, type DedupedOrders } from "./dedupe-orders";
export { placedAt, isShippingOrder, netOrderValue } from "./order-facts";
