/**
 * Which gross margin the money figures use, and why. Unit costs from Shopify win where they
 * exist; the rest of the revenue uses the merchant's stated margin, or (without one) the
 * margin of the products whose cost is known. With neither, margin stays unknown: revenue
 * figures are still shown, margin figures are not invented.
 */
import type { Confidence } from "../types";
import type { FigureSource } from "./figure";

export interface CostCoverage {
  /** Merchandise revenue (Σ quantity × unit price). */
  productRevenue: number;
  /** The part of it whose unit cost is known, and that cost. */
  knownCostRevenue: number;
  knownCost: number;
}

export interface MarginBasis {
  /** Gross margin as a fraction of revenue, or null when unknown. */
  rate: number | null;
  source: FigureSource | null;
  confidence: Confidence;
  /** Share of merchandise revenue with a known unit cost (null without merchandise revenue). */
  knownCostShare: number | null;
  /** Margin of the products whose cost is known. */
  measuredRate: number | null;
  /** The merchant's stated margin, when given and valid. */
  merchantRate: number | null;
  /** How the rate was chosen, in plain language. */
  note: string;
}

/** At or above this share of revenue with known costs, the measured margin stands on its own. */
export const FULL_COST_COVERAGE = 0.95;
/** Below this share, the measured margin is too partial to lead. */
export const PARTIAL_COST_COVERAGE = 0.5;

const pct = (x: number) => `${Math.round(x * 100)}%`;

/** A margin answer as a fraction: accepts 0..1; anything else is treated as not given. */
export function validMarginRate(rate: number | null | undefined): number | null {
  return typeof rate === "number" && Number.isFinite(rate) && rate >= 0 && rate <= 1 ? rate : null;
}

export function resolveMargin(coverage: CostCoverage, merchantMarginRate?: number | null): MarginBasis {
  const merchant = validMarginRate(merchantMarginRate);
  const share = coverage.productRevenue > 0 ? Math.min(1, coverage.knownCostRevenue / coverage.productRevenue) : null;
  const measured = coverage.knownCostRevenue > 0 ? (coverage.knownCostRevenue - coverage.knownCost) / coverage.knownCostRevenue : null;
  const base = { knownCostShare: share, measuredRate: measured, merchantRate: merchant };

  if (measured !== null && share !== null && share >= FULL_COST_COVERAGE) {
    return { ...base, rate: measured, source: "data", confidence: "high", note: `Margins use your unit costs (known for ${pct(share)} of product revenue): ${pct(measured)} gross margin.` };
  }
  if (measured !== null && share !== null) {
    const rest = 1 - share;
    if (merchant !== null) {
      const rate = share * measured + rest * merchant;
      const leading = share >= PARTIAL_COST_COVERAGE;
      return {
        ...base,
        rate,
        source: leading ? "data" : "merchant answer",
        confidence: "medium",
        note:
          `Unit costs are known for ${pct(share)} of product revenue (${pct(measured)} margin); for the other ${pct(rest)}, ` +
          `margin figures use your stated ${pct(merchant)} gross margin: ${pct(rate)} overall.`,
      };
    }
    const leading = share >= PARTIAL_COST_COVERAGE;
    return {
      ...base,
      rate: measured,
      source: "data",
      confidence: leading ? "medium" : "low",
      note:
        `Unit costs are known for ${leading ? "" : "only "}${pct(share)} of product revenue; margin figures assume the other ${pct(rest)} ` +
        `earns the same ${pct(measured)} margin. Add unit costs in Shopify or tell us your gross margin to firm this up.`,
    };
  }
  if (merchant !== null) {
    return { ...base, rate: merchant, source: "merchant answer", confidence: "medium", note: `No unit costs in Shopify: margin figures use your stated ${pct(merchant)} gross margin.` };
  }
  return {
    ...base,
    rate: null,
    source: null,
    confidence: "insufficient",
    note: "No unit costs in Shopify and no gross margin given, so margin figures are unknown: add unit costs to your products or tell us your gross margin.",
  };
}
