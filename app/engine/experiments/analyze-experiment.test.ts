import { describe, expect, it } from "vitest";
import { twoVariantExperiment } from "../testing/fixtures";
import { DAY, at, order } from "../testing/order-builder";
import { analyzeExperiment } from "./analyze-experiment";
import type { ExperimentDefinition } from "./definition";
import { unitOutcomes, type ExperimentUnit, type UnitOutcome } from "./outcomes";
import { DELIVERY_VARIABLES } from "./registry";

const asOf = at("2025-01-01");

const def = (over: Partial<ExperimentDefinition> = {}): ExperimentDefinition =>
  twoVariantExperiment({ id: "e1", name: "Unboxing", variants: DELIVERY_VARIABLES.packaging.variants.map((v) => ({ ...v })), plannedPerVariant: 100, ...over });

/** n matured units of a variant, `repeats` of them reordering on day 30, `troubled` with a refund. */
function units(variant: string, n: number, repeats: number, followUpDays = 120, troubled = 0): UnitOutcome[] {
  return Array.from({ length: n }, (_, i) => ({
    unitId: `${variant}${i}`,
    variant,
    customerId: `${variant}${i}`,
    orderId: `o-${variant}${i}`,
    startAt: asOf - followUpDays * DAY,
    followUpDays,
    nextOrderDays: i < repeats ? 30 : null,
    troubled: i < troubled,
  }));
}

describe("unitOutcomes", () => {
  it("finds the customer's next non-cancelled order after the unit's order, and refunds within the window", () => {
    const first = order({ id: "f1", customer: "c1", at: "2024-06-01", refunds: [{ createdAt: at("2024-06-20"), amount: 5 }] });
    const orders = [
      first,
      order({ id: "x", customer: "c1", at: "2024-06-10", cancelledAfterHours: 1 }),
      order({ id: "same-day", customer: "c1", at: "2024-06-01T20:00" }), // same calendar day: one purchase
      order({ id: "imported", customer: "c1", at: "2024-12-30", processedAt: at("2024-06-01T12:00") }), // placed on day 0
      order({ id: "s", customer: "c1", at: "2024-07-01", cancelledAt: at("2025-02-01") }), // cancelled after asOf: still a purchase then
      order({ id: "t", customer: "c1", at: "2024-08-01" }),
      order({ id: "g", customer: "c2", at: "2024-06-05" }),
      order({ id: "f2", customer: "c3", at: "2024-06-01", returns: [{ createdAt: at("2024-12-01"), reasons: ["too-tight"] }] }),
    ];
    const u: ExperimentUnit[] = [
      { unitId: "c1", variant: "control", customerId: "c1", orderId: "f1", startAt: first.createdAt },
      { unitId: "c3", variant: "control", customerId: "c3", orderId: "f2", startAt: at("2024-06-01") },
    ];
    const [a, b] = unitOutcomes(u, orders, asOf, 90);
    expect(a.nextOrderDays).toBe(30);
    expect(a.troubled).toBe(true);
    expect(a.followUpDays).toBe((asOf - first.createdAt) / DAY);
    expect(b.nextOrderDays).toBeNull();
    expect(b.troubled).toBe(false); // its return came after the 90-day window
  });
});

