/**
 * What each guided step asks the merchant (only what the store's data cannot tell), as zod
 * schemas over the submitted form fields. Empty fields mean "don't know" and are left out; a
 * wrong value gets a message for its field. The answers of all steps together form the engine's
 * PlanAnswers (app/engine/plan/types.ts).
 */
import { z } from "zod";
import type { PlanAnswers, TicketReason } from "../../engine/plan/types";
import type { StepKey } from "./steps";

export const TICKET_REASONS: ReadonlyArray<{ reason: TicketReason; label: string }> = [
  { reason: "where_is_my_order", label: "Where is my order?" },
  { reason: "late_delivery", label: "Late delivery" },
  { reason: "failed_delivery", label: "Failed or missed delivery" },
  { reason: "lost_package", label: "Lost package" },
  { reason: "damaged", label: "Damaged item" },
  { reason: "returns", label: "Returns and exchanges" },
  { reason: "other", label: "Other" },
];

/** Delivery processes the merchant runs by hand, automatically or not at all. */
export const PROCESSES = [
  { key: "carrier_choice", label: "Choosing the carrier and service per order" },
  { key: "tracking_updates", label: "Sending tracking updates" },
  { key: "delay_notices", label: "Telling customers about delays" },
  { key: "failed_delivery_follow_up", label: "Following up failed deliveries" },
  { key: "damage_claims", label: "Handling damage reports and carrier claims" },
  { key: "return_labels", label: "Issuing return labels" },
  { key: "goodwill_credits", label: "Giving goodwill credits" },
] as const;
export type ProcessKey = (typeof PROCESSES)[number]["key"];
export const PROCESS_MODES = ["manual", "automated", "not_done"] as const;

type FormValues = Record<string, string>;

/** "" → undefined; otherwise a number parsed from the text (commas and spaces allowed). */
const optionalNumber = (label: string, min: number, max: number, opts: { int?: boolean } = {}) =>
  z.preprocess(
    (v) => {
      if (v === undefined || v === null) return undefined;
      const s = String(v).replace(/[\s,]/g, "");
      if (s === "") return undefined;
      return Number(s);
    },
    z
      .number({ error: `${label} must be a number` })
      .refine((x) => Number.isFinite(x), `${label} must be a number`)
      .refine((x) => !opts.int || Number.isInteger(x), `${label} must be a whole number`)
      .refine((x) => x >= min, `${label} must be at least ${min}`)
      .refine((x) => x <= max, `${label} must be at most ${max.toLocaleString("en-US")}`)
      .optional(),
  );

const optionalText = (label: string, max: number) =>
  z.preprocess(
    (v) => (typeof v === "string" && v.trim() !== "" ? v.trim() : undefined),
    z.string().max(max, `${label} must be at most ${max} characters`).optional(),
  );

/** One entry per line (or comma), blank lines dropped. */
const lineList = (label: string) =>
  z.preprocess(
    (v) => {
      const items = Array.isArray(v) ? v.map(String) : typeof v === "string" ? v.split(/[\n,]/) : [];
      const kept = items.map((s) => s.trim()).filter((s) => s !== "");
      return kept.length > 0 ? kept : undefined;
    },
    z
      .array(z.string().max(80, `Each entry in ${label} must be at most 80 characters`))
      .max(20, `List at most 20 ${label}`)
      .optional(),
  );

export const auditAnswersSchema = z.object({
  nps: optionalNumber("Net Promoter Score", -100, 100, { int: true }),
  csat: optionalNumber("Customer satisfaction", 0, 100),
  grossMarginPercent: optionalNumber("Gross margin", 0, 100),
  targetLateRatePercent: optionalNumber("Target late rate", 0, 100),
});

const reasonShareFields = Object.fromEntries(TICKET_REASONS.map(({ reason, label }) => [`share_${reason}`, optionalNumber(`Share for “${label}”`, 0, 100)])) as Record<
  `share_${TicketReason}`,
  ReturnType<typeof optionalNumber>
>;
const processMode = z.preprocess(
  (v) => (v === "" || v === undefined ? undefined : v),
  z.enum(PROCESS_MODES, { error: "Choose manual, automated or not done" }).optional(),
);
const processFields = Object.fromEntries(PROCESSES.map(({ key }) => [`process_${key}`, processMode])) as Record<`process_${ProcessKey}`, typeof processMode>;

