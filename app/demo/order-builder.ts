/**
 * Builds one Admin-shaped order for a customer at a given instant: channel,
 * basket, discounts, shipping rate, taxes, cancellation, fulfillment journey,
 * returns, refunds and checkout answers, all as visible at `asOf`.
 *
 * Amounts are integer cents until printed, so that totals add up exactly.
 */
import type {
  AdminDeliveryMethod,
  AdminFinancialStatus,
  AdminFulfillment,
  AdminLineItem,
  AdminMoneyBag,
  AdminOrder,
  AdminOrderCancelReason,
  AdminRefund,
  AdminReturn,
  DeliveryPreferencesJson,
} from "./admin-order";
import { DAY_MS, HOUR_MS, MINUTE_MS, addWorkingHours, isoSeconds, wholeSecond } from "./calendar";
import { CATALOG, RETURN_RATE_BY_CATEGORY, countAtOrBelow, type PriceIndex } from "./catalog";
import { PROCESSING, RATE_CHOICE, SHIPPING_RATES, LOCAL_OPTION_RATE, type ShippingRate, type ShippingRateKey, type SpeedClass } from "./carriers";
import {
  CHANNELS,
  DISCOUNT_CODES,
  HOME_CHANNEL_LOYALTY,
  PREFERENCES,
  SPEND,
  WHOLESALE,
  type ChannelKey,
  type CustomerProfile,
} from "./customers";
import { cumulative, type Random } from "./random";
import { REGIONS, isDomestic } from "./regions";
import { RETURN_BEHAVIOUR, drawReturnReason } from "./returns";
import { isBfcm, isPeakSeason } from "./seasonality";
import { renderFulfillment, simulateShipment, type ShipmentTimeline } from "./shipment";
import { addBusinessDays, promiseFromBusinessDayWindow } from "../sync/map-admin-order";

/** Gid bases: 13-digit ids like a recent shop's. */
export const ID_BASES = { order: 6_100_000_000_000, customer: 7_300_000_000_000, fulfillment: 5_200_000_000_000 } as const;

export const CANCELLATION = {
  rate: 0.02,
  /** Hours after the order ~ LogNormal(median 3, sigma 1.1), capped at 48. */
  delayMedianHours: 3,
  delaySigma: 1.1,
  reasons: [
    ["CUSTOMER", 0.55],
    ["INVENTORY", 0.2],
    ["FRAUD", 0.1],
    ["DECLINED", 0.1],
    ["OTHER", 0.05],
  ] as Array<[AdminOrderCancelReason, number]>,
} as const;

export const GIFT_BEHAVIOUR = {
  /** Gifts sent to someone elsewhere (another region). */
  elsewhereRate: 0.85,
  /** Gift shipped to a different address than billing. */
  differentAddressRate: 0.9,
  giftMessageRate: 0.6,
  giftNoteRate: 0.5,
  /** Non-gift orders whose billing address differs anyway (work address, moved). */
  nonGiftDifferentAddressRate: 0.05,
  /** Gift-givers upgrade to express in the holiday rush. */
  holidayExpressRate: 0.3,
} as const;

const GIFT_MESSAGES = ["Happy birthday!", "Merry Christmas!", "Congratulations on the new place!", "Thinking of you.", "Happy holidays!", "Thank you for everything."];

/** The customer, as the builder sees them for one order. */
export interface CustomerSnapshot {
  /** 1-based running number; 0 for a guest (no customer record). */
  customerNumber: number;
  guest: boolean;
  profile: CustomerProfile;
  /** Gamma-Gamma rate nu: mean order value is SPEND.q / nu cents. */
  spendRate: number;
  regionIndex: number;
  homeChannel: ChannelKey;
  /** 1 for the customer's first order. */
  orderNumber: number;
}

export interface BuildContext {
  asOf: number;
  currency: string;
  priceIndex: PriceIndex;
  regionWeights: Float64Array;
  nextFulfillmentNumber: () => number;
}

export interface BuiltOrder {
  order: AdminOrder;
  /** Some parcel of this order arrived after the promise, or failed (the hidden truth, visible or not). */
  badDelivery: boolean;
}

