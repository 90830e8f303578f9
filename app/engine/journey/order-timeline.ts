/**
 * The delivery journey of one order, as a plain object (order detail views, debugging).
 * Uses the same rules as the bulk table by building a one-row table.
 */
import type { Order } from "../types";
import {
  buildJourneyTable,
  FLAG,
  hasNoTracking,
  hasTrackingWithoutEvents,
  OUTCOME_NAMES,
  SCOPE_NAMES,
  type OutcomeName,
  type ScopeName,
} from "./journey-table";

export const MILESTONES = ["ordered", "fulfilled", "carrier_pickup", "in_transit", "out_for_delivery", "delivered"] as const;
export type Milestone = (typeof MILESTONES)[number];

export interface OrderTimeline {
  orderId: string;
  scope: ScopeName;
  /** Milestones in journey order; `at` is null when not (yet) observed. */
  milestones: Array<{ milestone: Milestone; at: number | null }>;
  readyForPickupAt: number | null;
  processingHours: number | null;
  pickupLagHours: number | null;
  transitHours: number | null;
  orderToDeliveryHours: number | null;
  onTime: OutcomeName;
  /** Started days late; 0 = on time; null when not judged. */
  latenessDays: number | null;
  exceptions: { delayed: boolean; failure: boolean; attemptedDelivery: boolean; readyForPickup: boolean };
  gaps: { noTracking: boolean; trackingWithoutEvents: boolean; noDeliveredTimestamp: boolean };
  returned: boolean;
  refunded: boolean;
  multipleShipments: boolean;
  inconsistentTimes: boolean;
  undeliveredPastPromise: boolean;
}

const orNull = (x: number) => (Number.isNaN(x) ? null : x);
const HOUR_MS = 3_600_000;

export function orderTimeline(order: Order, asOf: number): OrderTimeline {
  const t = buildJourneyTable([order], asOf);
  const f = t.flags[0];
  const has = (bit: number) => (f & bit) !== 0;
  const placed = t.placedAt[0];
  const absolute = (hours: number) => orNull(placed + hours * HOUR_MS);
  return {
    orderId: order.id,
    scope: SCOPE_NAMES[t.scope[0]],
    milestones: [
      { milestone: "ordered", at: orNull(t.placedAt[0]) },
      { milestone: "fulfilled", at: absolute(t.fulfilledH[0]) },
      { milestone: "carrier_pickup", at: absolute(t.pickupH[0]) },
      { milestone: "in_transit", at: absolute(t.inTransitH[0]) },
      { milestone: "out_for_delivery", at: absolute(t.outForDeliveryH[0]) },
      { milestone: "delivered", at: absolute(t.deliveredH[0]) },
    ],
    readyForPickupAt: absolute(t.readyForPickupH[0]),
    processingHours: orNull(t.processingHours[0]),
    pickupLagHours: orNull(t.pickupLagHours[0]),
    transitHours: orNull(t.transitHours[0]),
    orderToDeliveryHours: orNull(t.orderToDeliveryHours[0]),
    onTime: OUTCOME_NAMES[t.outcome[0]],
    latenessDays: orNull(t.latenessDays[0]),
    exceptions: {
      delayed: has(FLAG.DELAYED),
      failure: has(FLAG.FAILURE),
      attemptedDelivery: has(FLAG.ATTEMPTED_DELIVERY),
      readyForPickup: has(FLAG.READY_FOR_PICKUP),
    },
    gaps: {
      noTracking: hasNoTracking(f),
      trackingWithoutEvents: hasTrackingWithoutEvents(f),
      noDeliveredTimestamp: has(FLAG.NO_DELIVERED_TIMESTAMP),
    },
    returned: has(FLAG.RETURNED),
    refunded: has(FLAG.REFUNDED),
    multipleShipments: has(FLAG.MULTIPLE_SHIPMENTS),
    inconsistentTimes: has(FLAG.INCONSISTENT_TIMES),
    undeliveredPastPromise: has(FLAG.UNDELIVERED_PAST_PROMISE),
  };
}
