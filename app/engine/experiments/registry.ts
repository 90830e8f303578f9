/**
 * The nine delivery variables a store can test, each with what is randomised (customer or
 * order), its variants (control first), a hypothesis template and the primary metric it is
 * judged on. Metrics are retention outcomes, not satisfaction alone: a variable whose main
 * effect is on how the delivery felt is read on the satisfaction proxy *and* the repeat rate.
 */
import type { TestVariable } from "../plan/types";

export type DeliveryVariable = TestVariable;

/** customer: every order of an assigned customer gets the same variant; order: each order is drawn. */
export type UnitKind = "customer" | "order";

/**
 * - repeat_within_days: share of units whose customer orders again within N days (a proportion);
 * - time_to_second_order: days to the next order, customers who have not reordered are censored;
 * - satisfaction_score: share of units whose order is kept with no refund and no return within
 *   N days, the complaint-free delivery that the delivery→repeat link ties to retention.
 */
export type PrimaryMetric = "repeat_within_days" | "time_to_second_order" | "satisfaction_score";

export interface Variant {
  key: string;
  label: string;
}

export interface VariableDefinition {
  key: DeliveryVariable;
  label: string;
  /** "{treatment}" and "{days}" are filled in by `hypothesisFor`. */
  hypothesisTemplate: string;
  variants: readonly Variant[];
  unit: UnitKind;
  primaryMetric: PrimaryMetric;
  defaultWindowDays: number;
}

const v = (key: string, label: string): Variant => ({ key, label });

export const DELIVERY_VARIABLES: Readonly<Record<DeliveryVariable, VariableDefinition>> = {
  notification_timing: {
    key: "notification_timing",
    label: "Notification timing",
    hypothesisTemplate: "Sending shipping and reorder messages {treatment} raises the share of new customers who order again within {days} days.",
    variants: [v("control", "Current schedule"), v("at_dispatch", "At dispatch"), v("reorder_cycle", "Timed to the typical reorder day")],
    unit: "customer",
    primaryMetric: "repeat_within_days",
    defaultWindowDays: 90,
  },
  packaging: {
    key: "packaging",
    label: "Packaging",
    hypothesisTemplate: "Shipping the first order with {treatment} makes the delivery memorable and raises second orders within {days} days.",
    variants: [v("control", "Standard packaging"), v("branded_unboxing", "Branded unboxing with a thank-you card")],
    unit: "customer",
    primaryMetric: "repeat_within_days",
    defaultWindowDays: 90,
  },
  carrier_combination: {
    key: "carrier_combination",
    label: "Carrier combination",
    hypothesisTemplate: "Routing first orders {treatment} cuts late deliveries and shortens the time to a second order.",
    variants: [v("control", "Current carrier mix"), v("reliable_carrier", "With the most reliable carrier")],
    unit: "customer",
    primaryMetric: "time_to_second_order",
    defaultWindowDays: 180,
  },
  delivery_window_framing: {
    key: "delivery_window_framing",
    label: "Delivery-window framing",
    hypothesisTemplate: "Promising {treatment} instead of one date turns near misses into on-time deliveries and raises second orders within {days} days.",
    variants: [v("control", "A single delivery date"), v("window", "A delivery window (e.g. Tue–Thu)")],
    unit: "customer",
    primaryMetric: "repeat_within_days",
    defaultWindowDays: 90,
  },
  proactive_delay_notification: {
    key: "proactive_delay_notification",
    label: "Proactive delay notification",
    hypothesisTemplate: "Telling customers about a delay {treatment} wins back part of the repeat gap after a late first delivery, within {days} days.",
    variants: [v("control", "No proactive notice"), v("notice", "Before they notice, with a new date"), v("notice_and_credit", "With a new date and a store credit")],
    unit: "order",
    primaryMetric: "repeat_within_days",
    defaultWindowDays: 90,
  },
  delivery_insurance_offer: {
    key: "delivery_insurance_offer",
    label: "Delivery insurance offer",
    hypothesisTemplate: "Offering {treatment} at checkout reassures first-time buyers: more orders are kept without a refund or return within {days} days.",
    variants: [v("control", "No offer"), v("protection", "Delivery protection (reship if lost or failed)")],
    unit: "customer",
    primaryMetric: "satisfaction_score",
    defaultWindowDays: 60,
  },
  preferred_delivery_window: {
    key: "preferred_delivery_window",
    label: "Preferred delivery window",
    hypothesisTemplate: "Letting customers choose {treatment} avoids missed attempts and raises second orders within {days} days.",
    variants: [v("control", "No choice"), v("choose_window", "A delivery window (morning, afternoon, evening)")],
    unit: "customer",
    primaryMetric: "repeat_within_days",
    defaultWindowDays: 90,
  },
  communication_frequency: {
    key: "communication_frequency",
    label: "Communication frequency",
    hypothesisTemplate: "Sending {treatment} makes customers feel in control of delivery and keeps more orders complaint-free within {days} days.",
    variants: [v("control", "Key updates only"), v("every_milestone", "Every tracking milestone")],
    unit: "customer",
    primaryMetric: "satisfaction_score",
    defaultWindowDays: 60,
  },
  cost_vs_speed_framing: {
    key: "cost_vs_speed_framing",
    label: "Cost-vs-speed framing",
    hypothesisTemplate: "Framing shipping options {treatment} sets expectations the delivery meets, shortening the time to a second order.",
    variants: [v("control", "Current labels"), v("arrival_date", "By arrival date (\"free, arrives by Friday\")")],
    unit: "customer",
    primaryMetric: "time_to_second_order",
    defaultWindowDays: 180,
  },
};

export const DELIVERY_VARIABLE_KEYS = Object.keys(DELIVERY_VARIABLES) as DeliveryVariable[];

export function isDeliveryVariable(value: string): value is DeliveryVariable {
  return Object.prototype.hasOwnProperty.call(DELIVERY_VARIABLES, value);
}

/** The hypothesis for one treatment variant (lower-cased label) and outcome window. */
export function hypothesisFor(variable: DeliveryVariable, treatmentKey: string, windowDays: number): string {
  const def = DELIVERY_VARIABLES[variable];
  const treatment = def.variants.find((x) => x.key === treatmentKey) ?? def.variants[1];
  const phrase = treatment.label.charAt(0).toLowerCase() + treatment.label.slice(1);
  return def.hypothesisTemplate.replace("{treatment}", phrase).replace("{days}", String(windowDays));
}

export const METRIC_LABELS: Readonly<Record<PrimaryMetric, (days: number) => string>> = {
  repeat_within_days: (d) => `Second order within ${d} days`,
  time_to_second_order: (d) => `Time to second order (followed up to ${d} days)`,
  satisfaction_score: (d) => `Kept with no refund or return within ${d} days`,
};
