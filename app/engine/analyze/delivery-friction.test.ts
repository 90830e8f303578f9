import { describe, expect, it } from "vitest";
import type { Estimate } from "../types";
import { proportionDifferenceEstimate, proportionEstimate } from "../stats/estimates";
import { EXPERIENCES } from "../link/first-delivery-experience";
import type { DeliveryLtvLink, ExperienceGroup } from "../link/delivery-ltv-link";
import { assessDeliveryFrictions } from "./delivery-friction";
import { exact, type Figure } from "./figure";
import type { MarginBasis } from "./margin";
import type { RepeatCustomerValue } from "./store-economics";

type Counts = { customers: number; windows: Array<[eligible: number, repeaters: number]> };

/** A link result with the given counts (crude differences only, as when too few customers match). */
function link(windows: number[], counts: Counts[], customers = 1000, analysed = 900): DeliveryLtvLink {
  const groups: ExperienceGroup[] = counts.map((c, e) => ({
    experience: EXPERIENCES[e],
    customers: c.customers,
    windows: windows.map((days, w) => {
      const [n, x] = c.windows[w];
      const [n0, x0] = counts[0].windows[w];
      return {
        days,
        eligible: n,
        repeaters: x,
        rate: proportionEstimate(x, n),
        differenceVsOnTime: e === 0 ? null : proportionDifferenceEstimate(x, n, x0, n0),
        adjustedDifferenceVsOnTime: null,
      };
    }),
    realizedValue: { days: 365, eligible: 0, mean: proportionEstimate(0, 0), differenceVsOnTime: null },
    predictedClv: null,
  }));
  return {
    asOf: 0,
    level: 0.95,
    windows,
    counts: { customers, analysed, firstOrderNotADelivery: customers - analysed, guestOrdersExcluded: 0, duplicatesRemoved: 0, eligibleByWindow: [] },
    groups,
    unknownReasons: { no_tracking: 0, no_promise: 0, no_delivery_data: 0, not_shipped: 0, in_flight: 0 },
    adjustment: { strata: "", valueBandEdges: [], cohortMonths: 0, channels: 0 },
    summary: { sentence: "", experience: null, windowDays: null, adjusted: false, confidence: "insufficient" },
    caveats: [],
  };
}

const value = (days: number, v: number): RepeatCustomerValue => ({
  days,
  eligible: 1000,
  returning: 400,
  meanRepeatRevenue: { value: v, low: v * 0.9, high: v * 1.1, n: 400, confidence: "high", caveats: [], source: "data" },
});
const margin = (rate: number | null): MarginBasis => ({
  rate,
  source: rate === null ? null : "merchant answer",
  confidence: rate === null ? "insufficient" : "medium",
  knownCostShare: null,
  measuredRate: null,
  merchantRate: rate,
  note: rate === null ? "Margin unknown." : "Stated margin.",
});
const newCustomers: Figure = exact(2000, 2000, "high");

// on time, 1–2 days late, 3+ days late, exception, unknown; windows 90 and 180 days.
const store = link(
  [90, 180],
  [
    { customers: 800, windows: [[700, 150], [500, 200]] },
    { customers: 60, windows: [[50, 10], [40, 14]] },
    { customers: 100, windows: [[80, 10], [60, 12]] },
    { customers: 40, windows: [[30, 6], [20, 5]] },
    { customers: 0, windows: [[0, 0], [0, 0]] },
  ],
);

