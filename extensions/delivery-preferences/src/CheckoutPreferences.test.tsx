// @vitest-environment happy-dom
import { act } from "preact/test-utils";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CheckoutPreferences } from "./CheckoutPreferences";
import { STORAGE_CAPTURED_KEY } from "./context";
import type { DeliveryPreferences } from "./preferences";
import { choose, field, flush, mount, tick, typeText, type Mounted } from "./testing/dom";
import {
  CHECKOUT_TOKEN,
  createInstructions,
  createShopifyStub,
  installShopify,
  preferencesEntry,
  uninstallShopify,
  type ShopifyStub,
} from "./testing/shopify-stub";

/** A clock that moves one minute per reading, so every write has its own `answeredAt`. */
function steppingClock(startIso: string) {
  let next = Date.parse(startIso);
  return () => {
    const now = new Date(next);
    next += 60_000;
    return now;
  };
}

function minute(n: number): string {
  return new Date(Date.parse("2026-11-23T10:00:00.000Z") + n * 60_000).toISOString();
}

/** The exact change the extension must send for a given stored value. */
function updateOf(value: DeliveryPreferences) {
  return {
    type: "updateCartMetafield",
    metafield: { namespace: "$app", key: "delivery_preferences", value: JSON.stringify(value), type: "json" },
  };
}

const none = {
  speedVsCost: null,
  deliveryWindow: null,
  deliveryDays: null,
  notifications: null,
  giftPackaging: null,
  giftNote: null,
};

let shopify: ShopifyStub;
let view: Mounted | null = null;

async function renderCheckout() {
  view = await mount(<CheckoutPreferences now={steppingClock("2026-11-23T10:00:00.000Z")} />);
  return view.root;
}

beforeEach(() => {
  shopify = installShopify(createShopifyStub("checkout"));
});

afterEach(async () => {
  await view?.unmount();
  view = null;
  uninstallShopify();
});

describe("checkout step (Plus): writes the cart metafield", () => {
  it("sends the whole record, exactly, after each answer", async () => {
    const root = await renderCheckout();
    expect(shopify.applyMetafieldChange).not.toHaveBeenCalled();

    await choose(root, "speedVsCost", "speed");
    await choose(root, "deliveryWindow", "morning");
    await choose(root, "deliveryDays", "weekdays");
    await choose(root, "notifications", "key_only");

    const base = { source: "checkout" as const, version: 1 as const };
    const first = { ...none, speedVsCost: "speed" as const, answeredAt: minute(0), ...base };
    const second = { ...first, deliveryWindow: "morning" as const, answeredAt: minute(1) };
    const third = { ...second, deliveryDays: "weekdays" as const, answeredAt: minute(2) };
    const fourth = { ...third, notifications: "key_only" as const, answeredAt: minute(3) };
    expect(shopify.applyMetafieldChange.mock.calls.map(([change]) => change)).toEqual([
      updateOf(first),
      updateOf(second),
      updateOf(third),
      updateOf(fourth),
    ]);
    // The exact serialized string the engine reads.
    expect(shopify.applyMetafieldChange.mock.calls[3][0]).toEqual({
      type: "updateCartMetafield",
      metafield: {
        namespace: "$app",
        key: "delivery_preferences",
        type: "json",
        value:
          '{"speedVsCost":"speed","deliveryWindow":"morning","deliveryDays":"weekdays","notifications":"key_only",' +
          '"giftPackaging":null,"giftNote":null,"answeredAt":"2026-11-23T10:03:00.000Z","source":"checkout","version":1}',
      },
    });
    // The thank-you page learns from the shared storage that this checkout already answered.
    expect(shopify.storage.data.get(STORAGE_CAPTURED_KEY)).toEqual({ ref: CHECKOUT_TOKEN, preferences: fourth });
  });

  it("asks about gifts behind a checkbox, and records packaging and the trimmed note", async () => {
    const root = await renderCheckout();
    expect(field(root, "s-checkbox", "giftPackaging")).toBeNull();

    await tick(root, "isGift", true);
    expect(shopify.applyMetafieldChange).not.toHaveBeenCalled(); // opening the section answers nothing
    await tick(root, "giftPackaging", true);
    await typeText(root, "giftNote", "  Happy birthday, Sam!  ");

    const calls = shopify.applyMetafieldChange.mock.calls.map(([change]) => change);
    expect(calls).toEqual([
      updateOf({ ...none, giftPackaging: true, answeredAt: minute(0), source: "checkout", version: 1 }),
      updateOf({ ...none, giftPackaging: true, giftNote: "Happy birthday, Sam!", answeredAt: minute(1), source: "checkout", version: 1 }),
    ]);

    // Unticking "this is a gift" withdraws the only answers: the metafield is removed.
    await tick(root, "isGift", false);
    expect(shopify.applyMetafieldChange).toHaveBeenLastCalledWith({
      type: "removeCartMetafield",
      namespace: "$app",
      key: "delivery_preferences",
    });
    expect(shopify.storage.data.has(STORAGE_CAPTURED_KEY)).toBe(false);
  });

  it("shows the gift questions directly when the order ships to someone else", async () => {
    shopify.shippingAddress.value = { firstName: "Bruno", lastName: "Costa", city: "Lyon" };
    shopify.billingAddress.value = { name: "Ana Lima" };
    const root = await renderCheckout();
    expect(field(root, "s-checkbox", "isGift")).toBeNull();
    expect(field(root, "s-checkbox", "giftPackaging")).not.toBeNull();
    expect(field(root, "s-text-area", "giftNote")?.getAttribute("label")).toBe("Gift note (optional)");
  });

  it("hides gift questions when the merchant turned them off", async () => {
    shopify.settings.value = { hide_gift_questions: true };
    const root = await renderCheckout();
    expect(field(root, "s-checkbox", "isGift")).toBeNull();
    expect(field(root, "s-checkbox", "giftPackaging")).toBeNull();
  });

  it("labels every control from the locale file", async () => {
    const root = await renderCheckout();
    const labels = [...root.querySelectorAll("s-choice-list, s-checkbox")].map((el) => el.getAttribute("label"));
    expect(labels).toEqual([
      "What matters most for your delivery?",
      "Preferred time of day",
      "Preferred days",
      "Delivery updates",
      "This order is a gift for someone else",
    ]);
    const speed = field(root, "s-choice-list", "speedVsCost");
    expect([...(speed?.querySelectorAll("s-choice") ?? [])].map((c) => [c.getAttribute("value"), c.textContent])).toEqual([
      ["speed", "Fastest delivery"],
      ["balanced", "A balance of speed and cost"],
      ["cost", "Lowest shipping cost"],
    ]);
    expect(root.querySelector("s-summary")?.textContent).toBe("Delivery preferences (optional)");
  });
});

