/**
 * Carriers, their services, and the rates shown at the demo store's checkout.
 *
 * Timing model (all in business days, Monday-Friday):
 *  - processing (order -> label) is in `PROCESSING` (warehouse working hours);
 *  - the carrier collects at 17:00 on the label's day if printed before 16:00;
 *  - transit (pickup -> delivery) ~ LogNormal(median, sigma), the median
 *    growing with distance (`zoneExtraDays * zoneSensitivity`);
 *  - DELAYED adds 1 + Poisson(1) days, ATTEMPTED_DELIVERY one more day,
 *    FAILURE ends the journey undelivered (returned to sender, refunded).
 * In the peak season processing is 1.6x slower, transit 1.12x, delays 2x.
 */
import type { Random } from "./random";

export type CarrierKey = "ups" | "usps" | "fedex" | "dhl" | "ontrac";

export interface Carrier {
  /** `trackingInfo.company` as Shopify names it. */
  company: string;
  /** Share of tracked shipments for which the carrier sends events to Shopify. */
  eventCoverage: number;
  /**
   * Carriers without an event feed: share of shipments whose fulfillment app
   * still stamps `inTransitAt`/`deliveredAt` (the rest show nothing after the label).
   */
  milestoneCoverage: number;
  trackingNumber(rng: Random): string;
}

/** `count` random decimal digits, nine per 32-bit draw. */
function digits(rng: Random, count: number): string {
  let out = "";
  while (out.length < count) out += String(rng.nextUint32() % 1_000_000_000).padStart(9, "0");
  return out.slice(0, count);
}

const ALNUM = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ";
function alnum(rng: Random, count: number): string {
  let out = "";
  for (let i = 0; i < count; i++) out += ALNUM[rng.nextUint32() % ALNUM.length];
  return out;
}

export const CARRIERS: Readonly<Record<CarrierKey, Carrier>> = {
  ups: { company: "UPS", eventCoverage: 0.97, milestoneCoverage: 0, trackingNumber: (rng) => `1Z${alnum(rng, 6)}${digits(rng, 10)}` },
  usps: { company: "USPS", eventCoverage: 0.93, milestoneCoverage: 0, trackingNumber: (rng) => `9400${digits(rng, 18)}` },
  fedex: { company: "FedEx", eventCoverage: 0.97, milestoneCoverage: 0, trackingNumber: (rng) => digits(rng, 12) },
  dhl: { company: "DHL Express", eventCoverage: 0.95, milestoneCoverage: 0, trackingNumber: (rng) => digits(rng, 10) },
  // Regional carrier without a Shopify event feed: only its 3PL app's milestones, sometimes.
  ontrac: { company: "OnTrac", eventCoverage: 0, milestoneCoverage: 0.75, trackingNumber: (rng) => `C${digits(rng, 14)}` },
};

export type ServiceKey =
  | "usps_ground_advantage"
  | "usps_priority"
  | "ups_ground"
  | "ontrac_ground"
  | "ups_2nd_day_air"
  | "fedex_2day"
  | "ups_next_day_air_saver"
  | "ups_next_day_air"
  | "dhl_express_worldwide"
  | "usps_international";

export interface CarrierService {
  carrier: CarrierKey;
  /** Median pickup -> delivery, business days, for the nearest zone. */
  transitMedianDays: number;
  transitSigma: number;
  /** How much of the region's extra distance applies (air services barely care). */
  zoneSensitivity: number;
  /** Express labels are packed first. */
  processingFactor: number;
  delayRate: number;
  attemptRate: number;
  failureRate: number;
}

