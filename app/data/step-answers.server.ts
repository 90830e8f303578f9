/**
 * The merchant's answers to the guided steps and where they are in them, per shop. Answers are
 * validated by the step's zod schema on the way in and again on the way out (a stored row that
 * no longer validates, e.g. after a schema change, is reported and left out rather than trusted).
 */
import prisma from "../db.server";
import type { PlanAnswers } from "../engine/plan/types";
import { STEP_SCHEMAS, parseStepAnswers, toPlanAnswers, type StepAnswers } from "../pages/steps/step-forms";
import { isStepKey, STEP_KEYS, type StepKey } from "../pages/steps/steps";

export type AnswersByStep = Partial<{ [S in StepKey]: StepAnswers<S> }>;

export async function loadStepAnswers(shop: string): Promise<AnswersByStep> {
  const rows = await prisma.stepAnswers.findMany({ where: { shop }, select: { step: true, answers: true } });
  const out: Record<string, unknown> = {};
  for (const r of rows) {
    if (!isStepKey(r.step)) continue;
    const parsed = STEP_SCHEMAS[r.step].safeParse(JSON.parse(r.answers));
    if (parsed.success) out[r.step] = Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v !== undefined));
    else console.warn(`step answers for ${shop}/${r.step} no longer validate; ignored: ${parsed.error.issues[0]?.message}`);
  }
  return out as AnswersByStep;
}

/** Everything the merchant told us, in the shape the plan builder takes. */
export async function loadPlanAnswers(shop: string): Promise<PlanAnswers> {
  return toPlanAnswers(await loadStepAnswers(shop));
}

export async function saveStepAnswers<S extends StepKey>(shop: string, step: S, answers: StepAnswers<S>): Promise<void> {
  const data = { answers: JSON.stringify(answers) };
  await prisma.stepAnswers.upsert({ where: { shop_step: { shop, step } }, create: { shop, step, ...data }, update: data });
}

/** Validates submitted form fields and saves them; field errors otherwise (nothing saved). */
export async function submitStepAnswers(shop: string, step: StepKey, values: Record<string, string>) {
  const result = parseStepAnswers(step, values);
  if (result.ok) await saveStepAnswers(shop, step, result.answers);
  return result;
}

export interface GuidedProgressState {
  currentStep: StepKey;
  completed: StepKey[];
  updatedAt: string | null;
}

export async function loadProgress(shop: string): Promise<GuidedProgressState> {
  const row = await prisma.guidedProgress.findUnique({ where: { shop } });
  if (!row) return { currentStep: "audit", completed: [], updatedAt: null };
  const stored: unknown = JSON.parse(row.completedSteps);
  const completed = Array.isArray(stored) ? STEP_KEYS.filter((k) => stored.includes(k)) : [];
  return { currentStep: isStepKey(row.currentStep) ? row.currentStep : "audit", completed, updatedAt: row.updatedAt.toISOString() };
}

/** Records the step the merchant is on and, when they finish one, that it is done. */
export async function recordProgress(shop: string, currentStep: StepKey, completedStep?: StepKey): Promise<GuidedProgressState> {
  const now = await loadProgress(shop);
  const completed = completedStep && !now.completed.includes(completedStep) ? STEP_KEYS.filter((k) => k === completedStep || now.completed.includes(k)) : now.completed;
  const data = { currentStep, completedSteps: JSON.stringify(completed) };
  const row = await prisma.guidedProgress.upsert({ where: { shop }, create: { shop, ...data }, update: data });
  return { currentStep, completed, updatedAt: row.updatedAt.toISOString() };
}