describe("checkout step: never blocks, never writes where it may not", () => {
  it("renders nothing and writes nothing when cart metafields cannot be set", async () => {
    shopify.instructions.value = createInstructions(false);
    const root = await renderCheckout();
    expect(root.innerHTML).toBe("");
    expect(shopify.applyMetafieldChange).not.toHaveBeenCalled();
    expect(shopify.buyerJourney.intercept).not.toHaveBeenCalled();
  });

  it("disappears when the instructions change to read-only (signals re-render it)", async () => {
    const root = await renderCheckout();
    expect(field(root, "s-choice-list", "speedVsCost")).not.toBeNull();
    await act(() => {
      shopify.instructions.value = createInstructions(false);
    });
    expect(root.innerHTML).toBe("");
  });

  it("keeps checkout going with a quiet note when a write fails (e.g. accelerated checkout)", async () => {
    shopify.applyMetafieldChange.mockResolvedValueOnce({ type: "error", message: "Not allowed in Apple Pay" });
    const root = await renderCheckout();
    await choose(root, "speedVsCost", "cost");
    const status = root.querySelector('s-stack[accessibilityRole="status"]');
    expect(status?.textContent).toBe(
      "We couldn't save your delivery preferences here. You can share them after you place your order.",
    );
    expect(root.querySelector("s-banner")).toBeNull(); // no alarming banner
    expect(shopify.storage.data.has(STORAGE_CAPTURED_KEY)).toBe(false); // thank-you page will ask
    expect(shopify.buyerJourney.intercept).not.toHaveBeenCalled();

    await choose(root, "speedVsCost", "balanced");
    expect(root.textContent).not.toContain("We couldn't save");
    expect(shopify.storage.data.get(STORAGE_CAPTURED_KEY)).toMatchObject({ preferences: { speedVsCost: "balanced" } });
  });

  it("treats a thrown write like a refused one", async () => {
    shopify.applyMetafieldChange.mockRejectedValueOnce(new Error("host gone"));
    const root = await renderCheckout();
    await choose(root, "deliveryDays", "weekend");
    expect(root.textContent).toContain("We couldn't save your delivery preferences here.");
  });

  it.each([
    ["a B2B purchase", (s: ShopifyStub) => {
      s.buyerIdentity.purchasingCompany.value = {
        company: { id: "gid://shopify/Company/1", name: "Acme" },
        location: { id: "gid://shopify/CompanyLocation/1", name: "HQ" },
      };
    }],
    ["a draft-order checkout", (s: ShopifyStub) => {
      s.checkoutSettings.value = { orderSubmission: "DRAFT_ORDER", shippingAddress: { isEditable: true } };
    }],
    ["the subscription list of a mixed cart (asked once, in the one-time list)", (s: ShopifyStub) => {
      s.deliveryGroups.value = [
        { ...s.deliveryGroups.value[0] },
        { ...s.deliveryGroups.value[0], id: "dg-2", groupType: "subscription" },
      ];
      s.target.value = { groupType: "subscription", deliveryGroups: [s.deliveryGroups.value[1]] };
    }],
  ])("skips %s", async (_label, arrange) => {
    arrange(shopify);
    const root = await renderCheckout();
    expect(root.innerHTML).toBe("");
  });

  it("still asks in the subscription list when the cart has only subscriptions", async () => {
    const only = { ...shopify.deliveryGroups.value[0], groupType: "subscription" as const };
    shopify.deliveryGroups.value = [only];
    shopify.target.value = { groupType: "subscription", deliveryGroups: [only] };
    const root = await renderCheckout();
    expect(field(root, "s-choice-list", "speedVsCost")).not.toBeNull();
  });

  it("freezes the form once the order is submitted", async () => {
    shopify.buyerJourney.completed.value = true;
    const root = await renderCheckout();
    expect(field(root, "s-choice-list", "speedVsCost")?.disabled).toBe(true);
    await choose(root, "speedVsCost", "speed");
    expect(shopify.applyMetafieldChange).not.toHaveBeenCalled();
  });

  it("never writes from the checkout editor preview", async () => {
    shopify.extension.editor = { type: "checkout" };
    const root = await renderCheckout();
    await choose(root, "speedVsCost", "speed");
    expect(shopify.applyMetafieldChange).not.toHaveBeenCalled();
  });
});