const SPEED_CLASSES: readonly SpeedClass[] = ["economy", "standard", "express"];
const CHOICE_TABLES = Object.fromEntries(
  SPEED_CLASSES.map((speed) => [
    speed,
    {
      domestic: { keys: RATE_CHOICE[speed].domestic.map(([k]) => k), weights: cumulative(RATE_CHOICE[speed].domestic.map(([, w]) => w)) },
      international: { keys: RATE_CHOICE[speed].international.map(([k]) => k), weights: cumulative(RATE_CHOICE[speed].international.map(([, w]) => w)) },
    },
  ]),
) as Record<SpeedClass, Record<"domestic" | "international", { keys: ShippingRateKey[]; weights: Float64Array }>>;
const CANCEL_REASON_WEIGHTS = cumulative(CANCELLATION.reasons.map(([, w]) => w));
const WINDOW_WEIGHTS = cumulative([0.45, 0.25, 0.18, 0.12]);
const WINDOWS = ["any", "evening", "morning", "afternoon"] as const;
const DAYS_WEIGHTS = cumulative([0.6, 0.25, 0.15]);
const DAYS = ["any", "weekdays", "weekend"] as const;
const SPEED_ANSWERS = ["speed", "cost", "balanced"] as const;

function formatDecimal(cents: number): string {
  const whole = Math.trunc(cents / 100);
  const rest = Math.abs(cents % 100);
  const sign = cents < 0 && whole === 0 ? "-" : "";
  if (rest === 0) return `${sign}${whole}.0`;
  return rest % 10 === 0 ? `${sign}${whole}.${rest / 10}` : `${sign}${whole}.${rest < 10 ? "0" : ""}${rest}`;
}

interface BasketLine {
  product: number;
  quantity: number;
}

