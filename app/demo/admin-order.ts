/**
 * The order as the Shopify Admin GraphQL API (2026-10) returns it for the
 * selection below: only the fields Second Order queries. The demo generator
 * produces this shape, the sync layer maps it to the engine's `Order`.
 *
 * Conventions of the API kept here: money is a `Decimal` string ("29.99",
 * "10.0"), timestamps are ISO-8601 strings, ids are gids, nullable fields are
 * `null` (never omitted). Customer data stays at protected-data level 1:
 * ids only, no names, emails, phones or street addresses.
 */

export type DecimalString = string;
export type DateTimeString = string;

export interface AdminMoney {
  amount: DecimalString;
  currencyCode: string;
}

export interface AdminMoneyBag {
  shopMoney: AdminMoney;
}

export type AdminOrderCancelReason = "CUSTOMER" | "DECLINED" | "FRAUD" | "INVENTORY" | "OTHER" | "STAFF";

export type AdminFinancialStatus =
  | "AUTHORIZED"
  | "EXPIRED"
  | "PAID"
  | "PARTIALLY_PAID"
  | "PARTIALLY_REFUNDED"
  | "PENDING"
  | "REFUNDED"
  | "VOIDED";

/** `FulfillmentDisplayStatus` (2026-10). */
export type AdminFulfillmentDisplayStatus =
  | "ATTEMPTED_DELIVERY"
  | "CANCELED"
  | "CARRIER_PICKED_UP"
  | "CONFIRMED"
  | "DELAYED"
  | "DELIVERED"
  | "FAILURE"
  | "FULFILLED"
  | "IN_TRANSIT"
  | "LABEL_PRINTED"
  | "LABEL_PURCHASED"
  | "LABEL_VOIDED"
  | "MARKED_AS_FULFILLED"
  | "NOT_DELIVERED"
  | "OUT_FOR_DELIVERY"
  | "PICKED_UP"
  | "READY_FOR_PICKUP"
  | "SUBMITTED";

/** `FulfillmentEventStatus` (2026-10); the engine's `FulfillmentEventStatus` mirrors it. */
export type AdminFulfillmentEventStatus =
  | "ATTEMPTED_DELIVERY"
  | "CARRIER_PICKED_UP"
  | "CONFIRMED"
  | "DELAYED"
  | "DELIVERED"
  | "FAILURE"
  | "IN_TRANSIT"
  | "LABEL_PRINTED"
  | "LABEL_PURCHASED"
  | "OUT_FOR_DELIVERY"
  | "READY_FOR_PICKUP";

/** `DeliveryMethodType` (2026-10). */
export type AdminDeliveryMethodType = "LOCAL" | "NONE" | "PICKUP_POINT" | "PICK_UP" | "RETAIL" | "SHIPPING";

export interface AdminShippingLine {
  title: string;
  code: string | null;
  source: string | null;
  carrierIdentifier: string | null;
  originalPriceSet: AdminMoneyBag;
  discountedPriceSet: AdminMoneyBag;
}

export interface AdminLineItem {
  quantity: number;
  requiresShipping: boolean;
  originalUnitPriceSet: AdminMoneyBag;
  discountedUnitPriceAfterAllDiscountsSet: AdminMoneyBag;
  /** null when the product or variant was deleted. */
  variant: { inventoryItem: { unitCost: { amount: DecimalString } | null } } | null;
}

export interface AdminFulfillmentEvent {
  status: AdminFulfillmentEventStatus;
  happenedAt: DateTimeString;
}

export interface AdminFulfillment {
  id: string;
  createdAt: DateTimeString;
  inTransitAt: DateTimeString | null;
  deliveredAt: DateTimeString | null;
  estimatedDeliveryAt: DateTimeString | null;
  displayStatus: AdminFulfillmentDisplayStatus | null;
  trackingInfo: Array<{ company: string | null; number: string | null }>;
  events: { nodes: AdminFulfillmentEvent[] };
}

/**
 * Checkout's delivery promise, on the fulfillment order. Reading it needs a
 * `read_*_fulfillment_orders` scope; without one the connection comes back empty.
 */
export interface AdminDeliveryMethod {
  methodType: AdminDeliveryMethodType;
  minDeliveryDateTime: DateTimeString | null;
  maxDeliveryDateTime: DateTimeString | null;
}

export interface AdminRefund {
  /** Nullable in the schema; `processedAt` is the fallback. */
  createdAt: DateTimeString | null;
  processedAt: DateTimeString;
  totalRefundedSet: AdminMoneyBag;
}

export interface AdminReturnLineItem {
  quantity: number;
  /** null for returns created before reason definitions existed. */
  returnReasonDefinition: { handle: string } | null;
}

export interface AdminReturn {
  createdAt: DateTimeString;
  returnLineItems: { nodes: AdminReturnLineItem[] };
}

/** JSON our checkout extension writes to the order metafield `$app:delivery_preferences`. */
export interface DeliveryPreferencesJson {
  speedVsCost?: "speed" | "cost" | "balanced" | null;
  deliveryWindow?: "morning" | "afternoon" | "evening" | "any" | null;
  deliveryDays?: "weekdays" | "weekend" | "any" | null;
  notifications?: "every_milestone" | "key_only" | null;
  giftPackaging?: boolean | null;
  answeredAt?: DateTimeString;
}

