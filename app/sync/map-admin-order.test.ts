import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { AdminFulfillment, AdminMoneyBag, AdminOrder } from "../demo/admin-order";
import {
  AdminOrderMappingError,
  addBusinessDays,
  businessDaysBetween,
  mapAdminOrder,
  parseBusinessDayWindow,
  parseDateTime,
  parseDeliveryPreferences,
  promiseFromBusinessDayWindow,
} from "./map-admin-order";

const usd = (amount: string): AdminMoneyBag => ({ shopMoney: { amount, currencyCode: "USD" } });

/** A shipped, delivered, partly returned order, written by hand as the Admin API returns it. */
function adminOrder(over: Partial<AdminOrder> = {}): AdminOrder {
  return {
    id: "gid://shopify/Order/6100000000042",
    name: "#1042",
    createdAt: "2026-03-06T15:20:00Z", // a Friday
    processedAt: "2026-03-06T15:20:00Z",
    updatedAt: "2026-03-20T10:00:00Z",
    cancelledAt: null,
    cancelReason: null,
    currencyCode: "USD",
    sourceName: "web",
    app: { name: "Online Store" },
    customer: { id: "gid://shopify/Customer/7300000000007" },
    displayFinancialStatus: "PARTIALLY_REFUNDED",
    totalPriceSet: usd("92.74"),
    currentTotalPriceSet: usd("57.54"),
    subtotalPriceSet: usd("79.9"),
    totalDiscountsSet: usd("14.1"),
    totalShippingPriceSet: usd("7.95"),
    totalRefundedSet: usd("35.2"),
    discountCodes: ["SAVE15"],
    billingAddressMatchesShippingAddress: true,
    shippingAddress: { countryCodeV2: "US", provinceCode: "CA" },
    shippingLine: {
      title: "Standard (3-5 business days)",
      code: "Standard",
      source: "shopify",
      carrierIdentifier: null,
      originalPriceSet: usd("7.95"),
      discountedPriceSet: usd("7.95"),
    },
    note: null,
    customAttributes: [],
    metafield: null,
    lineItems: {
      nodes: [
        {
          quantity: 2,
          requiresShipping: true,
          originalUnitPriceSet: usd("22.0"),
          discountedUnitPriceAfterAllDiscountsSet: usd("18.7"),
          variant: { inventoryItem: { unitCost: { amount: "6.16" } } },
        },
        {
          quantity: 1,
          requiresShipping: true,
          originalUnitPriceSet: usd("50.0"),
          discountedUnitPriceAfterAllDiscountsSet: usd("42.5"),
          variant: { inventoryItem: { unitCost: null } },
        },
      ],
    },
    fulfillmentOrders: { nodes: [{ deliveryMethod: { methodType: "SHIPPING", minDeliveryDateTime: null, maxDeliveryDateTime: null } }] },
    fulfillments: [
      {
        id: "gid://shopify/Fulfillment/5200000000001",
        createdAt: "2026-03-09T11:00:00Z",
        inTransitAt: "2026-03-09T21:00:00Z",
        deliveredAt: "2026-03-12T14:30:00Z",
        estimatedDeliveryAt: "2026-03-12T20:00:00Z",
        displayStatus: "DELIVERED",
        trackingInfo: [{ company: "UPS", number: "1Z999AA10123456784" }],
        events: {
          nodes: [
            { status: "DELIVERED", happenedAt: "2026-03-12T14:30:00Z" },
            { status: "LABEL_PURCHASED", happenedAt: "2026-03-09T11:00:00Z" },
            { status: "IN_TRANSIT", happenedAt: "2026-03-09T21:00:00Z" },
          ],
        },
      },
    ],
    refunds: [{ createdAt: "2026-03-20T10:00:00Z", processedAt: "2026-03-20T10:00:00Z", totalRefundedSet: usd("35.2") }],
    returns: {
      nodes: [
        {
          createdAt: "2026-03-15T09:00:00Z",
          returnLineItems: { nodes: [{ quantity: 1, returnReasonDefinition: { handle: "too-small" } }] },
        },
      ],
    },
    ...over,
  };
}

