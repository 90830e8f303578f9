/**
 * A compact per-customer profile accumulated from orders: a read-only view of one customer's
 * row in a ProfileBook (profile-book.ts), which keeps every figure in typed-array columns so
 * hundreds of thousands of customers cost no per-customer arrays and almost no GC work.
 *
 * Money is summed in integer cents and gaps in whole days, so adding and later subtracting an
 * order version is exact: a profile maintained order by order equals one rebuilt from scratch.
 * Calendar days (distinct purchase days, day of month) use the store's fixed UTC offset.
 */
import type { DeliveryPreferences, EpochMs, ShippingSpeed } from "../types";
import type { ProfileBook } from "./profile-book";
import {
  FLAG_GIFT,
  FLAG_UNUSUAL_ANSWERS,
  RF_ANSWERED,
  RF_CREATED,
  RF_STRIDE,
  RI_DAY,
  RI_FLAGS,
  RI_NEXT,
  RI_PREV,
  RI_STRIDE,
  SF_GAP_SQUARES,
  SF_GROSS,
  SF_KNOWN_COST,
  SF_KNOWN_REV,
  SF_LINE,
  SF_NET,
  SF_REFUNDED,
  SF_STRIDE,
  SI_DAYS,
  SI_DISCOUNT,
  SI_EARLY_MONTH,
  SI_ECONOMY_OR_FREE,
  SI_FREE_SHIPPING,
  SI_GIFT,
  SI_FIRST_DAY,
  SI_HEAD,
  SI_LAST_DAY,
  SI_LATEST_PREF,
  SI_ORDERS,
  SI_REFUNDED,
  SI_RETURNED,
  SI_RETURNS,
  SI_SPEED,
  SI_STATED,
  SI_STRIDE,
  SI_TAIL,
  STATED_SHIFT,
  STATED_SPEED_VS_COST,
  decodeAnswers,
  codedAnswers,
  type StatedAnswers,
} from "./profile-layout";

export const DAY_MS = 86_400_000;

/** Orders placed on days 1..EARLY_MONTH_LAST_DAY of the month count as "start of month". */
export const EARLY_MONTH_LAST_DAY = 3;

/** Shipping speeds in the order of the per-customer counters. */
export const SHIPPING_SPEEDS: readonly ShippingSpeed[] = ["express", "standard", "economy", "pickup", "local", "unknown"];

export interface ProfileOptions {
  /** Store's offset from UTC in minutes (e.g. -300 for New York winter time); default 0. */
  utcOffsetMinutes?: number;
}

/** What applying an order version did. */
export type ApplyResult =
  | "added" // first version of a counted order
  | "updated" // a newer version replaced the previous one (refund, return, cancellation, new customer…)
  | "cancelled" // first version seen is cancelled: remembered, not counted
  | "duplicate" // same version already applied
  | "stale"; // older than the version already applied

/** Calendar day number (days since 1970-01-01) of an instant, in the store's offset. */
export function storeDay(at: EpochMs, utcOffsetMs: number): number {
  return Math.floor((at + utcOffsetMs) / DAY_MS);
}

/**
 * One customer's profile. Read-only: it changes only through `applyOrder` / `applyOrderToBook`.
 * Getters read the book's columns, so a profile is always current.
 */
export class CustomerProfile {
  constructor(
    readonly book: ProfileBook,
    readonly slot: number,
  ) {}

  private int(field: number): number {
    return this.book.si[this.slot * SI_STRIDE + field];
  }
  private float(field: number): number {
    return this.book.sf[this.slot * SF_STRIDE + field];
  }

