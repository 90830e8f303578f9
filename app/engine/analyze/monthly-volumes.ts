/**
 * How many delivery problems a month the store handles, averaged over the last twelve months
 * (or the whole history when shorter): the volumes an automation plan is sized on.
 */
import { DAY_MS } from "../stats/calendar";
import { FLAG, OUTCOME, SCOPE, hasNoTracking, type JourneyTable } from "../journey/journey-table";
import { YEAR_DAYS } from "./order-totals";

export const VOLUME_KINDS = [
  "shipments",
  "late",
  "late3PlusDays",
  "overdueUndelivered",
  "carrierDelay",
  "failedDelivery",
  "missedAttempt",
  "readyForPickup",
  "noTracking",
  "returns",
] as const;
export type VolumeKind = (typeof VOLUME_KINDS)[number];

export interface MonthlyVolumes {
  /** Months the averages cover (≤ 12; fractional for histories under a month); 0 without shipments. */
  months: number;
  /** Totals over the covered period. */
  totals: Record<VolumeKind, number>;
  /** Totals / months; null without shipments. */
  perMonth: Record<VolumeKind, number | null>;
}

const DAYS_PER_MONTH = 365.25 / 12;

export function monthlyVolumes(t: JourneyTable): MonthlyVolumes {
  const from = t.asOf - YEAR_DAYS * DAY_MS;
  const counts = new Float64Array(VOLUME_KINDS.length);
  let earliest = Infinity;
  for (let i = 0; i < t.size; i++) {
    if (t.scope[i] !== SCOPE.INCLUDED) continue;
    const placed = t.placedAt[i];
    if (placed < earliest) earliest = placed; // the history's start, to know how much of the year it covers
    if (!(placed > from)) continue;
    const flags = t.flags[i];
    const outcome = t.outcome[i];
    counts[0]++;
    if (outcome === OUTCOME.LATE_1_2 || outcome === OUTCOME.LATE_3_PLUS) counts[1]++;
    if (outcome === OUTCOME.LATE_3_PLUS) counts[2]++;
    if (flags & FLAG.UNDELIVERED_PAST_PROMISE) counts[3]++;
    if (flags & FLAG.DELAYED) counts[4]++;
    if (flags & FLAG.FAILURE) counts[5]++;
    if (flags & FLAG.ATTEMPTED_DELIVERY) counts[6]++;
    if (flags & FLAG.READY_FOR_PICKUP) counts[7]++;
    if (hasNoTracking(flags)) counts[8]++;
    if (flags & FLAG.RETURNED) counts[9]++;
  }
  const months = counts[0] > 0 ? Math.min(12, Math.max(1 / DAYS_PER_MONTH, (t.asOf - earliest) / DAY_MS / DAYS_PER_MONTH)) : 0;
  const totals = {} as Record<VolumeKind, number>;
  const perMonth = {} as Record<VolumeKind, number | null>;
  VOLUME_KINDS.forEach((k, j) => {
    totals[k] = counts[j];
    perMonth[k] = months > 0 ? counts[j] / months : null;
  });
  return { months, totals, perMonth };
}
