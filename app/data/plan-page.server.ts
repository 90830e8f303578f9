/**
 * The LTV Improvement Plan: the engine's plan built from the stored analysis and the merchant's
 * step answers, as Markdown (the page and the download are the same document) plus the list of
 * figures with their source and confidence.
 */
import { buildPlan } from "../engine/plan/build-plan";
import { renderPlanMarkdown } from "../engine/plan/render-markdown";
import type { LtvPlan } from "../engine/plan/types";
import { analysisStatus, type AnalysisStatusView } from "./analysis-status";
import { loadPlanAnswers } from "./step-answers.server";
import { loadStoreAnalysis } from "./store-analysis.server";

export interface PlanData {
  status: AnalysisStatusView;
  plan: { markdown: string; asOf: number; answersUsed: string[]; figures: LtvPlan["measurement"]["confidence"] } | null;
}

export async function loadPlan(shop: string): Promise<PlanData> {
  const [loaded, answers] = await Promise.all([loadStoreAnalysis(shop), loadPlanAnswers(shop)]);
  if (loaded.analysis === null || loaded.analysis.counts.orders === 0) return { status: analysisStatus(loaded), plan: null };
  const plan = buildPlan(loaded.analysis, answers);
  return {
    status: analysisStatus(loaded),
    plan: { markdown: renderPlanMarkdown(plan), asOf: plan.asOf, answersUsed: plan.answersUsed, figures: plan.measurement.confidence },
  };
}

/** The plan as a Markdown file download. */
export async function planMarkdownResponse(shop: string): Promise<Response> {
  const { plan } = await loadPlan(shop);
  if (plan === null) return new Response("No plan yet: the analysis of your orders is not ready.", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const date = new Date(plan.asOf).toISOString().slice(0, 10);
  return new Response(plan.markdown, {
    headers: {
      "Content-Type": "text/markdown; charset=utf-8",
      "Content-Disposition": `attachment; filename="ltv-improvement-plan-${date}.md"`,
      "Cache-Control": "private, no-store",
    },
  });
}
