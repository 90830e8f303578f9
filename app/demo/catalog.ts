/**
 * The demo store's products: a small lifestyle brand (apparel, accessories,
 * home, beauty) plus gift cards. Prices and costs are integer cents.
 *
 * Unit cost is missing for 6 of 40 products (15%), as in real stores where
 * merchants never filled "Cost per item"; gift cards never have one.
 */

export type ProductCategory = "apparel" | "accessories" | "home" | "beauty" | "gift";

export interface Product {
  title: string;
  category: ProductCategory;
  priceCents: number;
  /** null when the merchant has not set a cost. */
  unitCostCents: number | null;
  requiresShipping: boolean;
  /** Relative sales weight. */
  popularity: number;
}

/** Chance a delivered unit of the category is returned (before the late-arrival uplift). */
export const RETURN_RATE_BY_CATEGORY: Readonly<Record<ProductCategory, number>> = {
  apparel: 0.12,
  accessories: 0.05,
  home: 0.035,
  beauty: 0.02,
  gift: 0,
};

function product(
  title: string,
  category: ProductCategory,
  price: number,
  costShare: number | null,
  popularity: number,
  requiresShipping = true,
): Product {
  const priceCents = Math.round(price * 100);
  return {
    title,
    category,
    priceCents,
    unitCostCents: costShare === null ? null : Math.round(priceCents * costShare),
    requiresShipping,
    popularity,
  };
}

export const CATALOG: readonly Product[] = [
  product("Merino Crew Tee", "apparel", 38, 0.36, 9),
  product("Linen Button Shirt", "apparel", 68, 0.4, 5),
  product("Everyday Hoodie", "apparel", 78, 0.38, 7),
  product("Relaxed Chino", "apparel", 72, 0.41, 5),
  product("Wool Beanie", "apparel", 28, 0.3, 6),
  product("Rain Shell Jacket", "apparel", 148, 0.45, 3),
  product("Organic Socks 3-Pack", "apparel", 22, 0.28, 8),
  product("Knit Cardigan", "apparel", 96, null, 3),
  product("Puffer Vest", "apparel", 118, 0.44, 3),
  product("Running Shorts", "apparel", 45, 0.35, 4),
  product("Denim Jacket", "apparel", 128, 0.47, 2),
  product("Flannel Shirt", "apparel", 64, 0.39, 4),
  product("Leather Wallet", "accessories", 55, 0.33, 4),
  product("Canvas Tote", "accessories", 34, 0.27, 6),
  product("Polarized Sunglasses", "accessories", 85, null, 3),
  product("Watch Strap", "accessories", 29, 0.25, 3),
  product("Travel Backpack", "accessories", 139, 0.46, 2),
  product("Silk Scarf", "accessories", 58, 0.35, 3),
  product("Leather Belt", "accessories", 48, 0.34, 3),
  product("Key Organizer", "accessories", 19, 0.22, 4),
  product("Ceramic Mug Set", "home", 42, 0.4, 5),
  product("Soy Scented Candle", "home", 26, 0.24, 8),
  product("Linen Throw", "home", 89, 0.42, 3),
  product("Cast Iron Skillet", "home", 65, null, 2),
  product("Pour-Over Coffee Kit", "home", 54, 0.38, 3),
  product("Wool Blanket", "home", 159, 0.5, 2),
  product("Terracotta Planter", "home", 32, 0.3, 3),
  product("Glass Carafe", "home", 30, 0.33, 3),
  product("Walnut Cutting Board", "home", 44, 0.37, 3),
  product("Botanical Face Oil", "beauty", 36, 0.2, 5),
  product("Hand Cream", "beauty", 18, 0.18, 7),
  product("Lip Balm Trio", "beauty", 14, 0.2, 6),
  product("Cedar Body Wash", "beauty", 22, null, 5),
  product("Shave Kit", "beauty", 75, 0.36, 2),
  product("Mineral Bath Salts", "beauty", 24, 0.19, 4),
  product("Hair Serum", "beauty", 39, 0.22, 3),
  product("Gift Wrap", "gift", 6, 0.25, 3),
  product("Digital Gift Card $50", "gift", 50, null, 1.2, false),
  product("Digital Gift Card $100", "gift", 100, null, 0.6, false),
  product("Mini Candle", "gift", 12, 0.3, 4),
];

/** Indices of `CATALOG` sorted by price, with cumulative popularity, for "a product under $X" draws. */
export interface PriceIndex {
  order: Int32Array;
  prices: Float64Array;
  cumulativePopularity: Float64Array;
}

export function buildPriceIndex(products: readonly Product[] = CATALOG): PriceIndex {
  const order = Int32Array.from(products.map((_, i) => i)).sort((a, b) => products[a].priceCents - products[b].priceCents || a - b);
  const prices = new Float64Array(order.length);
  const cumulativePopularity = new Float64Array(order.length);
  let sum = 0;
  for (let k = 0; k < order.length; k++) {
    prices[k] = products[order[k]].priceCents;
    sum += products[order[k]].popularity;
    cumulativePopularity[k] = sum;
  }
  return { order, prices, cumulativePopularity };
}

/** Number of products (in price order) priced at or below `cents`. */
export function countAtOrBelow(index: PriceIndex, cents: number): number {
  let low = 0;
  let high = index.prices.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (index.prices[mid] <= cents) low = mid + 1;
    else high = mid;
  }
  return low;
}