export function buildOrder(rng: Random, ctx: BuildContext, customer: CustomerSnapshot, at: number, sequence: number): BuiltOrder {
  const createdAt = wholeSecond(at);
  const { asOf, currency } = ctx;
  const profile = customer.profile;
  const money = (cents: number): AdminMoneyBag => ({ shopMoney: { amount: formatDecimal(cents), currencyCode: currency } });

  let channel = customer.homeChannel;
  if (channel !== "online" && !rng.chance(HOME_CHANNEL_LOYALTY)) channel = "online";
  const pos = channel === "pos";
  const wholesale = channel === "draft";
  const holiday = isPeakSeason(createdAt);
  const gift = !pos && !wholesale && rng.chance(holiday ? profile.holidayGiftRate : profile.giftRate);
  const regionIndex = gift && rng.chance(GIFT_BEHAVIOUR.elsewhereRate) ? rng.pickIndex(ctx.regionWeights) : customer.regionIndex;
  const region = REGIONS[regionIndex];

  // Basket: a Gamma-Gamma order value, filled with products the shopper can afford.
  const targetCents = rng.gamma(SPEND.q, 1 / customer.spendRate) * profile.spendMultiplier;
  const lines = fillBasket(rng, ctx.priceIndex, targetCents);
  if (wholesale) for (const line of lines) line.quantity *= WHOLESALE.quantityMultiplier;

  // Discounts: a percentage on every line, or free shipping.
  let discount: { code: string; percent: number } | null = null;
  if (!pos && !wholesale) {
    if (customer.orderNumber === 1 && !customer.guest && rng.chance(0.25)) discount = DISCOUNT_CODES.welcome;
    else if (isBfcm(createdAt) && rng.chance(profile.key === "price" ? 0.8 : 0.45)) discount = DISCOUNT_CODES.holiday;
    else if (rng.chance(profile.discountCodeRate)) {
      const u = rng.next();
      discount = u < 0.5 ? DISCOUNT_CODES.regular : u < 0.8 || customer.orderNumber < 3 ? DISCOUNT_CODES.freeShipping : DISCOUNT_CODES.vip;
    }
  }
  const discountCode = discount?.code ?? null;
  // Wholesale prices carry a trade discount applied by staff on the draft order (no code).
  const percentOff = wholesale ? WHOLESALE.discountRate * 100 : (discount?.percent ?? 0);
  const freeShipping = discount === DISCOUNT_CODES.freeShipping;

  let subtotal = 0;
  let lineDiscounts = 0;
  let needsShipping = false;
  const lineItems: AdminLineItem[] = [];
  const discountedUnits: number[] = [];
  for (const line of lines) {
    const product = CATALOG[line.product];
    const unit = product.priceCents;
    const discounted = Math.round((unit * (100 - percentOff)) / 100);
    discountedUnits.push(discounted);
    subtotal += discounted * line.quantity;
    lineDiscounts += (unit - discounted) * line.quantity;
    needsShipping ||= product.requiresShipping;
    const deleted = rng.chance(0.01); // product deleted since: variant comes back null
    lineItems.push({
      quantity: line.quantity,
      requiresShipping: product.requiresShipping,
      originalUnitPriceSet: money(unit),
      discountedUnitPriceAfterAllDiscountsSet: money(discounted),
      variant: deleted
        ? null
        : { inventoryItem: { unitCost: product.unitCostCents === null ? null : { amount: formatDecimal(product.unitCostCents) } } },
    });
  }
  if (pos) needsShipping = false;

  // Shipping rate chosen at checkout.
  let shippingRate: ShippingRate | null = null;
  let shippingTitle = "";
  let shippingCode = "";
  let shippingCents = 0;
  if (needsShipping) {
    shippingRate = chooseRate(rng, profile, region.local && !wholesale, isDomestic(region), wholesale, gift && holiday);
    shippingTitle = shippingRate.title;
    shippingCode = shippingRate.code;
    shippingCents = shippingRate.basePriceCents + Math.round(region.zoneExtraDays * shippingRate.zonePriceCents);
    if (shippingRate.freeOverCents !== null && subtotal >= shippingRate.freeOverCents) {
      shippingCents = 0;
      shippingTitle = `Free Shipping (${shippingRate.minDays}-${shippingRate.maxDays} business days)`;
      shippingCode = "Free Shipping";
    }
  }
  const shippingDiscount = freeShipping ? shippingCents : 0;
  const tax = wholesale ? 0 : Math.round(subtotal * (needsShipping || pos ? region.taxRate : 0));
  const total = subtotal + shippingCents - shippingDiscount + tax;

  // Cancellation happens before anything ships.
  const cancelled = rng.chance(CANCELLATION.rate);
  const cancelAt = cancelled
    ? wholeSecond(createdAt + Math.min(48, rng.logNormal(CANCELLATION.delayMedianHours, CANCELLATION.delaySigma)) * HOUR_MS)
    : Infinity;
  const cancelReason: AdminOrderCancelReason = cancelled ? CANCELLATION.reasons[rng.pickIndex(CANCEL_REASON_WEIGHTS)][0] : "OTHER";
  const cancelVisible = cancelAt <= asOf;

  // Fulfillment.
  const fulfillments: AdminFulfillment[] = [];
  let latestVisible = createdAt;
  const see = (t: number | null) => {
    if (t !== null && t <= asOf && t > latestVisible) latestVisible = t;
  };
  let deliveryMethod: AdminDeliveryMethod = { methodType: "NONE", minDeliveryDateTime: null, maxDeliveryDateTime: null };
  let handedOverAt: number | null = null; // when the customer had the goods
  let failedAt: number | null = null;
  let badDelivery = false;
  const fulfillmentId = () => `gid://shopify/Fulfillment/${ID_BASES.fulfillment + ctx.nextFulfillmentNumber()}`;
  const untrackedFulfillment = (createdTime: number, deliveredTime: number | null, status: AdminFulfillment["displayStatus"]): AdminFulfillment => ({
    id: fulfillmentId(),
    createdAt: isoSeconds(createdTime),
    inTransitAt: null,
    deliveredAt: deliveredTime !== null && deliveredTime <= asOf ? isoSeconds(deliveredTime) : null,
    estimatedDeliveryAt: null,
    displayStatus: deliveredTime !== null && deliveredTime <= asOf ? "DELIVERED" : status,
    trackingInfo: [],
    events: { nodes: [] },
  });

  if (pos) {
    deliveryMethod = { methodType: "RETAIL", minDeliveryDateTime: null, maxDeliveryDateTime: null };
    if (!cancelled) {
      handedOverAt = createdAt;
      fulfillments.push(untrackedFulfillment(createdAt, null, "FULFILLED"));
    }
  } else if (!needsShipping) {
    if (!cancelled) {
      const sentAt = wholeSecond(createdAt + rng.uniform(1, 5) * MINUTE_MS);
      handedOverAt = sentAt;
      if (sentAt <= asOf) fulfillments.push(untrackedFulfillment(sentAt, null, "FULFILLED"));
      see(sentAt);
    }
  } else if (shippingRate!.kind === "pickup") {
    deliveryMethod = { methodType: "PICK_UP", minDeliveryDateTime: null, maxDeliveryDateTime: null };
    if (!cancelled) {
      const readyAt = addWorkingHours(createdAt, rng.logNormal(3, 0.6));
      const pickedUpAt = wholeSecond(readyAt + rng.logNormal(20, 0.8) * HOUR_MS);
      handedOverAt = pickedUpAt;
      if (pickedUpAt <= asOf) fulfillments.push(untrackedFulfillment(pickedUpAt, null, "PICKED_UP"));
      see(pickedUpAt);
    }
  } else if (shippingRate!.kind === "local") {
    deliveryMethod = { methodType: "LOCAL", minDeliveryDateTime: null, maxDeliveryDateTime: null };
    if (!cancelled) {
      const outAt = wholeSecond(addWorkingHours(createdAt, rng.logNormal(6, 0.5)));
      const deliveredAt = wholeSecond(outAt + rng.uniform(1, 5) * HOUR_MS);
      handedOverAt = deliveredAt;
      if (outAt <= asOf) fulfillments.push(untrackedFulfillment(outAt, deliveredAt, "FULFILLED"));
      see(outAt);
      see(deliveredAt);
    }
  } else {
    const rate = shippingRate!;
    const promise = promiseFromBusinessDayWindow(createdAt, rate.maxDays);
    deliveryMethod = rate.windowInTitle
      ? { methodType: "SHIPPING", minDeliveryDateTime: null, maxDeliveryDateTime: null }
      : { methodType: "SHIPPING", minDeliveryDateTime: isoSeconds(addBusinessDays(createdAt, rate.minDays)), maxDeliveryDateTime: isoSeconds(promise) };
    if (!cancelled) {
      const service = rate.regionalService !== null && region.regionalCarrier ? rate.regionalService : rate.service!;
      const parcels = lines.length >= 2 && rng.chance(PROCESSING.splitShipmentRate) ? 2 : 1;
      for (let parcel = 0; parcel < parcels; parcel++) {
        const timeline = simulateShipment(rng, {
          orderCreatedAt: createdAt,
          service,
          zoneExtraDays: region.zoneExtraDays,
          peak: holiday,
          extraProcessingHours: parcel === 0 ? 0 : rng.uniform(10, 30),
        });
        if (timeline.failedAt !== null || (timeline.deliveredAt !== null && timeline.deliveredAt > promise)) badDelivery = true;
        if (timeline.failedAt !== null) failedAt = Math.max(failedAt ?? 0, timeline.failedAt);
        else if (timeline.deliveredAt !== null) handedOverAt = Math.max(handedOverAt ?? 0, timeline.deliveredAt);
        const rendered = renderFulfillment(timeline, fulfillmentId(), asOf);
        if (rendered) fulfillments.push(rendered);
        seeTimeline(timeline, see);
      }
      if (failedAt !== null) handedOverAt = null;
    }
  }

  // Refunds and returns.
  const refunds: AdminRefund[] = [];
  const returns: AdminReturn[] = [];
  let refunded = 0;
  const refund = (t: number, cents: number) => {
    const at = wholeSecond(t);
    if (at > asOf || cents <= 0) return;
    refunds.push({ createdAt: isoSeconds(at), processedAt: isoSeconds(at), totalRefundedSet: money(cents) });
    refunded += cents;
    see(at);
  };
  if (cancelled) {
    if (cancelReason !== "DECLINED") refund(cancelAt + rng.uniform(1, 10) * MINUTE_MS, total);
  } else if (failedAt !== null) {
    refund(failedAt + rng.logNormal(5, 0.3) * DAY_MS, total);
  } else if (handedOverAt !== null) {
    const returnLines: Array<{ quantity: number; reason: string; cents: number }> = [];
    for (let i = 0; i < lines.length; i++) {
      const product = CATALOG[lines[i].product];
      let chance = RETURN_RATE_BY_CATEGORY[product.category] * (badDelivery ? RETURN_BEHAVIOUR.lateUplift : 1);
      if (pos) chance *= 0.5;
      if (!rng.chance(chance)) continue;
      const quantity = lines[i].quantity > 1 && rng.chance(0.5) ? 1 : lines[i].quantity;
      returnLines.push({ quantity, reason: drawReturnReason(rng, product.category, badDelivery), cents: quantity * discountedUnits[i] });
    }
    if (returnLines.length > 0) {
      const { offsetDays, shape, scaleDays } = RETURN_BEHAVIOUR.requestDelay;
      const requestedAt = wholeSecond(handedOverAt + (offsetDays + rng.gamma(shape, scaleDays)) * DAY_MS);
      if (requestedAt <= asOf) {
        returns.push({
          createdAt: isoSeconds(requestedAt),
          returnLineItems: { nodes: returnLines.map((l) => ({ quantity: l.quantity, returnReasonDefinition: { handle: l.reason } })) },
        });
        see(requestedAt);
        const goods = returnLines.reduce((sum, l) => sum + l.cents, 0);
        const refundedGoods = Math.round(goods * (1 + (subtotal > 0 ? tax / subtotal : 0)));
        refund(requestedAt + rng.logNormal(RETURN_BEHAVIOUR.refundDelay.medianDays, RETURN_BEHAVIOUR.refundDelay.sigma) * DAY_MS, refundedGoods);
      }
    } else if (rng.chance(RETURN_BEHAVIOUR.goodwillRate)) {
      refund(handedOverAt + rng.uniform(1, 3) * DAY_MS, Math.round(subtotal * RETURN_BEHAVIOUR.goodwillShare));
    }
  }
  if (cancelVisible) see(cancelAt);

  let financialStatus: AdminFinancialStatus = "PAID";
  if (cancelVisible && cancelReason === "DECLINED") financialStatus = "VOIDED";
  else if (refunded >= total && total > 0) financialStatus = "REFUNDED";
  else if (refunded > 0) financialStatus = "PARTIALLY_REFUNDED";
  else if (wholesale && createdAt > asOf - WHOLESALE.paymentTermsDays * DAY_MS) financialStatus = "PENDING";

  // Gift signals and checkout answers.
  const customAttributes: AdminOrder["customAttributes"] = [];
  let note: string | null = null;
  if (gift) {
    if (rng.chance(GIFT_BEHAVIOUR.giftMessageRate)) customAttributes.push({ key: "gift_message", value: rng.pick(GIFT_MESSAGES) });
    else if (rng.chance(GIFT_BEHAVIOUR.giftNoteRate)) note = "This is a gift - please leave out the packing slip.";
  } else if (rng.chance(0.02)) {
    note = "Please leave the parcel at the back door.";
  }
  const hasAddress = needsShipping && shippingRate!.kind !== "pickup";
  const billingMatches = hasAddress && !rng.chance(gift ? GIFT_BEHAVIOUR.differentAddressRate : GIFT_BEHAVIOUR.nonGiftDifferentAddressRate);
  const preferences = CHANNELS[channel].checkoutExtension && rng.chance(PREFERENCES.answerRate) ? answerPreferences(rng, profile, gift, createdAt) : null;

  const order: AdminOrder = {
    id: `gid://shopify/Order/${ID_BASES.order + sequence}`,
    name: `#${1000 + sequence}`,
    createdAt: isoSeconds(createdAt),
    processedAt: isoSeconds(createdAt),
    updatedAt: isoSeconds(latestVisible),
    cancelledAt: cancelVisible ? isoSeconds(cancelAt) : null,
    cancelReason: cancelVisible ? cancelReason : null,
    currencyCode: currency,
    sourceName: CHANNELS[channel].sourceName,
    app: { name: CHANNELS[channel].appName },
    customer: customer.guest ? null : { id: `gid://shopify/Customer/${ID_BASES.customer + customer.customerNumber}` },
    displayFinancialStatus: financialStatus,
    totalPriceSet: money(total),
    currentTotalPriceSet: money(Math.max(0, total - refunded)),
    subtotalPriceSet: money(subtotal),
    totalDiscountsSet: money(lineDiscounts + shippingDiscount),
    totalShippingPriceSet: money(shippingCents),
    totalRefundedSet: money(refunded),
    discountCodes: discountCode === null ? [] : [discountCode],
    billingAddressMatchesShippingAddress: billingMatches,
    shippingAddress: hasAddress ? { countryCodeV2: region.countryCode, provinceCode: region.provinceCode } : null,
    shippingLine: shippingRate
      ? {
          title: shippingTitle,
          code: shippingCode,
          source: shippingRate.source,
          carrierIdentifier: shippingRate.carrierIdentifier,
          originalPriceSet: money(shippingCents),
          discountedPriceSet: money(shippingCents - shippingDiscount),
        }
      : null,
    note,
    customAttributes,
    metafield: preferences ? { jsonValue: preferences } : null,
    lineItems: { nodes: lineItems },
    fulfillmentOrders: { nodes: [{ deliveryMethod }] },
    fulfillments,
    refunds,
    returns: { nodes: returns },
  };
  return { order, badDelivery };
}

