/**
 * The LTV Improvement Plan from a store analysis and the merchant's answers, in six steps:
 * 1 audit (current state, segment diagnosis, levers), 2 automation, 3 personalization,
 * 4 channels, 5 testing, 6 plan (projected impact, sequence, checklist, measurement notes).
 * Pure: the same analysis and answers always give the same plan.
 */
import type { StoreAnalysis } from "../analyze/analyze-store";
import { automationPlan } from "./automation-plan";
import { channelPlan } from "./channel-plan";
import { currentState } from "./current-state";
import { ltvLevers, returningCustomerValue } from "./levers";
import { personalizationPlan } from "./personalization-plan";
import { planMargin } from "./plan-margin";
import { projectedImpact } from "./projected-impact";
import { segmentDiagnosis } from "./segment-diagnosis";
import { implementationChecklist, implementationSequence, measurementNotes, type SequenceInputs } from "./sequence";
import { testingRoadmap, type TestingOptions } from "./testing-roadmap";
import type { LtvPlan, PlanAnswers } from "./types";

export interface PlanOptions {
  testing?: TestingOptions;
}

/** The answers that hold a usable value, by name. */
function answersUsed(a: PlanAnswers): string[] {
  return Object.entries(a)
    .filter(([, v]) => (Array.isArray(v) ? v.length > 0 : typeof v === "number" ? Number.isFinite(v) : typeof v === "string" ? v.trim() !== "" : v !== undefined && v !== null))
    .map(([k]) => k)
    .sort();
}

export function buildPlan(analysis: StoreAnalysis, answers: PlanAnswers = {}, options: PlanOptions = {}): LtvPlan {
  const margin = planMargin(analysis, answers);
  const state = currentState(analysis, answers, margin);
  const diagnosis = segmentDiagnosis(analysis, margin);
  const automation = automationPlan(analysis, answers);
  const personalization = personalizationPlan(analysis);
  const channels = channelPlan(analysis, answers);
  const testing = testingRoadmap(analysis, options.testing);
  const impact = projectedImpact(analysis, answers, margin);
  const inputs: SequenceInputs = {
    analysis,
    dataQuality: state.dataQuality,
    answers,
    margin,
    figures: state.figures,
    automation: automation.rows,
    personalization,
    channels: channels.rows,
    testing: testing.rows,
    impact,
    windowDays: returningCustomerValue(analysis).days,
  };
  const sequence = implementationSequence(inputs);
  return {
    currency: analysis.currency,
    asOf: analysis.asOf,
    answersUsed: answersUsed(answers),
    currentState: state,
    segmentDiagnosis: diagnosis.rows,
    levers: ltvLevers(analysis, margin),
    automation: automation.rows,
    automationNotes: automation.notes,
    personalization,
    actionPackages: diagnosis.packages,
    channels: channels.rows,
    channelNotes: channels.notes,
    testing: testing.rows,
    testingNotes: testing.notes,
    projectedImpact: impact,
    sequence,
    checklist: implementationChecklist(inputs, sequence),
    measurement: measurementNotes(inputs),
  };
}
