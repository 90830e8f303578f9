import { describe, expect, it } from "vitest";
import type { Figure } from "../analyze/figure";
import type { MarginBasis } from "../analyze/margin";
import { rateCutImpact, type RateCutInput } from "./impact";

const fig = (value: number | null, low: number | null = null, high: number | null = null, confidence: Figure["confidence"] = "high"): Figure => ({
  value,
  low,
  high,
  n: 500,
  confidence,
  caveats: value === null ? ["Only 12 customers followed for 180 days."] : [],
  source: "data",
});
const margin = (rate: number | null): MarginBasis => ({
  rate,
  source: rate === null ? null : "merchant answer",
  confidence: rate === null ? "insufficient" : "medium",
  knownCostShare: null,
  measuredRate: null,
  merchantRate: rate,
  note: "Stated margin.",
});
const input: RateCutInput = {
  name: "Late deliveries",
  what: "late rate",
  current: 0.124,
  target: 0.08,
  targetBasis: "your best carrier, UPS",
  targetSource: "data",
  gap: fig(-0.14, -0.2, -0.08, "medium"),
  newCustomers: fig(1820),
  repeatValue: fig(186, 170, 200),
  windowDays: 180,
  margin: margin(0.5),
  currency: "USD",
};

describe("rateCutImpact", () => {
  const r = rateCutImpact(input);

  it("multiplies the rate cut by the measured gap, the new customers and the value of a returning customer", () => {
    // 4.4 points × 14-point gap = 0.616 points; range 4.4 × 8 = 0.352 to 4.4 × 20 = 0.88 points.
    expect(r.repeatRateChange.value).toBeCloseTo(0.00616, 12);
    expect(r.repeatRateChange.low).toBeCloseTo(0.00352, 12);
    expect(r.repeatRateChange.high).toBeCloseTo(0.0088, 12);
    expect(r.extraReturningCustomers.value).toBeCloseTo(1820 * 0.00616, 9); // 11.21
    expect(r.revenue.value).toBeCloseTo(1820 * 0.00616 * 186, 6); // 2,085.28
    expect(r.revenue.low).toBeCloseTo(1820 * 0.00352 * 186, 6); // 1,191.59
    expect(r.revenue.high).toBeCloseTo(1820 * 0.0088 * 186, 6); // 2,978.98
    expect(r.margin.value).toBeCloseTo(1820 * 0.00616 * 186 * 0.5, 6);
    expect(r.revenue).toMatchObject({ source: "data", confidence: "medium", per: "year" });
  });

  it("states the arithmetic in one sentence", () => {
    expect(r.sentence).toBe(
      "Cutting the late rate from 12.4% to 8.0% (your best carrier, UPS) moves new customers' 180-day repeat rate by 4.4 points × the measured " +
        "14.0-point gap = +0.62 points (range +0.35 to +0.88 points), which at 1,820 new customers a year whose first order ships and $186 of repeat revenue per returning " +
        "customer is $2,085 a year in repeat revenue (range $1,192–$2,979); $1,043 in gross margin.",
    );
  });

  it("marks a merchant target as a merchant answer", () => {
    expect(rateCutImpact({ ...input, targetSource: "merchant answer" }).revenue.source).toBe("merchant answer");
  });

  it("keeps margin unknown when the margin is unknown", () => {
    const u = rateCutImpact({ ...input, margin: margin(null) });
    expect(u.revenue.value).toBeCloseTo(2085.2832, 4);
    expect(u.margin).toMatchObject({ value: null, unknown: "your gross margin % (or unit costs on your products in Shopify)" });
    expect(u.sentence).toContain("margin unknown until we know your gross margin");
  });

  it("lowers confidence when the gap could be chance, and clips the range at no effect", () => {
    const c = rateCutImpact({ ...input, gap: fig(-0.03, -0.09, 0.03, "medium") });
    expect(c.revenue.confidence).toBe("low");
    expect(c.revenue.low).toBe(0);
    expect(c.revenue.notes).toContain("The repeat-rate gap behind this could be chance (its interval includes no difference).");
  });

  it("says what is missing instead of inventing it", () => {
    const u = rateCutImpact({ ...input, gap: fig(null) });
    expect(u.revenue.value).toBeNull();
    expect(u.sentence).toBe("Late deliveries: unknown — the repeat-rate gap needs more customers followed long enough (Only 12 customers followed for 180 days.).");
    expect(rateCutImpact({ ...input, repeatValue: fig(null) }).revenue.unknown).toContain("no customer has come back within 180 days");
  });

  it("shows no money when the problem does not cost repeats here", () => {
    const none = rateCutImpact({ ...input, gap: fig(0.02, -0.01, 0.05) });
    expect(none.revenue.value).toBe(0);
    expect(none.sentence).toContain("come back as often as others");
  });
});