function seeTimeline(timeline: ShipmentTimeline, see: (t: number | null) => void): void {
  see(timeline.labelAt);
  if (timeline.visibility === "events") {
    see(timeline.pickedUpAt);
    see(timeline.inTransitAt);
    for (const t of timeline.transitScans) see(t);
    see(timeline.delayedAt);
    for (const t of timeline.outForDeliveryAt) see(t);
    see(timeline.attemptedAt);
    see(timeline.deliveredAt);
    see(timeline.failedAt);
  } else if (timeline.visibility === "milestones") {
    see(timeline.inTransitAt);
    see(timeline.deliveredAt);
  }
}

function fillBasket(rng: Random, index: PriceIndex, targetCents: number): BasketLine[] {
  const lines: BasketLine[] = [];
  let remaining = targetCents;
  for (let slot = 0; slot < 6; slot++) {
    let affordable = countAtOrBelow(index, remaining);
    if (affordable === 0) {
      if (lines.length > 0) break;
      affordable = 1; // everyone buys at least the cheapest thing
    }
    const u = rng.next() * index.cumulativePopularity[affordable - 1];
    let k = 0;
    while (k < affordable - 1 && u >= index.cumulativePopularity[k]) k++;
    const product = index.order[k];
    const price = index.prices[k];
    const quantity = price * 2 <= remaining && rng.chance(0.15) ? 2 : 1;
    const existing = lines.find((l) => l.product === product);
    if (existing) existing.quantity += quantity;
    else lines.push({ product, quantity });
    remaining -= price * quantity;
    if (rng.chance(0.3)) break;
  }
  return lines;
}