const ms = (iso: string) => Date.parse(iso);

describe("mapAdminOrder on a complete order", () => {
  const order = mapAdminOrder(adminOrder());

  it("converts money strings and ISO timestamps", () => {
    expect(order).toMatchObject({
      id: "gid://shopify/Order/6100000000042",
      customerId: "gid://shopify/Customer/7300000000007",
      createdAt: ms("2026-03-06T15:20:00Z"),
      processedAt: ms("2026-03-06T15:20:00Z"),
      updatedAt: ms("2026-03-20T10:00:00Z"),
      cancelledAt: null,
      currency: "USD",
      totalPrice: 92.74,
      subtotalPrice: 79.9,
      totalDiscounts: 14.1,
      shippingPrice: 7.95,
      channel: "Online Store",
      shippingTitle: "Standard (3-5 business days)",
      shippingCode: "Standard",
      shippingSpeed: "standard",
      destinationRegion: "US-CA",
      shipsToBillingAddress: true,
      isGift: false,
      discountCodeUsed: true,
      preferences: null,
    });
  });

  it("derives the promise from the title: Friday + 5 business days = the next Friday, 23:59:59 UTC", () => {
    expect(order.promisedDeliveryAt).toBe(ms("2026-03-13T23:59:59Z"));
  });

  it("maps lines with the price after all discounts and the unit cost when known", () => {
    expect(order.lineItems).toEqual([
      { quantity: 2, unitPrice: 18.7, unitCost: 6.16, requiresShipping: true },
      { quantity: 1, unitPrice: 42.5, unitCost: null, requiresShipping: true },
    ]);
  });

  it("maps fulfillments, tracking and events, refunds and return reasons", () => {
    expect(order.fulfillments).toEqual([
      {
        id: "gid://shopify/Fulfillment/5200000000001",
        createdAt: ms("2026-03-09T11:00:00Z"),
        inTransitAt: ms("2026-03-09T21:00:00Z"),
        deliveredAt: ms("2026-03-12T14:30:00Z"),
        estimatedDeliveryAt: ms("2026-03-12T20:00:00Z"),
        carrier: "UPS",
        hasTracking: true,
        events: [
          { status: "DELIVERED", happenedAt: ms("2026-03-12T14:30:00Z") },
          { status: "LABEL_PURCHASED", happenedAt: ms("2026-03-09T11:00:00Z") },
          { status: "IN_TRANSIT", happenedAt: ms("2026-03-09T21:00:00Z") },
        ],
      },
    ]);
    expect(order.refunds).toEqual([{ createdAt: ms("2026-03-20T10:00:00Z"), amount: 35.2 }]);
    expect(order.returns).toEqual([{ createdAt: ms("2026-03-15T09:00:00Z"), reasons: ["too-small"] }]);
  });
});

