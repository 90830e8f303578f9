/**
 * Exception rules as data: for each delivery exception the merchant keeps an ordered list of
 * branches ("if these conditions, do this") and a fallback, i.e. a decision tree flattened into
 * a decision list, which a form can edit and a person can read top to bottom. Rules only
 * recommend what the team does; nothing is sent to customers.
 */
import { z } from "zod";

export const EXCEPTION_KINDS = ["delay", "damage", "failed_delivery", "unknown"] as const;
export type ExceptionKind = (typeof EXCEPTION_KINDS)[number];

export const EXCEPTION_LABELS: Record<ExceptionKind, string> = {
  delay: "Delivery late or delayed",
  damage: "Arrived damaged or defective",
  failed_delivery: "Failed or missed delivery",
  unknown: "No delivery information after the promised date",
};

export const ACTION_TYPES = [
  "store_credit",
  "replacement",
  "refund",
  "reschedule",
  "pickup_point",
  "carrier_claim",
  "apology",
  "human_review",
] as const;
export type ActionType = (typeof ACTION_TYPES)[number];

export const ACTION_LABELS: Record<ActionType, string> = {
  store_credit: "Give store credit",
  replacement: "Send a replacement",
  refund: "Refund the order",
  reschedule: "Offer to reschedule delivery",
  pickup_point: "Offer a pickup point",
  carrier_claim: "File a carrier claim",
  apology: "Apologise with the new date",
  human_review: "Hand to a person with the full order context",
};

export const CUSTOMER_TYPES = ["any", "first_order", "returning", "guest"] as const;
export type CustomerType = (typeof CUSTOMER_TYPES)[number];

export const CUSTOMER_LABELS: Record<CustomerType, string> = {
  any: "Any customer",
  first_order: "First order",
  returning: "Returning customer",
  guest: "Guest checkout",
};

const LIMIT = 1_000_000;
const optionalAmount = (what: string) =>
  z
    .number({ error: `${what} must be a number` })
    .min(0, `${what} cannot be negative`)
    .max(LIMIT, `${what} is too large`)
    .nullable();

export const ruleActionSchema = z
  .object({
    type: z.enum(ACTION_TYPES, { error: "Choose an action" }),
    /** Credit in shop currency, for store_credit only. */
    creditAmount: optionalAmount("Credit amount").optional(),
  })
  .superRefine((a, ctx) => {
    if (a.type === "store_credit" && (a.creditAmount === null || a.creditAmount === undefined || a.creditAmount <= 0)) {
      ctx.addIssue({ code: "custom", path: ["creditAmount"], message: "Enter a credit amount above 0" });
    }
  });
export type RuleAction = z.infer<typeof ruleActionSchema>;

export const ruleBranchSchema = z.object({
  customer: z.enum(CUSTOMER_TYPES, { error: "Choose a customer type" }),
  /** Net amount the customer had spent before this order (a value tier), at least. */
  minPriorSpend: optionalAmount("Spent before").default(null),
  minOrderValue: optionalAmount("Order value").default(null),
  /** Days late, at least (delay rules). */
  minDaysLate: z
    .number({ error: "Days late must be a number" })
    .int("Days late must be whole days")
    .min(1, "Days late must be at least 1")
    .max(365, "Days late must be at most 365")
    .nullable()
    .default(null),
  action: ruleActionSchema,
});
export type RuleBranch = z.infer<typeof ruleBranchSchema>;

export const ruleDefinitionSchema = z.object({
  branches: z.array(ruleBranchSchema).max(10, "Keep at most 10 branches per rule"),
  otherwise: ruleActionSchema,
});
export type RuleDefinition = z.infer<typeof ruleDefinitionSchema>;

export const exceptionRuleSchema = z
  .object({
    exception: z.enum(EXCEPTION_KINDS, { error: "Unknown exception type" }),
    enabled: z.boolean(),
    definition: ruleDefinitionSchema,
  })
  .superRefine((r, ctx) => {
    if (r.exception === "delay") return;
    r.definition.branches.forEach((b, i) => {
      if (b.minDaysLate !== null) {
        ctx.addIssue({ code: "custom", path: ["definition", "branches", i, "minDaysLate"], message: "Days late applies to delay rules only" });
      }
    });
  });
export type ExceptionRule = z.infer<typeof exceptionRuleSchema>;

export const ruleSetSchema = z.object({
  rules: z
    .array(exceptionRuleSchema)
    .refine((rs) => new Set(rs.map((r) => r.exception)).size === rs.length, "Each exception type can have one rule only"),
});
export type RuleSet = z.infer<typeof ruleSetSchema>;

const branch = (b: Partial<RuleBranch> & { action: RuleAction }): RuleBranch => ({
  customer: "any",
  minPriorSpend: null,
  minOrderValue: null,
  minDaysLate: null,
  ...b,
});

/**
 * A starting point the merchant edits. `vipSpend` is the value tier threshold (e.g. what the top
 * tenth of returning customers had spent); without one, the VIP branch is left out.
 */
export function defaultRules(vipSpend: number | null): ExceptionRule[] {
  const vip = vipSpend !== null && vipSpend > 0 ? Math.round(vipSpend) : null;
  return [
    {
      exception: "delay",
      enabled: true,
      definition: {
        branches: [
          ...(vip !== null ? [branch({ customer: "returning", minPriorSpend: vip, minDaysLate: 3, action: { type: "replacement" } })] : []),
          branch({ customer: "returning", action: { type: "store_credit", creditAmount: 10 } }),
          branch({ customer: "first_order", minDaysLate: 2, action: { type: "store_credit", creditAmount: 5 } }),
        ],
        otherwise: { type: "apology" },
      },
    },
    {
      exception: "damage",
      enabled: true,
      definition: {
        branches: [branch({ minOrderValue: 200, action: { type: "human_review" } })],
        otherwise: { type: "replacement" },
      },
    },
    {
      exception: "failed_delivery",
      enabled: true,
      definition: { branches: [], otherwise: { type: "reschedule" } },
    },
    {
      exception: "unknown",
      enabled: true,
      definition: { branches: [], otherwise: { type: "human_review" } },
    },
  ];
}
