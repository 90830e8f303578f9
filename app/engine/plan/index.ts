/** Public API of the LTV Improvement Plan. */
export { buildPlan, type PlanOptions } from "./build-plan";
export { renderPlanMarkdown, formatFigure } from "./render-markdown";
export { customersPerArm, detectableEffect, enrolmentMonths, type SampleSizeInput } from "./sample-size";
export { rateCutImpact, type RateCutInput } from "./impact";
export type { TestingOptions } from "./testing-roadmap";
export type * from "./types";
