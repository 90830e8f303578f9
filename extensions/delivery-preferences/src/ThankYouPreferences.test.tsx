// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { CheckoutPreferences } from "./CheckoutPreferences";
import { STORAGE_CAPTURED_KEY, STORAGE_SUBMITTED_KEY } from "./context";
import type { DeliveryPreferences } from "./preferences";
import { choose, click, field, mount, tick, typeText, type Mounted } from "./testing/dom";
import {
  CHECKOUT_TOKEN,
  ORDER_ID,
  SESSION_TOKEN,
  createShopifyStub,
  installShopify,
  preferencesEntry,
  uninstallShopify,
  type ShopifyStub,
} from "./testing/shopify-stub";
import { ThankYouPreferences, type ThankYouPreferencesProps } from "./ThankYouPreferences";

const NOW = new Date("2026-11-23T10:30:00.000Z");
// vitest.config.ts sets SHOPIFY_APP_URL=https://second-order.test; the build inlines the real one.
const ENDPOINT = "https://second-order.test/api/checkout/preferences";

let shopify: ShopifyStub;
let fetchMock: ReturnType<typeof vi.fn<typeof fetch>>;
let view: Mounted | null = null;

async function renderThankYou(props: ThankYouPreferencesProps = {}) {
  view = await mount(<ThankYouPreferences now={() => NOW} fetchImpl={fetchMock} {...props} />);
  return view.root;
}

const submitButton = (root: ParentNode) => root.querySelector("s-button");

function sentBody(call = 0): unknown {
  const init = fetchMock.mock.calls[call]?.[1];
  return JSON.parse(String(init?.body));
}

beforeEach(() => {
  shopify = installShopify(createShopifyStub("thank-you"));
  fetchMock = vi.fn<typeof fetch>(async () => new Response(JSON.stringify({ ok: true }), { status: 200 }));
});

afterEach(async () => {
  await view?.unmount();
  view = null;
  uninstallShopify();
});

describe("thank-you page (all plans): posts the answer to the app backend", () => {
  it("POSTs the order id and the record with the session token, then thanks the buyer", async () => {
    const root = await renderThankYou();
    expect(submitButton(root)?.disabled).toBe(true); // nothing answered yet

    await choose(root, "speedVsCost", "balanced");
    await choose(root, "notifications", "every_milestone");
    await tick(root, "isGift", true);
    await typeText(root, "giftNote", "Enjoy!");
    expect(fetchMock).not.toHaveBeenCalled(); // answers are sent on demand only
    expect(submitButton(root)?.disabled).toBe(false);
    await click(submitButton(root));

    expect(shopify.sessionToken.get).toHaveBeenCalledTimes(1);
    expect(fetchMock).toHaveBeenCalledTimes(1);
    const [url, init] = fetchMock.mock.calls[0];
    expect(url).toBe(ENDPOINT);
    expect(init?.method).toBe("POST");
    expect(init?.headers).toEqual({ Authorization: `Bearer ${SESSION_TOKEN}`, "Content-Type": "application/json" });
    const preferences: DeliveryPreferences = {
      speedVsCost: "balanced",
      deliveryWindow: null,
      deliveryDays: null,
      notifications: "every_milestone",
      giftPackaging: null,
      giftNote: "Enjoy!",
      answeredAt: "2026-11-23T10:30:00.000Z",
      source: "thank_you",
      version: 1,
    };
    expect(sentBody()).toEqual({ orderId: ORDER_ID, preferences });

    const banner = root.querySelector("s-banner");
    expect(banner?.getAttribute("tone")).toBe("success");
    expect(banner?.getAttribute("heading")).toBe("Thank you!");
    expect(root.querySelector("s-choice-list")).toBeNull();
    expect(shopify.storage.data.get(STORAGE_SUBMITTED_KEY)).toEqual({ ref: ORDER_ID, preferences });
  });

  it("shows a failure it can retry when the backend refuses", async () => {
    fetchMock.mockResolvedValueOnce(new Response("unauthorized", { status: 401 }));
    const root = await renderThankYou();
    await choose(root, "deliveryDays", "weekdays");
    await click(submitButton(root));

    const banner = root.querySelector("s-banner");
    expect(banner?.getAttribute("tone")).toBe("critical");
    expect(banner?.textContent).toBe("Something went wrong while saving. Please try again.");
    expect(submitButton(root)?.textContent).toBe("Try again");
    expect(field(root, "s-choice-list", "deliveryDays")?.values).toEqual(["weekdays"]); // answers kept

    await click(submitButton(root));
    expect(fetchMock).toHaveBeenCalledTimes(2);
    expect(root.querySelector("s-banner")?.getAttribute("tone")).toBe("success");
  });

  it("fails quietly when the network is down", async () => {
    fetchMock.mockRejectedValueOnce(new TypeError("Failed to fetch"));
    const root = await renderThankYou();
    await choose(root, "deliveryWindow", "afternoon");
    await click(submitButton(root));
    expect(root.querySelector("s-banner")?.getAttribute("tone")).toBe("critical");
    expect(shopify.storage.data.has(STORAGE_SUBMITTED_KEY)).toBe(false);
  });

  it("does not call the backend without a session token", async () => {
    shopify.sessionToken.get.mockRejectedValueOnce(new Error("no token"));
    const root = await renderThankYou();
    await choose(root, "speedVsCost", "cost");
    await click(submitButton(root));
    expect(fetchMock).not.toHaveBeenCalled();
    expect(root.querySelector("s-banner")?.getAttribute("tone")).toBe("critical");
  });

  it("pre-fills a returning customer's answers and sends them as they are", async () => {
    const previous: DeliveryPreferences = {
      speedVsCost: "speed",
      deliveryWindow: "morning",
      deliveryDays: "any",
      notifications: "key_only",
      giftPackaging: true,
      giftNote: "Old note",
      answeredAt: "2026-01-10T08:00:00.000Z",
      source: "checkout",
      version: 1,
    };
    shopify.appMetafields.value = [preferencesEntry("customer", previous)];
    const root = await renderThankYou();
    expect(field(root, "s-choice-list", "speedVsCost")?.values).toEqual(["speed"]);
    expect(field(root, "s-choice-list", "deliveryWindow")?.values).toEqual(["morning"]);
    expect(root.textContent).toContain("We've filled in your previous answers.");
    await click(submitButton(root));
    expect(sentBody()).toEqual({
      orderId: ORDER_ID,
      preferences: { ...previous, giftPackaging: null, giftNote: null, answeredAt: NOW.toISOString(), source: "thank_you" },
    });
  });
});

