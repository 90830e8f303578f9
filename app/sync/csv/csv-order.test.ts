import { describe, expect, it } from "vitest";
import { csvDateTime, csvLineItem, csvOrder, CsvRowError, customerKeyForEmail, type CsvRow } from "./csv-order";

const first = (over: CsvRow = {}): CsvRow => ({
  Name: "#1001",
  Email: "pat@example.com",
  Currency: "USD",
  Subtotal: "40.00",
  Shipping: "5.00",
  Total: "45.00",
  "Discount Amount": "0.00",
  "Shipping Method": "Standard (3-5 business days)",
  "Created at": "2026-03-06 10:20:00 -0500",
  "Lineitem quantity": "2",
  "Lineitem price": "20.00",
  "Billing Address1": "1 Main St",
  "Billing City": "Springfield",
  "Billing Zip": "12345",
  "Billing Province": "CA",
  "Billing Country": "US",
  "Shipping Address1": "1 Main St",
  "Shipping City": "Springfield",
  "Shipping Zip": "12345",
  "Shipping Province": "CA",
  "Shipping Country": "US",
  Id: "5100000001",
  Source: "web",
  ...over,
});

const build = (row: CsvRow) => csvOrder(row, [csvLineItem(row, "USD")]).order;

describe("CSV order rows", () => {
  it("parses the export's dates with their offset", () => {
    expect(csvDateTime({ d: "2026-03-06 10:20:00 -0500" }, "d")).toBe("2026-03-06T15:20:00Z");
    expect(csvDateTime({ d: "2026-03-06 10:20 +0130" }, "d")).toBe("2026-03-06T08:50:00Z");
    expect(csvDateTime({ d: "" }, "d")).toBeNull();
    expect(() => csvDateTime({ d: "06/03/2026" }, "d")).toThrow(CsvRowError);
  });

  it("maps an order through the API mapper: channel, service level, promise, region, address match", () => {
    const o = build(first());
    expect(o).toMatchObject({
      id: "gid://shopify/Order/5100000001",
      customerId: customerKeyForEmail("PAT@example.com "),
      createdAt: Date.UTC(2026, 2, 6, 15, 20),
      processedAt: null,
      channel: "Online Store",
      shippingSpeed: "standard",
      destinationRegion: "US-CA",
      shipsToBillingAddress: true,
      totalPrice: 45,
      fulfillments: [],
      refunds: [],
    });
    expect(o.promisedDeliveryAt).not.toBeNull();
    expect(o.lineItems).toEqual([{ quantity: 2, unitPrice: 20, unitCost: null, requiresShipping: true }]);
  });

  it("a gift: different shipping address, gift note attribute", () => {
    const o = build(first({ "Shipping Address1": "9 Other Rd", "Note Attributes": "gift: yes\nmessage: enjoy" }));
    expect(o.shipsToBillingAddress).toBe(false);
    expect(o.isGift).toBe(true);
  });

  it("guest without email and without shipping address: nulls, not guesses", () => {
    const o = build(first({ Email: "", "Shipping Address1": "", "Shipping City": "", "Shipping Zip": "", "Shipping Province": "", "Shipping Country": "", "Shipping Method": "" }));
    expect(o.customerId).toBeNull();
    expect(o.shipsToBillingAddress).toBeNull();
    expect(o.destinationRegion).toBeNull();
    expect(o.promisedDeliveryAt).toBeNull();
  });

  it("a fulfilled order gets one fulfillment at its date, with no carrier, tracking or delivery data", () => {
    const o = build(first({ "Fulfilled at": "2026-03-07 09:00:00 -0500" }));
    expect(o.fulfillments).toEqual([
      { id: "gid://shopify/Order/5100000001/fulfillment", createdAt: Date.UTC(2026, 2, 7, 14), inTransitAt: null, deliveredAt: null, estimatedDeliveryAt: null, carrier: null, hasTracking: false, events: [] },
    ]);
  });

  it("names the column at fault", () => {
    expect(() => build(first({ Total: "" }))).toThrow(expect.objectContaining({ field: "Total", message: "missing amount" }));
    expect(() => csvLineItem(first({ "Lineitem quantity": "1.5" }), "USD")).toThrow(expect.objectContaining({ field: "Lineitem quantity" }));
    expect(() => build(first({ Id: "abc" }))).toThrow(expect.objectContaining({ field: "Id" }));
  });
});
