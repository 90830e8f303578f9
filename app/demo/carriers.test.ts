import { describe, expect, it } from "vitest";
import { parseBusinessDayWindow } from "../sync/map-admin-order";
import { CARRIERS, CARRIER_SERVICES, RATE_CHOICE, SHIPPING_RATES } from "./carriers";
import { Random } from "./random";

describe("carriers and rates", () => {
  it("states the promise window in the title of manual rates only, and the mapper reads it back", () => {
    for (const rate of Object.values(SHIPPING_RATES)) {
      expect(rate.minDays).toBeLessThanOrEqual(rate.maxDays);
      const parsed = parseBusinessDayWindow(rate.title);
      if (rate.windowInTitle) expect(parsed).toEqual({ minDays: rate.minDays, maxDays: rate.maxDays });
      else expect(parsed).toBeNull();
    }
  });

  it("ships every parcel rate with a known service, and offers only rates that exist", () => {
    for (const rate of Object.values(SHIPPING_RATES)) {
      if (rate.kind === "shipping") expect(CARRIER_SERVICES[rate.service!]).toBeDefined();
      else expect(rate.service).toBeNull();
      if (rate.regionalService) expect(CARRIER_SERVICES[rate.regionalService]).toBeDefined();
    }
    for (const choice of Object.values(RATE_CHOICE)) {
      for (const [key] of [...choice.domestic, ...choice.international]) expect(SHIPPING_RATES[key]).toBeDefined();
      for (const [key] of choice.international) expect(SHIPPING_RATES[key].domestic).toBe(false);
      for (const [key] of choice.domestic) expect(SHIPPING_RATES[key].domestic).toBe(true);
    }
  });

  it("keeps exception rates plausible and express faster than ground", () => {
    for (const service of Object.values(CARRIER_SERVICES)) {
      expect(service.delayRate + service.attemptRate + service.failureRate).toBeLessThan(0.2);
      expect(service.failureRate).toBeLessThan(service.delayRate);
    }
    expect(CARRIER_SERVICES.ups_next_day_air.transitMedianDays).toBeLessThan(CARRIER_SERVICES.ups_ground.transitMedianDays);
    expect(CARRIER_SERVICES.usps_ground_advantage.transitMedianDays).toBeGreaterThan(CARRIER_SERVICES.usps_priority.transitMedianDays);
  });

  it("makes tracking numbers in each carrier's format", () => {
    const rng = new Random("tracking");
    expect(CARRIERS.ups.trackingNumber(rng)).toMatch(/^1Z[0-9A-Z]{16}$/);
    expect(CARRIERS.usps.trackingNumber(rng)).toMatch(/^9400\d{18}$/);
    expect(CARRIERS.fedex.trackingNumber(rng)).toMatch(/^\d{12}$/);
    expect(CARRIERS.dhl.trackingNumber(rng)).toMatch(/^\d{10}$/);
    expect(CARRIERS.ontrac.trackingNumber(rng)).toMatch(/^C\d{14}$/);
    expect(CARRIERS.ontrac.eventCoverage).toBe(0); // the regional carrier has no event feed
  });
});
