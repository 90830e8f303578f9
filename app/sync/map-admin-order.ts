/**
 * Admin GraphQL order (2026-10 shape, see `SYNC_ORDER_SELECTION`) -> engine `Order`.
 * Pure: no clock, no I/O. Decimal strings become numbers, ISO strings epoch ms.
 *
 * Delivery promise: 2026-10 exposes checkout's promise as
 * `fulfillmentOrders.deliveryMethod.maxDeliveryDateTime` (needs a fulfillment-order
 * scope). When absent, the promise is derived from a "(2-5 business days)" window
 * in the shipping line title: the end (23:59:59 UTC) of the `max`-th business day
 * (Monday-Friday, no holidays) after the order's UTC date, the order day not counted.
 */
import type {
  AdminDeliveryMethod,
  AdminMoneyBag,
  AdminRefund,
  AdminReturn,
  SyncedAdminOrder,
  SyncedFulfillment,
  SyncedLineItem,
} from "../demo/admin-order";
import {
  FULFILLMENT_EVENT_STATUSES,
  type DeliveryPreferences,
  type Fulfillment,
  type FulfillmentEvent,
  type FulfillmentEventStatus,
  type LineItem,
  type Order,
  type Refund,
  type Return,
  type ShippingSpeed,
} from "../engine/types";

export class AdminOrderMappingError extends Error {
  constructor(
    message: string,
    readonly orderId: string | null,
    /** The Admin field at fault (ingest reports it with the line), when known. */
    readonly field?: string,
  ) {
    super(orderId ? `${orderId}: ${message}` : message);
    this.name = "AdminOrderMappingError";
  }
}

const DAY_MS = 86_400_000;
const END_OF_DAY_MS = DAY_MS - 1000; // 23:59:59, whole seconds like the API's DateTime

/** Sales channel names for `sourceName` values, used when `app` is not returned. */
export const CHANNEL_BY_SOURCE_NAME: Readonly<Record<string, string>> = {
  web: "Online Store",
  pos: "Point of Sale",
  shopify_draft_order: "Draft Orders",
  subscription_contract: "Subscriptions",
  iphone: "Mobile App",
  android: "Mobile App",
};

export function mapAdminOrder(node: SyncedAdminOrder): Order {
  const id = node.id;
  if (!id) throw new AdminOrderMappingError("order has no id", null);
  const createdAt = parseDateTime(node.createdAt);
  if (createdAt === null) throw new AdminOrderMappingError(`invalid createdAt ${JSON.stringify(node.createdAt)}`, id, "createdAt");

  const lineItems = (node.lineItems?.nodes ?? []).map((line) => mapLineItem(line, id));
  const shippingLine = node.shippingLine ?? null;
  const deliveryMethods = (node.fulfillmentOrders?.nodes ?? []).map((n) => n.deliveryMethod).filter(isPresent);
  const preferences = parseDeliveryPreferences(node.metafield?.jsonValue, createdAt);

  const subtotal = node.subtotalPriceSet
    ? moneyAmount(node.subtotalPriceSet, id, "subtotalPriceSet")
    : lineItems.reduce((sum, line) => sum + line.unitPrice * line.quantity, 0);
  const shippingPrice = shippingLine
    ? moneyAmount(shippingLine.discountedPriceSet, id, "shippingLine.discountedPriceSet")
    : moneyAmount(node.totalShippingPriceSet, id, "totalShippingPriceSet");

  return {
    id,
    customerId: node.customer?.id ?? null,
    createdAt,
    processedAt: parseDateTime(node.processedAt),
    cancelledAt: parseDateTime(node.cancelledAt),
    updatedAt: parseDateTime(node.updatedAt) ?? createdAt,
    currency: node.currencyCode || node.totalPriceSet?.shopMoney.currencyCode || "XXX",
    totalPrice: moneyAmount(node.totalPriceSet, id, "totalPriceSet"),
    subtotalPrice: subtotal,
    totalDiscounts: node.totalDiscountsSet ? moneyAmount(node.totalDiscountsSet, id, "totalDiscountsSet") : 0,
    shippingPrice,
    channel: channelName(node),
    shippingTitle: shippingLine?.title ?? null,
    shippingCode: shippingLine?.code ?? null,
    shippingSpeed: shippingSpeed(node, deliveryMethods, createdAt),
    promisedDeliveryAt: promisedDeliveryAt(shippingLine?.title ?? null, deliveryMethods, createdAt),
    destinationRegion: destinationRegion(node.shippingAddress),
    // The API answers false when an address is missing: that is "unknown", not "a different address".
    shipsToBillingAddress: node.shippingAddress ? node.billingAddressMatchesShippingAddress : null,
    isGift: isGiftOrder(node, preferences),
    discountCodeUsed: (node.discountCodes ?? []).length > 0,
    lineItems,
    fulfillments: (node.fulfillments ?? []).map(mapFulfillment),
    refunds: (node.refunds ?? []).map((refund) => mapRefund(refund, id)).filter(isPresent),
    returns: (node.returns?.nodes ?? []).map(mapReturn).filter(isPresent),
    preferences,
  };
}

