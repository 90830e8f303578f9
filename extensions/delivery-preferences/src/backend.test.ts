import { describe, expect, it, vi } from "vitest";
import { configuredAppUrl, preferencesEndpoint, submitPreferences } from "./backend";
import { EMPTY_ANSWERS, type DeliveryPreferences } from "./preferences";

const preferences: DeliveryPreferences = {
  ...EMPTY_ANSWERS,
  speedVsCost: "balanced",
  answeredAt: "2026-11-23T10:00:00.000Z",
  source: "thank_you",
  version: 1,
};

describe("configuredAppUrl", () => {
  it("keeps the origin of an https URL", () => {
    expect(configuredAppUrl("https://second-order.example.com/some/path?x=1")).toBe("https://second-order.example.com");
  });
  it("allows http only for localhost", () => {
    expect(configuredAppUrl("http://localhost:3000")).toBe("http://localhost:3000");
    expect(configuredAppUrl("http://second-order.example.com")).toBeNull();
  });
  it("is null when unset or not a URL", () => {
    expect(configuredAppUrl("")).toBeNull();
    expect(configuredAppUrl("second-order.example.com")).toBeNull();
  });
  it("defaults to SHOPIFY_APP_URL, inlined at build time (vitest.config.ts sets it for tests)", () => {
    expect(configuredAppUrl()).toBe("https://second-order.test");
  });
});

describe("submitPreferences", () => {
  it("posts JSON with the session token as a bearer token", async () => {
    const fetchImpl = vi.fn(async () => new Response(null, { status: 204 }));
    const result = await submitPreferences({
      appUrl: "https://app.example.com",
      sessionToken: "tok",
      body: { orderId: "gid://shopify/Order/1", preferences },
      fetchImpl,
    });
    expect(result).toEqual({ ok: true });
    expect(fetchImpl).toHaveBeenCalledWith(preferencesEndpoint("https://app.example.com"), {
      method: "POST",
      headers: { Authorization: "Bearer tok", "Content-Type": "application/json" },
      body: JSON.stringify({ orderId: "gid://shopify/Order/1", preferences }),
    });
    expect(preferencesEndpoint("https://app.example.com")).toBe("https://app.example.com/api/checkout/preferences");
  });

  it("reports the status of a refused request, and null when the network failed", async () => {
    const refused = vi.fn(async () => new Response("nope", { status: 401 }));
    const offline = vi.fn(async () => {
      throw new TypeError("Failed to fetch");
    });
    const body = { orderId: "gid://shopify/Order/1", preferences };
    expect(await submitPreferences({ appUrl: "https://a.test", sessionToken: "t", body, fetchImpl: refused })).toEqual({ ok: false, status: 401 });
    expect(await submitPreferences({ appUrl: "https://a.test", sessionToken: "t", body, fetchImpl: offline })).toEqual({ ok: false, status: null });
  });
});