describe("mapAdminOrder with missing and redacted data", () => {
  it("maps a guest / redacted customer to null", () => {
    expect(mapAdminOrder(adminOrder({ customer: null })).customerId).toBeNull();
  });

  it("handles a Point of Sale order: no shipping line, no address, fulfilled without tracking", () => {
    const fulfillment: AdminFulfillment = {
      id: "gid://shopify/Fulfillment/9",
      createdAt: "2026-03-06T15:20:00Z",
      inTransitAt: null,
      deliveredAt: null,
      estimatedDeliveryAt: null,
      displayStatus: "FULFILLED",
      trackingInfo: [],
      events: { nodes: [] },
    };
    const order = mapAdminOrder(
      adminOrder({
        sourceName: "pos",
        app: null,
        shippingLine: null,
        shippingAddress: null,
        billingAddressMatchesShippingAddress: false,
        totalShippingPriceSet: usd("0.0"),
        fulfillmentOrders: { nodes: [] },
        fulfillments: [fulfillment],
      }),
    );
    expect(order).toMatchObject({
      channel: "Point of Sale",
      shippingTitle: null,
      shippingCode: null,
      shippingSpeed: "pickup",
      promisedDeliveryAt: null,
      destinationRegion: null,
      shipsToBillingAddress: null, // missing address: unknown, not "different"
      shippingPrice: 0,
    });
    expect(order.fulfillments[0]).toMatchObject({ carrier: null, hasTracking: false, events: [], deliveredAt: null, inTransitAt: null });
  });

  it("handles tracking without events, a company without a number, and unknown event statuses", () => {
    const base = adminOrder().fulfillments[0];
    const order = mapAdminOrder(
      adminOrder({
        fulfillments: [
          { ...base, events: { nodes: [] }, deliveredAt: null, inTransitAt: null, estimatedDeliveryAt: null },
          { ...base, trackingInfo: [{ company: "Other", number: null }], events: { nodes: [{ status: "PICKED_UP_BY_DRONE" as never, happenedAt: "2026-03-10T00:00:00Z" }] } },
        ],
      }),
    );
    expect(order.fulfillments[0]).toMatchObject({ events: [], deliveredAt: null, hasTracking: true, carrier: "UPS" });
    expect(order.fulfillments[1]).toMatchObject({ events: [], hasTracking: false, carrier: "Other" });
  });

  it("falls back when optional money is missing, and prefers the discounted shipping line price", () => {
    const order = mapAdminOrder(
      adminOrder({
        subtotalPriceSet: null,
        totalDiscountsSet: null,
        shippingLine: { ...adminOrder().shippingLine!, discountedPriceSet: usd("0.0") },
      }),
    );
    expect(order.subtotalPrice).toBeCloseTo(2 * 18.7 + 42.5, 10);
    expect(order.totalDiscounts).toBe(0);
    expect(order.shippingPrice).toBe(0);
  });

  it("uses processedAt when a refund has no createdAt, and 'unknown' for a return without a reason", () => {
    const order = mapAdminOrder(
      adminOrder({
        refunds: [{ createdAt: null, processedAt: "2026-03-21T08:00:00Z", totalRefundedSet: usd("5.0") }],
        returns: { nodes: [{ createdAt: "2026-03-15T09:00:00Z", returnLineItems: { nodes: [{ quantity: 1, returnReasonDefinition: null }] } }] },
      }),
    );
    expect(order.refunds).toEqual([{ createdAt: ms("2026-03-21T08:00:00Z"), amount: 5 }]);
    expect(order.returns[0].reasons).toEqual(["unknown"]);
  });

  it("maps a deleted variant to an unknown cost", () => {
    const lines = adminOrder().lineItems.nodes.map((l) => ({ ...l, variant: null }));
    expect(mapAdminOrder(adminOrder({ lineItems: { nodes: lines } })).lineItems.map((l) => l.unitCost)).toEqual([null, null]);
  });

  it("rejects orders it cannot place in time or value, with the order id in the message", () => {
    expect(() => mapAdminOrder(adminOrder({ createdAt: "not a date" }))).toThrow(AdminOrderMappingError);
    expect(() => mapAdminOrder(adminOrder({ totalPriceSet: usd("") }))).toThrow(/gid:\/\/shopify\/Order\/6100000000042: invalid totalPriceSet/);
    expect(() => mapAdminOrder(adminOrder({ id: "" }))).toThrow(/no id/);
  });

  it("uses sourceName when app is not returned", () => {
    expect(mapAdminOrder(adminOrder({ app: null, sourceName: "shopify_draft_order" })).channel).toBe("Draft Orders");
    expect(mapAdminOrder(adminOrder({ app: null, sourceName: "1234567" })).channel).toBe("1234567");
    expect(mapAdminOrder(adminOrder({ app: null, sourceName: null })).channel).toBe("Unknown");
  });

  it("reads the destination without a province (GB) and a different billing address", () => {
    const order = mapAdminOrder(adminOrder({ shippingAddress: { countryCodeV2: "GB", provinceCode: null }, billingAddressMatchesShippingAddress: false }));
    expect(order.destinationRegion).toBe("GB");
    expect(order.shipsToBillingAddress).toBe(false);
  });
});