function mapLineItem(line: SyncedLineItem, orderId: string): LineItem {
  const cost = line.variant?.inventoryItem?.unitCost?.amount;
  const unitCost = cost === undefined || cost === null ? null : parseDecimal(cost);
  return {
    quantity: line.quantity,
    unitPrice: moneyAmount(line.discountedUnitPriceAfterAllDiscountsSet, orderId, "lineItem.discountedUnitPriceAfterAllDiscountsSet"),
    unitCost,
    requiresShipping: line.requiresShipping,
  };
}

const KNOWN_EVENT_STATUSES = new Set<string>(FULFILLMENT_EVENT_STATUSES);

function mapFulfillment(fulfillment: SyncedFulfillment): Fulfillment {
  const events: FulfillmentEvent[] = [];
  for (const event of fulfillment.events?.nodes ?? []) {
    const happenedAt = parseDateTime(event.happenedAt);
    if (happenedAt === null || !KNOWN_EVENT_STATUSES.has(event.status)) continue;
    events.push({ status: event.status as FulfillmentEventStatus, happenedAt });
  }
  const tracking = fulfillment.trackingInfo ?? [];
  return {
    id: fulfillment.id,
    createdAt: parseDateTime(fulfillment.createdAt) ?? 0,
    inTransitAt: parseDateTime(fulfillment.inTransitAt),
    deliveredAt: parseDateTime(fulfillment.deliveredAt),
    estimatedDeliveryAt: parseDateTime(fulfillment.estimatedDeliveryAt),
    carrier: tracking.find((t) => t.company)?.company ?? null,
    hasTracking: tracking.some((t) => Boolean(t.number)),
    events,
  };
}

function mapRefund(refund: AdminRefund, orderId: string): Refund | null {
  const createdAt = parseDateTime(refund.createdAt) ?? parseDateTime(refund.processedAt);
  if (createdAt === null) return null;
  return { createdAt, amount: moneyAmount(refund.totalRefundedSet, orderId, "refund.totalRefundedSet") };
}

function mapReturn(ret: AdminReturn): Return | null {
  const createdAt = parseDateTime(ret.createdAt);
  if (createdAt === null) return null;
  return {
    createdAt,
    reasons: (ret.returnLineItems?.nodes ?? []).map((line) => line.returnReasonDefinition?.handle ?? "unknown"),
  };
}

function channelName(node: SyncedAdminOrder): string {
  if (node.app?.name) return node.app.name;
  const source = node.sourceName;
  if (!source) return "Unknown";
  return CHANNEL_BY_SOURCE_NAME[source] ?? source;
}

function destinationRegion(address: SyncedAdminOrder["shippingAddress"]): string | null {
  const country = address?.countryCodeV2;
  if (!country) return null;
  return address.provinceCode ? `${country}-${address.provinceCode}` : country;
}

const GIFT_ATTRIBUTE = /gift/i;
const NEGATIVE_VALUE = /^(no|false|0|)$/i;

function isGiftOrder(node: SyncedAdminOrder, preferences: DeliveryPreferences | null): boolean {
  for (const attribute of node.customAttributes ?? []) {
    if (GIFT_ATTRIBUTE.test(attribute.key) && !NEGATIVE_VALUE.test((attribute.value ?? "").trim())) return true;
  }
  if (node.note && /\bgift\b/i.test(node.note)) return true;
  return preferences?.giftPackaging === true;
}

