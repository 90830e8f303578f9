/**
 * Customer behaviour of the demo store.
 *
 * Purchases follow a BG/NBD process (Fader, Hardie & Lee 2005): while alive, a
 * customer buys as a Poisson process with rate lambda ~ Gamma(r, alpha) per week
 * (alpha is a rate: mean lambda = r / alpha), and after each purchase drops out
 * for good with probability p ~ Beta(a, b). Purchase times are thinned by the
 * season (Q4 peak; gift-givers follow a sharper gift calendar). Spend follows
 * the Gamma-Gamma model: order value ~ Gamma(q, nu), nu ~ Gamma(g, gamma) per customer.
 */
import type { SpeedClass } from "./carriers";

export type ProfileKey = "regular" | "speed" | "price" | "gift" | "first_of_month";

export interface CustomerProfile {
  key: ProfileKey;
  /** Share of new customers. */
  share: number;
  /** lambda ~ Gamma(shape r, rate alpha), purchases per week. */
  purchaseRate: { r: number; alpha: number };
  /** p ~ Beta(a, b), chance to drop out after each purchase. */
  dropout: { a: number; b: number };
  spendMultiplier: number;
  /** Weights of economy / standard / express rates. */
  speedChoice: Readonly<Record<SpeedClass, number>>;
  discountCodeRate: number;
  /** Share of orders sent as gifts, outside and inside Nov 15-Dec 24. */
  giftRate: number;
  holidayGiftRate: number;
  season: "general" | "gift";
  /** The checkout-question answer this profile gives when answering "in character". */
  statedSpeedVsCost: "speed" | "cost" | "balanced";
}

export const PROFILES: readonly CustomerProfile[] = [
  {
    key: "regular",
    share: 0.4,
    purchaseRate: { r: 0.6, alpha: 14 },
    dropout: { a: 1.2, b: 2.2 },
    spendMultiplier: 1,
    speedChoice: { economy: 0.3, standard: 0.55, express: 0.15 },
    discountCodeRate: 0.08,
    giftRate: 0.04,
    holidayGiftRate: 0.15,
    season: "general",
    statedSpeedVsCost: "balanced",
  },
  {
    key: "speed",
    share: 0.15,
    purchaseRate: { r: 0.7, alpha: 13 },
    dropout: { a: 1.2, b: 2.6 },
    spendMultiplier: 1.15,
    speedChoice: { economy: 0.05, standard: 0.25, express: 0.7 },
    discountCodeRate: 0.05,
    giftRate: 0.05,
    holidayGiftRate: 0.15,
    season: "general",
    statedSpeedVsCost: "speed",
  },
  {
    key: "price",
    share: 0.25,
    purchaseRate: { r: 0.55, alpha: 13 },
    dropout: { a: 1.4, b: 1.9 },
    spendMultiplier: 0.8,
    speedChoice: { economy: 0.72, standard: 0.25, express: 0.03 },
    discountCodeRate: 0.45,
    giftRate: 0.03,
    holidayGiftRate: 0.12,
    season: "general",
    statedSpeedVsCost: "cost",
  },
  {
    key: "gift",
    share: 0.12,
    purchaseRate: { r: 0.55, alpha: 18 },
    dropout: { a: 1.0, b: 2.2 },
    spendMultiplier: 1.2,
    speedChoice: { economy: 0.15, standard: 0.5, express: 0.35 },
    discountCodeRate: 0.1,
    giftRate: 0.55,
    holidayGiftRate: 0.8,
    season: "gift",
    statedSpeedVsCost: "balanced",
  },
  {
    key: "first_of_month",
    share: 0.08,
    // About one order a month, bought on the 1st-3rd (payday / restock routine).
    purchaseRate: { r: 6, alpha: 32 },
    dropout: { a: 0.8, b: 7 },
    spendMultiplier: 0.9,
    speedChoice: { economy: 0.4, standard: 0.5, express: 0.1 },
    discountCodeRate: 0.06,
    giftRate: 0.02,
    holidayGiftRate: 0.06,
    season: "general",
    statedSpeedVsCost: "balanced",
  },
];

/** Orders without a customer account: their repeats cannot be followed. */
export const GUEST_SHARE = 0.12;

/**
 * Gamma-Gamma spend (cents): order value ~ Gamma(shape q, rate nu), nu ~ Gamma(g, rate gamma),
 * so a customer's mean order is q / nu and the store mean q * gamma / (g - 1) = $85.
 */
export const SPEND = { q: 4, g: 3.5, gammaCents: 5312.5 } as const;

/**
 * The effect the analytics must find: a bad first delivery (arrived after the promised
 * date, or failed) multiplies the chance to stay active after that order by
 * `survivalMultiplier`, i.e. lowers the chance of ever buying again by 30% relative.
 */
export const LATE_FIRST_DELIVERY_EFFECT = {
  survivalMultiplier: 0.7,
  relativeRepeatReduction: 0.3,
  appliesTo: "first order only; bad = delivered after promisedDeliveryAt, or a FAILURE",
} as const;

export type ChannelKey = "online" | "shop" | "social" | "pos" | "draft";

export interface SalesChannel {
  key: ChannelKey;
  /** `Order.sourceName`. App channels report their app id (illustrative ids here). */
  sourceName: string;
  /** `Order.app.name`. */
  appName: string;
  /** Share of customers for whom this is the usual channel. */
  homeShare: number;
  /** Checkout runs our extension, so the preferences question can be answered. */
  checkoutExtension: boolean;
}

export const CHANNELS: Readonly<Record<ChannelKey, SalesChannel>> = {
  online: { key: "online", sourceName: "web", appName: "Online Store", homeShare: 0.7, checkoutExtension: true },
  shop: { key: "shop", sourceName: "3890849", appName: "Shop", homeShare: 0.1, checkoutExtension: true },
  social: { key: "social", sourceName: "2329312", appName: "Facebook & Instagram", homeShare: 0.07, checkoutExtension: true },
  pos: { key: "pos", sourceName: "pos", appName: "Point of Sale", homeShare: 0.1, checkoutExtension: false },
  // Wholesale orders keyed in by staff as draft orders (big quantities, net-30 terms).
  draft: { key: "draft", sourceName: "shopify_draft_order", appName: "Draft Orders", homeShare: 0.03, checkoutExtension: false },
};

export const CHANNEL_KEYS: readonly ChannelKey[] = ["online", "shop", "social", "pos", "draft"];

/** Chance an order goes through the customer's usual channel (else the Online Store). */
export const HOME_CHANNEL_LOYALTY = 0.8;

/** Wholesale (draft order) baskets: each line's quantity multiplied, with a trade discount. */
export const WHOLESALE = { quantityMultiplier: 6, discountRate: 0.3, paymentTermsDays: 30 } as const;

/** Zero-party checkout answers ("delivery preferences" metafield). */
export const PREFERENCES = {
  /** Share of checkouts (with our extension) where the shopper answers. */
  answerRate: 0.34,
  /** Chance an answer matches the shopper's behaviour; otherwise it is drawn at random. */
  consistency: 0.8,
} as const;

/** Discount codes and what they take off. */
export const DISCOUNT_CODES = {
  welcome: { code: "WELCOME10", percent: 10 },
  regular: { code: "SAVE15", percent: 15 },
  vip: { code: "VIP20", percent: 20 },
  holiday: { code: "BFCM25", percent: 25 },
  freeShipping: { code: "FREESHIP", percent: 0 },
} as const;