describe("delivery promise and service level", () => {
  it("prefers checkout's delivery promise (fulfillment order delivery method) over the title", () => {
    const order = mapAdminOrder(
      adminOrder({
        shippingLine: { ...adminOrder().shippingLine!, title: "FedEx 2Day®", code: "FEDEX_2_DAY", source: "fedex" },
        fulfillmentOrders: {
          nodes: [
            { deliveryMethod: { methodType: "SHIPPING", minDeliveryDateTime: "2026-03-11T00:00:00Z", maxDeliveryDateTime: "2026-03-11T23:59:59Z" } },
            { deliveryMethod: { methodType: "SHIPPING", minDeliveryDateTime: null, maxDeliveryDateTime: "2026-03-12T23:59:59Z" } },
          ],
        },
      }),
    );
    expect(order.promisedDeliveryAt).toBe(ms("2026-03-12T23:59:59Z")); // the latest part of the order
    expect(order.shippingSpeed).toBe("express");
  });

  it.each([
    ["Express (1-2 business days)", null, "express"],
    ["Economy (5-8 business days)", null, "economy"],
    ["Free Shipping (5-8 business days)", "Free Shipping", "economy"],
    ["International Standard (7-14 business days)", null, "economy"],
    ["UPS Next Day Air®", "01", "express"],
    ["DHL Express Worldwide", "P", "express"],
    ["USPS Priority Mail", "Priority", "standard"],
    ["UPS® Ground", "03", "standard"],
    ["Local Delivery", "Local Delivery", "local"],
    ["Pickup at Brooklyn Studio", null, "pickup"],
    ["Shipping", null, "unknown"],
  ] as const)("classifies %s as %s", (title, code, speed) => {
    const order = mapAdminOrder(adminOrder({ shippingLine: { ...adminOrder().shippingLine!, title, code }, fulfillmentOrders: { nodes: [] } }));
    expect(order.shippingSpeed).toBe(speed);
  });

  it("classifies an unnamed rate by its promise, and local/pickup by delivery method", () => {
    const unnamed = { ...adminOrder().shippingLine!, title: "Shipping", code: null };
    const promised = (max: string) =>
      mapAdminOrder(adminOrder({ shippingLine: unnamed, fulfillmentOrders: { nodes: [{ deliveryMethod: { methodType: "SHIPPING", minDeliveryDateTime: null, maxDeliveryDateTime: max } }] } }));
    expect(promised("2026-03-10T23:59:59Z").shippingSpeed).toBe("express"); // Fri -> Tue: 2 business days
    expect(promised("2026-03-13T23:59:59Z").shippingSpeed).toBe("standard"); // 5
    expect(promised("2026-03-17T23:59:59Z").shippingSpeed).toBe("economy"); // 7
    const method = (methodType: "LOCAL" | "PICK_UP") =>
      mapAdminOrder(adminOrder({ fulfillmentOrders: { nodes: [{ deliveryMethod: { methodType, minDeliveryDateTime: null, maxDeliveryDateTime: null } }] } })).shippingSpeed;
    expect(method("LOCAL")).toBe("local");
    expect(method("PICK_UP")).toBe("pickup");
  });

  it("parses business-day windows in titles", () => {
    expect(parseBusinessDayWindow("Standard (3-5 business days)")).toEqual({ minDays: 3, maxDays: 5 });
    expect(parseBusinessDayWindow("Ships in 3 to 5 Business Days")).toEqual({ minDays: 3, maxDays: 5 });
    expect(parseBusinessDayWindow("Overnight (1 business day)")).toEqual({ minDays: 1, maxDays: 1 });
    expect(parseBusinessDayWindow("Standard (3–5 business days)")).toEqual({ minDays: 3, maxDays: 5 });
    expect(parseBusinessDayWindow("Standard")).toBeNull();
    expect(parseBusinessDayWindow(null)).toBeNull();
  });

  it("counts business days Monday-Friday, the order day not counted", () => {
    const friday = ms("2026-03-06T15:20:00Z");
    expect(addBusinessDays(friday, 0)).toBe(ms("2026-03-06T00:00:00Z"));
    expect(addBusinessDays(friday, 1)).toBe(ms("2026-03-09T00:00:00Z")); // Monday
    expect(addBusinessDays(ms("2026-03-07T10:00:00Z"), 1)).toBe(ms("2026-03-09T00:00:00Z")); // Saturday -> Monday
    expect(addBusinessDays(friday, 10)).toBe(ms("2026-03-20T00:00:00Z"));
    expect(promiseFromBusinessDayWindow(friday, 2)).toBe(ms("2026-03-10T23:59:59Z"));
    expect(businessDaysBetween(friday, ms("2026-03-10T12:00:00Z"))).toBe(2);
    expect(businessDaysBetween(friday, friday - 86_400_000)).toBe(0);
  });

  it("business days round-trip: the promise of n days is n business days away (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) }), fc.integer({ min: 0, max: 30 }), (t, n) => {
        const promise = promiseFromBusinessDayWindow(t, n);
        expect(businessDaysBetween(t, promise)).toBe(n);
        const dow = new Date(promise).getUTCDay();
        if (n > 0) expect(dow === 0 || dow === 6).toBe(false);
      }),
    );
  });
});