export interface AdminOrder {
  id: string;
  name: string;
  createdAt: DateTimeString;
  processedAt: DateTimeString;
  updatedAt: DateTimeString;
  cancelledAt: DateTimeString | null;
  cancelReason: AdminOrderCancelReason | null;
  currencyCode: string;
  /** "web", "pos", "shopify_draft_order", or the id of the app that created the order. */
  sourceName: string | null;
  app: { name: string } | null;
  /** null for guest checkouts, and when customer data is not shared with the app. */
  customer: { id: string } | null;
  displayFinancialStatus: AdminFinancialStatus | null;
  totalPriceSet: AdminMoneyBag;
  currentTotalPriceSet: AdminMoneyBag;
  subtotalPriceSet: AdminMoneyBag | null;
  totalDiscountsSet: AdminMoneyBag | null;
  totalShippingPriceSet: AdminMoneyBag;
  totalRefundedSet: AdminMoneyBag;
  discountCodes: string[];
  /** false when shipping and billing addresses differ, and when either is missing. */
  billingAddressMatchesShippingAddress: boolean;
  shippingAddress: { countryCodeV2: string | null; provinceCode: string | null } | null;
  shippingLine: AdminShippingLine | null;
  note: string | null;
  customAttributes: Array<{ key: string; value: string | null }>;
  metafield: { jsonValue: unknown } | null;
  lineItems: { nodes: AdminLineItem[] };
  fulfillmentOrders: { nodes: Array<{ deliveryMethod: AdminDeliveryMethod | null }> };
  fulfillments: AdminFulfillment[];
  refunds: AdminRefund[];
  returns: { nodes: AdminReturn[] };
}

/**
 * The order as the sync reads it (SYNC_ORDER_SELECTION, app/sync/sync-selection.ts): AdminOrder
 * without the fields the engine never uses, which the demo generator still fills for the orders
 * export CSV. The mapper takes this type, so it cannot start reading a field the sync does not ask for.
 */
export type SyncedAdminOrder = Omit<AdminOrder, "cancelReason" | "displayFinancialStatus" | "currentTotalPriceSet" | "totalRefundedSet" | "shippingLine" | "lineItems" | "fulfillments"> & {
  shippingLine: SyncedShippingLine | null;
  lineItems: { nodes: SyncedLineItem[] };
  fulfillments: SyncedFulfillment[];
};
export type SyncedShippingLine = Omit<AdminShippingLine, "source" | "carrierIdentifier" | "originalPriceSet">;
export type SyncedLineItem = Omit<AdminLineItem, "originalUnitPriceSet">;
export type SyncedFulfillment = Omit<AdminFulfillment, "displayStatus">;

/** Namespace and key of the checkout-preferences metafield (app-reserved namespace). */
export const DELIVERY_PREFERENCES_METAFIELD = { namespace: "$app", key: "delivery_preferences" } as const;

const money = "{ shopMoney { amount currencyCode } }";

/**
 * The selection on an `Order` node that yields `AdminOrder`: the demo generator's shape, served
 * by the local Admin API and checked against the 2026-10 schema in tests. The sync asks for a
 * subset of it (SYNC_ORDER_SELECTION in app/sync/sync-selection.ts).
 */
export const ADMIN_ORDER_SELECTION = `
  id
  name
  createdAt
  processedAt
  updatedAt
  cancelledAt
  cancelReason
  currencyCode
  sourceName
  app { name }
  customer { id }
  displayFinancialStatus
  totalPriceSet ${money}
  currentTotalPriceSet ${money}
  subtotalPriceSet ${money}
  totalDiscountsSet ${money}
  totalShippingPriceSet ${money}
  totalRefundedSet ${money}
  discountCodes
  billingAddressMatchesShippingAddress
  shippingAddress { countryCodeV2 provinceCode }
  shippingLine {
    title
    code
    source
    carrierIdentifier
    originalPriceSet ${money}
    discountedPriceSet ${money}
  }
  note
  customAttributes { key value }
  metafield(namespace: "${DELIVERY_PREFERENCES_METAFIELD.namespace}", key: "${DELIVERY_PREFERENCES_METAFIELD.key}") { jsonValue }
  lineItems(first: 100) {
    nodes {
      quantity
      requiresShipping
      originalUnitPriceSet ${money}
      discountedUnitPriceAfterAllDiscountsSet ${money}
      variant { inventoryItem { unitCost { amount } } }
    }
  }
  fulfillmentOrders(first: 10) {
    nodes { deliveryMethod { methodType minDeliveryDateTime maxDeliveryDateTime } }
  }
  fulfillments(first: 20) {
    id
    createdAt
    inTransitAt
    deliveredAt
    estimatedDeliveryAt
    displayStatus
    trackingInfo(first: 5) { company number }
    events(first: 50) { nodes { status happenedAt } }
  }
  refunds(first: 20) {
    createdAt
    processedAt
    totalRefundedSet ${money}
  }
  returns(first: 10) {
    nodes {
      createdAt
      returnLineItems(first: 50) {
        nodes { quantity returnReasonDefinition { handle } }
      }
    }
  }
`;
