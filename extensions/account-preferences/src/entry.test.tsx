// @vitest-environment happy-dom
import { render } from "preact";
import { act } from "preact/test-utils";
import { afterEach, describe, expect, it, vi } from "vitest";
import { defineComponentStandIns, flush } from "../../delivery-preferences/src/testing/dom";
import { createAccountStub, createCustomerAccountApi, installShopify, uninstallShopify } from "./testing/shopify-stub";

afterEach(async () => {
  await act(() => render(null, document.body));
  vi.unstubAllGlobals();
  uninstallShopify();
});

describe("profile entry module", () => {
  it("hands Preact's Signal to the host and renders the saved preferences into the body", async () => {
    const stub = { ...createAccountStub(), setSignals: vi.fn() };
    installShopify(stub);
    vi.stubGlobal("fetch", createCustomerAccountApi().fetchImpl);
    defineComponentStandIns();
    const entry = await import("./Profile");
    expect(stub.setSignals).toHaveBeenCalledTimes(1);
    await act(() => entry.default());
    await flush();
    expect(document.body.querySelector("s-section")?.getAttribute("heading")).toBe("Delivery preferences");
  });
});
