/**
 * The plan's testing roadmap and the experiments pages size tests the same way: a roadmap row
 * set up as an experiment (its variable, baseline and lift) gets the sample the roadmap showed.
 */
import { describe, expect, it } from "vitest";
import { testingRoadmap } from "../plan/testing-roadmap";
import { constructedAnalysis } from "../plan/testing/constructed-analysis";
import { powerAnalysis } from "./power";
import { DELIVERY_VARIABLES, isDeliveryVariable } from "./registry";

describe("testing roadmap ↔ experiments", () => {
  const { rows } = testingRoadmap(constructedAnalysis());

  it("plans only registered delivery variables, twelve months of them", () => {
    expect(rows).toHaveLength(12);
    for (const r of rows) expect(isDeliveryVariable(r.variable) && DELIVERY_VARIABLES[r.variable].key).toBe(r.variable);
  });

  it("sizes every row as the experiment power analysis would", () => {
    for (const r of rows) {
      const p = powerAnalysis({ baseline: r.baselineRate.value as number, mde: r.minimumDetectableEffect, unitsPerMonth: (r.reachPerYear.value as number) / 12, windowDays: 90 });
      expect(r.customersPerArm.value).toBe(p.perVariant);
      // The roadmap's readout (enrolment + follow-up, whole months) is the power analysis' calendar time, rounded up to months.
      expect(Math.abs((r.readoutMonths.value as number) - (p.calendarDays as number) / 30.4375)).toBeLessThanOrEqual(1.5);
      // A row the roadmap calls infeasible is one the experiments page would warn about too.
      if (r.feasible === false && r.headroom.value === null) expect(p.feasible).toBe(false);
    }
  });
});
