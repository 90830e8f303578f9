import { describe, expect, it } from "vitest";
import { giftModeOf, savedPreferences, shipsToSomeoneElse, skipReason } from "./context";
import type { DeliveryPreferences } from "./preferences";
import { preferencesEntry } from "./testing/shopify-stub";

const older: DeliveryPreferences = {
  speedVsCost: "cost",
  deliveryWindow: "any",
  deliveryDays: "any",
  notifications: "every_milestone",
  giftPackaging: null,
  giftNote: null,
  answeredAt: "2026-03-01T09:00:00.000Z",
  source: "thank_you",
  version: 1,
};
const newer: DeliveryPreferences = { ...older, speedVsCost: "speed", answeredAt: "2026-10-01T09:00:00.000Z" };

describe("savedPreferences", () => {
  it("splits the cart answer from the customer's previous one", () => {
    const saved = savedPreferences([
      preferencesEntry("customer", older),
      preferencesEntry("cart", { ...newer, source: "checkout" }, "gid://shopify/Cart/1"),
    ]);
    expect(saved).toEqual({ cart: { ...newer, source: "checkout" }, customer: older });
  });

  it("ignores other keys, other owners and malformed values", () => {
    const other = preferencesEntry("customer", older);
    const saved = savedPreferences([
      { ...other, metafield: { ...other.metafield, key: "loyalty_tier" } },
      { ...other, metafield: { ...other.metafield, namespace: "custom" } },
      { ...other, target: { type: "shop", id: "gid://shopify/Shop/1" } },
      preferencesEntry("customer", "{broken"),
      preferencesEntry("customer", { ...older, version: 9 }),
    ]);
    expect(saved).toEqual({ cart: null, customer: null });
    expect(savedPreferences(undefined)).toEqual({ cart: null, customer: null });
  });

  it("keeps the most recent answer when an owner appears twice", () => {
    const saved = savedPreferences([preferencesEntry("customer", newer), preferencesEntry("customer", older)]);
    expect(saved.customer).toEqual(newer);
  });
});

describe("skipReason", () => {
  const settings = { orderSubmission: "ORDER" as const, shippingAddress: { isEditable: true } };
  it("skips B2B purchases and draft-order checkouts", () => {
    const company = { company: { id: "gid://shopify/Company/1", name: "Acme" }, location: { id: "gid://shopify/CompanyLocation/1", name: "HQ" } };
    expect(skipReason({ purchasingCompany: company, checkoutSettings: settings })).toBe("b2b");
    expect(skipReason({ purchasingCompany: undefined, checkoutSettings: { ...settings, orderSubmission: "DRAFT_ORDER" } })).toBe(
      "draft_order",
    );
    expect(skipReason({ purchasingCompany: undefined, checkoutSettings: settings })).toBeNull();
    expect(skipReason({ purchasingCompany: undefined, checkoutSettings: undefined })).toBeNull();
  });
});

describe("shipsToSomeoneElse", () => {
  const customer = {
    id: "gid://shopify/Customer/42",
    fullName: "Ana Lima",
    image: { url: "" },
    acceptsMarketing: false,
    acceptsEmailMarketing: false,
    acceptsSmsMarketing: false,
    storeCreditAccounts: [],
    ordersCount: 3,
  };
  it("compares the recipient with the billing name, ignoring case and spacing", () => {
    const input = { shippingAddress: { firstName: "Ana", lastName: "Lima" }, billingAddress: { name: " ana  LIMA " }, customer: undefined };
    expect(shipsToSomeoneElse(input)).toBe(false);
    expect(shipsToSomeoneElse({ ...input, shippingAddress: { name: "Bruno Costa" } })).toBe(true);
  });
  it("falls back to the signed-in customer's name", () => {
    expect(shipsToSomeoneElse({ shippingAddress: { name: "Bruno Costa" }, billingAddress: undefined, customer })).toBe(true);
    expect(shipsToSomeoneElse({ shippingAddress: { name: "Ana Lima" }, billingAddress: { name: "" }, customer })).toBe(false);
  });
  it("does not guess when a name is unknown (no protected customer data access)", () => {
    expect(shipsToSomeoneElse({ shippingAddress: { city: "Lyon" }, billingAddress: { name: "Ana Lima" }, customer })).toBe(false);
    expect(shipsToSomeoneElse({ shippingAddress: { name: "Bruno Costa" }, billingAddress: undefined, customer: undefined })).toBe(false);
  });
  it("turns that into the gift question mode, unless the merchant hid gift questions", () => {
    const gift = { shippingAddress: { name: "Bruno Costa" }, billingAddress: { name: "Ana Lima" }, customer: undefined };
    expect(giftModeOf({ ...gift, settings: {} })).toBe("detected");
    expect(giftModeOf({ ...gift, billingAddress: undefined, settings: {} })).toBe("optional");
    expect(giftModeOf({ ...gift, settings: { hide_gift_questions: true } })).toBe("hidden");
  });
});