export const CARRIER_SERVICES: Readonly<Record<ServiceKey, CarrierService>> = {
  usps_ground_advantage: { carrier: "usps", transitMedianDays: 3.0, transitSigma: 0.3, zoneSensitivity: 1, processingFactor: 1, delayRate: 0.05, attemptRate: 0.02, failureRate: 0.008 },
  usps_priority: { carrier: "usps", transitMedianDays: 1.6, transitSigma: 0.25, zoneSensitivity: 0.5, processingFactor: 0.9, delayRate: 0.045, attemptRate: 0.02, failureRate: 0.006 },
  ups_ground: { carrier: "ups", transitMedianDays: 1.9, transitSigma: 0.22, zoneSensitivity: 0.8, processingFactor: 1, delayRate: 0.035, attemptRate: 0.025, failureRate: 0.005 },
  ontrac_ground: { carrier: "ontrac", transitMedianDays: 1.6, transitSigma: 0.3, zoneSensitivity: 0, processingFactor: 1, delayRate: 0.08, attemptRate: 0.04, failureRate: 0.015 },
  ups_2nd_day_air: { carrier: "ups", transitMedianDays: 2, transitSigma: 0.08, zoneSensitivity: 0, processingFactor: 0.5, delayRate: 0.02, attemptRate: 0.02, failureRate: 0.003 },
  fedex_2day: { carrier: "fedex", transitMedianDays: 2, transitSigma: 0.1, zoneSensitivity: 0, processingFactor: 0.5, delayRate: 0.025, attemptRate: 0.02, failureRate: 0.003 },
  ups_next_day_air_saver: { carrier: "ups", transitMedianDays: 1, transitSigma: 0.12, zoneSensitivity: 0.1, processingFactor: 0.4, delayRate: 0.02, attemptRate: 0.02, failureRate: 0.003 },
  ups_next_day_air: { carrier: "ups", transitMedianDays: 1, transitSigma: 0.06, zoneSensitivity: 0, processingFactor: 0.3, delayRate: 0.015, attemptRate: 0.015, failureRate: 0.002 },
  dhl_express_worldwide: { carrier: "dhl", transitMedianDays: 2.6, transitSigma: 0.2, zoneSensitivity: 0, processingFactor: 0.5, delayRate: 0.05, attemptRate: 0.03, failureRate: 0.006 },
  usps_international: { carrier: "usps", transitMedianDays: 8, transitSigma: 0.28, zoneSensitivity: 0, processingFactor: 1, delayRate: 0.09, attemptRate: 0.03, failureRate: 0.015 },
};

/** Warehouse processing, in working hours (Mon-Fri 08:00-18:00 UTC). */
export const PROCESSING = {
  medianHours: 5,
  sigma: 0.8,
  /** Orders waiting for stock: 2-8 extra working days. */
  backorderRate: 0.02,
  peakSlowdown: 1.6,
  /** Labels printed after this hour wait for the next day's pickup. */
  pickupCutoffHour: 16,
  pickupHour: 17,
  /** Label created but the parcel handed over a business day late. */
  pickupLagRate: 0.03,
  /** Fulfillments marked fulfilled without any tracking number. */
  untrackedRate: 0.03,
  /** Orders shipped in two parcels, the second a few days later. */
  splitShipmentRate: 0.04,
} as const;

export const PEAK = { transitFactor: 1.12, delayFactor: 2 } as const;

export type SpeedClass = "economy" | "standard" | "express";
export type RateKind = "shipping" | "local" | "pickup";

/**
 * A rate at checkout. `windowInTitle` rates are the merchant's manual rates
 * ("Standard (3-5 business days)"); the others are carrier-calculated, named by
 * the carrier, with the promise in `fulfillmentOrders.deliveryMethod`. Windows
 * count business days after the order date; calculated rates include one
 * business day of handling before the carrier's own transit time.
 */
export interface ShippingRate {
  key: string;
  title: string;
  code: string;
  /** `ShippingLine.source`: "shopify" for manual rates, the carrier for calculated ones. */
  source: string;
  /** Set when a third-party carrier service computed the rate. */
  carrierIdentifier: string | null;
  kind: RateKind;
  speedClass: SpeedClass;
  /** Promised delivery window, business days after the order date. */
  minDays: number;
  maxDays: number;
  windowInTitle: boolean;
  basePriceCents: number;
  /** Added per extra zone day for calculated rates. */
  zonePriceCents: number;
  /** Rate becomes free (titled "Free Shipping") at or above this subtotal. */
  freeOverCents: number | null;
  service: ServiceKey | null;
  /** Regional carrier replacing `service` where the region has one. */
  regionalService: ServiceKey | null;
  domestic: boolean;
}

function rate(r: Omit<ShippingRate, "carrierIdentifier" | "zonePriceCents" | "freeOverCents" | "regionalService"> & Partial<ShippingRate>): ShippingRate {
  return { carrierIdentifier: null, zonePriceCents: 0, freeOverCents: null, regionalService: null, ...r };
}

