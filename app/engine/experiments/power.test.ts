import { describe, expect, it } from "vitest";
import { customersPerArm } from "../plan/sample-size";
import { DAYS_PER_MONTH, powerAnalysis, withContinuityCorrection } from "./power";

describe("powerAnalysis", () => {
  it("matches Fleiss' two-proportion sample sizes (p1 = 0.10, p2 = 0.15, α = 0.05 two-sided, power 0.8)", () => {
    // Fleiss, Levin & Paik, Statistical Methods for Rates and Proportions (3rd ed.), Table A.4 lists
    // 725 per group with the continuity correction; without it the formula gives
    // (1.95996·√(2·0.125·0.875) + 0.84162·√(0.09 + 0.1275))² / 0.05² = 685.6 → 686.
    const p = powerAnalysis({ baseline: 0.1, mde: 0.05, unitsPerMonth: null, windowDays: 90 });
    expect(p.perVariant).toBe(686);
    expect(p.total).toBe(1372);
    const cc = powerAnalysis({ baseline: 0.1, mde: 0.05, unitsPerMonth: null, windowDays: 90, continuityCorrection: true });
    // n' = n/4·(1 + √(1 + 4/(n·0.05)))² = 725.05 from the unrounded n: the table's 725, rounded up.
    expect(Math.abs((cc.perVariant as number) - 725)).toBeLessThanOrEqual(1);
  });

  it("matches hand-computed sizes for other textbook cases", () => {
    // p1 = 0.5 vs 0.6: (1.95996·√(2·0.55·0.45) + 0.84162·√(0.25 + 0.24))² / 0.01 = 387.3 → 388.
    expect(powerAnalysis({ baseline: 0.5, mde: 0.1, unitsPerMonth: null, windowDays: 30 }).perVariant).toBe(388);
    // α = 0.01, power 0.9, 0.2 vs 0.3: (2.57583·√(2·0.25·0.75) + 1.28155·√(0.16 + 0.21))² / 0.01 = (1.57737 + 0.77954)² / 0.01 = 555.5 → 556.
    expect(powerAnalysis({ baseline: 0.2, mde: 0.1, alpha: 0.01, power: 0.9, unitsPerMonth: null, windowDays: 30 }).perVariant).toBe(556);
    expect(withContinuityCorrection(100, 0.1)).toBe(Math.ceil(25 * (1 + Math.sqrt(1.4)) ** 2));
  });

  it("reads a relative effect against the baseline", () => {
    const rel = powerAnalysis({ baseline: 0.2, mde: 0.25, mdeKind: "relative", unitsPerMonth: null, windowDays: 90 });
    expect(rel.mdeAbsolute).toBeCloseTo(0.05, 12);
    expect(rel.target).toBeCloseTo(0.25, 12);
    expect(rel.perVariant).toBe(customersPerArm({ baseline: 0.2, mde: 0.05 }));
  });

  it("splits α over the treatments (Bonferroni), so three variants need more per variant", () => {
    const three = powerAnalysis({ baseline: 0.2, mde: 0.05, variants: 3, unitsPerMonth: null, windowDays: 90 });
    expect(three.comparisonAlpha).toBeCloseTo(0.025, 12);
    expect(three.perVariant).toBe(customersPerArm({ baseline: 0.2, mde: 0.05, alpha: 0.025 }));
    expect(three.perVariant).toBeGreaterThan(customersPerArm({ baseline: 0.2, mde: 0.05 }) as number);
    expect(three.total).toBe((three.perVariant as number) * 3);
  });

  it("counts enrolment at the store's volume plus the outcome window", () => {
    const p = powerAnalysis({ baseline: 0.1, mde: 0.05, unitsPerMonth: 1000, windowDays: 90 });
    const enrol = Math.ceil(1372 / (1000 / DAYS_PER_MONTH));
    expect(p.enrolmentDays).toBe(enrol); // 42 days
    expect(p.calendarDays).toBe(enrol + 90);
    expect(p.feasible).toBe(true);
    expect(p.warnings).toEqual([]);
  });

  it("warns a small store and says what would make the test feasible", () => {
    const p = powerAnalysis({ baseline: 0.2, mde: 0.02, variants: 3, unitsPerMonth: 150, windowDays: 90 });
    expect(p.feasible).toBe(false);
    expect(p.warnings).toHaveLength(1);
    expect(p.warnings[0]).toMatch(/^Your store is too small for this test in 12 months: it needs [\d,]+ customers \([\d,]+ per variant\) and gets about 150 a month/);
    // With 12 months minus the 90-day window, 150 a month fills floor(150/30.4375·(365.25−90)/3) per variant.
    const affordable = Math.floor(((150 / DAYS_PER_MONTH) * (12 * DAYS_PER_MONTH - 90)) / 3);
    const lift = p.toMakeFeasible.detectableLift as number;
    expect(customersPerArm({ baseline: 0.2, mde: lift, alpha: 0.025 })).toBeLessThanOrEqual(affordable);
    expect(customersPerArm({ baseline: 0.2, mde: lift - 0.001, alpha: 0.025 })).toBeGreaterThan(affordable);
    expect(p.warnings[0]).toContain(`size the test for a lift of at least ${(lift * 100).toFixed(1)} points`);
    expect(p.warnings[0]).toContain(`run it for ${Math.ceil(p.toMakeFeasible.monthsNeeded as number)} months`);
    expect(p.warnings[0]).toContain("read a shorter outcome window (90 days now)");
  });

  it("suggests one treatment when that alone makes the test fit", () => {
    // 3 variants × 1,094 ≈ 3,282 customers at 300 a month: 11 months + 3 of window > 12; 2 × 1,094: 7.3 + 3 < 12.
    const p = powerAnalysis({ baseline: 0.2, mde: 0.05, variants: 3, unitsPerMonth: 300, windowDays: 90 });
    expect(p.feasible).toBe(false);
    expect(p.toMakeFeasible.calendarDaysWithTwoVariants).toBeLessThanOrEqual(12 * DAYS_PER_MONTH);
    expect(p.warnings[0]).toContain("test one treatment instead of 2");
  });

  it("refuses inputs that describe no test and unknown volume", () => {
    expect(powerAnalysis({ baseline: 0.98, mde: 0.05, unitsPerMonth: 100, windowDays: 90 }).perVariant).toBeNull();
    expect(powerAnalysis({ baseline: 0.98, mde: 0.05, unitsPerMonth: 100, windowDays: 90 }).warnings[0]).toMatch(/does not describe a test/);
    const unknown = powerAnalysis({ baseline: 0.2, mde: 0.05, unitsPerMonth: 0, windowDays: 90 });
    expect(unknown.feasible).toBeNull();
    expect(unknown.warnings[0]).toMatch(/no new customers/);
  });
});
