import { describe, expect, it } from "vitest";
import { resolveMargin, validMarginRate } from "./margin";

describe("resolveMargin", () => {
  it("uses unit costs alone when they cover 95%+ of revenue", () => {
    const m = resolveMargin({ productRevenue: 1000, knownCostRevenue: 960, knownCost: 576 });
    expect(m.rate).toBeCloseTo(0.4, 12); // (960 − 576) / 960
    expect(m).toMatchObject({ source: "data", confidence: "high", knownCostShare: 0.96 });
  });

  it("blends measured margin with the merchant's answer for the uncovered revenue", () => {
    // 85% covered at 40%, the other 15% at the stated 30% → 0.85·0.4 + 0.15·0.3 = 0.385.
    const m = resolveMargin({ productRevenue: 1000, knownCostRevenue: 850, knownCost: 510 }, 0.3);
    expect(m.rate).toBeCloseTo(0.385, 12);
    expect(m.source).toBe("data");
    expect(m.note).toBe("Unit costs are known for 85% of product revenue (40% margin); for the other 15%, margin figures use your stated 30% gross margin: 39% overall.");
  });

  it("extrapolates the measured margin, with lower confidence, when no answer is given", () => {
    const m = resolveMargin({ productRevenue: 1000, knownCostRevenue: 850, knownCost: 510 });
    expect(m.rate).toBeCloseTo(0.4, 12);
    expect(m.confidence).toBe("medium");
    expect(m.note).toContain("assume the other 15% earns the same 40% margin");
    expect(resolveMargin({ productRevenue: 1000, knownCostRevenue: 200, knownCost: 100 }).confidence).toBe("low");
  });

  it("lets the merchant's answer lead when costs are mostly missing", () => {
    const m = resolveMargin({ productRevenue: 1000, knownCostRevenue: 200, knownCost: 100 }, 0.6);
    expect(m.rate).toBeCloseTo(0.2 * 0.5 + 0.8 * 0.6, 12);
    expect(m.source).toBe("merchant answer");
    expect(resolveMargin({ productRevenue: 1000, knownCostRevenue: 0, knownCost: 0 }, 0.45)).toMatchObject({ rate: 0.45, source: "merchant answer" });
  });

  it("leaves margin unknown without costs or an answer (never invented)", () => {
    const m = resolveMargin({ productRevenue: 1000, knownCostRevenue: 0, knownCost: 0 });
    expect(m).toMatchObject({ rate: null, source: null, confidence: "insufficient" });
    expect(resolveMargin({ productRevenue: 0, knownCostRevenue: 0, knownCost: 0 }, Number.NaN).rate).toBeNull();
  });

  it("accepts only fractions in 0..1 as an answer", () => {
    expect(validMarginRate(0.4)).toBe(0.4);
    expect(validMarginRate(40)).toBeNull();
    expect(validMarginRate(-0.1)).toBeNull();
    expect(validMarginRate(undefined)).toBeNull();
  });
});
