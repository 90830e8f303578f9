/**
 * One order's rows of a Shopify "Export orders" CSV -> an Admin-shaped order, mapped by the same
 * mapAdminOrder as the API sync, so channel, service level, promise and gift rules are the same.
 *
 * What the CSV lacks stays null, never invented: no processedAt, no unit costs, no carrier, no
 * tracking, no in-transit or delivery dates, no dated refunds, no returns, no checkout promise
 * other than a "(2-5 business days)" shipping title. The engine's data-quality notes lower the
 * confidence of what depends on them.
 *
 * Least PII: the email only yields a customer key (SHA-256 of the trimmed, lowercased address),
 * addresses only whether shipping equals billing and the country/province; none of it is kept.
 */
import { createHash } from "node:crypto";
import type { AdminLineItem, AdminMoneyBag, AdminOrder } from "../../demo/admin-order";
import type { Order } from "../../engine/types";
import { AdminOrderMappingError, mapAdminOrder } from "../map-admin-order";

export type CsvRow = Record<string, string | undefined>;

export interface CsvRowProblem {
  line: number;
  field?: string;
  reason: string;
}

export class CsvRowError extends Error {
  constructor(readonly field: string, reason: string) {
    super(reason);
    this.name = "CsvRowError";
  }
}

/** Stable, non-reversible customer key for an email (the CSV has no customer id). */
export function customerKeyForEmail(email: string): string {
  return `email-sha256:${createHash("sha256").update(email.trim().toLowerCase()).digest("hex").slice(0, 32)}`;
}

const value = (row: CsvRow, column: string): string => (row[column] ?? "").trim();

/** "2025-11-28 14:03:11 -0500" (the export's format) or ISO -> ISO-8601; null when empty. */
export function csvDateTime(row: CsvRow, column: string): string | null {
  const raw = value(row, column);
  if (!raw) return null;
  // Only the export's own form (or ISO): "06/03/2026" could be March or June, so it is refused.
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2})?)(?:\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})?$/.exec(raw);
  const t = m ? Date.parse(`${m[1]}T${m[2].length === 5 ? `${m[2]}:00` : m[2]}${normalizeOffset(m[3])}`) : Number.NaN;
  if (!Number.isFinite(t)) throw new CsvRowError(column, `invalid date ${JSON.stringify(raw)}`);
  return new Date(t).toISOString().replace(".000Z", "Z");
}

function normalizeOffset(offset: string | undefined): string {
  if (!offset || offset === "Z") return "Z";
  return offset.includes(":") ? offset : `${offset.slice(0, 3)}:${offset.slice(3)}`;
}

function decimal(row: CsvRow, column: string, required: boolean): string | null {
  const raw = value(row, column).replace(/,/g, "");
  if (!raw) {
    if (required) throw new CsvRowError(column, "missing amount");
    return null;
  }
  if (!/^-?\d+(\.\d+)?$/.test(raw)) throw new CsvRowError(column, `not a number: ${JSON.stringify(value(row, column))}`);
  return raw;
}

const bag = (amount: string, currencyCode: string): AdminMoneyBag => ({ shopMoney: { amount, currencyCode } });

const ADDRESS_PARTS = ["Address1", "Address2", "City", "Zip", "Province", "Country"];

function addressKey(row: CsvRow, prefix: "Billing" | "Shipping"): string | null {
  const parts = ADDRESS_PARTS.map((p) => value(row, `${prefix} ${p}`).toLowerCase().replace(/\s+/g, " "));
  return parts.every((p) => p === "") ? null : parts.join("|");
}

/** "gift: yes\nmessage: …" -> attributes (the export's Note Attributes format). */
function noteAttributes(raw: string): Array<{ key: string; value: string | null }> {
  const out: Array<{ key: string; value: string | null }> = [];
  for (const line of raw.split(/\r?\n/)) {
    const i = line.indexOf(":");
    if (i > 0) out.push({ key: line.slice(0, i).trim(), value: line.slice(i + 1).trim() });
  }
  return out;
}

