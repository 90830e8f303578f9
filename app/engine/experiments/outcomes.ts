/**
 * Outcomes of experiment units, joined from orders: for each assigned unit (a customer's first
 * order, or one order) the days until the same customer's next purchase and whether the unit's
 * order was kept (no refund, no return) within the window. Units are followed until asOf, so
 * a customer who has not reordered yet is censored, not counted as a non-repeater.
 * "Next purchase" follows the engine's one definition (decision 0007): placed by asOf, not
 * cancelled by then, on a later calendar day of the shop than the unit's order, so the rates
 * match the store's own repeat rate the experiment was sized on.
 */
import { DAY_MS, dayNumber } from "../stats";
import { PURCHASE, placedAt, purchaseStatus } from "../journey/order-facts";
import type { EpochMs, Order } from "../types";

export interface ExperimentUnit {
  unitId: string;
  variant: string;
  customerId: string;
  /** The order that put the unit in the experiment. */
  orderId: string;
  /** When that order was placed (the start of follow-up). */
  startAt: EpochMs;
}

export interface UnitOutcome extends ExperimentUnit {
  /** Days from startAt to asOf. */
  followUpDays: number;
  /** Days to the customer's next order after the unit's order; null when none by asOf. */
  nextOrderDays: number | null;
  /** Whether the unit's order had a refund or a return within `windowDays`; null when the order is unknown. */
  troubled: boolean | null;
}

/** Joins units with a (possibly streamed) set of orders. */
export function unitOutcomes(units: readonly ExperimentUnit[], orders: Iterable<Order>, asOf: EpochMs, windowDays: number, utcOffsetMinutes = 0): UnitOutcome[] {
  const byCustomer = new Map<string, ExperimentUnit[]>();
  for (const u of units) {
    const list = byCustomer.get(u.customerId);
    if (list) list.push(u);
    else byCustomer.set(u.customerId, [u]);
  }
  const next = new Map<string, EpochMs>();
  const troubled = new Map<string, boolean>();
  const windowMs = windowDays * DAY_MS;
  for (const o of orders) {
    if (o.customerId === null) continue;
    const list = byCustomer.get(o.customerId);
    if (!list) continue;
    for (const u of list) {
      if (o.id === u.orderId) {
        const end = u.startAt + windowMs;
        troubled.set(u.unitId, o.refunds.some((r) => r.createdAt <= end) || o.returns.some((r) => r.createdAt <= end));
      } else if (purchaseStatus(o, asOf) === PURCHASE.COUNTED) {
        const t = placedAt(o);
        if (dayNumber(t, utcOffsetMinutes) <= dayNumber(u.startAt, utcOffsetMinutes)) continue;
        const prev = next.get(u.unitId);
        if (prev === undefined || t < prev) next.set(u.unitId, t);
      }
    }
  }
  return units.map((u) => {
    const at = next.get(u.unitId);
    return {
      ...u,
      followUpDays: Math.max(0, (asOf - u.startAt) / DAY_MS),
      nextOrderDays: at === undefined ? null : (at - u.startAt) / DAY_MS,
      troubled: troubled.get(u.unitId) ?? null,
    };
  });
}
