/**
 * Concise `Order` fixtures for tests. Times are given relative to the order
 * (hours after it was placed) so expected windows can be worked out by hand.
 *
 *   order({ id: "o1", customer: "c1", at: "2024-01-10", total: 80, promiseDays: 3,
 *           ship: { afterHours: 20, carrier: "UPS", pickupAfterHours: 30, deliveredAfterHours: 70 } })
 */
import type { EpochMs, ExceptionStatus, Fulfillment, FulfillmentEvent, FulfillmentEventStatus, Order } from "../types";

export const HOUR = 3_600_000;
export const DAY = 86_400_000;

/** Epoch ms of an ISO date/time, read as UTC when no offset is given ("2024-01-10" = midnight UTC). */
export function at(iso: string): EpochMs {
  const t = Date.parse(/[zZ]|[+-]\d\d:\d\d$/.test(iso) || iso.length <= 10 ? iso : `${iso}Z`);
  if (Number.isNaN(t)) throw new Error(`order-builder: bad date ${iso}`);
  return t;
}

export interface ShipmentSpec {
  /** Fulfillment createdAt, in hours after the order. */
  afterHours: number;
  carrier?: string | null;
  /** Defaults to true when a carrier is given. */
  tracking?: boolean;
  pickupAfterHours?: number;
  /** Sets inTransitAt and an IN_TRANSIT event. */
  inTransitAfterHours?: number;
  outForDeliveryAfterHours?: number;
  /** Sets deliveredAt and a DELIVERED event. */
  deliveredAfterHours?: number;
  estimatedAfterHours?: number;
  /** Exception / pickup-point events: [status, hours after the order]. */
  exceptions?: Array<[ExceptionStatus | "READY_FOR_PICKUP", number]>;
  /** Raw extra events (absolute times). */
  events?: FulfillmentEvent[];
  /** Keep the timestamp fields but drop all carrier events (no carrier integration). */
  noEvents?: boolean;
  id?: string;
}

export interface OrderSpec extends Partial<Omit<Order, "fulfillments" | "customerId">> {
  /** Customer id; null for a guest. Default "c1". */
  customer?: string | null;
  /** Order time (placed): ISO string or epoch ms. Sets createdAt and processedAt. */
  at?: string | EpochMs;
  /** Sets totalPrice and subtotalPrice. */
  total?: number;
  /** promisedDeliveryAt = order time + promiseDays days. */
  promiseDays?: number;
  ship?: ShipmentSpec | ShipmentSpec[];
  /** Cancel this many hours after the order. */
  cancelledAfterHours?: number;
}

let counter = 0;

/** Reset the automatic id counter (call in beforeEach when ids matter). */
export function resetOrderIds(): void {
  counter = 0;
}

export function shipment(orderAt: EpochMs, s: ShipmentSpec, index = 0): Fulfillment {
  const h = (x: number | undefined) => (x === undefined ? null : orderAt + x * HOUR);
  const events: FulfillmentEvent[] = [];
  const push = (status: FulfillmentEventStatus, hours: number | undefined) => {
    if (hours !== undefined) events.push({ status, happenedAt: orderAt + hours * HOUR });
  };
  push("CARRIER_PICKED_UP", s.pickupAfterHours);
  push("IN_TRANSIT", s.inTransitAfterHours);
  push("OUT_FOR_DELIVERY", s.outForDeliveryAfterHours);
  push("DELIVERED", s.deliveredAfterHours);
  for (const [status, hours] of s.exceptions ?? []) push(status, hours);
  events.push(...(s.events ?? []));
  const carrier = s.carrier === undefined ? "UPS" : s.carrier;
  return {
    id: s.id ?? `f${index + 1}`,
    createdAt: orderAt + s.afterHours * HOUR,
    inTransitAt: h(s.inTransitAfterHours),
    deliveredAt: h(s.deliveredAfterHours),
    estimatedDeliveryAt: h(s.estimatedAfterHours),
    carrier,
    hasTracking: s.tracking ?? carrier !== null,
    events: s.noEvents ? [] : events,
  };
}

export function order(spec: OrderSpec = {}): Order {
  const {
    customer,
    at: when,
    total,
    promiseDays,
    ship,
    cancelledAfterHours,
    ...rest
  } = spec;
  const placed = when === undefined ? at("2024-01-01") : typeof when === "string" ? at(when) : when;
  const ships = ship === undefined ? [] : Array.isArray(ship) ? ship : [ship];
  const price = total ?? 50;
  const base: Order = {
    id: `o${++counter}`,
    customerId: customer === undefined ? "c1" : customer,
    createdAt: placed,
    processedAt: placed,
    cancelledAt: cancelledAfterHours === undefined ? null : placed + cancelledAfterHours * HOUR,
    updatedAt: placed,
    currency: "USD",
    totalPrice: price,
    subtotalPrice: price,
    totalDiscounts: 0,
    shippingPrice: 0,
    channel: "Online Store",
    shippingTitle: "Standard",
    shippingCode: "STANDARD",
    shippingSpeed: "standard",
    promisedDeliveryAt: promiseDays === undefined ? null : placed + promiseDays * DAY,
    destinationRegion: "US-CA",
    shipsToBillingAddress: true,
    isGift: false,
    discountCodeUsed: false,
    lineItems: [{ quantity: 1, unitPrice: price, unitCost: null, requiresShipping: true }],
    fulfillments: ships.map((s, i) => shipment(placed, s, i)),
    refunds: [],
    returns: [],
    preferences: null,
  };
  return { ...base, ...rest };
}
