/** Step 1, the audit: where the store stands today, in figures with their source and confidence. */
import type { StoreAnalysis } from "../analyze/analyze-store";
import { formatCount, formatPercent } from "../analyze/format";
import type { MarginBasis } from "../analyze/margin";
import { answerFigure, planFigure, unknownFigure } from "./plan-figure";
import { marginOf } from "./plan-margin";
import type { CurrentState, LabeledFigure, PlanAnswers, PlanFigure } from "./types";

export function currentState(analysis: StoreAnalysis, answers: PlanAnswers, margin: MarginBasis): CurrentState {
  const h = analysis.headline;
  const e = analysis.economics;
  const clvRevenue = planFigure(h.averagePredictedClv, "money", "customers who have ordered twice, to fit the model");
  const clvMargin = marginOf(clvRevenue, margin);
  const cac = answerFigure(answers.customerAcquisitionCost, "money", "your customer acquisition cost", (v) => v > 0);
  const ratio: PlanFigure =
    cac.value === null
      ? unknownFigure("ratio", "your customer acquisition cost", "merchant answer")
      : clvMargin.value === null
        ? unknownFigure("ratio", clvMargin.unknown ?? "predicted margin per customer", clvMargin.source)
        : { value: clvMargin.value / cac.value, unit: "ratio", source: "model", confidence: clvMargin.confidence, notes: [`${analysis.settings.horizonMonths}-month predicted margin per customer ÷ acquisition cost.`] };

  const figures: LabeledFigure[] = [
    { label: "Repeat rate (customers who ordered on 2+ days)", figure: planFigure(h.repeatRate, "share", "more customers with accounts") },
    { label: "Median days to a second order", figure: planFigure(h.medianDaysToSecondOrder, "days", "more customers followed for longer") },
    { label: "On-time delivery rate", figure: planFigure(h.onTimeRate, "share", "delivery promises at checkout and delivery dates") },
    { label: "Late delivery rate", figure: planFigure(h.lateRate, "share", "delivery promises at checkout and delivery dates") },
    { label: "Carrier exception rate", figure: planFigure(h.exceptionRate, "share", "carrier tracking events") },
    { label: "Return rate", figure: planFigure(h.returnRate, "share", "more shipped orders") },
    { label: "Average order value", figure: planFigure(e.averageOrderValue, "money", "orders in the last year") },
    { label: "New customers a year", figure: planFigure(e.newCustomersPerYear, "count", "orders from customers with accounts", "year") },
    { label: "Revenue a year", figure: planFigure(e.revenuePerYear, "money", "a first order", "year") },
    { label: `Predicted ${analysis.settings.horizonMonths}-month value per customer (revenue)`, figure: clvRevenue },
    { label: `Predicted ${analysis.settings.horizonMonths}-month value per customer (gross margin)`, figure: clvMargin },
    { label: "Customer acquisition cost", figure: cac },
    { label: "Predicted margin per customer ÷ acquisition cost", figure: ratio },
    { label: "Net Promoter Score", figure: answerFigure(answers.nps, "score", "your Net Promoter Score, if you measure it", (v) => v >= -100 && v <= 100) },
    { label: "Customer satisfaction (CSAT, % satisfied)", figure: answerFigure(answers.csat, "score", "your CSAT score, if you measure it", (v) => v >= 0 && v <= 100) },
  ];

  const b = analysis.delivery.biggest;
  const biggestFriction = b
    ? (() => {
        const revenueAtStake = planFigure(b.revenueAtStake, "money", "revenue at stake", "year");
        return { label: b.label, sentence: b.sentence, revenueAtStake, marginAtStake: marginOf(revenueAtStake, margin), confidence: b.confidence };
      })()
    : null;

  const c = analysis.counts;
  const parts: string[] = [];
  if (c.orders === 0) parts.push("No orders yet: the plan below lists what to set up so the first months of orders can be measured.");
  else {
    parts.push(
      `${formatCount(c.orders)} orders over ${formatCount(c.historyDays)} days from ${formatCount(c.customers)} customers with accounts` +
        (c.guestOrders > 0 ? ` (plus ${formatCount(c.guestOrders)} guest orders).` : "."),
    );
    if (h.repeatRate.value !== null) parts.push(`${formatPercent(h.repeatRate.value)} of customers have ordered more than once.`);
    if (h.onTimeRate.value !== null) parts.push(`${formatPercent(h.onTimeRate.value)} of deliveries that could be judged arrived on time.`);
    parts.push(b ? `Biggest delivery friction: ${b.label.toLowerCase()} (confidence ${b.confidence}).` : analysis.delivery.sentence);
  }
  return {
    summary: parts.join(" "),
    figures,
    biggestFriction,
    frictionSentence: analysis.delivery.sentence,
    linkSentence: analysis.link.summary.sentence,
    clvNote: `${analysis.clv.message} ${analysis.clv.holdoutNote}`,
    // The margin note as the plan uses it (the merchant's answer may have changed it).
    dataQuality: analysis.dataQuality.map((n) =>
      n.topic === "costs" ? { ...n, message: margin.note, severity: margin.rate === null ? "warning" : margin.confidence === "high" || margin.merchantRate !== null ? "info" : "warning" } : n,
    ),
  };
}
