/**
 * Customer profile rows from the engine's profile book: order figures, RFM, every segment
 * membership with its evidence, and CLV. Pure (no database), shared by the full analysis run
 * and the incremental update after a new order.
 *
 * Between full runs a changed customer is scored against the store-wide cut-offs of the last
 * run (the engine's "living segments"): RFM by the stored quintile boundaries, seed segments by
 * the stored thresholds, behaviour segments from the customer's own orders.
 */
import type { Confidence } from "../engine/types";
import type { CustomerProfile } from "../engine/segments/customer-profile";
import { behaviourSegmentsFor } from "../engine/segments/behaviour-segments";
import type { SegmentMembership } from "../engine/segments/membership";
import { RFM_SEGMENTS, rfmMemberships, scoreCustomerRfm, type RfmRow, type RfmTable } from "../engine/segments/rfm";
import { seedSegmentsFor, type SeedSegmentContext } from "../engine/segments/seed-segments";

export type SegmentFamily = "rfm" | "seed" | "behaviour";

/** One stored membership (the rule text is shared per segment and read from the analysis). */
export interface StoredMembership {
  family: SegmentFamily;
  segment: string;
  label: string;
  evidence: string;
  basis: SegmentMembership["basis"];
}

export interface CustomerClv {
  revenue: number;
  pAlive: number;
  expectedOrders: number;
}

/** A CustomerProfile row (prisma/models/customer-profile.prisma). */
export interface ProfileRow {
  shop: string;
  customerId: string;
  orders: number;
  purchaseDays: number;
  firstOrderAt: Date | null;
  lastOrderAt: Date | null;
  netSpend: number;
  rfmR: number | null;
  rfmF: number | null;
  rfmM: number | null;
  rfmSegment: string | null;
  segments: string;
  predictedClv: number | null;
  pAlive: number | null;
  expectedOrders: number | null;
  source: "full" | "incremental";
  updatedAt: Date;
}

/** RFM quintile boundaries: score = 1 + number of boundaries the customer beats. */
export interface RfmCuts {
  confidence: Confidence;
  /** Ascending; a customer beats boundary k when their recency is below it (…[k] > days). */
  recencyDays: number[];
  frequency: number[];
  monetaryCents: number[];
}

/** What scoring one customer between full runs needs (stored as JSON with the snapshot). */
export interface ScoringContext {
  currency: string;
  utcOffsetMinutes: number;
  rfm: RfmCuts | null;
  seed: Omit<SeedSegmentContext, "predictedClv" | "asOf"> & { byClv: boolean };
}

/**
 * The four boundaries per dimension that reproduce the engine's quintile score exactly:
 * score ≥ k+1 ⇔ (customers strictly worse) ≥ ⌈k·n/5⌉ ⇔ the value beats the ⌈k·n/5⌉-th worst one.
 */
export function rfmCuts(t: RfmTable): RfmCuts | null {
  if (t.n === 0 || t.confidence === "insufficient") return null;
  const c = [1, 2, 3, 4].map((k) => Math.ceil((k * t.n) / 5));
  return {
    confidence: t.confidence,
    recencyDays: c.map((ck) => t.sorted.recencyDays[t.n - ck]).reverse(),
    frequency: c.map((ck) => t.sorted.frequency[ck - 1]),
    monetaryCents: c.map((ck) => t.sorted.monetaryCents[ck - 1]),
  };
}

/** A five-value stand-in table whose quintiles are the stored boundaries, for scoreCustomerRfm. */
function cutsTable(cuts: RfmCuts): RfmTable {
  const empty = new Uint8Array(0);
  return {
    asOf: 0,
    n: 5,
    customerIds: [],
    recencyDays: new Int32Array(0),
    frequency: new Int32Array(0),
    monetaryCents: new Float64Array(0),
    r: empty,
    f: empty,
    m: empty,
    segment: empty,
    sorted: {
      recencyDays: Float64Array.from([-Infinity, ...cuts.recencyDays]),
      frequency: Float64Array.from([...cuts.frequency, Infinity]),
      monetaryCents: Float64Array.from([...cuts.monetaryCents, Infinity]),
    },
    confidence: cuts.confidence,
    caveats: [],
  };
}

