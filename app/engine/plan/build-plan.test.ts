import { describe, expect, it } from "vitest";
import { buildPlan } from "./build-plan";
import { constructedAnalysis } from "./testing/constructed-analysis";
import type { PlanAnswers } from "./types";

const analysis = constructedAnalysis();
const answers: PlanAnswers = {
  monthlySupportTickets: 200,
  topTicketReasons: [
    { reason: "where_is_my_order", share: 0.3 },
    { reason: "late_delivery", share: 0.1 },
    { reason: "returns", share: 0.2 },
  ],
  minutesPerTicket: 6,
  grossMarginPercent: 50,
  targetLateRatePercent: 8,
  customerAcquisitionCost: 40,
  channelsOutsideShopify: ["Amazon"],
};

describe("buildPlan on a constructed analysis (figures traced by hand)", () => {
  const plan = buildPlan(analysis, answers);

  it("projects the late-rate cut: (12% − 8%) × 10-point gap × 1,000 new customers × $200", () => {
    const late = plan.projectedImpact[0];
    expect(late.name).toBe("Cut the late rate");
    expect(late.repeatRateChange.value).toBeCloseTo(0.004, 12);
    expect(late.extraReturningCustomers.value).toBeCloseTo(4, 10);
    expect(late.revenue).toMatchObject({ source: "merchant answer", per: "year" }); // the target is the merchant's
    expect(late.revenue.value).toBeCloseTo(800, 8);
    expect(late.revenue.low).toBeCloseTo(400, 8); // 4 points × 5-point gap bound
    expect(late.revenue.high).toBeCloseTo(1200, 8); // 4 points × 15-point gap bound
    expect(late.margin.value).toBeCloseTo(400, 8); // no unit costs: the stated 50% margin
    expect(late.sentence).toContain("from 12.0% to 8.0% (your target)");
  });

  it("sizes each point of late and exception rate", () => {
    const [, latePoint, exceptionPoint] = plan.projectedImpact;
    expect(latePoint.revenue.value).toBeCloseTo(0.01 * 0.1 * 1000 * 200, 8); // $200
    expect(exceptionPoint.revenue.value).toBeCloseTo(0.01 * 0.04 * 1000 * 200, 8); // $80
    expect(exceptionPoint.revenue.confidence).toBe("low"); // the exception gap's interval includes 0
  });

  it("targets the best carrier's late rate when the merchant gave no target", () => {
    const p = buildPlan(analysis, { ...answers, targetLateRatePercent: undefined });
    // UPS: 30 of 500 late (6%) vs the store's 12%: 6 points × 10-point gap × 1,000 × $200.
    expect(p.projectedImpact[0].revenue.value).toBeCloseTo(1200, 8);
    expect(p.projectedImpact[0].revenue.source).toBe("data");
    expect(p.projectedImpact[0].sentence).toContain("what your best carrier, UPS, already achieves");
  });

  it("ranks the levers with revenue and margin kept apart", () => {
    const byLever = Object.fromEntries(plan.levers.map((l) => [l.lever, l]));
    expect(byLever.repeat_rate.revenueEffect.value).toBeCloseTo(2000 * 0.01 * 200, 8); // $4,000
    expect(byLever.repeat_rate.revenueEffect.low).toBeCloseTo(2000 * 0.01 * 180, 8);
    expect(byLever.repeat_rate.marginEffect.value).toBeCloseTo(2000, 8);
    expect(byLever.order_value.revenueEffect.value).toBeCloseTo(1000, 8);
    expect(byLever.order_value.marginEffect.value).toBeCloseTo(500, 8);
    expect(byLever.margin_mix.revenueEffect.value).toBe(0);
    expect(byLever.margin_mix.marginEffect.value).toBeCloseTo(1000, 8);
    expect(byLever.churn.revenueEffect.value).toBeCloseTo(500 * 0.01 * 80, 8); // $400
    expect(plan.levers.map((l) => l.lever)).toEqual(["repeat_rate", "margin_mix", "order_value", "churn"]); // by margin
  });

  it("ranks by revenue, margin mix last, and shows margin as unknown without a margin", () => {
    const p = buildPlan(analysis, {});
    expect(p.levers.map((l) => l.lever)).toEqual(["repeat_rate", "order_value", "churn", "margin_mix"]);
    for (const l of p.levers.filter((x) => x.lever !== "margin_mix")) {
      expect(l.marginEffect).toMatchObject({ value: null, unknown: "your gross margin % (or unit costs on your products in Shopify)" });
    }
    expect(p.projectedImpact[0].margin.value).toBeNull();
  });

  it("shares each ticket reason among the exceptions that cause it, by volume", () => {
    const row = (name: string) => plan.automation.find((r) => r.exception === name)!;
    // Late: late-delivery tickets (20) × 10/15 + where-is-my-order tickets (60) × 10/28.
    expect(row("Delivery running late").monthlyVolume).toMatchObject({ value: 10, source: "data", per: "month" });
    expect(row("Delivery running late").ticketsSaved.value).toBeCloseTo((20 * 10) / 15 + (60 * 10) / 28, 10);
    expect(row("Delivery running late").hoursSaved.value).toBeCloseTo((((20 * 10) / 15 + (60 * 10) / 28) * 6) / 60, 10);
    expect(row("Carrier delay notice").ticketsSaved.value).toBeCloseTo((20 * 5) / 15 + (60 * 5) / 28, 10);
    expect(row("Shipped without tracking").ticketsSaved.value).toBeCloseTo((60 * 8) / 28, 10);
    expect(row("Return started").ticketsSaved.value).toBeCloseTo(40, 10);
    expect(row("Return started").ticketsSaved.source).toBe("merchant answer");
    // No ticket reason for failed deliveries was given: unknown, not guessed.
    expect(row("Failed delivery").ticketsSaved).toMatchObject({ value: null, unknown: "how many tickets are about failed delivery" });
    expect(plan.automation.map((r) => r.exception)).not.toContain("Waiting at a pickup point"); // none in the data
    expect(plan.automation[0].exception).toBe("Return started"); // largest volume first
  });

  it("leaves tickets and hours unknown without the merchant's numbers", () => {
    const p = buildPlan(analysis, {});
    for (const r of p.automation) {
      expect(r.ticketsSaved).toMatchObject({ value: null, unknown: "your monthly support tickets and their top reasons" });
      expect(r.hoursSaved.value).toBeNull();
    }
    const noMinutes = buildPlan(analysis, { ...answers, minutesPerTicket: undefined });
    expect(noMinutes.automation.find((r) => r.exception === "Return started")?.hoursSaved.unknown).toBe("minutes your team spends per ticket");
  });

  it("reports merchant answers as such, and unknowns with what would tell us", () => {
    const fig = (label: string) => plan.currentState.figures.find((f) => f.label === label)!.figure;
    expect(fig("Customer acquisition cost")).toMatchObject({ value: 40, source: "merchant answer" });
    expect(fig("Net Promoter Score")).toMatchObject({ value: null, unknown: "your Net Promoter Score, if you measure it" });
    expect(fig("Late delivery rate")).toMatchObject({ value: 0.12, source: "data" });
    expect(plan.answersUsed).toEqual(["channelsOutsideShopify", "customerAcquisitionCost", "grossMarginPercent", "minutesPerTicket", "monthlySupportTickets", "targetLateRatePercent", "topTicketReasons"]);
    const amazon = plan.channels.find((c) => c.channel === "Amazon")!;
    expect(amazon.inShopify).toBe(false);
    expect(amazon.repeatRate).toMatchObject({ value: null, source: "merchant answer" });
  });

  it("builds the sequence and the checklist from the steps", () => {
    expect(plan.sequence.shortTerm.map((s) => s.title)).toContain("Automate: Return started");
    expect(plan.sequence.shortTerm.some((s) => s.title.startsWith("Start test 1: "))).toBe(true);
    expect(plan.checklist.filter((c) => c.step === "Long term (3–12 months)").length).toBeGreaterThan(0);
    expect(plan.checklist.filter((c) => c.step === "Tell us").map((c) => c.item)).toEqual(["NPS or CSAT, if you measure them."]);
    expect(buildPlan(analysis, {}).checklist.filter((c) => c.step === "Tell us")).toHaveLength(6);
  });
});

