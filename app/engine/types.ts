/**
 * The engine's input model: a normalized order, independent of Shopify's API shape,
 * of Prisma and of the clock. Timestamps are epoch milliseconds (numbers, not Dates)
 * so that millions of orders analyse without allocation; `null` means "not known".
 *
 * The sync layer maps Admin GraphQL orders (and CSV exports) into this shape;
 * the demo store generator produces Admin-shaped orders that map through the same code.
 */

export type EpochMs = number;

/** Carrier tracking milestones, as Shopify's `FulfillmentEventStatus`. */
export const FULFILLMENT_EVENT_STATUSES = [
  "LABEL_PURCHASED",
  "LABEL_PRINTED",
  "CONFIRMED",
  "CARRIER_PICKED_UP",
  "IN_TRANSIT",
  "OUT_FOR_DELIVERY",
  "READY_FOR_PICKUP",
  "DELIVERED",
  "DELAYED",
  "ATTEMPTED_DELIVERY",
  "FAILURE",
] as const;
export type FulfillmentEventStatus = (typeof FULFILLMENT_EVENT_STATUSES)[number];

/** Events that mean the journey went wrong. */
export const EXCEPTION_STATUSES = ["DELAYED", "FAILURE", "ATTEMPTED_DELIVERY"] as const;
export type ExceptionStatus = (typeof EXCEPTION_STATUSES)[number];

export interface FulfillmentEvent {
  status: FulfillmentEventStatus;
  happenedAt: EpochMs;
}

export interface Fulfillment {
  id: string;
  /** When the merchant fulfilled (label created / marked fulfilled). */
  createdAt: EpochMs;
  inTransitAt: EpochMs | null;
  deliveredAt: EpochMs | null;
  /** Carrier's estimate at the time of the last update. */
  estimatedDeliveryAt: EpochMs | null;
  /** Tracking company, e.g. "UPS"; null when the fulfillment has no tracking. */
  carrier: string | null;
  hasTracking: boolean;
  /** Carrier events, in any order; may be empty (no carrier integration). */
  events: FulfillmentEvent[];
}

export interface LineItem {
  quantity: number;
  /** Price per unit after line-level discounts, in shop currency. */
  unitPrice: number;
  /** Unit cost from the inventory item, when the merchant has set it. */
  unitCost: number | null;
  /** Whether the line requires shipping (false for gift cards, digital goods). */
  requiresShipping: boolean;
}

export interface Refund {
  createdAt: EpochMs;
  amount: number;
}

export interface Return {
  createdAt: EpochMs;
  /** Return reason definition handles (kebab-case, as Shopify gives them), one per returned line, e.g. "too-tight", "arrived-late". */
  reasons: string[];
}

/** Zero-party answers captured at checkout, as stored on the order. */
export interface DeliveryPreferences {
  speedVsCost: "speed" | "cost" | "balanced" | null;
  deliveryWindow: "morning" | "afternoon" | "evening" | "any" | null;
  deliveryDays: "weekdays" | "weekend" | "any" | null;
  notifications: "every_milestone" | "key_only" | null;
  giftPackaging: boolean | null;
  /** When the answer was given. */
  answeredAt: EpochMs;
}

export type ShippingSpeed = "express" | "standard" | "economy" | "pickup" | "local" | "unknown";

export interface Order {
  id: string;
  /** Shopify customer gid; null for guest checkouts (they cannot be followed for repeats). */
  customerId: string | null;
  createdAt: EpochMs;
  processedAt: EpochMs | null;
  cancelledAt: EpochMs | null;
  /** Last update, used to resolve duplicates (the newer wins). */
  updatedAt: EpochMs;
  currency: string;
  /** Total the customer paid, including shipping and taxes, before refunds. */
  totalPrice: number;
  subtotalPrice: number;
  totalDiscounts: number;
  /** What the customer paid for shipping. */
  shippingPrice: number;
  /** Sales channel name, e.g. "Online Store", "Shop", "Point of Sale". */
  channel: string;
  /** Shipping line title as shown at checkout, e.g. "Express (1-2 business days)". */
  shippingTitle: string | null;
  shippingCode: string | null;
  /** Normalized service level derived from the shipping line. */
  shippingSpeed: ShippingSpeed;
  /** Promised latest delivery date (from the rate's delivery promise); null when none was shown. */
  promisedDeliveryAt: EpochMs | null;
  /** Destination country/province code, e.g. "US-CA"; no finer (zip is protected data). */
  destinationRegion: string | null;
  /** false when shipped to an address other than the billing address (a gift signal). */
  shipsToBillingAddress: boolean | null;
  /** Customer left a gift note / chose gift options. */
  isGift: boolean;
  /** Whether a discount code was used. */
  discountCodeUsed: boolean;
  lineItems: LineItem[];
  fulfillments: Fulfillment[];
  refunds: Refund[];
  returns: Return[];
  preferences: DeliveryPreferences | null;
}

/** Per-customer transaction summary, the input of the buy-till-you-die models. */
export interface CustomerSummary {
  customerId: string;
  /** Number of repeat purchase periods (distinct purchase days after the first). */
  frequency: number;
  /** Time from first to last purchase, in model time units (weeks by default). */
  recency: number;
  /** Time from first purchase to `asOf`, in model time units. */
  T: number;
  /** Average value of the repeat purchases (0 when frequency is 0). */
  monetaryValue: number;
}

/** How sure we are of a figure, shown next to it in the UI and the plan. */
export type Confidence = "high" | "medium" | "low" | "insufficient";

export interface Estimate {
  value: number | null;
  /** Confidence interval bounds at `level`, when one applies. */
  low?: number | null;
  high?: number | null;
  level?: number;
  n: number;
  confidence: Confidence;
  /** Why confidence was lowered, in plain language. */
  caveats?: string[];
}
