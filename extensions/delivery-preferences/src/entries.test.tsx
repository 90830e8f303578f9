// @vitest-environment happy-dom
import { render } from "preact";
import { act } from "preact/test-utils";
import { afterEach, describe, expect, it, vi } from "vitest";
import { defineComponentStandIns, flush } from "./testing/dom";
import { createShopifyStub, installShopify, uninstallShopify } from "./testing/shopify-stub";

afterEach(async () => {
  await act(() => render(null, document.body));
  uninstallShopify();
});

describe("target entry modules", () => {
  it("hand Preact's Signal to the host and render the checkout question into the body", async () => {
    const stub = { ...createShopifyStub("checkout"), setSignals: vi.fn() };
    installShopify(stub);
    defineComponentStandIns();
    vi.resetModules(); // `@shopify/ui-extensions/preact` registers signals when first imported
    const entry = await import("./Checkout");
    expect(stub.setSignals).toHaveBeenCalledTimes(1);
    await act(() => entry.default());
    expect(document.body.querySelector('s-choice-list[name="speedVsCost"]')).not.toBeNull();
  });

  it("render the thank-you question into the body", async () => {
    installShopify(createShopifyStub("thank-you"));
    defineComponentStandIns();
    const entry = await import("./ThankYou");
    await act(() => entry.default());
    await flush(); // storage lookups decide whether to ask
    expect(document.body.querySelector("s-section")?.getAttribute("heading")).toBe("How do you like your deliveries?");
  });
});