export const automationAnswersSchema = z
  .object({
    monthlySupportTickets: optionalNumber("Support tickets a month", 0, 10_000_000, { int: true }),
    minutesPerTicket: optionalNumber("Minutes per ticket", 1, 600),
    ...reasonShareFields,
    ...processFields,
  })
  .superRefine((a, ctx) => {
    const total = TICKET_REASONS.reduce((s, { reason }) => s + (a[`share_${reason}`] ?? 0), 0);
    if (total > 100.5) ctx.addIssue({ code: "custom", path: ["share_other"], message: `The shares add up to ${Math.round(total)}%; they can add up to 100% at most` });
  });

export const personalizationAnswersSchema = z.object({
  customerAcquisitionCost: optionalNumber("Acquisition cost", 0, 100_000),
  brandPositioning: z.preprocess((v) => (v === "" ? undefined : v), z.enum(["premium", "mid-market", "value"], { error: "Choose premium, mid-market or value" }).optional()),
});

export const channelsAnswersSchema = z.object({
  channelsOutsideShopify: lineList("channels"),
  routingDecisions: optionalText("How routing is decided", 1000),
});

const noAnswers = z.object({});

export const STEP_SCHEMAS = {
  audit: auditAnswersSchema,
  automation: automationAnswersSchema,
  personalization: personalizationAnswersSchema,
  channels: channelsAnswersSchema,
  testing: noAnswers,
  plan: noAnswers,
} satisfies Record<StepKey, z.ZodType>;

export type StepAnswers<S extends StepKey> = z.infer<(typeof STEP_SCHEMAS)[S]>;
export type AnyStepAnswers = { [S in StepKey]: StepAnswers<S> }[StepKey];

export type FieldErrors = Record<string, string>;
export type ParseResult<S extends StepKey> = { ok: true; answers: StepAnswers<S> } | { ok: false; errors: FieldErrors };

export function parseStepAnswers<S extends StepKey>(step: S, values: FormValues): ParseResult<S> {
  const r = STEP_SCHEMAS[step].safeParse(values);
  if (r.success) return { ok: true, answers: dropUndefined(r.data) as StepAnswers<S> };
  const errors: FieldErrors = {};
  for (const issue of r.error.issues) {
    const field = String(issue.path[0] ?? "form");
    errors[field] ??= issue.message;
  }
  return { ok: false, errors };
}

function dropUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Stored answers back into form field text, for editing. */
export function answersToForm(answers: Record<string, unknown>): FormValues {
  const out: FormValues = {};
  for (const [k, v] of Object.entries(answers)) {
    if (Array.isArray(v)) out[k] = v.join("\n");
    else if (v !== undefined && v !== null) out[k] = String(v);
  }
  return out;
}

/** Every step's stored answers → the engine's PlanAnswers. */
export function toPlanAnswers(byStep: Partial<{ [S in StepKey]: StepAnswers<S> }>): PlanAnswers {
  const a: PlanAnswers = {};
  const audit = byStep.audit;
  if (audit) Object.assign(a, audit);
  const auto = byStep.automation;
  if (auto) {
    if (auto.monthlySupportTickets !== undefined) a.monthlySupportTickets = auto.monthlySupportTickets;
    if (auto.minutesPerTicket !== undefined) a.minutesPerTicket = auto.minutesPerTicket;
    const reasons = TICKET_REASONS.filter(({ reason }) => (auto[`share_${reason}`] ?? 0) > 0)
      .map(({ reason, label }) => ({ reason, share: (auto[`share_${reason}`] ?? 0) / 100, label }))
      .sort((x, y) => y.share - x.share);
    if (reasons.length > 0) a.topTicketReasons = reasons;
    const mode = (m: string) => PROCESSES.filter(({ key }) => auto[`process_${key}`] === m).map(({ label }) => label);
    if (mode("manual").length > 0) a.manualProcesses = mode("manual");
    if (mode("automated").length > 0) a.automatedProcesses = mode("automated");
  }
  const pers = byStep.personalization;
  if (pers) Object.assign(a, pers);
  const ch = byStep.channels;
  if (ch) {
    if (ch.channelsOutsideShopify && ch.channelsOutsideShopify.length > 0) a.channelsOutsideShopify = ch.channelsOutsideShopify;
    if (ch.routingDecisions) a.routingDecisions = ch.routingDecisions;
  }
  return a;
}
