/** What every page shows about the stored analysis it reads (plain data for the status banner). */
import type { LoadedAnalysis } from "./store-analysis.server";

export interface AnalysisStatusView {
  status: LoadedAnalysis["status"];
  stale: boolean;
  computedAt: string | null;
  asOf: number | null;
  orderCount: number;
  error: string | null;
}

export function analysisStatus(a: LoadedAnalysis): AnalysisStatusView {
  return { status: a.status, stale: a.stale, computedAt: a.computedAt, asOf: a.asOf, orderCount: a.orderCount, error: a.error };
}