function chooseRate(rng: Random, profile: CustomerProfile, localOffered: boolean, domestic: boolean, wholesale: boolean, holidayGift: boolean): ShippingRate {
  if (wholesale) return SHIPPING_RATES.standard;
  if (localOffered) {
    const u = rng.next();
    if (u < LOCAL_OPTION_RATE.localDelivery) return SHIPPING_RATES.localDelivery;
    if (u < LOCAL_OPTION_RATE.localDelivery + LOCAL_OPTION_RATE.pickup) return SHIPPING_RATES.pickup;
  }
  let speed: SpeedClass;
  if (holidayGift && rng.chance(GIFT_BEHAVIOUR.holidayExpressRate)) speed = "express";
  else {
    const weights = profile.speedChoice;
    const u = rng.next() * (weights.economy + weights.standard + weights.express);
    speed = u < weights.economy ? "economy" : u < weights.economy + weights.standard ? "standard" : "express";
  }
  const table = CHOICE_TABLES[speed][domestic ? "domestic" : "international"];
  return SHIPPING_RATES[table.keys[rng.pickIndex(table.weights)]];
}

function answerPreferences(rng: Random, profile: CustomerProfile, gift: boolean, createdAt: number): DeliveryPreferencesJson {
  const inCharacter = () => rng.chance(PREFERENCES.consistency);
  return {
    speedVsCost: inCharacter() ? profile.statedSpeedVsCost : rng.pick(SPEED_ANSWERS),
    deliveryWindow: WINDOWS[rng.pickIndex(WINDOW_WEIGHTS)],
    deliveryDays: DAYS[rng.pickIndex(DAYS_WEIGHTS)],
    notifications: rng.chance(profile.key === "speed" ? 0.7 : 0.35) ? "every_milestone" : "key_only",
    giftPackaging: inCharacter() ? gift : rng.chance(0.5),
    answeredAt: isoSeconds(createdAt - rng.uniform(1, 8) * MINUTE_MS),
  };
}
