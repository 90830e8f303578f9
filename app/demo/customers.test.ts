import { describe, expect, it } from "vitest";
import { CHANNELS, CHANNEL_KEYS, LATE_FIRST_DELIVERY_EFFECT, PROFILES, SPEND } from "./customers";

describe("customer behaviour parameters", () => {
  it("has profile and channel shares that sum to one", () => {
    expect(PROFILES.reduce((s, p) => s + p.share, 0)).toBeCloseTo(1, 10);
    expect(CHANNEL_KEYS.reduce((s, k) => s + CHANNELS[k].homeShare, 0)).toBeCloseTo(1, 10);
    expect(new Set(PROFILES.map((p) => p.key)).size).toBe(PROFILES.length);
  });

  it("gives each profile its character", () => {
    const byKey = Object.fromEntries(PROFILES.map((p) => [p.key, p]));
    expect(byKey.speed.speedChoice.express).toBeGreaterThan(0.5);
    expect(byKey.price.speedChoice.economy).toBeGreaterThan(0.5);
    expect(byKey.price.discountCodeRate).toBeGreaterThan(3 * byKey.regular.discountCodeRate);
    expect(byKey.gift.holidayGiftRate).toBeGreaterThan(byKey.gift.giftRate);
    expect(byKey.gift.season).toBe("gift");
    // First-of-month buyers: about one purchase a month (mean lambda = r / alpha per week).
    const perMonth = (byKey.first_of_month.purchaseRate.r / byKey.first_of_month.purchaseRate.alpha) * (365.25 / 12 / 7);
    expect(perMonth).toBeGreaterThan(0.6);
    expect(perMonth).toBeLessThan(1.2);
  });

  it("documents a 30% relative repeat reduction after a bad first delivery", () => {
    expect(1 - LATE_FIRST_DELIVERY_EFFECT.survivalMultiplier).toBeCloseTo(LATE_FIRST_DELIVERY_EFFECT.relativeRepeatReduction, 10);
    expect((SPEND.q * SPEND.gammaCents) / (SPEND.g - 1)).toBeCloseTo(8500, 6); // $85 mean order value
  });
});
