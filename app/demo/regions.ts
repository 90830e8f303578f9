/**
 * Destinations of the demo store, which ships from a warehouse in New Jersey
 * and runs a shop in Brooklyn (Point of Sale, local pickup and delivery).
 * Only country and province codes: finer location is protected customer data.
 */

export interface Region {
  countryCode: string;
  /** Shopify province code; null for countries checkout does not split (GB, DE). */
  provinceCode: string | null;
  /** Share of customers living there. */
  weight: number;
  /** Extra ground transit, in business days, for distance from the New Jersey warehouse. */
  zoneExtraDays: number;
  /** Sales tax (or GST/HST) charged at checkout; 0 where duties are paid on delivery. */
  taxRate: number;
  /** Served by the regional carrier (OnTrac) for the Standard rate. */
  regionalCarrier: boolean;
  /** Within reach of the Brooklyn shop: local delivery and pickup are offered. */
  local: boolean;
}

function us(province: string, weight: number, zoneExtraDays: number, taxRate: number, flags: { west?: boolean; local?: boolean } = {}): Region {
  return {
    countryCode: "US",
    provinceCode: province,
    weight,
    zoneExtraDays,
    taxRate,
    regionalCarrier: flags.west ?? false,
    local: flags.local ?? false,
  };
}

function abroad(country: string, province: string | null, weight: number, taxRate: number): Region {
  return { countryCode: country, provinceCode: province, weight, zoneExtraDays: 0, taxRate, regionalCarrier: false, local: false };
}

/** Weights are roughly population shares (US ~86%, the rest abroad). */
export const REGIONS: readonly Region[] = [
  us("CA", 11.7, 1.5, 0.0825, { west: true }),
  us("TX", 9.0, 1.0, 0.0625),
  us("FL", 6.7, 1.0, 0.06),
  us("NY", 5.9, 0, 0.08, { local: true }),
  us("PA", 3.9, 0, 0.06),
  us("IL", 3.8, 0.5, 0.0625),
  us("OH", 3.5, 0.5, 0.0575),
  us("GA", 3.3, 0.5, 0.04),
  us("NC", 3.2, 0.5, 0.0475),
  us("MI", 3.0, 0.5, 0.06),
  us("NJ", 2.8, 0, 0.06625, { local: true }),
  us("VA", 2.6, 0, 0.053),
  us("WA", 2.3, 1.5, 0.065, { west: true }),
  us("AZ", 2.2, 1.5, 0.056, { west: true }),
  us("MA", 2.1, 0, 0.0625),
  us("TN", 2.1, 0.5, 0.07),
  us("IN", 2.0, 0.5, 0.07),
  us("MD", 1.8, 0, 0.06),
  us("MO", 1.8, 1.0, 0.04225),
  us("WI", 1.8, 1.0, 0.05),
  us("CO", 1.8, 1.0, 0.029),
  us("MN", 1.7, 1.0, 0.06875),
  us("SC", 1.6, 0.5, 0.06),
  us("AL", 1.5, 0.5, 0.04),
  us("LA", 1.4, 1.0, 0.0445),
  us("KY", 1.4, 0.5, 0.06),
  us("OR", 1.3, 1.5, 0, { west: true }),
  us("OK", 1.2, 1.0, 0.045),
  us("CT", 1.1, 0, 0.0635),
  us("UT", 1.0, 1.5, 0.061, { west: true }),
  us("IA", 0.9, 1.0, 0.06),
  us("NV", 0.9, 1.5, 0.0685, { west: true }),
  us("AR", 0.9, 1.0, 0.065),
  us("MS", 0.9, 1.0, 0.07),
  us("KS", 0.9, 1.0, 0.065),
  us("NM", 0.6, 1.5, 0.05),
  us("NE", 0.6, 1.0, 0.055),
  us("ID", 0.6, 1.5, 0.06),
  us("WV", 0.5, 0.5, 0.06),
  us("HI", 0.4, 3.0, 0.04),
  us("NH", 0.4, 0, 0),
  us("ME", 0.4, 0.5, 0.055),
  us("MT", 0.3, 1.5, 0),
  us("RI", 0.3, 0, 0.07),
  us("DE", 0.3, 0, 0),
  us("SD", 0.3, 1.0, 0.045),
  us("ND", 0.2, 1.0, 0.05),
  us("AK", 0.2, 3.0, 0),
  us("DC", 0.2, 0, 0.06),
  us("VT", 0.2, 0.5, 0.06),
  us("WY", 0.2, 1.5, 0.04),
  abroad("CA", "ON", 2.5, 0.13),
  abroad("CA", "BC", 1.2, 0.05),
  abroad("CA", "QC", 1.0, 0.05),
  abroad("CA", "AB", 0.8, 0.05),
  abroad("GB", null, 3.0, 0),
  abroad("AU", "NSW", 1.0, 0),
  abroad("AU", "VIC", 0.8, 0),
  abroad("AU", "QLD", 0.5, 0),
  abroad("DE", null, 1.5, 0),
];

/** The shop's own region (Brooklyn): Point of Sale orders happen here. */
export const SHOP_REGION_INDEX = REGIONS.findIndex((r) => r.countryCode === "US" && r.provinceCode === "NY");

export function isDomestic(region: Region): boolean {
  return region.countryCode === "US";
}
