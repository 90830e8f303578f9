import { describe, expect, it } from "vitest";
import { REGIONS, SHOP_REGION_INDEX, isDomestic } from "./regions";

describe("regions", () => {
  it("lists unique country/province codes with sane weights, zones and taxes", () => {
    const codes = REGIONS.map((r) => `${r.countryCode}-${r.provinceCode ?? ""}`);
    expect(new Set(codes).size).toBe(codes.length);
    for (const r of REGIONS) {
      expect(r.countryCode).toMatch(/^[A-Z]{2}$/);
      if (r.provinceCode !== null) expect(r.provinceCode).toMatch(/^[A-Z]{2,3}$/);
      expect(r.weight).toBeGreaterThan(0);
      expect(r.taxRate).toBeGreaterThanOrEqual(0);
      expect(r.taxRate).toBeLessThan(0.15);
    }
    const total = REGIONS.reduce((s, r) => s + r.weight, 0);
    const domestic = REGIONS.filter(isDomestic).reduce((s, r) => s + r.weight, 0);
    expect(domestic / total).toBeGreaterThan(0.8);
    expect(domestic / total).toBeLessThan(0.92);
  });

  it("puts the shop in New York, where local delivery and pickup are offered", () => {
    expect(REGIONS[SHOP_REGION_INDEX]).toMatchObject({ countryCode: "US", provinceCode: "NY", local: true });
    expect(REGIONS.filter((r) => r.regionalCarrier).every((r) => r.zoneExtraDays >= 1.5)).toBe(true);
  });
});
