/**
 * An experiment as the merchant defines it: one delivery variable, its variants, who enters
 * (the audience), the primary metric and how it is sized. Stored as JSON by the app; validated
 * at the edges (the admin form) so the engine can rely on it.
 */
import type { ShippingSpeed } from "../types";
import type { DeliveryVariable, PrimaryMetric, UnitKind, Variant } from "./registry";

/** Which new orders enter. Empty lists mean "any". Known when the order is placed. */
export interface Audience {
  shippingSpeeds?: ShippingSpeed[];
  /** Destination region prefixes ("US" or "US-CA"). */
  regions?: string[];
}

export interface ExperimentDefinition {
  id: string;
  name: string;
  variable: DeliveryVariable;
  hypothesis: string;
  variants: Variant[];
  unit: UnitKind;
  primaryMetric: PrimaryMetric;
  windowDays: number;
  /** Minimum detectable effect, absolute points (0.03). */
  mde: number;
  alpha: number;
  power: number;
  /** Units per variant the power analysis asked for when the experiment was created. */
  plannedPerVariant: number | null;
  audience: Audience;
}

export type ExperimentStatus = "draft" | "running" | "stopped";

const matchesRegion = (region: string | null, prefixes: readonly string[]) =>
  region !== null && prefixes.some((p) => region === p || region.startsWith(`${p}-`));

/** Whether an order (its service level and destination) belongs to the audience. */
export function inAudience(audience: Audience, order: { shippingSpeed: ShippingSpeed; destinationRegion: string | null }): boolean {
  if (audience.shippingSpeeds?.length && !audience.shippingSpeeds.includes(order.shippingSpeed)) return false;
  if (audience.regions?.length && !matchesRegion(order.destinationRegion, audience.regions)) return false;
  return true;
}
