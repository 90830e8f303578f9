/**
 * The delivery experience of a customer's first order, in five mutually exclusive classes.
 * Lateness against the promise takes precedence (it is what the customer waited through);
 * a carrier exception (delay notice, failed or missed delivery) on an order not known to
 * be late is its own class; "on time" means delivered by the promise with no exception.
 */
import { EXCEPTION_FLAGS, FLAG, OUTCOME, SCOPE, hasNoTracking, type JourneyTable } from "../journey/journey-table";

export const EXPERIENCES = ["on_time", "late_1_2_days", "late_3_plus_days", "exception", "unknown"] as const;
export type Experience = (typeof EXPERIENCES)[number];

export const EXPERIENCE = { ON_TIME: 0, LATE_1_2: 1, LATE_3_PLUS: 2, EXCEPTION: 3, UNKNOWN: 4 } as const;
/** First order was not a delivery (pickup, point of sale, digital): left out of the link. */
export const NOT_A_DELIVERY = 255;

/** Why an experience is "unknown". */
export const UNKNOWN_REASONS = ["no_tracking", "no_promise", "no_delivery_data", "not_shipped", "in_flight"] as const;
export type UnknownReason = (typeof UNKNOWN_REASONS)[number];

export function classifyExperience(t: JourneyTable, row: number): number {
  if (t.scope[row] !== SCOPE.INCLUDED) return NOT_A_DELIVERY;
  const outcome = t.outcome[row];
  if (outcome === OUTCOME.LATE_3_PLUS) return EXPERIENCE.LATE_3_PLUS;
  if (outcome === OUTCOME.LATE_1_2) return EXPERIENCE.LATE_1_2;
  if ((t.flags[row] & EXCEPTION_FLAGS) !== 0) return EXPERIENCE.EXCEPTION;
  if (outcome === OUTCOME.ON_TIME) return EXPERIENCE.ON_TIME;
  return EXPERIENCE.UNKNOWN;
}

/** Index into UNKNOWN_REASONS for a row classified UNKNOWN. */
export function unknownReason(t: JourneyTable, row: number): number {
  const flags = t.flags[row];
  const outcome = t.outcome[row];
  if ((flags & FLAG.FULFILLED) === 0) return outcome === OUTCOME.PENDING ? 4 : 3;
  if (hasNoTracking(flags)) return 0;
  if (outcome === OUTCOME.NO_PROMISE) return 1;
  if (outcome === OUTCOME.PENDING) return 4;
  return 2;
}