describe("assessDeliveryFrictions", () => {
  const d = assessDeliveryFrictions({ link: store, newCustomersPerYear: newCustomers, repeatCustomerValue: [value(90, 80), value(180, 150)], margin: margin(0.5), currency: "USD" });
  const byProblem = Object.fromEntries(d.frictions.map((f) => [f.problem, f]));

  it("compares over half a year when the groups are large enough there", () => {
    expect(d.windowDays).toBe(180);
    expect(d.judgedFirstDeliveries).toBe(1000);
    // 2,000 new customers a year × 900/1,000 whose first order ships.
    expect(d.newDeliveryCustomersPerYear.value).toBeCloseTo(1800, 10);
  });

  it("sizes the revenue at stake: customers × share × repeat gap × value of a returning customer", () => {
    const late3 = byProblem.late_3_plus_days;
    expect(late3.share.value).toBeCloseTo(0.1, 12);
    expect(late3.repeatGap.value).toBeCloseTo(0.2 - 0.4, 12);
    expect(late3.affectedPerYear).toBeCloseTo(180, 10);
    expect(late3.lostReturningCustomersPerYear.value).toBeCloseTo(36, 10);
    expect(late3.revenueAtStake.value).toBeCloseTo(1800 * 0.1 * 0.2 * 150, 8); // 5,400
    const gap = proportionDifferenceEstimate(12, 60, 200, 500) as Estimate;
    expect(late3.revenueAtStake.low).toBeCloseTo(180 * -(gap.high as number) * 150, 8);
    expect(late3.revenueAtStake.high).toBeCloseTo(180 * -(gap.low as number) * 150, 8);
    expect(late3.marginAtStake.value).toBeCloseTo(2700, 8);
    expect(late3.adjusted).toBe(false);
    expect(byProblem.late_1_2_days.revenueAtStake.value).toBeCloseTo(1800 * 0.06 * 0.05 * 150, 8); // 810
  });

  it("picks the biggest friction and says how sure it is", () => {
    expect(d.frictions.map((f) => f.problem)).toEqual(["late_3_plus_days", "late_1_2_days", "exception"]);
    expect(d.biggest?.problem).toBe("late_3_plus_days");
    expect(d.sentence).toContain("Deliveries 3+ days late: 10.0% of first deliveries");
    expect(d.sentence).toContain("20.0 points less often");
    expect(d.sentence).toContain("about $5,400 a year in repeat revenue");
    expect(d.sentence).toContain(`Confidence: ${d.biggest?.confidence}`);
    // 1–2 days late: the gap's interval includes zero, so at most "low".
    expect(byProblem.late_1_2_days.confidence).toBe("low");
    expect(byProblem.late_1_2_days.revenueAtStake.caveats).toContain("The repeat-rate difference could be chance: its interval includes no difference.");
  });

  it("marks a group too small to compare as insufficient instead of guessing", () => {
    const ex = byProblem.exception;
    expect(ex.confidence).toBe("insufficient");
    expect(ex.revenueAtStake.value).toBeNull();
    expect(ex.sentence).toContain("Only 20 customers");
  });

  it("pools both late bands for the late-rate lever", () => {
    expect(d.lateAny?.share.value).toBeCloseTo(0.16, 12);
    expect(d.lateAny?.repeatGap.value).toBeCloseTo(26 / 100 - 0.4, 12);
  });

  it("keeps margin unknown when the margin is unknown", () => {
    const u = assessDeliveryFrictions({ link: store, newCustomersPerYear: newCustomers, repeatCustomerValue: [value(180, 150)], margin: margin(null), currency: "USD" });
    expect(u.biggest?.revenueAtStake.value).toBeCloseTo(5400, 8);
    expect(u.biggest?.marginAtStake).toMatchObject({ value: null, confidence: "insufficient" });
  });

  it("falls back to the nearest other horizon with enough customers", () => {
    const young = link([90, 180, 365], [
      { customers: 500, windows: [[400, 100], [20, 8], [5, 2]] },
      { customers: 100, windows: [[80, 10], [10, 2], [0, 0]] },
      { customers: 0, windows: [[0, 0], [0, 0], [0, 0]] },
      { customers: 0, windows: [[0, 0], [0, 0], [0, 0]] },
      { customers: 0, windows: [[0, 0], [0, 0], [0, 0]] },
    ], 600, 600);
    const r = assessDeliveryFrictions({ link: young, newCustomersPerYear: newCustomers, repeatCustomerValue: [value(90, 80)], margin: margin(0.5), currency: "USD" });
    expect(r.windowDays).toBe(90);
    expect(r.biggest?.problem).toBe("late_1_2_days");
    expect(r.biggest?.revenueAtStake.value).toBeCloseTo(2000 * (100 / 600) * (0.25 - 0.125) * 80, 8);
  });

  it("finds no friction when late customers come back as often", () => {
    const same = link([365], [
      { customers: 500, windows: [[400, 160]] },
      { customers: 100, windows: [[80, 34]] },
      { customers: 100, windows: [[80, 32]] },
      { customers: 100, windows: [[80, 33]] },
      { customers: 0, windows: [[0, 0]] },
    ], 800, 800);
    const r = assessDeliveryFrictions({ link: same, newCustomersPerYear: newCustomers, repeatCustomerValue: [value(365, 150)], margin: margin(0.5), currency: "USD" });
    expect(r.frictions.find((f) => f.problem === "late_1_2_days")?.revenueAtStake.value).toBe(0);
    expect(r.frictions.every((f) => f.revenueAtStake.value === 0)).toBe(true);
    expect(r.biggest).toBeNull();
    expect(r.sentence).toBe("No delivery problem shows a measurable loss of repeat customers over 365 days.");
  });

  it("is insufficient, not NaN, without customers", () => {
    const none = link([90], [0, 1, 2, 3, 4].map(() => ({ customers: 0, windows: [[0, 0]] as Array<[number, number]> })), 0, 0);
    const r = assessDeliveryFrictions({ link: none, newCustomersPerYear: exact(0, 0, "insufficient"), repeatCustomerValue: [], margin: margin(null), currency: "USD" });
    expect(r.windowDays).toBeNull();
    expect(r.biggest).toBeNull();
    expect(r.lateAny).toBeNull();
    expect(r.sentence).toMatch(/^Not enough history yet/);
  });
});
