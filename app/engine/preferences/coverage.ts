/**
 * Zero-party coverage: how many customers and orders carry stated preferences. Denominators are
 * the store's identified customers with orders and all its orders; a share is null when its
 * denominator is zero (never NaN). Confidence follows the number of answering customers, since
 * every figure read from the answers (what they said, agreement) rests on them.
 */
import type { Confidence } from "../types";
import { isBlankProfile } from "./profile";
import type { PreferenceProfile, StatedAnswer } from "./types";

export interface StatedCoverage {
  customersWithAnswers: number;
  customers: number;
  customerShare: number | null;
  ordersWithAnswers: number;
  orders: number;
  orderShare: number | null;
  /** Answers given in the customer account (no order attached). */
  accountAnswers: number;
  confidence: Confidence;
}

export function answerConfidence(n: number): Confidence {
  return n < 30 ? "insufficient" : n < 100 ? "low" : n < 400 ? "medium" : "high";
}

export function statedCoverage(input: {
  profiles: ReadonlyMap<string, PreferenceProfile>;
  answers: Iterable<StatedAnswer>;
  /** Identified customers with at least one order. */
  customers: number;
  orders: number;
}): StatedCoverage {
  let customersWithAnswers = 0;
  for (const p of input.profiles.values()) if (!isBlankProfile(p)) customersWithAnswers++;
  const answeredOrders = new Set<string>();
  let accountAnswers = 0;
  for (const a of input.answers) {
    if (a.orderId !== null) answeredOrders.add(a.orderId);
    else accountAnswers++;
  }
  const share = (n: number, d: number) => (d > 0 ? Math.min(1, n / d) : null);
  return {
    customersWithAnswers,
    customers: input.customers,
    customerShare: share(customersWithAnswers, input.customers),
    ordersWithAnswers: answeredOrders.size,
    orders: input.orders,
    orderShare: share(answeredOrders.size, input.orders),
    accountAnswers,
    confidence: answerConfidence(customersWithAnswers),
  };
}
