/**
 * Test and benchmark helper: writes Admin-shaped orders (the demo generator's) as Shopify admin's
 * "Export orders" CSV: every standard column, one row per line item, order-level columns on the
 * first row, dates as "2026-03-06 10:20:00 -0500", synthetic emails and street addresses (the
 * generator has none) so the importer's hashing and address matching are exercised.
 */
import type { AdminOrder } from "../../demo/admin-order";
import { SHOPIFY_ORDER_CSV_COLUMNS, type ShopifyOrderCsvColumn } from "../csv/shopify-csv-columns";

const numeric = (gid: string) => gid.slice(gid.lastIndexOf("/") + 1);

export function csvField(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** ISO -> the export's "YYYY-MM-DD HH:MM:SS -0500" (shown in a UTC-5 shop time zone). */
export function exportDate(iso: string | null | undefined): string {
  if (!iso) return "";
  const t = Date.parse(iso) - 5 * 3_600_000;
  return `${new Date(t).toISOString().slice(0, 19).replace("T", " ")} -0500`;
}

/** The email the CSV shows for a customer (the importer only ever sees its hash). */
export function exportEmail(customerId: string): string {
  return `Customer.${numeric(customerId)}@Example.test`;
}

export function orderCsvRows(order: AdminOrder): Array<Partial<Record<ShopifyOrderCsvColumn, string>>> {
  const money = (bag: { shopMoney: { amount: string } } | null | undefined) => bag?.shopMoney.amount ?? "";
  const street = order.customer ? `${numeric(order.customer.id)} Main St` : "1 Guest Rd";
  const province = order.shippingAddress?.provinceCode ?? "";
  const country = order.shippingAddress?.countryCodeV2 ?? "";
  const billing = { Address1: street, City: "Springfield", Zip: "12345", Province: province, Country: country };
  const shipping = order.billingAddressMatchesShippingAddress ? billing : { ...billing, Address1: `${numeric(order.id)} Gift Lane` };
  const first: Partial<Record<ShopifyOrderCsvColumn, string>> = {
    Name: order.name,
    Email: order.customer ? exportEmail(order.customer.id) : "",
    "Financial Status": (order.displayFinancialStatus ?? "").toLowerCase(),
    "Paid at": exportDate(order.processedAt),
    "Fulfillment Status": order.fulfillments.length ? "fulfilled" : "unfulfilled",
    "Fulfilled at": exportDate(order.fulfillments[0]?.createdAt),
    "Accepts Marketing": "no",
    Currency: order.currencyCode,
    Subtotal: money(order.subtotalPriceSet),
    Shipping: order.shippingLine ? money(order.shippingLine.discountedPriceSet) : money(order.totalShippingPriceSet),
    Taxes: "0.00",
    Total: money(order.totalPriceSet),
    "Discount Code": order.discountCodes.join(", "),
    "Discount Amount": money(order.totalDiscountsSet),
    "Shipping Method": order.shippingLine?.title ?? "",
    "Created at": exportDate(order.createdAt),
    "Billing Name": "Pat Example",
    "Billing Address1": billing.Address1,
    "Billing City": billing.City,
    "Billing Zip": billing.Zip,
    "Billing Province": billing.Province,
    "Billing Country": billing.Country,
    ...(order.shippingAddress
      ? {
          "Shipping Name": "Pat Example",
          "Shipping Address1": shipping.Address1,
          "Shipping City": shipping.City,
          "Shipping Zip": shipping.Zip,
          "Shipping Province": shipping.Province,
          "Shipping Country": shipping.Country,
        }
      : {}),
    Notes: order.note ?? "",
    "Note Attributes": order.customAttributes.map((a) => `${a.key}: ${a.value ?? ""}`).join("\n"),
    "Cancelled at": exportDate(order.cancelledAt),
    "Payment Method": "Shopify Payments",
    "Refunded Amount": money(order.totalRefundedSet),
    Id: numeric(order.id),
    "Risk Level": "Low",
    Source: order.sourceName ?? "",
  };
  const items = order.lineItems.nodes.length ? order.lineItems.nodes : [null];
  return items.map((item, i) => {
    const row: Partial<Record<ShopifyOrderCsvColumn, string>> = i === 0 ? { ...first } : { Name: order.name, Email: first.Email };
    if (item) {
      const original = Number(item.originalUnitPriceSet.shopMoney.amount);
      const discounted = Number(item.discountedUnitPriceAfterAllDiscountsSet.shopMoney.amount);
      row["Lineitem quantity"] = String(item.quantity);
      row["Lineitem name"] = `Product ${i + 1}, "demo"`;
      row["Lineitem price"] = item.originalUnitPriceSet.shopMoney.amount;
      row["Lineitem sku"] = `SKU-${i + 1}`;
      row["Lineitem requires shipping"] = String(item.requiresShipping);
      row["Lineitem taxable"] = "true";
      row["Lineitem discount"] = ((original - discounted) * item.quantity).toFixed(2);
    } else {
      row["Lineitem quantity"] = "0";
      row["Lineitem price"] = "0.00";
    }
    return row;
  });
}

/** The whole export as lines (header first, no newline at the ends; a quoted field may span lines). */
export function* toShopifyCsv(orders: Iterable<AdminOrder>): Generator<string> {
  yield SHOPIFY_ORDER_CSV_COLUMNS.join(",");
  for (const order of orders) {
    for (const row of orderCsvRows(order)) yield SHOPIFY_ORDER_CSV_COLUMNS.map((c) => csvField(row[c] ?? "")).join(",");
  }
}
