/** Small per-order facts shared by the journey, repeat and link analyses. */
import type { Order } from "../types";

/**
 * When the customer placed the order: `processedAt` (what Shopify shows and reports on,
 * and the original date for imported orders), falling back to `createdAt`.
 */
export function placedAt(o: Order): number {
  const p = o.processedAt;
  return p !== null && Number.isFinite(p) ? p : o.createdAt;
}

const POS_CHANNEL = /point of sale|^pos$/i;
// Channels repeat across millions of orders: remember the last answer.
let lastChannel = "";
let lastIsPos = false;

function isPosChannel(channel: string): boolean {
  if (channel !== lastChannel) {
    lastChannel = channel;
    lastIsPos = POS_CHANNEL.test(channel);
  }
  return lastIsPos;
}

/**
 * Whether the order is a parcel delivery at all. Pickup orders, point-of-sale sales
 * (unless they were shipped with tracking) and orders with nothing to ship (gift cards,
 * digital goods) have no delivery experience to measure.
 */
export function isShippingOrder(o: Order): boolean {
  if (o.shippingSpeed === "pickup") return false;
  const items = o.lineItems;
  if (items.length > 0) {
    let ships = false;
    for (let i = 0; i < items.length; i++) if (items[i].requiresShipping) ships = true;
    if (!ships) return false;
  }
  if (isPosChannel(o.channel)) {
    for (let i = 0; i < o.fulfillments.length; i++) if (o.fulfillments[i].hasTracking) return true;
    return false;
  }
  return true;
}

/**
 * Total paid less refunds, floored at 0 (the realized value of the order). Refunds issued
 * after `refundsKnownBy` are not known yet (a replay of history must not see them).
 */
export function netOrderValue(o: Order, refundsKnownBy = Number.POSITIVE_INFINITY): number {
  let refunded = 0;
  const r = o.refunds;
  for (let i = 0; i < r.length; i++) {
    const a = r[i].amount;
    if (Number.isFinite(a) && !(r[i].createdAt > refundsKnownBy)) refunded += a;
  }
  const total = Number.isFinite(o.totalPrice) ? o.totalPrice : 0;
  return Math.max(0, total - refunded);
}

/** Whether an order is a purchase as of some instant, and if not, why. */
export const PURCHASE = { COUNTED: 0, UNDATED: 1, AFTER_AS_OF: 2, CANCELLED: 3, GUEST: 4 } as const;
export type PurchaseStatus = (typeof PURCHASE)[keyof typeof PURCHASE];

/**
 * The one definition of a purchase, shared by the repeat analysis, the CLV summaries, the
 * segments and the totals: placed (see `placedAt`) by `asOf`, not cancelled by `asOf` (an
 * order cancelled later was still a purchase then; a cancellation without a valid time
 * counts), and by an identified customer. Same-day purchases merge on the shop's calendar
 * day (`dayNumber(placedAt(o), utcOffsetMinutes)`), never the UTC day.
 */
export function purchaseStatus(o: Order, asOf: number): PurchaseStatus {
  const t = placedAt(o);
  if (!Number.isFinite(t)) return PURCHASE.UNDATED;
  if (t > asOf) return PURCHASE.AFTER_AS_OF;
  if (o.cancelledAt !== null && !(o.cancelledAt > asOf)) return PURCHASE.CANCELLED;
  if (o.customerId === null || o.customerId === "") return PURCHASE.GUEST;
  return PURCHASE.COUNTED;
}

/**
 * The order as it was known at `asOf`: a later cancellation, refunds and returns removed
 * (a shallow copy only when there is something to remove), for consumers that, like the
 * profile book, take orders as they are now and have no `asOf` of their own.
 */
export function orderAsKnownAt(o: Order, asOf: number): Order {
  const laterCancel = o.cancelledAt !== null && o.cancelledAt > asOf;
  const laterRefund = anyAfter(o.refunds, asOf);
  const laterReturn = anyAfter(o.returns, asOf);
  if (!laterCancel && !laterRefund && !laterReturn) return o;
  return {
    ...o,
    cancelledAt: laterCancel ? null : o.cancelledAt,
    refunds: laterRefund ? o.refunds.filter((r) => !(r.createdAt > asOf)) : o.refunds,
    returns: laterReturn ? o.returns.filter((r) => !(r.createdAt > asOf)) : o.returns,
  };
}

/** Whether any entry was created after `asOf` (a plain loop: this runs once per order). */
function anyAfter(entries: ReadonlyArray<{ createdAt: number }>, asOf: number): boolean {
  for (let i = 0; i < entries.length; i++) if (entries[i].createdAt > asOf) return true;
  return false;
}
