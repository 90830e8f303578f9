/**
 * The engine's top-level analysis: one pass turns a store's orders into everything the app
 * shows and the LTV plan is built from. Orders are de-duplicated on the way (newest
 * `updatedAt` wins), in any input order, and the shared structures (journey table, order rows,
 * purchase history, profile book) are built once and handed to every analysis.
 *
 * Degenerate stores (no orders, only guests, a handful of customers) return the same shape
 * with null values, "insufficient" confidence and a plain-language reason; never NaN.
 */
import type { Order } from "../types";
import { auditJourneyTable, type JourneyAudit } from "../journey/audit";
import type { JourneyTable } from "../journey/journey-table";
import type { OrderRows } from "../journey/order-rows";
import { linkDeliveryToRepeat, type DeliveryLtvLink } from "../link/delivery-ltv-link";
import { analyzeRepeat, type RepeatAnalysis } from "../repeat/analyze-repeat";
import { purchaseHistoryFromRows, type PurchaseHistory } from "../repeat/purchase-history";
import { createProfileBook, type ProfileBook } from "../segments/profile-book";
import { analyzeClv, customerActivity, predictedRevenueById, type ClvAnalysis } from "./clv-analysis";
import { channelConsistency, type ChannelConsistency } from "./channel-consistency";
import { dataQualityNotes, type DataQualityNote } from "./data-quality";
import { assessDeliveryFrictions, type DeliveryEffects } from "./delivery-friction";
import { headlineFigures, type HeadlineFigures } from "./headline";
import { resolveMargin, type MarginBasis } from "./margin";
import { monthlyVolumes, type MonthlyVolumes } from "./monthly-volumes";
import { OrderTablesBuilder } from "./order-tables";
import { orderTotalsFromRows } from "./order-totals";
import { addOrderAsOf, segmentsFromBook, type SegmentAnalysis, type SegmentRun } from "./segment-analysis";
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

/** The analysis and the per-order and per-customer tables it was built from, for callers that store them. */
export interface StoreAnalysisRun {
  analysis: StoreAnalysis;
  table: JourneyTable;
  history: PurchaseHistory;
  segments: SegmentRun;
}

/**
 * One pass over the orders: each order is written into the compact per-order tables (journey
 * table, order rows, the profile book) as it streams past and is not kept, so a million-order
 * store is analysed in a few hundred MB instead of holding ~1.6 GB of order objects (whose
 * mere presence makes every major garbage collection trace them). Duplicates are resolved on
 * the way (see OrderTablesBuilder; the profile book resolves versions the same way).
 */
export class StoreAnalyzer {
  private readonly tables: OrderTablesBuilder;
  private readonly book: ProfileBook;

  constructor(private readonly options: AnalyzeOptions & { expectedOrders?: number }) {
    if (!Number.isFinite(options.asOf)) throw new RangeError("analyzeStore: asOf must be epoch ms");
    const expected = options.expectedOrders ?? 0;
    // The book numbers orders by the tables' order index and takes their customer codes: each
    // id is hashed once per order, not again by the book.
    const tables = new OrderTablesBuilder(options.asOf, expected, (o, row, customer) => addOrderAsOf(this.book, o, options.asOf, row, customer));
    this.book = createProfileBook({ utcOffsetMinutes: options.utcOffsetMinutes ?? 0 }, { orders: expected }, tables.orderIds);
    this.tables = tables;
  }

  /** Takes one order; it is read later (orders are written in small batches): do not change it after. */
  add(o: Order): void {
    this.tables.add(o);
  }

  finish(): StoreAnalysisRun {
    const { table, rows, inputOrders } = this.tables.finish();
    return analyzeTables(table, rows, this.book, inputOrders, this.options);
  }
}

export function analyzeStore(input: Iterable<Order>, options: AnalyzeOptions): StoreAnalysis {
  const expectedOrders = Array.isArray(input) ? input.length : 0;
  const analyzer = new StoreAnalyzer({ ...options, expectedOrders });
  for (const o of input) analyzer.add(o);
  return analyzer.finish().analysis;
}

function analyzeTables(table: JourneyTable, rows: OrderRows, book: ProfileBook, inputOrders: number, options: AnalyzeOptions): StoreAnalysisRun {
  const { asOf, currency } = options;
  const horizonMonths = options.horizonMonths ?? 12;
  const discountRateMonthly = options.discountRateMonthly ?? 0.01;
  const utcOffsetMinutes = options.utcOffsetMinutes ?? 0;
  const windows = [...(options.linkWindowsDays ?? DEFAULT_WINDOWS)].sort((a, b) => a - b);
  const duplicatesRemoved = inputOrders - table.size;

  const history = purchaseHistoryFromRows(rows, { asOf, utcOffsetMinutes });
  const journey = auditJourneyTable(table, { asOf, utcOffsetMinutes }, duplicatesRemoved);
  const repeat = analyzeRepeat([], { asOf, history, utcOffsetMinutes });
  const totals = orderTotalsFromRows(rows);
  const margin = resolveMargin(totals, options.marginRate);

  const clv = analyzeClv(history, { horizonMonths, discountRateMonthly, unitDays: 7 }, margin);
  const predicted = predictedRevenueById(clv);
  // The forecast's columns follow the history's customers: the link reads them by index.
  const byCustomer = clv.perCustomer?.customerIds === history.customerIds ? clv.perCustomer.revenue : undefined;
  const link = linkDeliveryToRepeat([], {
    asOf,
    windows,
    utcOffsetMinutes,
    ...(byCustomer ? { predictedClvByCustomer: byCustomer } : { predictedClv: predicted }),
    prepared: { table, history },
  });
  const segments = segmentsFromBook(book, {
    asOf,
    currency,
    utcOffsetMinutes,
    predictedClv: predicted,
    ...(clv.perCustomer ? { perCustomer: clv.perCustomer } : { activity: customerActivity(clv) }),
  });
  const economics = storeEconomics(history, totals, windows);
  const delivery = assessDeliveryFrictions({
    link,
    newCustomersPerYear: economics.newCustomersPerYear,
    repeatCustomerValue: economics.repeatCustomerValue,
    margin,
    currency,
  });

  const analysis: StoreAnalysis = {
    asOf,
    currency,
    settings: { horizonMonths: clv.settings.horizonMonths, discountRateMonthly, utcOffsetMinutes, linkWindowsDays: windows },
    counts: {
      inputOrders,
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
    clv: { ...clv, bySegment: clvBySegment(segments.analysis, margin) },
    segments: segments.analysis,
    channels: channelConsistency(history, journey, totals.ordersByChannel),
    volumes: monthlyVolumes(table),
    economics,
    margin,
    dataQuality: dataQualityNotes({ totals, journey, link, margin, preferences: segments.analysis.preferences, duplicatesRemoved }),
  };
  return { analysis, table, history, segments };
}