export const SHIPPING_RATES = {
  economy: rate({ key: "economy", title: "Economy (5-8 business days)", code: "Economy", source: "shopify", kind: "shipping", speedClass: "economy", minDays: 5, maxDays: 8, windowInTitle: true, basePriceCents: 495, freeOverCents: 7500, service: "usps_ground_advantage", domestic: true }),
  standard: rate({ key: "standard", title: "Standard (3-5 business days)", code: "Standard", source: "shopify", kind: "shipping", speedClass: "standard", minDays: 3, maxDays: 5, windowInTitle: true, basePriceCents: 795, service: "ups_ground", regionalService: "ontrac_ground", domestic: true }),
  uspsPriority: rate({ key: "usps_priority", title: "USPS Priority Mail", code: "Priority", source: "usps", kind: "shipping", speedClass: "standard", minDays: 2, maxDays: 4, windowInTitle: false, basePriceCents: 940, zonePriceCents: 160, service: "usps_priority", domestic: true }),
  fedex2Day: rate({ key: "fedex_2day", title: "FedEx 2Day®", code: "FEDEX_2_DAY", source: "fedex", kind: "shipping", speedClass: "express", minDays: 3, maxDays: 3, windowInTitle: false, basePriceCents: 1850, zonePriceCents: 220, service: "fedex_2day", domestic: true }),
  ups2ndDay: rate({ key: "ups_2nd_day_air", title: "UPS® 2nd Day Air", code: "02", source: "ups", kind: "shipping", speedClass: "express", minDays: 3, maxDays: 3, windowInTitle: false, basePriceCents: 1990, zonePriceCents: 240, service: "ups_2nd_day_air", domestic: true }),
  express: rate({ key: "express", title: "Express (1-2 business days)", code: "Express", source: "shopify", kind: "shipping", speedClass: "express", minDays: 1, maxDays: 2, windowInTitle: true, basePriceCents: 2495, service: "ups_next_day_air_saver", domestic: true }),
  upsNextDay: rate({ key: "ups_next_day_air", title: "UPS Next Day Air®", code: "01", source: "ups", kind: "shipping", speedClass: "express", minDays: 2, maxDays: 2, windowInTitle: false, basePriceCents: 3290, zonePriceCents: 310, service: "ups_next_day_air", domestic: true }),
  localDelivery: rate({ key: "local_delivery", title: "Local Delivery", code: "Local Delivery", source: "shopify", kind: "local", speedClass: "express", minDays: 0, maxDays: 1, windowInTitle: false, basePriceCents: 500, service: null, domestic: true }),
  pickup: rate({ key: "pickup", title: "Pickup at Brooklyn Studio", code: "Pickup at Brooklyn Studio", source: "shopify", kind: "pickup", speedClass: "standard", minDays: 0, maxDays: 1, windowInTitle: false, basePriceCents: 0, service: null, domestic: true }),
  dhlExpress: rate({ key: "dhl_express_worldwide", title: "DHL Express Worldwide", code: "P", source: "DHL Express", carrierIdentifier: "650f1a14fa979ec5c74d063e968411d4", kind: "shipping", speedClass: "express", minDays: 2, maxDays: 5, windowInTitle: false, basePriceCents: 3450, service: "dhl_express_worldwide", domestic: false }),
  internationalStandard: rate({ key: "international_standard", title: "International Standard (7-14 business days)", code: "International Standard", source: "shopify", kind: "shipping", speedClass: "economy", minDays: 7, maxDays: 14, windowInTitle: true, basePriceCents: 1495, service: "usps_international", domestic: false }),
} as const satisfies Record<string, ShippingRate>;

export type ShippingRateKey = keyof typeof SHIPPING_RATES;

/** Which rate a shopper of a given speed class picks, with weights, at home and abroad. */
export const RATE_CHOICE: Readonly<Record<SpeedClass, { domestic: Array<[ShippingRateKey, number]>; international: Array<[ShippingRateKey, number]> }>> = {
  economy: { domestic: [["economy", 1]], international: [["internationalStandard", 1]] },
  standard: { domestic: [["standard", 0.6], ["uspsPriority", 0.4]], international: [["internationalStandard", 0.7], ["dhlExpress", 0.3]] },
  express: { domestic: [["fedex2Day", 0.3], ["ups2ndDay", 0.2], ["express", 0.35], ["upsNextDay", 0.15]], international: [["dhlExpress", 1]] },
};

/** Share of online orders from the shop's neighbourhood that use local delivery or pickup. */
export const LOCAL_OPTION_RATE = { localDelivery: 0.06, pickup: 0.08 } as const;