  get customerId(): string {
    return this.book.customerIds[this.slot];
  }
  get utcOffsetMs(): number {
    return this.book.utcOffsetMs;
  }
  /** Counted (not cancelled) orders. */
  get orderCount(): number {
    return this.int(SI_ORDERS);
  }
  /** Distinct calendar days with at least one counted order: the purchase frequency. */
  get purchaseDays(): number {
    return this.int(SI_DAYS);
  }
  get firstOrderAt(): EpochMs | null {
    const r = this.int(SI_HEAD);
    return r < 0 ? null : this.book.rf[r * RF_STRIDE + RF_CREATED];
  }
  get lastOrderAt(): EpochMs | null {
    const r = this.int(SI_TAIL);
    return r < 0 ? null : this.book.rf[r * RF_STRIDE + RF_CREATED];
  }
  /** First and last purchase day (store calendar, days since epoch); null without orders. */
  get firstDay(): number | null {
    return this.int(SI_HEAD) < 0 ? null : this.int(SI_FIRST_DAY);
  }
  get lastDay(): number | null {
    return this.int(SI_TAIL) < 0 ? null : this.int(SI_LAST_DAY);
  }

  get grossRevenueCents(): number {
    return this.float(SF_GROSS);
  }
  get refundedCents(): number {
    return this.float(SF_REFUNDED);
  }
  /** Σ per order of max(0, total − refunds). */
  get netRevenueCents(): number {
    return this.float(SF_NET);
  }
  /** Merchandise revenue (Σ quantity × unit price). */
  get lineRevenueCents(): number {
    return this.float(SF_LINE);
  }
  /** Merchandise revenue of lines whose unit cost is known, and that cost. */
  get knownCostRevenueCents(): number {
    return this.float(SF_KNOWN_REV);
  }
  get knownCostCents(): number {
    return this.float(SF_KNOWN_COST);
  }
  /** Σ of squared gaps (days) between consecutive purchase days; the gaps sum to lastDay − firstDay. */
  get gapSumSquaresDays(): number {
    return this.float(SF_GAP_SQUARES);
  }

  get discountOrders(): number {
    return this.int(SI_DISCOUNT);
  }
  get expressOrders(): number {
    return this.int(SI_SPEED);
  }
  get standardOrders(): number {
    return this.int(SI_SPEED + 1);
  }
  get economyOrders(): number {
    return this.int(SI_SPEED + 2);
  }
  get pickupOrders(): number {
    return this.int(SI_SPEED + 3);
  }
  get localOrders(): number {
    return this.int(SI_SPEED + 4);
  }
  get unknownSpeedOrders(): number {
    return this.int(SI_SPEED + 5);
  }
  /** Shipped orders with a known carrier service level (express + standard + economy). */
  get shippedOrders(): number {
    const base = this.slot * SI_STRIDE + SI_SPEED;
    const si = this.book.si;
    return si[base] + si[base + 1] + si[base + 2];
  }
  /** Shipped orders that paid nothing for shipping. */
  get freeShippingOrders(): number {
    return this.int(SI_FREE_SHIPPING);
  }
  /** Shipped orders that were economy or free shipping. */
  get economyOrFreeOrders(): number {
    return this.int(SI_ECONOMY_OR_FREE);
  }
  /** Orders marked gift or shipped to an address other than the billing address. */
  get giftOrders(): number {
    return this.int(SI_GIFT);
  }
  /** Orders placed on days 1–3 of the month (store time). */
  get earlyMonthOrders(): number {
    return this.int(SI_EARLY_MONTH);
  }
  get returnCount(): number {
    return this.int(SI_RETURNS);
  }
  get returnedOrders(): number {
    return this.int(SI_RETURNED);
  }
  get refundedOrders(): number {
    return this.int(SI_REFUNDED);
  }
  /** Counted orders that carried zero-party answers (the answer history length). */
  get preferenceOrders(): number {
    return this.int(SI_STATED);
  }
  /** Latest stated answers (by answeredAt, then order time, then order id). */
  get latestPreferences(): Readonly<DeliveryPreferences> | null {
    const r = this.int(SI_LATEST_PREF);
    if (r < 0) return null;
    const flags = this.book.ri[r * RI_STRIDE + RI_FLAGS];
    if (flags & FLAG_UNUSUAL_ANSWERS) return this.book.unusualAnswers.get(r) ?? null;
    return decodeAnswers(flags, this.book.rf[r * RF_STRIDE + RF_ANSWERED]);
  }
  /**
   * `latestPreferences` without answeredAt, shared by every customer with the same answers
   * (codedAnswers): for store-wide counts, which would otherwise build an object per customer.
   */
  get latestAnswers(): Readonly<StatedAnswers> | null {
    const r = this.int(SI_LATEST_PREF);
    if (r < 0) return null;
    const flags = this.book.ri[r * RI_STRIDE + RI_FLAGS];
    if (flags & FLAG_UNUSUAL_ANSWERS) return this.book.unusualAnswers.get(r) ?? null;
    return codedAnswers(flags);
  }
  /** `latestPreferences?.speedVsCost ?? null`, read from the record's flags (no object built). */
  get statedSpeedVsCost(): DeliveryPreferences["speedVsCost"] {
    const r = this.int(SI_LATEST_PREF);
    if (r < 0) return null;
    const flags = this.book.ri[r * RI_STRIDE + RI_FLAGS];
    if (flags & FLAG_UNUSUAL_ANSWERS) return this.book.unusualAnswers.get(r)?.speedVsCost ?? null;
    return STATED_SPEED_VS_COST[(flags >>> STATED_SHIFT) & 3];
  }
  get latestPreferencesOrderId(): string | null {
    const r = this.int(SI_LATEST_PREF);
    return r < 0 ? null : this.book.recordIds[r];
  }
  /** Ids of the counted orders, oldest first. */
  orderIds(): string[] {
    const out: string[] = [];
    const { ri, recordIds } = this.book;
    for (let r = this.int(SI_HEAD); r >= 0; r = ri[r * RI_STRIDE + RI_NEXT]) out.push(recordIds[r]);
    return out;
  }
}

