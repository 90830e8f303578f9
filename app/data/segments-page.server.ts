/** The segments pages' data: summaries from the stored analysis, customers from their stored profiles. */
import { RFM_SEGMENT_RULES } from "../engine/segments/rfm";
import type { SegmentSummaryRow } from "../engine/segments/segment-summary";
import type { PreferenceCoverage } from "../engine/analyze/segment-analysis";
import type { SegmentClvRow } from "../engine/analyze/segment-clv";
import type { Confidence } from "../engine/types";
import { analysisStatus, type AnalysisStatusView } from "./analysis-status";
import { loadStoreAnalysis } from "./store-analysis.server";
import { readCustomerProfile, topCustomers, type CustomerProfileView } from "./customer-profiles.server";
import type { SegmentFamily } from "./customer-scoring";

export interface SegmentRow extends SegmentSummaryRow {
  family: SegmentFamily;
  rule: string;
  /** Predicted margin per customer over the CLV horizon, when margin is known. */
  meanPredictedMargin: number | null;
}

export interface SegmentsData {
  status: AnalysisStatusView;
  currency: string;
  customers: number;
  horizonMonths: number;
  rfm: { rows: SegmentRow[]; grid: number[][]; confidence: Confidence; caveats: string[] };
  seed: { rows: SegmentRow[]; caveats: string[] };
  behaviour: { rows: SegmentRow[] };
  preferences: PreferenceCoverage | null;
  topCustomers: CustomerProfileView[];
}

const RFM_RULES: Record<string, string> = Object.fromEntries(RFM_SEGMENT_RULES.map((r) => [r.segment, r.description]));

function rows(family: SegmentFamily, summary: SegmentSummaryRow[], rules: Record<string, string>, clv: SegmentClvRow[]): SegmentRow[] {
  return summary.map((s) => ({
    ...s,
    family,
    rule: rules[s.segment] ?? "",
    meanPredictedMargin: clv.find((c) => c.family === family && c.segment === s.segment)?.meanMargin ?? null,
  }));
}

export async function loadSegments(shop: string): Promise<SegmentsData> {
  const [loaded, top] = await Promise.all([loadStoreAnalysis(shop), topCustomers(shop, 10)]);
  const a = loaded.analysis;
  const empty = { rows: [] as SegmentRow[] };
  if (a === null) {
    return {
      status: analysisStatus(loaded),
      currency: "USD",
      customers: 0,
      horizonMonths: 12,
      rfm: { ...empty, grid: [], confidence: "insufficient", caveats: [] },
      seed: { ...empty, caveats: [] },
      behaviour: empty,
      preferences: null,
      topCustomers: [],
    };
  }
  const s = a.segments;
  const clv = a.clv.bySegment;
  return {
    status: analysisStatus(loaded),
    currency: a.currency,
    customers: s.customers,
    horizonMonths: a.settings.horizonMonths,
    rfm: { rows: rows("rfm", s.rfm.summary.segments, RFM_RULES, clv), grid: a.rfmGrid, confidence: s.rfm.confidence, caveats: s.rfm.caveats },
    seed: { rows: rows("seed", s.seed.summary.segments, s.seed.rules, clv), caveats: s.seed.caveats },
    behaviour: { rows: rows("behaviour", s.behaviour.summary.segments, s.behaviour.rules, clv) },
    preferences: s.preferences,
    topCustomers: top,
  };
}

export interface CustomerData {
  status: AnalysisStatusView;
  currency: string;
  customer: CustomerProfileView;
  /** Each membership's rule, by family and segment. */
  rules: Record<string, string>;
}

/** Shopify customer gid from the URL's numeric id (the URL never carries anything else). */
export function customerGid(id: string): string {
  if (!/^\d{1,20}$/.test(id)) throw new Response("Not found", { status: 404 });
  return `gid://shopify/Customer/${id}`;
}

export async function loadCustomer(shop: string, id: string): Promise<CustomerData> {
  const gid = customerGid(id);
  const [loaded, customer] = await Promise.all([loadStoreAnalysis(shop), readCustomerProfile(shop, gid)]);
  if (customer === null) throw new Response("Not found", { status: 404 });
  const a = loaded.analysis;
  const rules: Record<string, string> = {};
  for (const [k, v] of Object.entries(RFM_RULES)) rules[`rfm:${k}`] = v;
  if (a) {
    for (const [k, v] of Object.entries(a.segments.seed.rules)) rules[`seed:${k}`] = v;
    for (const [k, v] of Object.entries(a.segments.behaviour.rules)) rules[`behaviour:${k}`] = v;
  }
  return { status: analysisStatus(loaded), currency: a?.currency ?? "USD", customer, rules };
}
