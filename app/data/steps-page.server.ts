/**
 * Loader and action of a guided step, shared by /app/steps/:step and /demo/steps/:step: what the
 * data says (from the stored analysis and the plan built with the answers so far), the step's
 * questions with saved answers, progress, and for step 2 the exception rules with their counts.
 */
import { buildPlan } from "../engine/plan/build-plan";
import { answersToForm, toPlanAnswers } from "../pages/steps/step-forms";
import { stepView, type StepViews } from "../pages/steps/step-view";
import { isStepKey, nextStep, previousStep, type StepKey } from "../pages/steps/steps";
import { loadRuleEditor, saveExceptionRules, type RuleEditorData } from "./exception-rules.server";
import { loadProgress, loadStepAnswers, recordProgress, submitStepAnswers, type GuidedProgressState } from "./step-answers.server";
import { loadStoreAnalysis } from "./store-analysis.server";
import { analysisStatus, type AnalysisStatusView } from "./analysis-status";

export interface StepPageData<S extends StepKey = StepKey> {
  step: S;
  progress: GuidedProgressState;
  /** Saved answers as form field text. */
  form: Record<string, string>;
  currency: string;
  analysis: AnalysisStatusView;
  /** null until an analysis exists (a new store, or the first run still computing). */
  view: StepViews[S] | null;
  rules: RuleEditorData | null;
}

export async function loadStepPage<S extends StepKey>(shop: string, step: S, now: Date): Promise<StepPageData<S>> {
  const [loaded, progress, answers] = await Promise.all([loadStoreAnalysis(shop), loadProgress(shop), loadStepAnswers(shop)]);
  const a = loaded.analysis;
  const base = {
    step,
    progress,
    form: answersToForm((answers[step] ?? {}) as Record<string, unknown>),
    currency: a?.currency ?? "USD",
    analysis: analysisStatus(loaded),
  };
  if (a === null || loaded.asOf === null || a.counts.orders === 0) return { ...base, view: null, rules: null };
  const plan = buildPlan(a, toPlanAnswers(answers));
  const rules = step === "automation" ? await loadRuleEditor(shop, new Date(loaded.asOf), a.counts.historyDays, now) : null;
  return { ...base, view: stepView(step, a, plan), rules };
}

export type StepActionResult =
  | { kind: "redirect"; to: string }
  | { kind: "saved"; progress: GuidedProgressState }
  | { kind: "invalid"; errors: Record<string, string> }
  | { kind: "rules-saved" }
  | { kind: "rules-invalid"; errors: Record<string, string> };

/**
 * intent "save" keeps the merchant on the step (save and come back later), "next" also marks it
 * done and moves on (after the last step: to the plan page), "back" saves and goes back;
 * "rules" saves the exception rules. Invalid answers are not saved and nothing moves.
 */
export async function stepAction(shop: string, step: StepKey, form: FormData, basePath: "/app" | "/demo"): Promise<StepActionResult> {
  const intent = String(form.get("intent") ?? "save");
  if (intent === "rules") {
    const r = await saveExceptionRules(shop, String(form.get("rules") ?? ""));
    return r.ok ? { kind: "rules-saved" } : { kind: "rules-invalid", errors: r.errors };
  }
  const values: Record<string, string> = {};
  for (const [k, v] of form.entries()) if (k !== "intent" && typeof v === "string") values[k] = v;
  const result = await submitStepAnswers(shop, step, values);
  if (!result.ok) return { kind: "invalid", errors: result.errors };
  if (intent === "next") {
    const to = nextStep(step);
    await recordProgress(shop, to ?? step, step);
    return { kind: "redirect", to: to ? `${basePath}/steps/${to}` : `${basePath}/plan` };
  }
  if (intent === "back") {
    const to = previousStep(step) ?? step;
    await recordProgress(shop, to);
    return { kind: "redirect", to: `${basePath}/steps/${to}` };
  }
  return { kind: "saved", progress: await recordProgress(shop, step) };
}

/** The :step URL segment, or a 404 for anything else. */
export function stepParam(step: string | undefined): StepKey {
  if (!isStepKey(step)) throw new Response("Not found", { status: 404 });
  return step;
}
