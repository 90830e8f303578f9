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

/** Total paid less refunds, floored at 0 (the realized value of the order). */
export function netOrderValue(o: Order): number {
  let refunded = 0;
  const r = o.refunds;
  for (let i = 0; i < r.length; i++) {
    const a = r[i].amount;
    if (Number.isFinite(a)) refunded += a;
  }
  const total = Number.isFinite(o.totalPrice) ? o.totalPrice : 0;
  return Math.max(0, total - refunded);
}
