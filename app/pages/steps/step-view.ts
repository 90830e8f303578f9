/**
 * What each step shows from the data, cut down from the stored analysis and the plan to the few
 * figures the page draws (so the page payload stays small). Pure: analysis + plan in, plain data out.
 */
import type { StoreAnalysis } from "../../engine/analyze/analyze-store";
import { FULL_COST_COVERAGE } from "../../engine/analyze/margin";
import type { JourneyGroupStats } from "../../engine/journey/audit";
import type { AutomationRow, ChannelPlanRow, ImpactRow, LtvPlan, PersonalizationRow, PlanStep, TestPlanRow } from "../../engine/plan/types";
import type { Confidence, Estimate } from "../../engine/types";
import type { StepKey } from "./steps";

export interface RateView {
  value: number | null;
  low: number | null;
  high: number | null;
  n: number;
  confidence: Confidence;
}

const rate = (e: Estimate): RateView => ({ value: e.value, low: e.low ?? null, high: e.high ?? null, n: e.n, confidence: e.confidence });

export const MILESTONE_LABELS: Record<string, string> = {
  ordered: "Ordered",
  fulfilled: "Fulfilled",
  carrier_pickup: "Carrier pickup",
  in_transit: "In transit",
  out_for_delivery: "Out for delivery",
  delivered: "Delivered",
};

export const EXPERIENCE_LABELS: Record<string, string> = {
  on_time: "On time",
  late_1_2_days: "1–2 days late",
  late_3_plus_days: "3+ days late",
  exception: "Carrier exception",
  unknown: "Unknown",
};

export interface WindowRow {
  key: string;
  orders: number;
  processingHours: number | null;
  transitHours: number | null;
  orderToDeliveryHours: number | null;
  onTime: RateView;
}

export interface AuditView {
  shippingOrders: number;
  journey: Array<{ milestone: string; label: string; reachedShare: number | null; medianHoursFromPrevious: number | null; medianHoursFromOrder: number | null; pairs: number }>;
  byCarrier: WindowRow[];
  byChannel: WindowRow[];
  exceptions: Array<{ label: string; rate: RateView }>;
  /** Share of merchandise revenue with a unit cost, and the margin measured on it (null when unknown). */
  costs: { knownShare: number | null; measuredRate: number | null; complete: boolean };
  repeatByExperience: { windowDays: number | null; sentence: string; rows: Array<{ experience: string; label: string; customers: number; rate: RateView }> };
}

export interface StepViews {
  audit: AuditView;
  automation: { rows: AutomationRow[]; notes: string[] };
  personalization: { rows: PersonalizationRow[] };
  channels: { rows: ChannelPlanRow[]; notes: string[] };
  testing: { rows: TestPlanRow[]; notes: string[] };
  plan: { summary: string; impact: ImpactRow[]; shortTerm: PlanStep[]; answersUsed: string[] };
}

const MAX_GROUPS = 8;

function windowRows(groups: readonly JourneyGroupStats[]): WindowRow[] {
  return [...groups]
    .filter((g) => g.shipped > 0)
    .sort((a, b) => b.orders - a.orders)
    .slice(0, MAX_GROUPS)
    .map((g) => ({
      key: g.key,
      orders: g.orders,
      processingHours: g.processingHours.median,
      transitHours: g.transitHours.median,
      orderToDeliveryHours: g.orderToDeliveryHours.median,
      onTime: rate(g.onTime.rate),
    }));
}

export function auditView(a: StoreAnalysis): AuditView {
  const o = a.journey.overall;
  const link = a.link;
  const w = link.summary.windowDays !== null ? link.windows.indexOf(link.summary.windowDays) : link.windows.length > 0 ? 0 : -1;
  return {
    shippingOrders: a.journey.counts.included,
    journey: a.journey.map.map((s) => ({
      milestone: s.milestone,
      label: MILESTONE_LABELS[s.milestone] ?? s.milestone,
      reachedShare: s.reachedShare,
      medianHoursFromPrevious: s.medianHoursFromPrevious,
      medianHoursFromOrder: s.medianHoursFromOrder,
      pairs: s.pairs,
    })),
    byCarrier: windowRows(a.journey.breakdowns.carrier),
    byChannel: windowRows(a.journey.breakdowns.channel),
    exceptions: [
      { label: "Delivered 1–2 days late", rate: rate(o.onTime.late1to2Share) },
      { label: "Delivered 3+ days late", rate: rate(o.onTime.late3PlusShare) },
      { label: "Carrier delay notice", rate: rate(o.exceptions.delayed) },
      { label: "Missed delivery attempt", rate: rate(o.exceptions.attemptedDelivery) },
      { label: "Failed delivery", rate: rate(o.exceptions.failure) },
      { label: "Shipped without tracking", rate: rate(o.gaps.noTracking) },
      { label: "Returned", rate: rate(o.returnRate) },
    ],
    costs: { knownShare: a.margin.knownCostShare, measuredRate: a.margin.measuredRate, complete: (a.margin.knownCostShare ?? 0) >= FULL_COST_COVERAGE },
    repeatByExperience: {
      windowDays: w >= 0 ? link.windows[w] : null,
      sentence: link.summary.sentence,
      rows:
        w < 0
          ? []
          : link.groups.map((g) => ({
              experience: g.experience,
              label: EXPERIENCE_LABELS[g.experience] ?? g.experience,
              customers: g.customers,
              rate: rate(g.windows[w].rate),
            })),
    },
  };
}

export function stepView<S extends StepKey>(step: S, analysis: StoreAnalysis, plan: LtvPlan): StepViews[S] {
  const views: { [K in StepKey]: () => StepViews[K] } = {
    audit: () => auditView(analysis),
    automation: () => ({ rows: [...plan.automation].sort((x, y) => (y.monthlyVolume.value ?? -1) - (x.monthlyVolume.value ?? -1)), notes: plan.automationNotes }),
    personalization: () => ({ rows: plan.personalization }),
    channels: () => ({ rows: plan.channels, notes: plan.channelNotes }),
    testing: () => ({ rows: plan.testing, notes: plan.testingNotes }),
    plan: () => ({ summary: plan.currentState.summary, impact: plan.projectedImpact, shortTerm: plan.sequence.shortTerm, answersUsed: plan.answersUsed }),
  };
  return views[step]() as StepViews[S];
}
