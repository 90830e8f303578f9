/**
 * The four LTV levers (repeat rate, order value, margin mix, churn), each sized for the same
 * kind of small, concrete change (one point, one percent, one in a hundred) on this store's
 * own volumes, so they can be ranked against each other. Revenue and margin effects are kept
 * apart: a margin-mix change adds margin without adding revenue, and margin is unknown when
 * costs and the margin answer are.
 */
import type { StoreAnalysis } from "../analyze/analyze-store";
import { formatPercent, formatPoints } from "../analyze/format";
import type { MarginBasis } from "../analyze/margin";
import { known, planFigure, times, unknownFigure } from "./plan-figure";
import { marginOf } from "./plan-margin";
import type { LtvLever, PlanFigure } from "./types";

/** The horizon and measured value of a returning customer used across the plan. */
export function returningCustomerValue(analysis: StoreAnalysis): { days: number; value: PlanFigure } {
  const rows = analysis.economics.repeatCustomerValue;
  const days = analysis.delivery.windowDays ?? 180;
  const row = rows.find((r) => r.days === days) ?? [...rows].reverse().find((r) => r.meanRepeatRevenue.value !== null) ?? rows[0];
  if (!row) return { days, value: unknownFigure("money", "no customer has been followed long enough to see repeat purchases") };
  return { days: row.days, value: planFigure(row.meanRepeatRevenue, "money", `repeat revenue per returning customer within ${row.days} days`) };
}

const constant = (value: number): PlanFigure => known(value, "ratio", "data", "high");

export function ltvLevers(analysis: StoreAnalysis, margin: MarginBasis): LtvLever[] {
  const e = analysis.economics;
  const h = analysis.headline;
  const { days, value } = returningCustomerValue(analysis);
  const newCustomers = planFigure(e.newCustomersPerYear, "count", "new customers per year", "year");
  const revenuePerYear = planFigure(e.revenuePerYear, "money", "revenue per year", "year");
  const late = analysis.delivery.lateAny;
  const lateLink =
    late && late.repeatGap.value !== null && late.share.value !== null
      ? `${formatPercent(late.share.value)} of first deliveries arrive late; those customers reorder within ${analysis.delivery.windowDays} days ` +
        `${formatPoints(late.repeatGap.value)} ${late.repeatGap.value < 0 ? "less" : "more"} often (confidence ${late.repeatGap.confidence}).`
      : "Not enough late first deliveries followed long enough to measure their effect yet.";

  // Repeat rate: one more new customer in a hundred comes back within the horizon.
  const repeatRevenue = times(times(newCustomers, constant(0.01), "count", "new customers per year", "year"), value, "money", "value of a returning customer", "year");
  // Order value: one percent more on every order.
  const aovRevenue = times(revenuePerYear, constant(0.01), "money", "revenue per year", "year");
  // Margin mix: one more point of gross margin on the same revenue.
  const mixMargin = times(revenuePerYear, constant(0.01), "money", "revenue per year", "year");
  // Churn: one in a hundred dormant customers won back for one order at their usual order value.
  const dormant = analysis.segments.seed.summary.segments.find((r) => r.segment === "dormant");
  const dormantCount: PlanFigure =
    dormant && dormant.customers > 0 ? known(dormant.customers, "count", "data", "high") : unknownFigure("count", "dormant customers (none identified yet: it takes repeat purchases to know a customer's usual gap)");
  const dormantOrderValue: PlanFigure =
    dormant?.averageOrderValue != null ? known(dormant.averageOrderValue, "money", "data", dormant.orders >= 100 ? "high" : dormant.orders >= 30 ? "medium" : "low") : planFigure(e.averageOrderValue, "money", "order value");
  const churnRevenue = times(times(dormantCount, constant(0.01), "count", "dormant customers"), dormantOrderValue, "money", "dormant customers' order value", "year");

  const levers: Omit<LtvLever, "rank">[] = [
    {
      lever: "repeat_rate",
      label: "Repeat rate",
      current: planFigure(h.repeatRate, "share", "more customers with accounts"),
      change: `+1 point of new customers ordering again within ${days} days`,
      revenueEffect: repeatRevenue,
      marginEffect: marginOf(repeatRevenue, margin),
      deliveryLink: lateLink,
      basis: `New customers a year × 1% × repeat revenue per returning customer within ${days} days (measured).`,
    },
    {
      lever: "order_value",
      label: "Average order value",
      current: planFigure(e.averageOrderValue, "money", "orders in the last year"),
      change: "+1% on every order",
      revenueEffect: aovRevenue,
      marginEffect: marginOf(aovRevenue, margin),
      deliveryLink: "Free-shipping thresholds and paid delivery upgrades (express, gift packaging) lift order value without a discount.",
      basis: "Revenue in the last year × 1%.",
    },
    {
      lever: "margin_mix",
      label: "Margin mix",
      current: margin.rate === null ? unknownFigure("share", "your gross margin % (or unit costs on your products in Shopify)", "merchant answer") : known(margin.rate, "share", margin.source ?? "data", margin.confidence, { notes: [margin.note] }),
      change: "+1 point of gross margin on the same revenue",
      revenueEffect: known(0, "money", "data", "high", { per: "year", notes: ["A mix change moves margin, not revenue."] }),
      marginEffect: mixMargin,
      deliveryLink: "Shipping is a cost of every order: steer price-sensitive customers to economy services and consolidate shipments.",
      basis: "Revenue in the last year × 1 point (needs no margin rate: it is the change that is sized).",
    },
    {
      lever: "churn",
      label: "Churn (win-back)",
      current: dormantCount,
      change: "Win back 1 in 100 dormant customers for one order",
      revenueEffect: churnRevenue,
      marginEffect: marginOf(churnRevenue, margin),
      deliveryLink: "A bad delivery is a reason not to come back: win-back messages should acknowledge one and show what changed.",
      basis: "Dormant customers × 1% × their average order value.",
    },
  ];
  // Rank by margin when margin is known (every lever has one), else by revenue with margin mix last.
  const key = (l: Omit<LtvLever, "rank">) =>
    margin.rate !== null ? (l.marginEffect.value ?? -1) : l.lever === "margin_mix" ? -0.5 : (l.revenueEffect.value ?? -1);
  return [...levers].sort((a, b) => key(b) - key(a)).map((l, i) => ({ ...l, rank: i + 1 }));
}
