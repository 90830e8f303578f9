/**
 * The "new experiment" form: zod over the submitted fields, one message per wrong field, and
 * the power analysis the form previews (the same function the action runs, so what the
 * merchant saw is what gets saved). The baseline is the store's own rate for the variable's
 * primary metric and window; the merchant may type one when the store has none yet.
 */
import { z } from "zod";
import { DELIVERY_VARIABLES, DELIVERY_VARIABLE_KEYS, hypothesisFor, powerAnalysis, type DeliveryVariable, type PowerAnalysis } from "../../engine/experiments";
import type { ShippingSpeed } from "../../engine/types";

export const WINDOW_CHOICES = [30, 60, 90, 180, 365] as const;
export const ALPHA_CHOICES = ["0.01", "0.05", "0.1"] as const;
export const POWER_CHOICES = ["0.8", "0.9"] as const;
export const SPEED_CHOICES: ReadonlyArray<{ value: ShippingSpeed; label: string }> = [
  { value: "express", label: "Express" },
  { value: "standard", label: "Standard" },
  { value: "economy", label: "Economy" },
  { value: "local", label: "Local delivery" },
];

/** What the page knows about the store (from StoreBaselines, serialisable). */
export interface FormBaselines {
  repeatWithin: Record<number, number | null>;
  keptRate: number | null;
  newCustomersPerMonth: number | null;
}

export type FormValues = Record<string, string | string[] | undefined>;

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim() ?? "";
const many = (v: string | string[] | undefined) => (Array.isArray(v) ? v : v ? [v] : []).map((x) => x.trim()).filter(Boolean);

const numberIn = (label: string, min: number, max: number) =>
  z
    .string()
    .trim()
    .min(1, `Enter ${label}.`)
    .transform((s) => Number(s.replace(/[,\s%]/g, "")))
    .refine((n) => Number.isFinite(n), `${label.charAt(0).toUpperCase() + label.slice(1)} must be a number.`)
    .refine((n) => n >= min && n <= max, `${label.charAt(0).toUpperCase() + label.slice(1)} must be between ${min} and ${max}.`);

const schema = z.object({
  name: z.string().trim().min(1, "Give the experiment a name.").max(80, "Keep the name under 80 characters."),
  variable: z.enum(DELIVERY_VARIABLE_KEYS as [DeliveryVariable, ...DeliveryVariable[]], { message: "Choose what to test." }),
  treatments: z.array(z.string()).min(1, "Choose at least one variant to test against the current experience."),
  windowDays: z.enum(WINDOW_CHOICES.map(String) as [string, ...string[]], { message: "Choose an outcome window." }).transform(Number),
  mdeKind: z.enum(["absolute", "relative"], { message: "Choose how the lift is measured." }),
  mde: numberIn("the smallest lift worth detecting", 0.1, 200),
  alpha: z.enum(ALPHA_CHOICES, { message: "Choose a significance level." }).transform(Number),
  power: z.enum(POWER_CHOICES, { message: "Choose a power." }).transform(Number),
  baseline: z.union([z.literal(""), numberIn("the baseline rate", 0.1, 99)]),
  shippingSpeeds: z.array(z.enum(SPEED_CHOICES.map((s) => s.value) as [ShippingSpeed, ...ShippingSpeed[]], { message: "Unknown shipping speed." })),
  regions: z
    .string()
    .trim()
    .transform((s) => s.split(/[,\s]+/).filter(Boolean).map((r) => r.toUpperCase()))
    .refine((rs) => rs.every((r) => /^[A-Z]{2}(-[A-Z0-9]{1,3})?$/.test(r)), "Regions are country or province codes like US or US-CA, separated by commas."),
});

export type ParsedForm = z.output<typeof schema>;

export function readForm(values: FormValues) {
  return schema.safeParse({
    name: one(values.name),
    variable: one(values.variable),
    treatments: many(values.treatments),
    windowDays: one(values.windowDays),
    mdeKind: one(values.mdeKind),
    mde: one(values.mde),
    alpha: one(values.alpha),
    power: one(values.power),
    baseline: one(values.baseline),
    shippingSpeeds: many(values.shippingSpeeds),
    regions: one(values.regions),
  });
}

/** The store's rate of the variable's primary metric over the window (null when not measured). */
export function storeBaseline(variable: DeliveryVariable, windowDays: number, b: FormBaselines): number | null {
  return DELIVERY_VARIABLES[variable].primaryMetric === "satisfaction_score" ? b.keptRate : (b.repeatWithin[windowDays] ?? null);
}

export interface Sizing {
  baseline: number | null;
  baselineSource: "store" | "typed" | "none";
  power: PowerAnalysis | null;
}

/** The power analysis for form values (entered percents and points become fractions). */
export function sizeExperiment(f: Pick<ParsedForm, "variable" | "treatments" | "windowDays" | "mdeKind" | "mde" | "alpha" | "power" | "baseline">, b: FormBaselines): Sizing {
  const typed = f.baseline === "" ? null : f.baseline / 100;
  const store = storeBaseline(f.variable, f.windowDays, b);
  const baseline = typed ?? store;
  if (baseline === null) return { baseline: null, baselineSource: "none", power: null };
  const power = powerAnalysis({
    baseline,
    mde: f.mde / 100,
    mdeKind: f.mdeKind,
    alpha: f.alpha,
    power: f.power,
    variants: 1 + f.treatments.length,
    unitsPerMonth: b.newCustomersPerMonth,
    windowDays: f.windowDays,
  });
  return { baseline, baselineSource: typed !== null ? "typed" : "store", power };
}

export type FormErrors = Partial<Record<keyof ParsedForm | "form", string>>;

/** Validates and sizes a submission: the experiment to save, or a message per field. */
export function parseExperimentForm(values: FormValues, b: FormBaselines) {
  const parsed = readForm(values);
  if (!parsed.success) {
    const errors: FormErrors = {};
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? "form") as keyof FormErrors;
      errors[key] ??= issue.message;
    }
    return { ok: false as const, errors };
  }
  const f = parsed.data;
  const def = DELIVERY_VARIABLES[f.variable];
  const unknown = f.treatments.filter((t) => !def.variants.some((v) => v.key === t && v.key !== "control"));
  if (unknown.length > 0) return { ok: false as const, errors: { treatments: `Not a variant of ${def.label.toLowerCase()}: ${unknown.join(", ")}.` } satisfies FormErrors };
  const sizing = sizeExperiment(f, b);
  if (sizing.power === null) return { ok: false as const, errors: { baseline: "Your store has no measured rate for this yet: enter the baseline rate you expect." } satisfies FormErrors };
  if (sizing.power.perVariant === null) return { ok: false as const, errors: { mde: sizing.power.warnings[0] } satisfies FormErrors };
  const variants = def.variants.filter((v) => v.key === "control" || f.treatments.includes(v.key)).map((v) => ({ ...v }));
  return {
    ok: true as const,
    experiment: {
      name: f.name,
      variable: f.variable,
      hypothesis: hypothesisFor(f.variable, f.treatments[0], f.windowDays),
      variants,
      unit: def.unit,
      primaryMetric: def.primaryMetric,
      windowDays: f.windowDays,
      mde: sizing.power.mdeAbsolute,
      alpha: f.alpha,
      power: f.power,
      plannedPerVariant: sizing.power.perVariant,
      audience: { ...(f.shippingSpeeds.length ? { shippingSpeeds: f.shippingSpeeds } : {}), ...(f.regions.length ? { regions: f.regions } : {}) },
    },
    sizing,
  };
}
