import { describe, expect, it } from "vitest";
import { buildProfiles, activeProfiles } from "../segments/profile-book";
import { preferenceAgreementSummary } from "../segments/behaviour-segments";
import { order, at, DAY } from "../testing/order-builder";
import type { Order } from "../types";
import { statedVerdict, statedVsObserved } from "./agreement";
import { answersFromOrders } from "./from-orders";
import { buildPreferenceProfiles } from "./profile";

const T0 = at("2026-01-05T10:00:00Z");
const stated = (speedVsCost: "speed" | "cost" | "balanced", answeredAt = T0) => ({
  speedVsCost,
  deliveryWindow: null,
  deliveryDays: null,
  notifications: null,
  giftPackaging: null,
  answeredAt,
});

describe("statedVerdict", () => {
  it("compares speed with express, cost with economy or free, balanced with neither", () => {
    expect(statedVerdict("speed", { shippedOrders: 4, expressOrders: 3, economyOrFreeOrders: 0 })).toBe("agrees");
    expect(statedVerdict("speed", { shippedOrders: 4, expressOrders: 1, economyOrFreeOrders: 3 })).toBe("disagrees");
    expect(statedVerdict("cost", { shippedOrders: 4, expressOrders: 1, economyOrFreeOrders: 3 })).toBe("agrees");
    expect(statedVerdict("balanced", { shippedOrders: 4, expressOrders: 1, economyOrFreeOrders: 1 })).toBe("agrees");
    expect(statedVerdict("balanced", { shippedOrders: 4, expressOrders: 4, economyOrFreeOrders: 0 })).toBe("disagrees");
    expect(statedVerdict("speed", { shippedOrders: 0, expressOrders: 0, economyOrFreeOrders: 0 })).toBe("not_enough_orders");
  });
});

describe("statedVsObserved", () => {
  const orders: Order[] = [
    order({ id: "o1", customer: "says-speed-buys-express", at: T0, shippingSpeed: "express", shippingPrice: 12, preferences: stated("speed") }),
    order({ id: "o2", customer: "says-speed-buys-express", at: T0 + 20 * DAY, shippingSpeed: "express", shippingPrice: 12 }),
    order({ id: "o3", customer: "says-speed-buys-economy", at: T0, shippingSpeed: "economy", shippingPrice: 3, preferences: stated("speed") }),
    order({ id: "o4", customer: "says-cost-buys-free", at: T0, shippingSpeed: "standard", shippingPrice: 0, preferences: stated("cost") }),
  ];

  it("matches the segments' own agreement when every answer came with an order", () => {
    const profiles = activeProfiles(buildProfiles(orders));
    const ours = statedVsObserved(buildPreferenceProfiles(answersFromOrders(orders)), profiles);
    const theirs = preferenceAgreementSummary(profiles);
    for (const k of ["speed", "cost", "balanced"] as const) {
      expect({ ...ours[k], confidence: undefined }).toEqual({ ...theirs[k], confidence: undefined });
    }
    expect(ours.speed).toMatchObject({ stated: 2, agrees: 1, disagrees: 1, agreementRate: 0.5 });
    expect(ours.cost).toMatchObject({ stated: 1, agrees: 1 });
  });

  it("uses a later customer-account answer over the order's", () => {
    const answers = [
      ...answersFromOrders(orders),
      {
        customerId: "says-speed-buys-economy",
        orderId: null,
        source: "customer_account" as const,
        answeredAt: T0 + 40 * DAY,
        speedVsCost: "cost" as const,
        deliveryWindow: null,
        deliveryDays: null,
        notifications: null,
        giftPackaging: null,
      },
    ];
    const r = statedVsObserved(buildPreferenceProfiles(answers), activeProfiles(buildProfiles(orders)));
    expect(r.speed).toMatchObject({ stated: 1, agrees: 1, disagrees: 0 });
    expect(r.cost).toMatchObject({ stated: 2, agrees: 2, agreementRate: 1 });
  });
});
