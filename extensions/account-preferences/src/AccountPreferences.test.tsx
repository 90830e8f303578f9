// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { choose, click, field, mount, type Mounted } from "../../delivery-preferences/src/testing/dom";
import type { DeliveryPreferences } from "../../delivery-preferences/src/preferences";
import { AccountPreferences } from "./AccountPreferences";
import { CUSTOMER_ID, createAccountStub, createCustomerAccountApi, installShopify, uninstallShopify, type AccountStub } from "./testing/shopify-stub";

const NOW = new Date("2026-11-23T12:00:00.000Z");
let shopify: AccountStub;
let api: ReturnType<typeof createCustomerAccountApi>;
let view: Mounted | null = null;

async function renderAccount() {
  view = await mount(<AccountPreferences now={() => NOW} fetchImpl={api.fetchImpl} />);
  return view.root;
}
const buttons = (root: ParentNode) => [...root.querySelectorAll("s-button")];
const saveButton = (root: ParentNode) => buttons(root).find((b) => b.getAttribute("slot") === "primary-action") ?? null;
const clearButton = (root: ParentNode) => buttons(root).find((b) => b.getAttribute("slot") === "secondary-actions") ?? null;

const checkoutAnswer: DeliveryPreferences = {
  speedVsCost: "speed",
  deliveryWindow: "evening",
  deliveryDays: null,
  notifications: "key_only",
  giftPackaging: true,
  giftNote: "For Sam",
  answeredAt: "2026-10-01T09:00:00.000Z",
  source: "thank_you",
  version: 1,
};

beforeEach(() => {
  shopify = installShopify(createAccountStub());
  api = createCustomerAccountApi();
});

afterEach(async () => {
  await view?.unmount();
  view = null;
  uninstallShopify();
});

