/**
 * Loaders and actions of the experiments pages, shared by /app (Shopify auth, the clock) and
 * /demo (the generated shop, at the store's own date): the routes pass the shop, "now" and
 * where the pages live.
 */
import { redirect } from "@remix-run/node";
import { DELIVERY_VARIABLES, hypothesisFor, powerAnalysis, type ExperimentAnalysis } from "../../engine/experiments";
import { loadStoreAnalysis } from "../../data/store-analysis.server";
import { testingRoadmap } from "../../engine/plan/testing-roadmap";
import type { TestPlanRow } from "../../engine/plan/types";
import {
  analyseExperiment,
  baselinesOf,
  createExperiment,
  deleteDraft,
  ensureDemoExperiment,
  ExperimentStateError,
  listExperiments,
  startExperiment,
  stopExperiment,
  storeBaselines,
  type ExperimentRecord,
  type StoreBaselines,
} from "../../services/experiments.server";
import { parseExperimentForm, storeBaseline, type FormErrors, type FormValues } from "./experiment-form";

export type BasePath = "/app" | "/demo";

/** A test the plan's roadmap suggests (the first months), to prefill the form. */
export interface RoadmapSuggestion {
  month: number;
  name: string;
  variable: TestPlanRow["variable"];
  hypothesis: string;
  feasible: boolean | null;
  customersPerArm: number | null;
  readoutMonths: number | null;
}

export interface ExperimentsPageData {
  experiments: ExperimentRecord[];
  baselines: StoreBaselines;
  suggestions: RoadmapSuggestion[];
  /** The date results are read at (the store's date in the demo). */
  asOf: string;
}

export interface ExperimentsActionData {
  errors: FormErrors;
}

export interface ExperimentPageData {
  experiment: ExperimentRecord;
  analysis: ExperimentAnalysis;
  asOf: string;
}

/** The demo's "now": the date its analysis was computed at (the generated store ends there). */
export async function demoNow(shop: string): Promise<Date> {
  const { asOf } = await loadStoreAnalysis(shop);
  return asOf === null ? new Date(0) : new Date(asOf);
}

/** The demo's experiment: branded unboxing, sized for a 5-point lift on the store's 90-day repeat rate. */
export async function seedDemoExperiment(shop: string, now: Date): Promise<void> {
  await ensureDemoExperiment(shop, now, (b) => {
    const windowDays = 90;
    const baseline = storeBaseline("packaging", windowDays, b) ?? 0.2;
    const sizing = powerAnalysis({ baseline, mde: 0.05, unitsPerMonth: b.newCustomersPerMonth, windowDays });
    const def = DELIVERY_VARIABLES.packaging;
    return {
      name: "First-order unboxing",
      variable: "packaging",
      hypothesis: hypothesisFor("packaging", "branded_unboxing", windowDays),
      variants: def.variants.map((v) => ({ ...v })),
      unit: def.unit,
      primaryMetric: def.primaryMetric,
      windowDays,
      mde: 0.05,
      alpha: 0.05,
      power: 0.8,
      plannedPerVariant: sizing.perVariant,
      audience: {},
      enrolmentDays: sizing.enrolmentDays ?? 180,
    };
  });
}

export const SUGGESTIONS = 3;

export async function loadExperimentsPage(shop: string, now: Date): Promise<ExperimentsPageData> {
  const [experiments, { analysis, computedAt }] = await Promise.all([listExperiments(shop), loadStoreAnalysis(shop)]);
  const suggestions = analysis
    ? testingRoadmap(analysis)
        .rows.slice(0, SUGGESTIONS)
        .map((r) => ({
          month: r.month,
          name: r.name,
          variable: r.variable,
          hypothesis: r.hypothesis,
          feasible: r.feasible,
          customersPerArm: r.customersPerArm.value,
          readoutMonths: r.readoutMonths.value,
        }))
    : [];
  return { experiments, baselines: baselinesOf(analysis, computedAt), suggestions, asOf: now.toISOString() };
}

async function formValues(request: Request): Promise<FormValues> {
  const form = await request.formData();
  const values: FormValues = {};
  for (const key of new Set(form.keys())) {
    const all = form.getAll(key).map(String);
    values[key] = all.length > 1 || key === "treatments" || key === "shippingSpeeds" ? all : all[0];
  }
  return values;
}

/** Creates an experiment from the form, then opens it; or returns the form's errors. */
export async function experimentsAction(shop: string, request: Request, now: Date, base: BasePath): Promise<ExperimentsActionData | Response> {
  const parsed = parseExperimentForm(await formValues(request), await storeBaselines(shop));
  if (!parsed.ok) return { errors: parsed.errors };
  const created = await createExperiment(shop, parsed.experiment, now);
  return redirect(`${base}/experiments/${created.id}`);
}

export async function loadExperimentPage(shop: string, id: string, now: Date): Promise<ExperimentPageData> {
  const result = await analyseExperiment(shop, id, now);
  if (!result) throw new Response("Experiment not found", { status: 404 });
  return { experiment: result.experiment, analysis: result.analysis, asOf: new Date(result.asOf).toISOString() };
}

/** Start, stop or delete (a draft). A refused change comes back as a message for the page. */
export async function experimentAction(shop: string, id: string, request: Request, now: Date, base: BasePath): Promise<{ error: string } | Response> {
  const intent = String((await request.formData()).get("intent") ?? "");
  try {
    if (intent === "start") await startExperiment(shop, id, now);
    else if (intent === "stop") await stopExperiment(shop, id, now);
    else if (intent === "delete") {
      await deleteDraft(shop, id);
      return redirect(`${base}/experiments`);
    } else return { error: "Unknown action." };
  } catch (e) {
    if (e instanceof ExperimentStateError) return { error: e.message };
    throw e;
  }
  return redirect(`${base}/experiments/${id}`);
}