describe("segment diagnosis of segments whose rule needs 2+ orders", () => {
  const plan = buildPlan(analysis, answers);
  const byRule = plan.segmentDiagnosis.filter((r) => r.repeatByRule);

  it("flags the repeat rate as true by construction and compares P(alive) with the store's repeat customers", () => {
    expect(byRule.map((r) => r.segment)).toEqual(expect.arrayContaining(["price_sensitive"]));
    const all = analysis.segments.seed.summary.all;
    for (const r of byRule) {
      const row = [...analysis.segments.seed.summary.segments, ...analysis.segments.behaviour.summary.segments].find((s) => s.segment === r.segment);
      expect(r.repeatRate.notes).toContain("High by construction: the segment's rule needs 2+ orders.");
      expect(r.diagnosis).toContain("repeat rate is high by definition (the rule needs 2+ orders)");
      expect(r.diagnosis).not.toMatch(/repeat rate \d+% vs/);
      expect(r.activeProbability).toMatchObject({ value: row?.averagePAlive, source: "model" });
      expect(r.diagnosis).toContain(`for all repeat customers`);
      expect(all.repeatersAveragePAlive).not.toBeNull();
    }
    const vip = plan.segmentDiagnosis.find((r) => r.segment === "vip");
    expect(vip?.repeatByRule).toBe(false);
    expect(vip?.diagnosis).toMatch(/repeat rate \d+% vs \d+% for the store/);
  });

  it("reports P(alive) and expected orders for every segment with customers", () => {
    for (const r of plan.segmentDiagnosis) {
      expect(r.activeProbability.value).toBeGreaterThanOrEqual(0);
      expect(r.activeProbability.value).toBeLessThanOrEqual(1);
      expect(r.expectedOrders.value).toBeGreaterThanOrEqual(0);
    }
  });
});