describe("customer account: saved delivery preferences", () => {
  it("renders nothing for a visitor who is not signed in, and asks the API nothing", async () => {
    shopify = installShopify(createAccountStub({ signedIn: false }));
    const root = await renderAccount();
    expect(root.innerHTML).toBe("");
    expect(api.calls).toHaveLength(0);
  });

  it("shows the saved answers (never gift choices) with labelled questions", async () => {
    api.seed(checkoutAnswer);
    const root = await renderAccount();
    expect(api.calls.map((c) => c.operation)).toEqual(["SavedDeliveryPreferences"]);
    expect(api.calls[0].variables).toEqual({ namespace: "$app", key: "delivery_preferences" });
    expect(field(root, "s-choice-list", "speedVsCost")?.values).toEqual(["speed"]);
    expect(field(root, "s-choice-list", "deliveryWindow")?.values).toEqual(["evening"]);
    expect(field(root, "s-choice-list", "deliveryDays")?.values).toEqual([]);
    expect(field(root, "s-choice-list", "speedVsCost")?.getAttribute("label")).toBe("What matters most for your delivery?");
    expect(root.textContent).toContain("Last saved on October 1, 2026.");
    expect(root.querySelector('[name="giftNote"]')).toBeNull();
    expect(saveButton(root)?.disabled).toBe(true); // nothing changed yet
  });

  it("saves a change as a complete customer_account record on the customer metafield", async () => {
    api.seed(checkoutAnswer);
    const root = await renderAccount();
    await choose(root, "speedVsCost", "cost");
    await choose(root, "deliveryDays", "weekend");
    expect(api.calls).toHaveLength(1); // nothing is sent before Save
    await click(saveButton(root));

    const sent = api.calls[1];
    expect(sent.operation).toBe("SaveDeliveryPreferences");
    const [input] = sent.variables.metafields as Array<Record<string, string>>;
    expect(input).toMatchObject({ ownerId: CUSTOMER_ID, namespace: "$app", key: "delivery_preferences", type: "json" });
    expect(input.compareDigest).toMatch(/^d[0-9a-f]+-\d+$/); // the digest of the value that was shown
    expect(JSON.parse(input.value)).toEqual({
      speedVsCost: "cost",
      deliveryWindow: "evening",
      deliveryDays: "weekend",
      notifications: "key_only",
      giftPackaging: null,
      giftNote: null,
      answeredAt: NOW.toISOString(),
      source: "customer_account",
      version: 1,
    });
    expect(shopify.toast.show).toHaveBeenCalledWith("Delivery preferences saved");
    expect(saveButton(root)?.disabled).toBe(true);
  });

  it("lets a customer with no saved answers answer from scratch; no clear button until saved", async () => {
    const root = await renderAccount();
    expect(root.textContent).toContain("You haven't told us your delivery preferences yet.");
    expect(clearButton(root)).toBeNull();
    await choose(root, "notifications", "every_milestone");
    await click(saveButton(root));
    expect((api.calls[1].variables.metafields as Array<{ compareDigest: unknown }>)[0].compareDigest).toBeNull(); // "must not exist yet"
    expect(api.saved()).toMatchObject({ notifications: "every_milestone", speedVsCost: null, source: "customer_account" });
    expect(clearButton(root)).not.toBeNull();
  });

  it("clears every answer with one button", async () => {
    api.seed(checkoutAnswer);
    const root = await renderAccount();
    await click(clearButton(root));
    expect(api.saved()).toMatchObject({ speedVsCost: null, deliveryWindow: null, deliveryDays: null, notifications: null, source: "customer_account" });
    expect(field(root, "s-choice-list", "speedVsCost")?.values).toEqual([]);
  });

  it("keeps the customer's choices and explains when saving fails", async () => {
    const root = await renderAccount();
    await choose(root, "speedVsCost", "balanced");
    api.state.failNext = "user_error";
    await click(saveButton(root));
    expect(root.querySelector('s-banner[tone="critical"]')?.getAttribute("heading")).toBe("Your preferences weren't saved");
    expect(field(root, "s-choice-list", "speedVsCost")?.values).toEqual(["balanced"]);
    expect(api.saved()).toBeNull();
    await click(saveButton(root)); // try again
    expect(api.saved()).toMatchObject({ speedVsCost: "balanced" });
    expect(root.querySelector('s-banner[tone="critical"]')).toBeNull();
  });

  it("never overwrites answers saved elsewhere meanwhile: shows them instead", async () => {
    const root = await renderAccount();
    await choose(root, "speedVsCost", "balanced");
    // Meanwhile the customer answers on a thank-you page in another tab.
    api.state.beforeNextWrite = () => api.seed({ ...checkoutAnswer, answeredAt: "2026-11-23T11:59:00.000Z" });
    await click(saveButton(root));
    expect(root.querySelector('s-banner[tone="warning"]')?.getAttribute("heading")).toBe("Your preferences were updated elsewhere");
    expect(api.saved()).toMatchObject({ source: "thank_you", speedVsCost: "speed" });
    expect(field(root, "s-choice-list", "speedVsCost")?.values).toEqual(["speed"]);
    // Saving again now compares against the value shown, and goes through.
    await choose(root, "speedVsCost", "balanced");
    await click(saveButton(root));
    expect(api.saved()).toMatchObject({ source: "customer_account", speedVsCost: "balanced" });
    expect(root.querySelector("s-banner")).toBeNull();
  });

  it("shows an error state when the saved answers cannot be loaded", async () => {
    api.state.failNext = "network";
    const root = await renderAccount();
    expect(root.querySelector("s-banner")?.getAttribute("heading")).toBe("Your preferences couldn't be loaded");
    expect(field(root, "s-choice-list", "speedVsCost")).toBeNull();
  });

  it("treats an unreadable saved value as no answers", async () => {
    api.seed("{not json");
    const root = await renderAccount();
    expect(root.textContent).toContain("You haven't told us your delivery preferences yet.");
  });
});
