import { describe, expect, it } from "vitest";
import { customersPerArm, enrolmentMonths } from "./sample-size";
import { testingRoadmap } from "./testing-roadmap";
import { constructedAnalysis } from "./testing/constructed-analysis";

const analysis = constructedAnalysis();

describe("testingRoadmap", () => {
  const { rows, notes } = testingRoadmap(analysis);
  const byName = (name: string) => rows.find((r) => r.name === name)!;

  it("plans twelve tests, one starting each month, over all nine variables", () => {
    expect(rows).toHaveLength(12);
    expect(rows.map((r) => r.month)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(new Set(rows.map((r) => r.variable)).size).toBe(9);
  });

  it("sizes each test with a two-proportion sample size on the store's 90-day repeat rate", () => {
    const perArm = customersPerArm({ baseline: 0.2, mde: 0.03 }) as number;
    const all = byName("Reorder reminder timing");
    expect(all.baselineRate.value).toBe(0.2);
    expect(all.customersPerArm.value).toBe(perArm);
    expect(all.reachPerYear.value).toBe(1000);
    expect(all.enrolmentMonths.value).toBe(enrolmentMonths(perArm, 1000));
    expect(all.readoutMonths.value).toBe((enrolmentMonths(perArm, 1000) as number) + 3);
    expect(all.feasible).toBe(false); // 1,000 new customers a year can't fill two arms of ~2,900 in a year
    expect(all.detectableInAYear.value).toBeGreaterThan(0.03);
    expect(customersPerArm({ baseline: 0.2, mde: all.detectableInAYear.value as number })).toBeLessThanOrEqual(500);
  });

  it("values a test at reach × min(MDE, measured gap) × repeat revenue per returning customer", () => {
    // Everyone: 1,000 × 3 points × $100 (90-day repeat revenue).
    expect(byName("Reorder reminder timing").expectedImpact.value).toBeCloseTo(3000, 8);
    // Late or disrupted first deliveries (10% + 5%): reach 150; their gap (8 points, blended) exceeds 3.
    const delay = byName("Proactive delay notice");
    expect(delay.reachPerYear.value).toBeCloseTo(150, 10);
    expect(delay.headroom.value).toBeCloseTo((0.1 * 0.1 + 0.05 * 0.04) / 0.15, 12);
    expect(delay.expectedImpact.value).toBeCloseTo(150 * 0.03 * 100, 8);
    // Carrier swap: FedEx 20% late vs UPS 6% → 14 points × 10-point gap = 1.4 points, below the MDE.
    const carrier = byName("Move volume from FedEx to UPS");
    expect(carrier.headroom.value).toBeCloseTo(0.014, 12);
    expect(carrier.expectedImpact.value).toBeCloseTo((carrier.reachPerYear.value as number) * 0.014 * 100, 8);
    expect(carrier.feasible).toBe(false);
    expect(byName("First-order unboxing").headroom).toMatchObject({ value: null, unknown: "no measured gap for this target: sized at the minimum detectable effect" });
  });

  it("puts feasible tests first, then ranks by expected impact", () => {
    const big = testingRoadmap(analysis, { mde: 0.1 }).rows;
    const firstInfeasible = big.findIndex((r) => r.feasible !== true);
    expect(firstInfeasible).toBeGreaterThan(0);
    expect(big.slice(firstInfeasible).every((r) => r.feasible !== true)).toBe(true);
    for (let i = 1; i < firstInfeasible; i++) expect(big[i - 1].expectedImpact.value!).toBeGreaterThanOrEqual(big[i].expectedImpact.value!);
    expect(notes.at(-1)).toBe("Sample sizes: two-sided α = 0.05, power 0.8, minimum detectable effect 3 points on a 20.0% baseline; read 3 months after enrolment ends.");
  });
});
