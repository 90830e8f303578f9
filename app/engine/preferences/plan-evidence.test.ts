import { describe, expect, it } from "vitest";
import { analyzeStore } from "../analyze/analyze-store";
import { personalizationPlan } from "../plan/personalization-plan";
import { at, DAY, order } from "../testing/order-builder";
import type { Order } from "../types";
import { agreementSentence } from "./agreement-text";

const T0 = at("2026-01-05T10:00:00Z");
const said = (speedVsCost: "speed" | "cost") => ({ speedVsCost, deliveryWindow: null, deliveryDays: null, notifications: null, giftPackaging: null, answeredAt: T0 });

describe("agreementSentence", () => {
  it("states the share that buys as they said and how sure that is", () => {
    expect(agreementSentence("speed", { agrees: 3, disagrees: 1, agreementRate: 0.75 })).toBe(
      "Of 4 of them with shipped orders to compare, 75% mostly chose Express (too few answers to rely on).",
    );
    expect(agreementSentence("cost", { agrees: 300, disagrees: 100, agreementRate: 0.75 })).toBe(
      "Of 400 of them with shipped orders to compare, 75% mostly chose economy or free shipping.",
    );
    expect(agreementSentence("speed", { agrees: 0, disagrees: 0, agreementRate: null })).toBeNull();
  });
});

describe("the plan's personalization evidence", () => {
  it("adds stated vs observed to what customers said", () => {
    const orders: Order[] = [];
    // Three say speed: two buy Express, one buys economy.
    for (const [i, speed] of (["express", "express", "economy"] as const).entries()) {
      orders.push(order({ id: `s${i}`, customer: `speed-${i}`, at: T0 + i * DAY, shippingSpeed: speed, shippingPrice: speed === "express" ? 15 : 4, preferences: said("speed") }));
    }
    orders.push(order({ id: "c0", customer: "cost-0", at: T0, shippingSpeed: "standard", shippingPrice: 0, preferences: said("cost") }));
    const analysis = analyzeStore(orders, { asOf: T0 + 60 * DAY, currency: "USD" });
    const rows = personalizationPlan(analysis);
    const speed = rows.find((r) => r.segment === "speed_focused");
    expect(speed?.evidence).toContain("3 customers said at checkout they prefer speed over cost.");
    expect(speed?.evidence).toContain("Of 3 of them with shipped orders to compare, 67% mostly chose Express");
    expect(rows.find((r) => r.segment === "price_sensitive_shipping")?.evidence).toContain("Of 1 of them with shipped orders to compare, 100% mostly chose economy or free shipping");
  });
});
