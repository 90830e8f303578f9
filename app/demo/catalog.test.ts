import { describe, expect, it } from "vitest";
import { CATALOG, RETURN_RATE_BY_CATEGORY, buildPriceIndex, countAtOrBelow } from "./catalog";

describe("catalog", () => {
  it("lacks a unit cost for 15% of products, as real stores do", () => {
    const missing = CATALOG.filter((p) => p.unitCostCents === null).length;
    expect(missing / CATALOG.length).toBeCloseTo(0.15, 5);
  });

  it("has positive prices, costs below prices, and digital gift cards that do not ship", () => {
    for (const product of CATALOG) {
      expect(product.priceCents).toBeGreaterThan(0);
      if (product.unitCostCents !== null) expect(product.unitCostCents).toBeLessThan(product.priceCents);
      if (!product.requiresShipping) expect(product.title).toMatch(/Gift Card/);
    }
    expect(RETURN_RATE_BY_CATEGORY.apparel).toBeGreaterThan(RETURN_RATE_BY_CATEGORY.beauty);
  });

  it("indexes products by price for 'what can I afford' lookups", () => {
    const index = buildPriceIndex();
    for (let k = 1; k < index.prices.length; k++) expect(index.prices[k]).toBeGreaterThanOrEqual(index.prices[k - 1]);
    const cheapest = index.prices[0];
    expect(countAtOrBelow(index, cheapest - 1)).toBe(0);
    expect(countAtOrBelow(index, cheapest)).toBe(CATALOG.filter((p) => p.priceCents === cheapest).length);
    expect(countAtOrBelow(index, 1e9)).toBe(CATALOG.length);
    expect(countAtOrBelow(index, 3000)).toBe(CATALOG.filter((p) => p.priceCents <= 3000).length);
  });
});