describe("analyzeExperiment", () => {
  it("compares rates among matured units, with sample sizes in the verdict", () => {
    const a = analyzeExperiment(def(), [...units("control", 400, 80), ...units("branded_unboxing", 400, 120), ...units("control", 10, 10, 20)]);
    expect(a.variants.map((v) => [v.units, v.matured, v.repeats])).toEqual([
      [410, 400, 80],
      [400, 400, 120],
    ]);
    expect(a.comparisons[0].repeat.difference).toBeCloseTo(0.1, 12);
    expect(a.srm.mismatch).toBe(false);
    expect(a.verdict.tone).toBe("success");
    expect(a.verdict.conclusive).toBe(true);
    expect(a.verdict.headline).toBe("Branded unboxing with a thank-you card works: second order within 90 days 20.0% → 30.0%");
    // z = 0.1/√(0.25·0.75·2/400) = 3.266, p = 0.0011; Newcombe's interval +4.0 to +15.9 points.
    expect(a.verdict.details[0]).toBe(
      "Branded unboxing with a thank-you card raised second order within 90 days from 20.0% to 30.0% (+10.0 points, 95% CI +4.0 to +15.9 points; 400 vs 400 customers; p = 0.001).",
    );
    expect(a.comparisons[0].repeat.pValue).toBeCloseTo(0.00109, 5);
  });

  it("says 'too early' until the planned sample has been followed for the window", () => {
    const a = analyzeExperiment(def({ plannedPerVariant: 1000 }), [...units("control", 400, 80), ...units("branded_unboxing", 400, 120)]);
    expect(a.verdict.tone).toBe("info");
    expect(a.verdict.conclusive).toBe(false);
    expect(a.verdict.headline).toMatch(/^Early signal, not yet conclusive/);
    expect(a.verdict.details.at(-1)).toBe("Too early to call: 400 of 1,000 customers per variant have been followed for 90 days; an early difference can vanish.");
  });

  it("reads a stopped experiment's final sample, flagged when smaller than planned", () => {
    const small = [...units("control", 400, 80), ...units("branded_unboxing", 400, 84)];
    const stopped = analyzeExperiment(def({ plannedPerVariant: 1000 }), small, { enrolmentClosed: true });
    expect(stopped.verdict).toMatchObject({ tone: "warning", conclusive: false, headline: "Stopped before the planned sample: no clear difference in second order within 90 days" });
    expect(stopped.verdict.details.at(-1)).toBe("Enrolment stopped at 400 of 1,000 customers per variant: the test could miss a lift of the size it was planned for (5.0 points).");
    const win = analyzeExperiment(def({ plannedPerVariant: 1000 }), [...units("control", 400, 80), ...units("branded_unboxing", 400, 120)], { enrolmentClosed: true });
    expect(win.verdict).toMatchObject({ tone: "success", conclusive: true });
    expect(win.verdict.headline).toMatch(/ \(fewer customers than planned\)$/);
    const waiting = analyzeExperiment(def({ plannedPerVariant: 1000 }), [...small, ...units("control", 50, 0, 30)], { enrolmentClosed: true });
    expect(waiting.verdict.headline).toBe("Waiting for outcomes: enrolled customers are still within the window");
  });

  it("reports no clear difference with the interval it can rule out", () => {
    const a = analyzeExperiment(def(), [...units("control", 400, 80), ...units("branded_unboxing", 400, 84)]);
    expect(a.verdict.tone).toBe("warning");
    expect(a.verdict.headline).toBe("No treatment clearly changed second order within 90 days");
    expect(a.verdict.details[0]).toMatch(/no clear difference.*21\.0% vs 20\.0% for standard packaging \(95% CI −\d\.\d to \+\d\.\d points; 400 vs 400 customers; p = 0\.\d{3}\)/);
  });

  it("refuses to read a result with a sample ratio mismatch", () => {
    const a = analyzeExperiment(def(), [...units("control", 500, 100), ...units("branded_unboxing", 380, 120)]);
    expect(a.srm.mismatch).toBe(true);
    expect(a.verdict.tone).toBe("critical");
    expect(a.verdict.conclusive).toBe(false);
    expect(a.verdict.details[0]).toMatch(/^Expected an even split, got 500 \(Standard packaging\) vs 380/);
  });

  it("reads time to second order with the log-rank test, counting unmatured customers as censored", () => {
    const d = def({ primaryMetric: "time_to_second_order", windowDays: 90, plannedPerVariant: 300 });
    // Half the units followed only 40 days: their day-30 reorders count, the rest are censored at 40.
    const out = [...units("control", 200, 40), ...units("control", 200, 30, 40), ...units("branded_unboxing", 200, 80), ...units("branded_unboxing", 200, 60, 40)];
    const a = analyzeExperiment(d, out);
    const [c, t] = a.variants;
    // KM: all events at day 30 with 400 at risk ⇒ 1 − S(90) = events / 400.
    expect(c.reorderWithinWindow).toBeCloseTo(70 / 400, 12);
    expect(t.reorderWithinWindow).toBeCloseTo(140 / 400, 12);
    expect(a.comparisons[0].survival.difference).toBeCloseTo(70 / 400, 12);
    expect(a.comparisons[0].survival.logRank.pValue).toBeLessThan(0.001);
    expect(a.verdict.tone).toBe("success");
    expect(a.verdict.details[0]).toContain("400 vs 400 customers");
  });

  it("splits α over several treatments", () => {
    const d = def({ variable: "notification_timing", variants: DELIVERY_VARIABLES.notification_timing.variants.map((v) => ({ ...v })) });
    const a = analyzeExperiment(d, [...units("control", 300, 60), ...units("at_dispatch", 300, 60), ...units("reorder_cycle", 300, 90)]);
    expect(a.comparisonAlpha).toBeCloseTo(0.025, 12);
    expect(a.comparisons).toHaveLength(2);
    expect(a.verdict.details).toContain("Each of the 2 treatments is compared with the control at a significance level of 0.025 (Bonferroni).");
  });
});
