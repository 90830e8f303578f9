/** Small shared fixtures for engine tests and benchmarks (beside order-builder.ts). */
import type { ExperimentDefinition } from "../experiments/definition";
import type { StatedAnswer } from "../preferences/types";

/** A stated delivery answer: "speed", nothing else; from checkout when it has an order, else from the account page. */
export function statedAnswer(customerId: string | null, orderId: string | null, answeredAt: number, extra: Partial<StatedAnswer> = {}): StatedAnswer {
  return {
    customerId,
    orderId,
    source: orderId === null ? "customer_account" : "checkout",
    answeredAt,
    speedVsCost: "speed",
    deliveryWindow: null,
    deliveryDays: null,
    notifications: null,
    giftPackaging: null,
    ...extra,
  };
}

/** A control-vs-treatment packaging experiment on 90-day repeat, α 0.05, power 0.8. */
export function twoVariantExperiment(extra: Partial<ExperimentDefinition> = {}): ExperimentDefinition {
  return {
    id: "two-variant",
    name: "Two variants",
    variable: "packaging",
    hypothesis: "",
    variants: [
      { key: "control", label: "Control" },
      { key: "treatment", label: "Treatment" },
    ],
    unit: "customer",
    primaryMetric: "repeat_within_days",
    windowDays: 90,
    mde: 0.05,
    alpha: 0.05,
    power: 0.8,
    plannedPerVariant: 1000,
    audience: {},
    ...extra,
  };
}