// ——— derived metrics ———

export interface GapStats {
  /** Number of gaps (purchase days − 1). */
  count: number;
  meanDays: number;
  /** Population standard deviation of the gaps. */
  stdDays: number;
  /** stdDays / meanDays: 0 = perfectly regular. */
  variation: number;
}

/** Regularity of the gaps between purchase days; null with fewer than two purchase days. */
export function gapStats(p: CustomerProfile): GapStats | null {
  const count = p.purchaseDays - 1;
  if (count < 1) return null;
  const meanDays = ((p.lastDay as number) - (p.firstDay as number)) / count;
  const variance = Math.max(0, p.gapSumSquaresDays / count - meanDays * meanDays);
  const stdDays = Math.sqrt(variance);
  return { count, meanDays, stdDays, variation: meanDays > 0 ? stdDays / meanDays : 0 };
}

/** Whole days from the last purchase day to `asOf`'s day (never negative); null without orders. */
export function daysSinceLastOrder(p: CustomerProfile, asOf: EpochMs): number | null {
  const last = p.lastDay;
  return last === null ? null : Math.max(0, storeDay(asOf, p.utcOffsetMs) - last);
}

/** Whole days from the first purchase day to `asOf`'s day (never negative); null without orders. */
export function daysSinceFirstOrder(p: CustomerProfile, asOf: EpochMs): number | null {
  const first = p.firstDay;
  return first === null ? null : Math.max(0, storeDay(asOf, p.utcOffsetMs) - first);
}

/** How many of the latest `k` counted orders were gifts / went to another address. */
export function recentOrderIsGift(p: CustomerProfile, k: number): { checked: number; gifts: number } {
  const { ri, si } = p.book;
  let checked = 0;
  let gifts = 0;
  for (let r = si[p.slot * SI_STRIDE + SI_TAIL]; r >= 0 && checked < k; r = ri[r * RI_STRIDE + RI_PREV]) {
    checked++;
    if (ri[r * RI_STRIDE + RI_FLAGS] & FLAG_GIFT) gifts++;
  }
  return { checked, gifts };
}