describe("gift signals and checkout preferences", () => {
  it("detects gifts from an attribute, a note, or gift packaging; ignores 'gift_wrap: no'", () => {
    const isGift = (over: Partial<AdminOrder>) => mapAdminOrder(adminOrder(over)).isGift;
    expect(isGift({ customAttributes: [{ key: "gift_message", value: "Happy birthday!" }] })).toBe(true);
    expect(isGift({ customAttributes: [{ key: "Gift wrap", value: "no" }] })).toBe(false);
    expect(isGift({ note: "This is a gift - please leave out the packing slip." })).toBe(true);
    expect(isGift({ note: "Leave at the back door." })).toBe(false);
    expect(isGift({ metafield: { jsonValue: { giftPackaging: true } } })).toBe(true);
  });

  it("parses the $app:delivery_preferences JSON, tolerating strings and bad values", () => {
    const created = ms("2026-03-06T15:20:00Z");
    expect(
      parseDeliveryPreferences(
        { speedVsCost: "speed", deliveryWindow: "evening", deliveryDays: "weekdays", notifications: "every_milestone", giftPackaging: false, answeredAt: "2026-03-06T15:15:00Z" },
        created,
      ),
    ).toEqual({ speedVsCost: "speed", deliveryWindow: "evening", deliveryDays: "weekdays", notifications: "every_milestone", giftPackaging: false, answeredAt: ms("2026-03-06T15:15:00Z") });
    expect(parseDeliveryPreferences('{"speedVsCost":"cost"}', created)).toEqual({
      speedVsCost: "cost",
      deliveryWindow: null,
      deliveryDays: null,
      notifications: null,
      giftPackaging: null,
      answeredAt: created,
    });
    expect(parseDeliveryPreferences({ speedVsCost: "warp", deliveryWindow: 3 }, created)).toBeNull();
    expect(parseDeliveryPreferences("{not json", created)).toBeNull();
    expect(parseDeliveryPreferences([], created)).toBeNull();
    expect(parseDeliveryPreferences(null, created)).toBeNull();
    expect(mapAdminOrder(adminOrder({ metafield: { jsonValue: { speedVsCost: "balanced" } } })).preferences?.speedVsCost).toBe("balanced");
  });
});

describe("parseDateTime", () => {
  it("parses the API's format fast and anything else through Date.parse, equal to Date.parse (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1970, 0, 1), max: Date.UTC(2200, 0, 1) }), (t) => {
        const iso = new Date(t).toISOString();
        expect(parseDateTime(iso.slice(0, 19) + "Z")).toBe(Date.parse(iso.slice(0, 19) + "Z"));
        expect(parseDateTime(iso)).toBe(t);
      }),
    );
    expect(parseDateTime("2026-03-06T10:20:00-05:00")).toBe(ms("2026-03-06T15:20:00Z"));
    expect(parseDateTime("2026-13-06T10:20:00Z")).toBeNull();
    expect(parseDateTime("")).toBeNull();
    expect(parseDateTime(null)).toBeNull();
    expect(parseDateTime("yesterday")).toBeNull();
  });
});