// ---------------------------------------------------------------------------
// Delivery promise and service level

/** "(2-5 business days)", "3 to 5 business days", "(1 business day)" -> {min, max}. */
export function parseBusinessDayWindow(title: string | null): { minDays: number; maxDays: number } | null {
  if (!title) return null;
  const match = /(\d{1,2})(?:\s*(?:-|–|to)\s*(\d{1,2}))?\s*business\s+days?/i.exec(title);
  if (!match) return null;
  const first = Number(match[1]);
  const second = match[2] === undefined ? first : Number(match[2]);
  return { minDays: Math.min(first, second), maxDays: Math.max(first, second) };
}

function isWeekendDay(dayStart: number): boolean {
  const dow = (((Math.floor(dayStart / DAY_MS) + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
  return dow === 0 || dow === 6;
}

/** Start (00:00 UTC) of the day `days` business days after the UTC day containing `t`; 0 keeps the day. */
export function addBusinessDays(t: number, days: number): number {
  let day = Math.floor(t / DAY_MS) * DAY_MS;
  let left = Math.max(0, Math.floor(days));
  while (left > 0) {
    day += DAY_MS;
    if (!isWeekendDay(day)) left--;
  }
  return day;
}

/** Business days from the UTC day of `from` to the UTC day of `to` (0 when `to` is not later). */
export function businessDaysBetween(from: number, to: number): number {
  const end = Math.floor(to / DAY_MS) * DAY_MS;
  let day = Math.floor(from / DAY_MS) * DAY_MS;
  let count = 0;
  while (day < end) {
    day += DAY_MS;
    if (!isWeekendDay(day)) count++;
  }
  return count;
}

/** Latest delivery promised by a "(min-max business days)" rate for an order placed at `orderCreatedAt`. */
export function promiseFromBusinessDayWindow(orderCreatedAt: number, maxDays: number): number {
  return addBusinessDays(orderCreatedAt, maxDays) + END_OF_DAY_MS;
}

function promisedDeliveryAt(title: string | null, methods: AdminDeliveryMethod[], createdAt: number): number | null {
  let latest: number | null = null;
  for (const method of methods) {
    const max = parseDateTime(method.maxDeliveryDateTime);
    if (max !== null && (latest === null || max > latest)) latest = max;
  }
  if (latest !== null) return latest;
  const window = parseBusinessDayWindow(title);
  return window ? promiseFromBusinessDayWindow(createdAt, window.maxDays) : null;
}

const PICKUP_METHODS = new Set(["PICK_UP", "PICKUP_POINT", "RETAIL"]);
const EXPRESS_WORDS = /express|next[\s-]?day|overnight|same[\s-]?day|2nd[\s-]?day|2[\s-]?day|two[\s-]?day|priority overnight/i;
const ECONOMY_WORDS = /economy|free shipping|saver|media mail|smartpost|ground advantage|international standard/i;
const STANDARD_WORDS = /standard|ground|priority mail|parcel|expedited/i;

function speedFromBusinessDays(maxDays: number): ShippingSpeed {
  if (maxDays <= 2) return "express";
  return maxDays <= 5 ? "standard" : "economy";
}

function shippingSpeed(node: SyncedAdminOrder, methods: AdminDeliveryMethod[], createdAt: number): ShippingSpeed {
  for (const method of methods) {
    if (PICKUP_METHODS.has(method.methodType)) return "pickup";
    if (method.methodType === "LOCAL") return "local";
  }
  const line = node.shippingLine;
  if (!line) {
    const posOrder = node.sourceName === "pos" || node.app?.name === "Point of Sale";
    return posOrder ? "pickup" : "unknown";
  }
  const text = `${line.title} ${line.code ?? ""}`;
  if (/pick[\s-]?up/i.test(text)) return "pickup";
  if (/local delivery/i.test(text)) return "local";
  const window = parseBusinessDayWindow(line.title);
  if (window) return speedFromBusinessDays(window.maxDays);
  // Service names beat the promise: "DHL Express" abroad is express even when promised in 5 days.
  if (EXPRESS_WORDS.test(text)) return "express";
  if (ECONOMY_WORDS.test(text)) return "economy";
  if (STANDARD_WORDS.test(text)) return "standard";
  for (const method of methods) {
    const max = parseDateTime(method.maxDeliveryDateTime);
    if (max !== null) return speedFromBusinessDays(businessDaysBetween(createdAt, max));
  }
  return "unknown";
}

// ---------------------------------------------------------------------------
// Zero-party preferences

const SPEED_VS_COST = new Set(["speed", "cost", "balanced"]);
const DELIVERY_WINDOWS = new Set(["morning", "afternoon", "evening", "any"]);
const DELIVERY_DAYS = new Set(["weekdays", "weekend", "any"]);
const NOTIFICATIONS = new Set(["every_milestone", "key_only"]);

function oneOf<T extends string>(allowed: Set<string>, value: unknown): T | null {
  return typeof value === "string" && allowed.has(value) ? (value as T) : null;
}

/**
 * Reads the `$app:delivery_preferences` JSON. Unknown values become null rather
 * than failing the order; a value that is not an object, or carries no answer
 * at all, yields null. `answeredAt` falls back to the order's creation.
 */
export function parseDeliveryPreferences(json: unknown, orderCreatedAt: number): DeliveryPreferences | null {
  let value = json;
  if (typeof value === "string") {
    try {
      value = JSON.parse(value);
    } catch {
      return null;
    }
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) return null;
  const raw = value as Record<string, unknown>;
  const preferences: DeliveryPreferences = {
    speedVsCost: oneOf(SPEED_VS_COST, raw.speedVsCost),
    deliveryWindow: oneOf(DELIVERY_WINDOWS, raw.deliveryWindow),
    deliveryDays: oneOf(DELIVERY_DAYS, raw.deliveryDays),
    notifications: oneOf(NOTIFICATIONS, raw.notifications),
    giftPackaging: typeof raw.giftPackaging === "boolean" ? raw.giftPackaging : null,
    answeredAt: (typeof raw.answeredAt === "string" ? parseDateTime(raw.answeredAt) : null) ?? orderCreatedAt,
  };
  const answered =
    preferences.speedVsCost !== null ||
    preferences.deliveryWindow !== null ||
    preferences.deliveryDays !== null ||
    preferences.notifications !== null ||
    preferences.giftPackaging !== null;
  return answered ? preferences : null;
}

// ---------------------------------------------------------------------------
// Scalars

/** ISO-8601 -> epoch ms; null when missing or unparseable. */
export function parseDateTime(value: string | null | undefined): number | null {
  if (!value) return null;
  const fast = parseUtcSeconds(value);
  if (fast !== null) return fast;
  const t = Date.parse(value);
  return Number.isFinite(t) ? t : null;
}

/**
 * Fast path for the API's own format, "2025-11-28T14:03:11Z" (Date.parse is
 * the mapper's main cost on millions of orders). Anything else returns null.
 */
function parseUtcSeconds(s: string): number | null {
  if (s.length !== 20 || s.charCodeAt(10) !== 84 /* T */ || s.charCodeAt(19) !== 90 /* Z */) return null;
  if (s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return null;
  const year = digitsAt(s, 0, 4);
  const month = digitsAt(s, 5, 2);
  const day = digitsAt(s, 8, 2);
  const hour = digitsAt(s, 11, 2);
  const minute = digitsAt(s, 14, 2);
  const second = digitsAt(s, 17, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
    return null;
  }
  // days_from_civil (Howard Hinnant), month 1-12.
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  const days = era * 146097 + doe - 719468;
  return days * DAY_MS + hour * 3_600_000 + minute * 60_000 + second * 1000;
}

function digitsAt(s: string, start: number, length: number): number {
  let n = 0;
  for (let i = start; i < start + length; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

function parseDecimal(value: string): number | null {
  if (value.length === 0) return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

function moneyAmount(bag: AdminMoneyBag | null | undefined, orderId: string, field: string): number {
  const amount = bag?.shopMoney?.amount;
  const n = typeof amount === "string" ? parseDecimal(amount) : null;
  if (n === null) throw new AdminOrderMappingError(`invalid ${field} amount ${JSON.stringify(amount)}`, orderId, field);
  return n;
}

function isPresent<T>(value: T | null | undefined): value is T {
  return value !== null && value !== undefined;
}