/**
 * Writes the customer's gaps between consecutive purchase days into `out` from `offset`;
 * returns the next offset (purchaseDays − 1 values are written).
 */
export function writeGaps(p: CustomerProfile, out: Float64Array, offset: number): number {
  const { ri, si } = p.book;
  let o = offset;
  let r = si[p.slot * SI_STRIDE + SI_HEAD];
  if (r < 0) return o;
  let previous = ri[r * RI_STRIDE + RI_DAY];
  for (r = ri[r * RI_STRIDE + RI_NEXT]; r >= 0; r = ri[r * RI_STRIDE + RI_NEXT]) {
    const day = ri[r * RI_STRIDE + RI_DAY];
    if (day !== previous) {
      out[o++] = day - previous;
      previous = day;
    }
  }
  return o;
}

/** Share helper: null when the denominator is zero (never NaN). */
export function share(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

/** Plain, serializable view of a profile with ratios, for the UI, snapshots and tests. */
export interface ProfileMetrics {
  customerId: string;
  orderCount: number;
  purchaseDays: number;
  firstOrderAt: EpochMs | null;
  lastOrderAt: EpochMs | null;
  grossRevenue: number;
  refunded: number;
  netRevenue: number;
  averageOrderValue: number | null;
  /** Merchandise margin on lines with known unit cost; null when no cost is known. */
  margin: number | null;
  marginRate: number | null;
  /** Share of merchandise revenue whose unit cost is known. */
  knownCostShare: number | null;
  discountShare: number | null;
  shippedOrders: number;
  speedShares: { express: number | null; standard: number | null; economy: number | null };
  freeShippingShare: number | null;
  economyOrFreeShare: number | null;
  giftShare: number | null;
  earlyMonthShare: number | null;
  gaps: GapStats | null;
  returnCount: number;
  returnedOrders: number;
  returnedOrderShare: number | null;
  refundedOrders: number;
  preferenceOrders: number;
  latestPreferences: Readonly<DeliveryPreferences> | null;
}

export function profileMetrics(p: CustomerProfile): ProfileMetrics {
  const shipped = p.shippedOrders;
  const orders = p.orderCount;
  const knownRev = p.knownCostRevenueCents;
  const knownCost = p.knownCostCents;
  return {
    customerId: p.customerId,
    orderCount: orders,
    purchaseDays: p.purchaseDays,
    firstOrderAt: p.firstOrderAt,
    lastOrderAt: p.lastOrderAt,
    grossRevenue: p.grossRevenueCents / 100,
    refunded: p.refundedCents / 100,
    netRevenue: p.netRevenueCents / 100,
    averageOrderValue: orders > 0 ? p.netRevenueCents / 100 / orders : null,
    margin: knownRev > 0 || knownCost > 0 ? (knownRev - knownCost) / 100 : null,
    marginRate: share(knownRev - knownCost, knownRev),
    knownCostShare: share(knownRev, p.lineRevenueCents),
    discountShare: share(p.discountOrders, orders),
    shippedOrders: shipped,
    speedShares: {
      express: share(p.expressOrders, shipped),
      standard: share(p.standardOrders, shipped),
      economy: share(p.economyOrders, shipped),
    },
    freeShippingShare: share(p.freeShippingOrders, shipped),
    economyOrFreeShare: share(p.economyOrFreeOrders, shipped),
    giftShare: share(p.giftOrders, orders),
    earlyMonthShare: share(p.earlyMonthOrders, orders),
    gaps: gapStats(p),
    returnCount: p.returnCount,
    returnedOrders: p.returnedOrders,
    returnedOrderShare: share(p.returnedOrders, orders),
    refundedOrders: p.refundedOrders,
    preferenceOrders: p.preferenceOrders,
    latestPreferences: p.latestPreferences,
  };
}