describe("checkout step: remembers previous answers", () => {
  const previous: DeliveryPreferences = {
    speedVsCost: "cost",
    deliveryWindow: "evening",
    deliveryDays: "weekend",
    notifications: "every_milestone",
    giftPackaging: true,
    giftNote: "For Mum",
    answeredAt: "2026-05-02T18:30:00.000Z",
    source: "thank_you",
    version: 1,
  };

  it("pre-fills a returning customer's habits (not past gift choices) without writing anything", async () => {
    shopify.appMetafields.value = [preferencesEntry("customer", previous)];
    const root = await renderCheckout();
    expect(field(root, "s-choice-list", "speedVsCost")?.values).toEqual(["cost"]);
    expect(field(root, "s-choice-list", "deliveryWindow")?.values).toEqual(["evening"]);
    expect(field(root, "s-choice-list", "deliveryDays")?.values).toEqual(["weekend"]);
    expect(field(root, "s-choice-list", "notifications")?.values).toEqual(["every_milestone"]);
    expect(field(root, "s-checkbox", "isGift")?.checked).toBe(false);
    expect(root.textContent).toContain("We've filled in your previous answers.");
    expect(shopify.applyMetafieldChange).not.toHaveBeenCalled();

    // Changing one answer stores the full, merged set for this order.
    await choose(root, "deliveryWindow", "morning");
    expect(shopify.applyMetafieldChange).toHaveBeenCalledWith(
      updateOf({ ...previous, deliveryWindow: "morning", giftPackaging: null, giftNote: null, answeredAt: minute(0), source: "checkout" }),
    );
  });

  it("adopts customer answers that arrive after the first render", async () => {
    const root = await renderCheckout();
    expect(field(root, "s-choice-list", "speedVsCost")?.values).toEqual([]);
    await act(() => {
      shopify.appMetafields.value = [preferencesEntry("customer", previous)];
    });
    await flush();
    expect(field(root, "s-choice-list", "speedVsCost")?.values).toEqual(["cost"]);
  });

  it("restores a cart answer that arrives after the first render, gift section included", async () => {
    const root = await renderCheckout();
    expect(field(root, "s-checkbox", "giftPackaging")).toBeNull();
    await act(() => {
      shopify.appMetafields.value = [preferencesEntry("cart", { ...previous, source: "checkout" }, "gid://shopify/Cart/1")];
    });
    await flush();
    expect(field(root, "s-checkbox", "isGift")?.checked).toBe(true);
    expect(field(root, "s-checkbox", "giftPackaging")?.checked).toBe(true);
    expect(field(root, "s-text-area", "giftNote")?.value).toBe("For Mum");
    expect(shopify.applyMetafieldChange).not.toHaveBeenCalled();
  });

  it("keeps the buyer's answers when saved ones arrive afterwards", async () => {
    const root = await renderCheckout();
    await choose(root, "speedVsCost", "balanced");
    await act(() => {
      shopify.appMetafields.value = [preferencesEntry("customer", previous)];
    });
    await flush();
    expect(field(root, "s-choice-list", "speedVsCost")?.values).toEqual(["balanced"]);
    expect(field(root, "s-choice-list", "deliveryWindow")?.values).toEqual([]);
  });

  it("restores this cart's own answer, gift included, after a reload", async () => {
    const onCart = { ...previous, source: "checkout" as const };
    shopify.appMetafields.value = [
      preferencesEntry("customer", { ...previous, speedVsCost: "speed" }),
      preferencesEntry("cart", onCart, "gid://shopify/Cart/1"),
    ];
    const root = await renderCheckout();
    expect(field(root, "s-choice-list", "speedVsCost")?.values).toEqual(["cost"]);
    expect(field(root, "s-checkbox", "isGift")?.checked).toBe(true);
    expect(field(root, "s-checkbox", "giftPackaging")?.checked).toBe(true);
    expect(field(root, "s-text-area", "giftNote")?.value).toBe("For Mum");
    expect(root.textContent).not.toContain("We've filled in your previous answers.");
  });
});