/** A line-item row -> line item; throws CsvRowError naming the column at fault. */
export function csvLineItem(row: CsvRow, currency: string): AdminLineItem {
  const quantityText = value(row, "Lineitem quantity");
  if (!/^\d+$/.test(quantityText)) throw new CsvRowError("Lineitem quantity", `not a whole number: ${JSON.stringify(quantityText)}`);
  const quantity = Number(quantityText);
  const price = Number(decimal(row, "Lineitem price", true));
  const discount = Number(decimal(row, "Lineitem discount", false) ?? 0);
  const unit = quantity > 0 ? Math.max(0, price - discount / quantity) : price;
  const requires = value(row, "Lineitem requires shipping").toLowerCase();
  return {
    quantity,
    requiresShipping: requires === "" ? true : requires === "true",
    originalUnitPriceSet: bag(String(price), currency),
    discountedUnitPriceAfterAllDiscountsSet: bag(String(Math.round(unit * 100) / 100), currency),
    variant: null, // the export has no unit cost
  };
}

/** The order's first row carries the order-level columns; `items` are its line items (first row's included). */
export function csvOrder(first: CsvRow, items: AdminLineItem[]): { name: string; order: Order } {
  const name = value(first, "Name");
  if (!name) throw new CsvRowError("Name", "missing order name");
  const createdAt = csvDateTime(first, "Created at");
  if (!createdAt) throw new CsvRowError("Created at", "missing date");
  const currency = value(first, "Currency") || "XXX";
  const numericId = value(first, "Id");
  if (numericId && !/^\d+$/.test(numericId)) throw new CsvRowError("Id", `not a numeric order id: ${JSON.stringify(numericId)}`);
  const id = numericId ? `gid://shopify/Order/${numericId}` : `csv-order:${name}`;
  const email = value(first, "Email");
  const cancelledAt = csvDateTime(first, "Cancelled at");
  const fulfilledAt = csvDateTime(first, "Fulfilled at");
  const paidAt = csvDateTime(first, "Paid at");
  const shippingMethod = value(first, "Shipping Method");
  const shipping = decimal(first, "Shipping", false) ?? "0";
  const discountCode = value(first, "Discount Code");
  const country = value(first, "Shipping Country");
  const shippingKey = addressKey(first, "Shipping");
  // The export has no updated_at: the latest timestamp it shows stands in (a later API sync wins).
  const updatedAt = [createdAt, paidAt, fulfilledAt, cancelledAt].filter((t): t is string => t !== null).sort().pop()!;
  const admin: AdminOrder = {
    id,
    name,
    createdAt,
    processedAt: createdAt, // replaced by null below: the export does not say
    updatedAt,
    cancelledAt,
    cancelReason: null,
    currencyCode: currency,
    sourceName: value(first, "Source") || null,
    app: null,
    customer: email ? { id: customerKeyForEmail(email) } : null,
    displayFinancialStatus: null,
    totalPriceSet: bag(decimal(first, "Total", true)!, currency),
    currentTotalPriceSet: bag(decimal(first, "Total", true)!, currency),
    subtotalPriceSet: bag(decimal(first, "Subtotal", false) ?? "0", currency),
    totalDiscountsSet: bag(decimal(first, "Discount Amount", false) ?? "0", currency),
    totalShippingPriceSet: bag(shipping, currency),
    totalRefundedSet: bag(decimal(first, "Refunded Amount", false) ?? "0", currency),
    discountCodes: discountCode ? discountCode.split(/\s*,\s*/) : [],
    billingAddressMatchesShippingAddress: shippingKey !== null && shippingKey === addressKey(first, "Billing"),
    shippingAddress: shippingKey === null ? null : { countryCodeV2: country || null, provinceCode: value(first, "Shipping Province") || null },
    shippingLine: shippingMethod
      ? { title: shippingMethod, code: null, source: null, carrierIdentifier: null, originalPriceSet: bag(shipping, currency), discountedPriceSet: bag(shipping, currency) }
      : null,
    note: value(first, "Notes") || null,
    customAttributes: noteAttributes(first["Note Attributes"] ?? ""),
    metafield: null,
    lineItems: { nodes: items },
    fulfillmentOrders: { nodes: [] },
    // One fulfillment when the export says when it was fulfilled; no tracking or delivery data.
    fulfillments: fulfilledAt
      ? [{ id: `${id}/fulfillment`, createdAt: fulfilledAt, inTransitAt: null, deliveredAt: null, estimatedDeliveryAt: null, displayStatus: null, trackingInfo: [], events: { nodes: [] } }]
      : [],
    refunds: [], // the export gives a refunded amount without a date
    returns: { nodes: [] },
  };
  try {
    return { name, order: { ...mapAdminOrder(admin), processedAt: null } };
  } catch (error) {
    if (error instanceof AdminOrderMappingError) throw new CsvRowError(error.field ?? "Name", error.message);
    throw error;
  }
}
