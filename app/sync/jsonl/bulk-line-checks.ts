/**
 * Allocation-free checks mirroring the zod line schemas of ./bulk-records: true only when the
 * schema would accept the line (they may be stricter, never looser; a "no" falls back to zod,
 * which names the field). bulk-line-checks.test.ts holds them to that on generated lines.
 */
import { FULFILLMENT_EVENT_STATUSES } from "../../engine/types";

type Node = Record<string, unknown>;

const isObject = (v: unknown): v is Node => typeof v === "object" && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === "string";
/** `.nullable().optional()` */
const isOptional = (v: unknown, check: (v: unknown) => boolean) => v === undefined || v === null || check(v);
const isOptionalString = (v: unknown) => v === undefined || v === null || typeof v === "string";
const isNullableString = (v: unknown) => v === null || typeof v === "string";
const isCount = (v: unknown) => Number.isSafeInteger(v);
const isArrayOf = (v: unknown, check: (item: unknown) => boolean): boolean => {
  if (!Array.isArray(v)) return false;
  for (const item of v) if (!check(item)) return false;
  return true;
};
const isMoney = (v: unknown) => isObject(v) && isObject(v.shopMoney) && isString(v.shopMoney.amount) && isString(v.shopMoney.currencyCode);
const isOptionalMoney = (v: unknown) => isOptional(v, isMoney);

const isFulfillment = (v: unknown) =>
  isObject(v) &&
  isString(v.id) &&
  isString(v.createdAt) &&
  isOptionalString(v.inTransitAt) &&
  isOptionalString(v.deliveredAt) &&
  isOptionalString(v.estimatedDeliveryAt) &&
  isOptional(v.trackingInfo, (t) => isArrayOf(t, (i) => isObject(i) && isOptionalString(i.company) && isOptionalString(i.number)));

const isRefund = (v: unknown) => isObject(v) && isOptionalString(v.createdAt) && isOptionalString(v.processedAt) && isMoney(v.totalRefundedSet);

export function isOrderLine(n: Node): boolean {
  return (
    isString(n.id) &&
    n.id.startsWith("gid://shopify/Order/") &&
    isString(n.createdAt) &&
    isString(n.updatedAt) &&
    isOptionalString(n.name) &&
    isOptionalString(n.processedAt) &&
    isOptionalString(n.cancelledAt) &&
    isOptionalString(n.currencyCode) &&
    isOptionalString(n.sourceName) &&
    isOptional(n.app, (a) => isObject(a) && isNullableString(a.name)) &&
    isOptional(n.customer, (c) => isObject(c) && isString(c.id)) &&
    isMoney(n.totalPriceSet) &&
    isOptionalMoney(n.subtotalPriceSet) &&
    isOptionalMoney(n.totalDiscountsSet) &&
    isOptionalMoney(n.totalShippingPriceSet) &&
    isOptional(n.discountCodes, (d) => isArrayOf(d, isString)) &&
    isOptional(n.billingAddressMatchesShippingAddress, (b) => typeof b === "boolean") &&
    isOptional(n.shippingAddress, (a) => isObject(a) && isOptionalString(a.countryCodeV2) && isOptionalString(a.provinceCode)) &&
    isOptional(n.shippingLine, (l) => isObject(l) && isString(l.title) && isOptionalString(l.code) && isMoney(l.discountedPriceSet)) &&
    isOptionalString(n.note) &&
    isOptional(n.customAttributes, (c) => isArrayOf(c, (a) => isObject(a) && isString(a.key) && isNullableString(a.value))) &&
    isOptional(n.fulfillments, (f) => isArrayOf(f, isFulfillment)) &&
    isOptional(n.refunds, (r) => isArrayOf(r, isRefund))
  );
}

export function isLineItemLine(n: Node): boolean {
  return (
    isCount(n.quantity) &&
    (n.quantity as number) >= 0 &&
    typeof n.requiresShipping === "boolean" &&
    isMoney(n.discountedUnitPriceAfterAllDiscountsSet) &&
    isOptional(n.variant, (v) => isObject(v) && isObject(v.inventoryItem) && (v.inventoryItem.unitCost === null || (isObject(v.inventoryItem.unitCost) && isString(v.inventoryItem.unitCost.amount))))
  );
}

export function isFulfillmentOrderLine(n: Node): boolean {
  return isOptional(n.deliveryMethod, (d) => isObject(d) && isString(d.methodType) && isOptionalString(d.minDeliveryDateTime) && isOptionalString(d.maxDeliveryDateTime));
}

export function isReturnLine(n: Node): boolean {
  return isString(n.id) && isString(n.createdAt);
}

export function isReturnLineItemLine(n: Node): boolean {
  return isCount(n.quantity) && isOptional(n.returnReasonDefinition, (r) => isObject(r) && isString(r.handle));
}

export function isEventsRootLine(n: Node): boolean {
  return isString(n.id) && isString(n.orderId) && n.orderId.startsWith("gid://shopify/Order/");
}

export function isEventsFulfillmentLine(n: Node): boolean {
  return isString(n.id) && n.id.startsWith("gid://shopify/Fulfillment/");
}

const EVENT_STATUSES = new Set<unknown>(FULFILLMENT_EVENT_STATUSES);

export function isEventLine(n: Node): boolean {
  return EVENT_STATUSES.has(n.status) && isString(n.happenedAt);
}
