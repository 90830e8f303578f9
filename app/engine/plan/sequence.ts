/**
 * Step 6, continued: when to do what (short, medium, long term), the checklist, and the
 * measurement notes (assumptions, limits, confidence of the figures the plan rests on).
 * Built from the other steps, so every item points at something this store's data showed.
 */
import type { StoreAnalysis } from "../analyze/analyze-store";
import { formatCount } from "../analyze/format";
import type { DataQualityNote } from "../analyze/data-quality";
import type { MarginBasis } from "../analyze/margin";
import type { AutomationRow, ChannelPlanRow, ChecklistItem, ImpactRow, LabeledFigure, LtvPlan, PersonalizationRow, PlanAnswers, PlanStep, TestPlanRow } from "./types";

export interface SequenceInputs {
  analysis: StoreAnalysis;
  /** The data-quality notes as the plan states them (margin note updated with the merchant's answer). */
  dataQuality: DataQualityNote[];
  answers: PlanAnswers;
  margin: MarginBasis;
  figures: LabeledFigure[];
  automation: AutomationRow[];
  personalization: PersonalizationRow[];
  channels: ChannelPlanRow[];
  testing: TestPlanRow[];
  impact: ImpactRow[];
  windowDays: number;
}

export function implementationSequence(x: SequenceInputs): LtvPlan["sequence"] {
  const shortTerm: PlanStep[] = [];
  const mediumTerm: PlanStep[] = [];
  const longTerm: PlanStep[] = [];

  for (const n of x.dataQuality) {
    if (n.severity === "info" || n.topic === "customers" || n.topic === "history" || n.topic === "orders") continue;
    shortTerm.push({ title: `Fix the data: ${n.topic.replaceAll("_", " ")}`, why: n.message });
  }
  for (const r of x.automation.filter((a) => (a.monthlyVolume.value ?? 0) > 0).slice(0, 2)) {
    shortTerm.push({ title: `Automate: ${r.exception}`, why: `About ${formatCount(r.monthlyVolume.value as number)} a month. ${r.action}` });
  }
  const tests = [...x.testing].sort((a, b) => a.month - b.month);
  if (tests[0]) shortTerm.push({ title: `Start test 1: ${tests[0].name}`, why: tests[0].hypothesis });

  const segments = [...x.personalization].filter((p) => (p.size.value ?? 0) > 0).sort((a, b) => (b.size.value ?? 0) - (a.size.value ?? 0));
  for (const p of segments.slice(0, 2)) {
    mediumTerm.push({ title: `Launch the ${p.label} package`, why: `${formatCount(p.size.value as number)} customers. They value: ${p.values}` });
  }
  const lateCut = x.impact[0];
  if (lateCut && lateCut.revenue.value !== null && lateCut.revenue.value > 0) mediumTerm.push({ title: "Cut the late rate", why: lateCut.sentence });
  for (const c of x.channels) {
    const worse = c.flags.filter((f) => f.worse);
    if (worse.length > 0) mediumTerm.push({ title: `Align the ${c.channel} channel`, why: worse.map((f) => f.message).join(" ") });
  }
  for (const t of tests.slice(1, 3)) mediumTerm.push({ title: `Test ${t.month}: ${t.name}`, why: t.hypothesis });

  for (const t of tests.slice(3)) longTerm.push({ title: `Test ${t.month}: ${t.name}`, why: `${t.targetSegment}.` });
  longTerm.push({ title: "Re-run this analysis every quarter", why: "Compare repeat, late and exception rates with today's baseline, and check the lifetime-value forecast against what happened." });
  longTerm.push({ title: "Roll winning tests out to all customers", why: "A test wins when its primary metric beats control by at least the effect it was sized for." });
  return { shortTerm, mediumTerm, longTerm };
}

export function implementationChecklist(x: SequenceInputs, sequence: LtvPlan["sequence"]): ChecklistItem[] {
  const items: ChecklistItem[] = [];
  const ask = (missing: boolean, item: string) => missing && items.push({ step: "Tell us", item });
  const a = x.answers;
  ask(a.monthlySupportTickets === undefined || a.topTicketReasons === undefined, "Monthly support tickets and their top reasons (with shares), to size the tickets automation saves.");
  ask(a.minutesPerTicket === undefined, "Minutes your team spends per ticket, to turn tickets into hours.");
  ask(x.margin.rate === null || (x.margin.confidence !== "high" && a.grossMarginPercent === undefined), "Your gross margin %, or unit costs on every product in Shopify.");
  ask(a.customerAcquisitionCost === undefined, "Your customer acquisition cost, to compare it with predicted value.");
  ask(a.channelsOutsideShopify === undefined, "Channels you sell through outside Shopify.");
  ask(a.nps === undefined && a.csat === undefined, "NPS or CSAT, if you measure them.");
  for (const s of sequence.shortTerm) items.push({ step: "Short term (0–30 days)", item: s.title });
  for (const s of sequence.mediumTerm) items.push({ step: "Medium term (1–3 months)", item: s.title });
  for (const s of sequence.longTerm) items.push({ step: "Long term (3–12 months)", item: s.title });
  return items;
}

export function measurementNotes(x: SequenceInputs): LtvPlan["measurement"] {
  const assumptions = [
    `A returning customer's value is their repeat revenue within ${x.windowDays} days of the first order, as measured in your store; over a lifetime it is larger, so money figures are conservative.`,
    "Cutting the store's late or exception rate is assumed to cut them by the same points on first deliveries, and customers won back are assumed to behave like today's returning customers.",
    "Segment shares of new customers are taken to equal their share of all customers.",
    x.margin.note,
  ];
  if (x.answers.monthlySupportTickets !== undefined) {
    assumptions.push("Tickets saved are an upper bound: a reason's tickets are shared among the exceptions that cause it, by volume.");
  }
  const limits = [
    "Differences in repeat rates after late or disrupted deliveries are associations in your data, not proof of cause; the testing roadmap is how to prove them.",
    `Lifetime value forecast: ${x.analysis.clv.holdoutNote}`,
    ...x.dataQuality.filter((n) => n.severity !== "info" && n.topic !== "costs").map((n) => n.message),
  ];
  const confidence = [
    ...x.figures.map((f) => ({ figure: f.label, source: f.figure.source, confidence: f.figure.confidence })),
    ...x.impact.map((r) => ({ figure: `${r.name} (revenue)`, source: r.revenue.source, confidence: r.revenue.confidence })),
  ];
  return { assumptions, limits, confidence };
}
