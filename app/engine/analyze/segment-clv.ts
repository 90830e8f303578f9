/** Predicted customer value per segment (RFM, seed and delivery-behaviour), revenue and margin apart. */
import type { SegmentSummary } from "../segments/segment-summary";
import type { MarginBasis } from "./margin";
import type { SegmentAnalysis } from "./segment-analysis";

export type SegmentFamily = "rfm" | "seed" | "behaviour";

export interface SegmentClvRow {
  family: SegmentFamily;
  segment: string;
  label: string;
  customers: number;
  /** Members with a prediction. */
  predictedCustomers: number;
  meanRevenue: number | null;
  totalRevenue: number | null;
  /** Null when the margin is unknown. */
  meanMargin: number | null;
  totalMargin: number | null;
}

function rows(family: SegmentFamily, s: SegmentSummary, margin: number | null): SegmentClvRow[] {
  return s.segments.map((r) => {
    const mean = r.averagePredictedClv;
    const total = mean === null ? null : mean * r.predictedClvCustomers;
    return {
      family,
      segment: r.segment,
      label: r.label,
      customers: r.customers,
      predictedCustomers: r.predictedClvCustomers,
      meanRevenue: mean,
      totalRevenue: total,
      meanMargin: mean === null || margin === null ? null : mean * margin,
      totalMargin: total === null || margin === null ? null : total * margin,
    };
  });
}

export function clvBySegment(segments: SegmentAnalysis, margin: MarginBasis): SegmentClvRow[] {
  return [
    ...rows("rfm", segments.rfm.summary, margin.rate),
    ...rows("seed", segments.seed.summary, margin.rate),
    ...rows("behaviour", segments.behaviour.summary, margin.rate),
  ];
}
