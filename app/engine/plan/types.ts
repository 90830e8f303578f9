/**
 * The LTV Improvement Plan as data: six steps (audit, automation, personalization, channels,
 * testing, plan), every figure traceable to the analysis ("data", "model") or to what the
 * merchant told us ("merchant answer"), with its confidence. A figure that cannot be known
 * carries `value: null` and what would tell us; nothing is filled in by guesswork.
 */
import type { Confidence } from "../types";
import type { FigureSource } from "../analyze/figure";
import type { DataQualityNote } from "../analyze/data-quality";
import type { ChannelFlag } from "../analyze/channel-consistency";

export type TicketReason = "where_is_my_order" | "late_delivery" | "failed_delivery" | "lost_package" | "damaged" | "returns" | "other";

/** What the merchant told us (all optional; plain values, validated where used). */
export interface PlanAnswers {
  monthlySupportTickets?: number;
  /** Top ticket reasons, with their share of all tickets (0..1) when known. */
  topTicketReasons?: Array<{ reason: TicketReason; share?: number; label?: string }>;
  minutesPerTicket?: number;
  /** How routing and carrier decisions are made today, in the merchant's words. */
  routingDecisions?: string;
  manualProcesses?: string[];
  automatedProcesses?: string[];
  /** Sales channels not on Shopify (wholesale, marketplaces, retail partners…). */
  channelsOutsideShopify?: string[];
  /** Customer acquisition cost, shop currency per new customer. */
  customerAcquisitionCost?: number;
  /** Net Promoter Score, −100..100. */
  nps?: number;
  /** Customer satisfaction, 0..100 (% satisfied). */
  csat?: number;
  brandPositioning?: "premium" | "mid-market" | "value";
  /** Gross margin, 0..100 %. */
  grossMarginPercent?: number;
  /** A late-delivery rate the merchant wants to reach, 0..100 %. */
  targetLateRatePercent?: number;
}

export type PlanUnit = "money" | "share" | "count" | "days" | "hours" | "points" | "months" | "ratio" | "score";

export interface PlanFigure {
  value: number | null;
  low?: number | null;
  high?: number | null;
  unit: PlanUnit;
  /** "year" / "month" for rates of money, counts or hours. */
  per?: "year" | "month";
  source: FigureSource;
  confidence: Confidence;
  /** With value null: what would tell us. */
  unknown?: string;
  /** Caveats in plain language. */
  notes?: string[];
}

export interface LabeledFigure {
  label: string;
  figure: PlanFigure;
}

export interface CurrentState {
  summary: string;
  figures: LabeledFigure[];
  biggestFriction: {
    label: string;
    sentence: string;
    revenueAtStake: PlanFigure;
    marginAtStake: PlanFigure;
    confidence: Confidence;
  } | null;
  frictionSentence: string;
  linkSentence: string;
  clvNote: string;
  dataQuality: DataQualityNote[];
}

export interface SegmentDiagnosisRow {
  family: "seed" | "behaviour";
  segment: string;
  label: string;
  customers: PlanFigure;
  customerShare: PlanFigure;
  revenueShare: PlanFigure;
  averageOrderValue: PlanFigure;
  repeatRate: PlanFigure;
  /** True when the segment's rule needs 2+ orders, so its repeat rate is ~100% by construction. */
  repeatByRule: boolean;
  /** Mean model probability that members are still customers (P(alive)). */
  activeProbability: PlanFigure;
  /** Mean expected repeat orders per member over the CLV horizon. */
  expectedOrders: PlanFigure;
  predictedValue: PlanFigure;
  predictedMargin: PlanFigure;
  diagnosis: string;
}

export type LeverKey = "repeat_rate" | "order_value" | "margin_mix" | "churn";

export interface LtvLever {
  lever: LeverKey;
  label: string;
  /** Where the store is today. */
  current: PlanFigure;
  /** The unit change the effects are sized for. */
  change: string;
  revenueEffect: PlanFigure;
  marginEffect: PlanFigure;
  /** How delivery drives this lever in this store. */
  deliveryLink: string;
  basis: string;
  rank: number;
}

export interface ActionPackage {
  family: "seed" | "behaviour";
  segment: string;
  label: string;
  customers: number;
  actions: string[];
}

export interface AutomationRow {
  exception: string;
  monthlyVolume: PlanFigure;
  trigger: string;
  action: string;
  ticketsSaved: PlanFigure;
  hoursSaved: PlanFigure;
}

export interface PersonalizationRow {
  segment: string;
  label: string;
  size: PlanFigure;
  share: PlanFigure;
  values: string;
  evidence: string;
  actions: string[];
}

export interface ChannelPlanRow {
  channel: string;
  inShopify: boolean;
  orders: PlanFigure;
  processingHours: PlanFigure;
  onTimeRate: PlanFigure;
  exceptionRate: PlanFigure;
  repeatRate: PlanFigure;
  flags: ChannelFlag[];
}

export type TestVariable =
  | "notification_timing"
  | "packaging"
  | "carrier_combination"
  | "delivery_window_framing"
  | "proactive_delay_notification"
  | "delivery_insurance_offer"
  | "preferred_delivery_window"
  | "communication_frequency"
  | "cost_vs_speed_framing";

export interface TestPlanRow {
  month: number;
  rank: number;
  variable: TestVariable;
  name: string;
  hypothesis: string;
  primaryMetric: string;
  targetSegment: string;
  /** New customers a year who would enter the test. */
  reachPerYear: PlanFigure;
  /** The measured repeat-rate gap the test can at most close (points), when one exists. */
  headroom: PlanFigure;
  baselineRate: PlanFigure;
  minimumDetectableEffect: number;
  customersPerArm: PlanFigure;
  /** The smallest lift (points) this test could detect enrolling for twelve months. */
  detectableInAYear: PlanFigure;
  /** Months to enrol both arms at the store's rate, then the follow-up to read repeats. */
  enrolmentMonths: PlanFigure;
  readoutMonths: PlanFigure;
  feasible: boolean | null;
  /** Repeat revenue a year if the test finds the effect it is sized for (capped by the headroom). */
  expectedImpact: PlanFigure;
}

export interface ImpactRow {
  name: string;
  sentence: string;
  /** Change in new customers' repeat rate, points. */
  repeatRateChange: PlanFigure;
  extraReturningCustomers: PlanFigure;
  revenue: PlanFigure;
  margin: PlanFigure;
}

export interface PlanStep {
  title: string;
  why: string;
}

export interface ChecklistItem {
  step: string;
  item: string;
}

export interface LtvPlan {
  currency: string;
  asOf: number;
  /** Merchant answers the plan used. */
  answersUsed: string[];
  currentState: CurrentState;
  segmentDiagnosis: SegmentDiagnosisRow[];
  levers: LtvLever[];
  automation: AutomationRow[];
  automationNotes: string[];
  personalization: PersonalizationRow[];
  actionPackages: ActionPackage[];
  channels: ChannelPlanRow[];
  channelNotes: string[];
  testing: TestPlanRow[];
  testingNotes: string[];
  projectedImpact: ImpactRow[];
  sequence: { shortTerm: PlanStep[]; mediumTerm: PlanStep[]; longTerm: PlanStep[] };
  checklist: ChecklistItem[];
  measurement: { assumptions: string[]; limits: string[]; confidence: Array<{ figure: string; source: FigureSource; confidence: Confidence }> };
}