/** Scores one customer against stored boundaries (null when RFM was not scored). */
export function scoreWithCuts(cuts: RfmCuts | null, profile: CustomerProfile, asOf: number): RfmRow | null {
  return cuts === null ? null : scoreCustomerRfm(cutsTable(cuts), profile, asOf);
}

/** The engine's RFM membership (rule and evidence text) for one scored row. */
function rfmMembership(row: RfmRow, currency: string): SegmentMembership | null {
  if (row.segment === null) return null;
  const one: RfmTable = {
    asOf: 0,
    n: 1,
    customerIds: [row.customerId],
    recencyDays: Int32Array.of(row.recencyDays),
    frequency: Int32Array.of(row.frequency),
    monetaryCents: Float64Array.of(Math.round(row.monetary * 100)),
    r: Uint8Array.of(row.r),
    f: Uint8Array.of(row.f),
    m: Uint8Array.of(row.m),
    segment: Uint8Array.of(RFM_SEGMENTS.indexOf(row.segment)),
    sorted: { recencyDays: new Float64Array(0), frequency: new Float64Array(0), monetaryCents: new Float64Array(0) },
    confidence: "high",
    caveats: [],
  };
  return rfmMemberships(one, currency).get(row.customerId)?.[0] ?? null;
}

export function scoringContext(rfm: RfmTable, seed: SeedSegmentContext, currency: string, utcOffsetMinutes: number): ScoringContext {
  const { config, currency: seedCurrency, vip, storeGap, margin, rules, caveats } = seed;
  return {
    currency,
    utcOffsetMinutes,
    rfm: rfmCuts(rfm),
    seed: { config, currency: seedCurrency, vip, storeGap, margin, rules, caveats, byClv: seed.predictedClv !== null },
  };
}

/** The seed context of the last run, at a new date, knowing only this customer's predicted CLV. */
export function seedContextAt(ctx: ScoringContext, asOf: number, customerId: string, clv: number | null): SeedSegmentContext {
  const { byClv, ...rest } = ctx.seed;
  const predictedClv = byClv ? new Map(clv === null ? [] : [[customerId, clv]]) : null;
  return { ...rest, asOf, predictedClv };
}

const tag = (family: SegmentFamily, m: SegmentMembership): StoredMembership => ({
  family,
  segment: m.segment,
  label: m.label,
  evidence: m.evidence,
  basis: m.basis,
});

export interface RowInputs {
  shop: string;
  profile: CustomerProfile;
  rfm: RfmRow | null;
  seed: SeedSegmentContext;
  clv: CustomerClv | null;
  currency: string;
  source: ProfileRow["source"];
  at: Date;
}

export function profileRow(x: RowInputs): ProfileRow {
  const p = x.profile;
  const rfm = x.rfm !== null && x.rfm.segment !== null ? x.rfm : null;
  const rfmM = rfm === null ? null : rfmMembership(rfm, x.currency);
  const memberships: StoredMembership[] = [
    ...(rfmM === null ? [] : [tag("rfm", rfmM)]),
    ...seedSegmentsFor(p, x.seed).map((m) => tag("seed", m)),
    ...behaviourSegmentsFor(p).map((m) => tag("behaviour", m)),
  ];
  return {
    shop: x.shop,
    customerId: p.customerId,
    orders: p.orderCount,
    purchaseDays: p.purchaseDays,
    firstOrderAt: p.firstOrderAt === null ? null : new Date(p.firstOrderAt),
    lastOrderAt: p.lastOrderAt === null ? null : new Date(p.lastOrderAt),
    netSpend: p.netRevenueCents / 100,
    rfmR: rfm?.r ?? null,
    rfmF: rfm?.f ?? null,
    rfmM: rfm?.m ?? null,
    rfmSegment: rfm?.segment ?? null,
    segments: JSON.stringify(memberships),
    predictedClv: x.clv?.revenue ?? null,
    pAlive: x.clv?.pAlive ?? null,
    expectedOrders: x.clv?.expectedOrders ?? null,
    source: x.source,
    updatedAt: x.at,
  };
}
