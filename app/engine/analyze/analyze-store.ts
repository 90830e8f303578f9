/**
 * The engine's top-level analysis: one call turns a store's orders into everything the app
 * shows and the LTV plan is built from. Orders are de-duplicated once (newest `updatedAt`
 * wins), in any input order, and the shared structures (journey table, purchase history) are
 * built once and handed to every analysis.
 *
 * Degenerate stores (no orders, only guests, a handful of customers) return the same shape
 * with null values, "insufficient" confidence and a plain-language reason; never NaN.
 */
import type { Order } from "../types";
import { auditJourney, type JourneyAudit } from "../journey/audit";
import { dedupeOrders } from "../journey/dedupe-orders";
import { buildJourneyTable } from "../journey/journey-table";
import { linkDeliveryToRepeat, type DeliveryLtvLink } from "../link/delivery-ltv-link";
import { analyzeRepeat, type RepeatAnalysis } from "../repeat/analyze-repeat";
import { buildPurchaseHistory } from "../repeat/purchase-history";
import { analyzeClv, customerActivity, predictedRevenueById, type ClvAnalysis } from "./clv-analysis";
import { channelConsistency, type ChannelConsistency } from "./channel-consistency";
import { dataQualityNotes, type DataQualityNote } from "./data-quality";
import { assessDeliveryFrictions, type DeliveryEffects } from "./delivery-friction";
import { headlineFigures, type HeadlineFigures } from "./headline";
import { resolveMargin, type MarginBasis } from "./margin";
import { monthlyVolumes, type MonthlyVolumes } from "./monthly-volumes";
import { orderTotals } from "./order-totals";
import { analyzeSegments, type SegmentAnalysis } from "./segment-analysis";
import { clvBySegment, type SegmentClvRow } from "./segment-clv";
import { storeEconomics, type StoreEconomics } from "./store-economics";

export interface AnalyzeOptions {
  /** The analysis date (epoch ms): nothing after it is seen. */
  asOf: number;
  /** Shop currency, for money in sentences. */
  currency: string;
  /** The merchant's gross margin (0..1), used where unit costs are missing. */
  marginRate?: number | null;
  /** CLV horizon in months (default 12). */
  horizonMonths?: number;
  /** Monthly discount rate for CLV (default 0.01 ≈ 12.7% a year). */
  discountRateMonthly?: number;
  /** Shop time zone as a fixed offset from UTC (default 0). */
  utcOffsetMinutes?: number;
  /** Reorder horizons for the delivery → repeat link (default 90, 180, 365 days). */
  linkWindowsDays?: readonly number[];
}

export interface StoreAnalysis {
  asOf: number;
  currency: string;
  settings: { horizonMonths: number; discountRateMonthly: number; utcOffsetMinutes: number; linkWindowsDays: number[] };
  counts: {
    inputOrders: number;
    duplicatesRemoved: number;
    /** Orders placed by asOf and not cancelled. */
    orders: number;
    guestOrders: number;
    customers: number;
    shippingOrders: number;
    firstOrderAt: number | null;
    lastOrderAt: number | null;
    historyDays: number;
  };
  headline: HeadlineFigures;
  /** The delivery problem with the largest estimated repeat revenue at stake, and the others. */
  delivery: DeliveryEffects;
  journey: JourneyAudit;
  repeat: RepeatAnalysis;
  link: DeliveryLtvLink;
  clv: ClvAnalysis & { bySegment: SegmentClvRow[] };
  segments: SegmentAnalysis;
  channels: ChannelConsistency;
  volumes: MonthlyVolumes;
  economics: StoreEconomics;
  margin: MarginBasis;
  dataQuality: DataQualityNote[];
}

const DEFAULT_WINDOWS = [90, 180, 365];

export function analyzeStore(input: Iterable<Order> | readonly Order[], options: AnalyzeOptions): StoreAnalysis {
  const { asOf, currency } = options;
  if (!Number.isFinite(asOf)) throw new RangeError("analyzeStore: asOf must be epoch ms");
  const horizonMonths = options.horizonMonths ?? 12;
  const discountRateMonthly = options.discountRateMonthly ?? 0.01;
  const utcOffsetMinutes = options.utcOffsetMinutes ?? 0;
  const windows = [...(options.linkWindowsDays ?? DEFAULT_WINDOWS)].sort((a, b) => a - b);

  const raw: readonly Order[] = Array.isArray(input) ? (input as readonly Order[]) : Array.from(input);
  const { orders, duplicatesRemoved } = dedupeOrders(raw);
  const table = buildJourneyTable(orders, asOf);
  const history = buildPurchaseHistory(orders, { asOf, utcOffsetMinutes });

  const journey = auditJourney(orders, { asOf, table, utcOffsetMinutes });
  const repeat = analyzeRepeat(orders, { asOf, history, utcOffsetMinutes });
  const totals = orderTotals(orders, asOf);
  const margin = resolveMargin(totals, options.marginRate);

  const clv = analyzeClv(history, { horizonMonths, discountRateMonthly, unitDays: 7 }, margin);
  const predicted = predictedRevenueById(clv);
  const link = linkDeliveryToRepeat(orders, { asOf, windows, utcOffsetMinutes, predictedClv: predicted, prepared: { orders, table, history } });
  const segments = analyzeSegments(orders, { asOf, currency, utcOffsetMinutes, predictedClv: predicted, activity: customerActivity(clv) });
  const economics = storeEconomics(history, totals, windows);
  const delivery = assessDeliveryFrictions({
    link,
    newCustomersPerYear: economics.newCustomersPerYear,
    repeatCustomerValue: economics.repeatCustomerValue,
    margin,
    currency,
  });

  return {
    asOf,
    currency,
    settings: { horizonMonths: clv.settings.horizonMonths, discountRateMonthly, utcOffsetMinutes, linkWindowsDays: windows },
    counts: {
      inputOrders: raw.length,
      duplicatesRemoved,
      orders: totals.orders,
      guestOrders: totals.guestOrders,
      customers: history.customerIds.length,
      shippingOrders: journey.counts.included,
      firstOrderAt: totals.firstOrderAt,
      lastOrderAt: totals.lastOrderAt,
      historyDays: totals.historyDays,
    },
    headline: headlineFigures(journey, repeat, clv),
    delivery,
    journey,
    repeat,
    link,
    clv: { ...clv, bySegment: clvBySegment(segments, margin) },
    segments,
    channels: channelConsistency(orders, history, journey, totals.ordersByChannel),
    volumes: monthlyVolumes(table),
    economics,
    margin,
    dataQuality: dataQualityNotes({ totals, journey, link, margin, preferences: segments.preferences, duplicatesRemoved }),
  };
}
