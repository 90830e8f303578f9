/**
 * Returns and their reasons. Handles follow the 2026-10 `ReturnReasonDefinition`
 * library (kebab-case; "arrived-late", "too-tight", "quality" are the schema's own
 * examples, the others are plausible members of the same library).
 */
import type { ProductCategory } from "./catalog";
import { cumulative, type Random } from "./random";

export const RETURN_REASONS: Readonly<Record<ProductCategory, Array<[string, number]>>> = {
  apparel: [
    ["too-small", 0.26],
    ["too-large", 0.22],
    ["too-tight", 0.06],
    ["changed-mind", 0.14],
    ["not-as-described", 0.09],
    ["style", 0.08],
    ["color", 0.05],
    ["quality", 0.05],
    ["wrong-item", 0.03],
    ["defective", 0.02],
  ],
  accessories: [
    ["changed-mind", 0.35],
    ["not-as-described", 0.2],
    ["quality", 0.15],
    ["defective", 0.12],
    ["wrong-item", 0.08],
    ["color", 0.1],
  ],
  home: [
    ["defective", 0.3],
    ["changed-mind", 0.3],
    ["not-as-described", 0.2],
    ["wrong-item", 0.1],
    ["quality", 0.1],
  ],
  beauty: [
    ["changed-mind", 0.4],
    ["defective", 0.25],
    ["not-as-described", 0.2],
    ["wrong-item", 0.15],
  ],
  gift: [["changed-mind", 1]],
};

export const LATE_ARRIVAL_REASON = "arrived-late";

export const RETURN_BEHAVIOUR = {
  /** Return chance of a late parcel's lines is multiplied by this. */
  lateUplift: 1.6,
  /** Share of late-parcel returns that blame the delay. */
  lateReasonShare: 0.35,
  /** Days from delivery to the return request ~ 0.5 + Gamma(2, 2.5). */
  requestDelay: { offsetDays: 0.5, shape: 2, scaleDays: 2.5 },
  /** Days from request to refund ~ LogNormal(median 6, sigma 0.4): shipped back and inspected. */
  refundDelay: { medianDays: 6, sigma: 0.4 },
  /** Delivered orders refunded 20% as a goodwill gesture (damaged box) without a return. */
  goodwillRate: 0.01,
  goodwillShare: 0.2,
} as const;

const REASON_TABLES = Object.fromEntries(
  Object.entries(RETURN_REASONS).map(([category, table]) => [category, { handles: table.map(([h]) => h), weights: cumulative(table.map(([, w]) => w)) }]),
) as Record<ProductCategory, { handles: string[]; weights: Float64Array }>;

export function drawReturnReason(rng: Random, category: ProductCategory, late: boolean): string {
  if (late && rng.chance(RETURN_BEHAVIOUR.lateReasonShare)) return LATE_ARRIVAL_REASON;
  const table = REASON_TABLES[category];
  return table.handles[rng.pickIndex(table.weights)];
}
