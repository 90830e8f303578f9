import type { Order } from "../app/engine/types";

/** A plausible shipped order; override what a test is about. */
export function order(over: Partial<Order> = {}): Order {
  const createdAt = over.createdAt ?? Date.UTC(2025, 0, 1);
  return {
    id: "gid://shopify/Order/1",
    customerId: "gid://shopify/Customer/1",
    createdAt,
    processedAt: createdAt,
    cancelledAt: null,
    updatedAt: createdAt,
    currency: "USD",
    totalPrice: 50,
    subtotalPrice: 45,
    totalDiscounts: 0,
    shippingPrice: 5,
    channel: "Online Store",
    shippingTitle: "Standard (3-5 business days)",
    shippingCode: "STANDARD",
    shippingSpeed: "standard",
    promisedDeliveryAt: createdAt + 7 * 86_400_000,
    destinationRegion: "US-CA",
    shipsToBillingAddress: true,
    isGift: false,
    discountCodeUsed: false,
    lineItems: [{ quantity: 1, unitPrice: 45, unitCost: 20, requiresShipping: true }],
    fulfillments: [],
    refunds: [],
    returns: [],
    preferences: null,
    ...over,
  };
}
