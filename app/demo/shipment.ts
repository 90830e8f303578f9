/**
 * One parcel's journey, simulated in full (`simulateShipment`) and then shown
 * as the Admin API would show it at `asOf` (`renderFulfillment`): events after
 * `asOf` have not happened yet.
 */
import type { AdminFulfillment, AdminFulfillmentDisplayStatus, AdminFulfillmentEvent, AdminFulfillmentEventStatus } from "./admin-order";
import { DAY_MS, HOUR_MS, MINUTE_MS, addWorkingHours, isWeekend, isoSeconds, nextWeekdayStart, startOfUtcDay, wholeSecond } from "./calendar";
import { CARRIERS, CARRIER_SERVICES, PEAK, PROCESSING, type ServiceKey } from "./carriers";
import type { Random } from "./random";
import { addBusinessDays } from "../sync/map-admin-order";

export interface ShipmentInput {
  orderCreatedAt: number;
  service: ServiceKey;
  /** Region's extra distance in business days. */
  zoneExtraDays: number;
  peak: boolean;
  /** Extra working hours before packing (the second parcel of a split order). */
  extraProcessingHours?: number;
}

/** Everything that happens to the parcel, whether or not it is visible yet. Times are whole-second epoch ms. */
export interface ShipmentTimeline {
  service: ServiceKey;
  trackingCompany: string;
  trackingNumber: string | null;
  /** What Shopify receives from the carrier for this parcel. */
  visibility: "events" | "milestones" | "label_only" | "untracked";
  labelAt: number;
  pickedUpAt: number;
  inTransitAt: number;
  /** Scans between departure and the delivery day. */
  transitScans: number[];
  delayedAt: number | null;
  outForDeliveryAt: number[];
  attemptedAt: number | null;
  deliveredAt: number | null;
  failedAt: number | null;
  /** Carrier's estimate at pickup, and after a delay. */
  estimateAt: number;
  revisedEstimateAt: number | null;
}

function atHour(day: number, hours: number): number {
  return wholeSecond(day + hours * HOUR_MS);
}

export function simulateShipment(rng: Random, input: ShipmentInput): ShipmentTimeline {
  const service = CARRIER_SERVICES[input.service];
  const carrier = CARRIERS[service.carrier];

  let hours = rng.logNormal(PROCESSING.medianHours, PROCESSING.sigma) * service.processingFactor;
  if (input.peak) hours *= PROCESSING.peakSlowdown;
  if (rng.chance(PROCESSING.backorderRate)) hours += rng.uniform(20, 80);
  hours += input.extraProcessingHours ?? 0;
  const labelAt = wholeSecond(addWorkingHours(input.orderCreatedAt, hours));

  // The carrier collects at 17:00 on weekdays; labels printed after the cutoff wait a day.
  let pickupDay = startOfUtcDay(labelAt);
  if (isWeekend(pickupDay) || labelAt >= pickupDay + PROCESSING.pickupCutoffHour * HOUR_MS) pickupDay = nextWeekdayStart(pickupDay);
  if (rng.chance(PROCESSING.pickupLagRate)) pickupDay = nextWeekdayStart(pickupDay);
  const pickedUpAt = wholeSecond(pickupDay + PROCESSING.pickupHour * HOUR_MS + rng.uniform(0, 90) * MINUTE_MS);
  const inTransitAt = wholeSecond(pickedUpAt + rng.uniform(2, 6) * HOUR_MS);

  const medianDays = service.transitMedianDays + input.zoneExtraDays * service.zoneSensitivity;
  let transit = rng.logNormal(medianDays, service.transitSigma);
  if (input.peak) transit *= PEAK.transitFactor;
  const plannedDays = Math.max(1, Math.round(transit));
  const estimateDays = Math.max(1, Math.round(medianDays));
  const estimateAt = atHour(addBusinessDays(pickedUpAt, estimateDays), 20);

  const peakDelay = input.peak ? PEAK.delayFactor : 1;
  let delayDays = 0;
  let delayedAt: number | null = null;
  if (rng.chance(service.delayRate * peakDelay)) {
    delayDays = 1 + rng.poisson(1);
    delayedAt = wholeSecond(pickedUpAt + rng.uniform(0.3, 0.9) * plannedDays * DAY_MS);
  }
  // A DELAYED parcel misses the carrier's estimate by the delay, even if it was running early.
  const transitDays = (delayDays > 0 ? Math.max(plannedDays, estimateDays) : plannedDays) + delayDays;
  const deliveryDay = addBusinessDays(pickedUpAt, transitDays);
  const revisedEstimateAt = delayedAt === null ? null : atHour(deliveryDay, 20);

  const transitScans: number[] = [];
  for (let d = 1; d < transitDays; d++) {
    if (rng.chance(0.7)) transitScans.push(atHour(addBusinessDays(pickedUpAt, d), rng.uniform(1, 6)));
  }

  const outForDeliveryAt = [atHour(deliveryDay, rng.uniform(6.5, 9))];
  let attemptedAt: number | null = null;
  let deliveredAt: number | null = null;
  let failedAt: number | null = null;
  const fails = rng.chance(service.failureRate);
  if (rng.chance(service.attemptRate) || (fails && rng.chance(0.5))) {
    attemptedAt = atHour(deliveryDay, rng.uniform(11, 19));
    const retryDay = addBusinessDays(deliveryDay, 1);
    outForDeliveryAt.push(atHour(retryDay, rng.uniform(6.5, 9)));
    if (fails) failedAt = atHour(retryDay, rng.uniform(12, 19));
    else deliveredAt = atHour(retryDay, rng.uniform(10, 19.5));
  } else if (fails) {
    // Lost or damaged on the way: the carrier gives up instead of coming out.
    outForDeliveryAt.length = 0;
    failedAt = atHour(deliveryDay, rng.uniform(8, 17));
  } else {
    deliveredAt = atHour(deliveryDay, rng.uniform(10, 19.5));
  }

  let visibility: ShipmentTimeline["visibility"];
  if (rng.chance(PROCESSING.untrackedRate)) visibility = "untracked";
  else if (carrier.eventCoverage > 0) visibility = rng.chance(carrier.eventCoverage) ? "events" : "label_only";
  else visibility = rng.chance(carrier.milestoneCoverage) ? "milestones" : "label_only";

  return {
    service: input.service,
    trackingCompany: carrier.company,
    trackingNumber: visibility === "untracked" ? null : carrier.trackingNumber(rng),
    visibility,
    labelAt,
    pickedUpAt,
    inTransitAt,
    transitScans,
    delayedAt,
    outForDeliveryAt,
    attemptedAt,
    deliveredAt,
    failedAt,
    estimateAt,
    revisedEstimateAt,
  };
}