describe("thank-you page: does not ask when it should not", () => {
  it("stays hidden when the checkout step captured the answer (shared extension storage)", async () => {
    shopify.storage.data.set(STORAGE_CAPTURED_KEY, { ref: CHECKOUT_TOKEN, preferences: {} });
    const root = await renderThankYou();
    expect(root.innerHTML).toBe("");
  });

  it("stays hidden when the cart already carries the metafield", async () => {
    shopify.appMetafields.value = [
      preferencesEntry(
        "cart",
        { speedVsCost: "cost", deliveryWindow: null, deliveryDays: null, notifications: null, giftPackaging: null, giftNote: null, answeredAt: "2026-11-23T10:00:00.000Z", source: "checkout", version: 1 },
        "gid://shopify/Cart/1",
      ),
    ];
    const root = await renderThankYou();
    expect(root.innerHTML).toBe("");
  });

  it("stays hidden after this order's answer was sent (page reload)", async () => {
    shopify.storage.data.set(STORAGE_SUBMITTED_KEY, { ref: ORDER_ID, preferences: {} });
    const root = await renderThankYou();
    expect(root.innerHTML).toBe("");
  });

  it("asks when storage holds another checkout's capture", async () => {
    shopify.storage.data.set(STORAGE_CAPTURED_KEY, { ref: "another-checkout", preferences: {} });
    const root = await renderThankYou();
    expect(field(root, "s-choice-list", "speedVsCost")).not.toBeNull();
  });

  it("renders nothing when no backend URL was configured at build time", async () => {
    const root = await renderThankYou({ appUrl: null });
    expect(root.innerHTML).toBe("");
  });

  it("skips B2B purchases and draft orders", async () => {
    shopify.checkoutSettings.value = { orderSubmission: "DRAFT_ORDER", shippingAddress: { isEditable: false } };
    expect((await renderThankYou()).innerHTML).toBe("");
    await view?.unmount();
    shopify.checkoutSettings.value = { orderSubmission: "ORDER", shippingAddress: { isEditable: true } };
    shopify.buyerIdentity.purchasingCompany.value = {
      company: { id: "gid://shopify/Company/1", name: "Acme" },
      location: { id: "gid://shopify/CompanyLocation/1", name: "HQ" },
    };
    expect((await renderThankYou()).innerHTML).toBe("");
  });

  it("cannot send from the checkout editor preview", async () => {
    shopify.extension.editor = { type: "checkout" };
    const root = await renderThankYou();
    await choose(root, "speedVsCost", "speed");
    expect(submitButton(root)?.disabled).toBe(true);
    await click(submitButton(root));
    expect(fetchMock).not.toHaveBeenCalled();
  });
});

describe("both targets together", () => {
  it("answering in checkout means the thank-you page does not ask again", async () => {
    const checkout = await mount(<CheckoutPreferences now={() => NOW} />);
    await choose(checkout.root, "speedVsCost", "speed");
    expect(shopify.applyMetafieldChange).toHaveBeenCalledTimes(1);
    await checkout.unmount();

    const root = await renderThankYou();
    expect(root.innerHTML).toBe("");
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it("a failed checkout write leaves the question to the thank-you page", async () => {
    shopify.applyMetafieldChange.mockResolvedValue({ type: "error", message: "accelerated checkout" });
    const checkout = await mount(<CheckoutPreferences now={() => NOW} />);
    await choose(checkout.root, "speedVsCost", "speed");
    await checkout.unmount();

    const root = await renderThankYou();
    expect(field(root, "s-choice-list", "speedVsCost")).not.toBeNull();
  });
});