/** The parcel as the Admin API shows it at `asOf`; null when not fulfilled yet. */
export function renderFulfillment(timeline: ShipmentTimeline, id: string, asOf: number): AdminFulfillment | null {
  if (timeline.labelAt > asOf) return null;
  const seen = (t: number | null): t is number => t !== null && t <= asOf;

  if (timeline.visibility !== "events") {
    const milestones = timeline.visibility === "milestones";
    const inTransit = milestones && seen(timeline.inTransitAt) ? timeline.inTransitAt : null;
    const delivered = milestones && seen(timeline.deliveredAt) ? timeline.deliveredAt : null;
    return {
      id,
      createdAt: isoSeconds(timeline.labelAt),
      inTransitAt: inTransit === null ? null : isoSeconds(inTransit),
      deliveredAt: delivered === null ? null : isoSeconds(delivered),
      estimatedDeliveryAt: null,
      displayStatus: delivered !== null ? "DELIVERED" : inTransit !== null ? "IN_TRANSIT" : "FULFILLED",
      trackingInfo: timeline.trackingNumber === null ? [] : [{ company: timeline.trackingCompany, number: timeline.trackingNumber }],
      events: { nodes: [] },
    };
  }

  // The timeline is chronological by construction, except DELAYED which falls among the transit scans.
  const events: AdminFulfillmentEvent[] = [];
  let displayStatus: AdminFulfillmentDisplayStatus = "LABEL_PURCHASED";
  const add = (t: number, status: AdminFulfillmentEventStatus) => {
    if (t > asOf) return;
    events.push({ status, happenedAt: isoSeconds(t) });
    displayStatus = status;
  };
  add(timeline.labelAt, "LABEL_PURCHASED");
  add(timeline.pickedUpAt, "CARRIER_PICKED_UP");
  add(timeline.inTransitAt, "IN_TRANSIT");
  let delayPending = timeline.delayedAt !== null;
  for (const scan of timeline.transitScans) {
    if (delayPending && timeline.delayedAt! <= scan) {
      add(timeline.delayedAt!, "DELAYED");
      delayPending = false;
    }
    add(scan, "IN_TRANSIT");
  }
  if (delayPending) add(timeline.delayedAt!, "DELAYED");
  add(timeline.outForDeliveryAt[0] ?? Infinity, "OUT_FOR_DELIVERY");
  if (timeline.attemptedAt !== null) add(timeline.attemptedAt, "ATTEMPTED_DELIVERY");
  if (timeline.outForDeliveryAt.length > 1) add(timeline.outForDeliveryAt[1], "OUT_FOR_DELIVERY");
  if (timeline.deliveredAt !== null) add(timeline.deliveredAt, "DELIVERED");
  if (timeline.failedAt !== null) add(timeline.failedAt, "FAILURE");
  const estimate = seen(timeline.delayedAt) ? timeline.revisedEstimateAt : seen(timeline.pickedUpAt) ? timeline.estimateAt : null;

  return {
    id,
    createdAt: isoSeconds(timeline.labelAt),
    inTransitAt: seen(timeline.inTransitAt) ? isoSeconds(timeline.inTransitAt) : null,
    deliveredAt: seen(timeline.deliveredAt) ? isoSeconds(timeline.deliveredAt) : null,
    estimatedDeliveryAt: estimate === null ? null : isoSeconds(estimate),
    displayStatus,
    trackingInfo: [{ company: timeline.trackingCompany, number: timeline.trackingNumber }],
    events: { nodes: events },
  };
}
