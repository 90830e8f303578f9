/**
 * The plan as Markdown, for export and for merchants who want it in a doc. Every figure shows
 * its source and confidence; unknowns read "unknown — <what would tell us>".
 */
import { formatCount, formatMoney, formatPercent } from "../analyze/format";
import type { LtvPlan, PlanFigure } from "./types";

/** A Markdown table cell: no pipes or line breaks inside. */
export function cell(text: string): string {
  return text.replace(/\r?\n/g, " ").replace(/\|/g, "\\|");
}

export function table(headers: string[], rows: string[][]): string[] {
  return [`| ${headers.map(cell).join(" | ")} |`, `| ${headers.map(() => "---").join(" | ")} |`, ...rows.map((r) => `| ${r.map(cell).join(" | ")} |`)];
}

function number(value: number, unit: PlanFigure["unit"], currency: string): string {
  switch (unit) {
    case "money":
      return formatMoney(value, currency);
    case "share":
      return formatPercent(value);
    case "points":
      return `${(value * 100).toFixed(2)} points`;
    case "count":
      return value !== 0 && Math.abs(value) < 10 && !Number.isInteger(value) ? value.toFixed(1) : formatCount(value);
    case "days":
      return `${Math.round(value)} days`;
    case "hours":
      return `${value < 10 ? value.toFixed(1) : Math.round(value)} h`;
    case "months":
      return `${value} month${value === 1 ? "" : "s"}`;
    case "ratio":
      return `${value.toFixed(1)}×`;
    case "score":
      return `${Math.round(value * 10) / 10}`;
  }
}

/** Range bounds of units with a word after the number are shown bare ("0.23–0.61"). */
function bound(value: number, unit: PlanFigure["unit"], currency: string): string {
  if (unit === "points") return (value * 100).toFixed(2);
  if (unit === "days" || unit === "hours" || unit === "months") return number(value, unit, currency).split(" ")[0];
  return number(value, unit, currency);
}

/** The value with its range and period, or "unknown — …". */
export function formatFigure(f: PlanFigure, currency: string): string {
  if (f.value === null) return `unknown — ${f.unknown ?? "not enough data"}`;
  const per = f.per ? ` / ${f.per}` : "";
  const [from, to] = f.low != null && f.high != null ? [bound(f.low, f.unit, currency), bound(f.high, f.unit, currency)] : ["", ""];
  // A range narrower than the display precision ("$54–$54") says nothing: leave it out.
  const range = from !== to ? ` (range ${from}–${to})` : "";
  if (f.unit === "months" && f.value > 120) return `more than 10 years${per}`;
  return `${number(f.value, f.unit, currency)}${per}${range}`;
}

/** Value plus source and confidence, for tables with several figures per row. */
export function tagged(f: PlanFigure, currency: string): string {
  const text = formatFigure(f, currency);
  return f.value === null ? text : `${text} (${f.source}, ${f.confidence})`;
}

export function renderPlanMarkdown(plan: LtvPlan): string {
  const c = plan.currency;
  const out: string[] = [];
  const blank = () => out.push("");
  const bullets = (items: string[]) => items.forEach((i) => out.push(`- ${i}`));

  out.push("# LTV Improvement Plan", "");
  out.push(`As of ${new Date(plan.asOf).toISOString().slice(0, 10)}. Every figure shows where it comes from (data, merchant answer or model) and how sure we are.`);
  if (plan.answersUsed.length > 0) out.push(`Your answers used: ${plan.answersUsed.join(", ")}.`);
  blank();

  // Step 1
  const s = plan.currentState;
  out.push("## Step 1 · Audit: Current State Assessment", "", s.summary, "");
  out.push(...table(["Figure", "Value", "Source", "Confidence"], s.figures.map((f) => [f.label, formatFigure(f.figure, c), f.figure.source, f.figure.confidence])));
  blank();
  out.push("### Biggest delivery friction", "");
  if (s.biggestFriction) {
    const b = s.biggestFriction;
    out.push(b.sentence, "");
    out.push(`Repeat revenue at stake: ${tagged(b.revenueAtStake, c)}. Gross margin at stake: ${tagged(b.marginAtStake, c)}.`);
  } else out.push(s.frictionSentence);
  blank();
  out.push(`Delivery and repeat purchases: ${s.linkSentence}`, "", `Lifetime value: ${s.clvNote}`, "");
  if (s.dataQuality.length > 0) {
    out.push("### What the data can and can't tell us", "");
    bullets(s.dataQuality.map((n) => `${n.severity === "info" ? "" : `**${n.severity}:** `}${n.message}`));
    blank();
  }
  out.push("### Segment diagnosis", "");
  if (plan.segmentDiagnosis.length === 0) out.push("No customer segments yet: they need customers with accounts.");
  else {
    out.push(
      ...table(
        ["Segment", "Customers", "Share of customers", "Share of revenue", "Order value", "Repeat rate", "Still active (P(alive))", "Expected repeat orders", "Predicted value", "Predicted margin", "Diagnosis"],
        plan.segmentDiagnosis.map((r) => [
          r.label,
          formatFigure(r.customers, c),
          tagged(r.customerShare, c),
          tagged(r.revenueShare, c),
          tagged(r.averageOrderValue, c),
          r.repeatByRule ? `${formatFigure(r.repeatRate, c)} (by rule: 2+ orders)` : tagged(r.repeatRate, c),
          tagged(r.activeProbability, c),
          tagged(r.expectedOrders, c),
          tagged(r.predictedValue, c),
          tagged(r.predictedMargin, c),
          r.diagnosis,
        ]),
      ),
    );
  }
  blank();
  out.push("### LTV levers, ranked", "");
  out.push(
    ...table(
      ["Rank", "Lever", "Today", "Change sized", "Revenue effect", "Margin effect", "How delivery drives it"],
      plan.levers.map((l) => [String(l.rank), l.label, tagged(l.current, c), l.change, tagged(l.revenueEffect, c), tagged(l.marginEffect, c), l.deliveryLink]),
    ),
  );
  blank();

  // Step 2
  out.push("## Step 2 · Automation: Automation Plan", "");
  out.push(
    ...table(
      ["Exception", "Monthly volume", "Trigger", "Automated action", "Tickets saved", "Hours saved"],
      plan.automation.map((r) => [r.exception, tagged(r.monthlyVolume, c), r.trigger, r.action, tagged(r.ticketsSaved, c), tagged(r.hoursSaved, c)]),
    ),
  );
  if (plan.automationNotes.length > 0) {
    blank();
    bullets(plan.automationNotes);
  }
  blank();

  // Step 3
  out.push("## Step 3 · Personalization: Personalization Plan", "");
  out.push(
    ...table(
      ["Segment", "Size", "Share of customers", "What they value", "Evidence", "Action package"],
      plan.personalization.map((p) => [p.label, tagged(p.size, c), tagged(p.share, c), p.values, p.evidence, p.actions.join(" · ")]),
    ),
  );
  blank();
  out.push("### Action packages by segment", "");
  for (const p of plan.actionPackages.filter((x) => x.family === "seed")) {
    out.push(`**${p.label}** (${formatCount(p.customers)} customers)`);
    bullets(p.actions);
    blank();
  }

  // Step 4
  out.push("## Step 4 · Channels: Channel Unification Plan", "");
  if (plan.channels.length === 0) out.push("No sales channels with orders yet.");
  else out.push(
    ...table(
      ["Channel", "Orders", "Processing (median)", "On-time rate", "Exception rate", "Repeat rate", "Differences"],
      plan.channels.map((r) => [
        r.inShopify ? r.channel : `${r.channel} (outside Shopify)`,
        tagged(r.orders, c),
        tagged(r.processingHours, c),
        tagged(r.onTimeRate, c),
        tagged(r.exceptionRate, c),
        tagged(r.repeatRate, c),
        r.flags.length > 0 ? r.flags.map((f) => f.message).join(" ") : "none flagged",
      ]),
    ),
  );
  if (plan.channelNotes.length > 0) {
    blank();
    bullets(plan.channelNotes);
  }
  blank();

  // Step 5
  out.push("## Step 5 · Testing: Testing Roadmap", "");
  out.push(
    ...table(
      ["Month", "Test", "Variable", "Hypothesis", "Primary metric", "Target segment", "Reach", "Customers per arm", "Enrolment", "Detectable in a year", "Feasible", "Expected impact"],
      plan.testing.map((t) => [
        String(t.month),
        t.name,
        t.variable.replaceAll("_", " "),
        t.hypothesis,
        t.primaryMetric,
        t.targetSegment,
        tagged(t.reachPerYear, c),
        formatFigure(t.customersPerArm, c),
        formatFigure(t.enrolmentMonths, c),
        formatFigure(t.detectableInAYear, c),
        t.feasible === null ? "unknown" : t.feasible ? "yes" : "no",
        tagged(t.expectedImpact, c),
      ]),
    ),
  );
  if (plan.testingNotes.length > 0) {
    blank();
    bullets(plan.testingNotes);
  }
  blank();

  // Step 6
  out.push("## Step 6 · Plan: Projected LTV Impact", "");
  out.push(
    ...table(
      ["Change", "Repeat-rate change", "Extra returning customers", "Repeat revenue", "Gross margin"],
      plan.projectedImpact.map((r) => [r.name, tagged(r.repeatRateChange, c), tagged(r.extraReturningCustomers, c), tagged(r.revenue, c), tagged(r.margin, c)]),
    ),
  );
  blank();
  bullets(plan.projectedImpact.map((r) => r.sentence));
  blank();
  out.push("### Implementation Sequence", "");
  const phase = (title: string, steps: LtvPlan["sequence"]["shortTerm"]) => {
    out.push(`**${title}**`);
    if (steps.length === 0) out.push("- Nothing specific yet.");
    else bullets(steps.map((st) => `${st.title}: ${st.why}`));
    blank();
  };
  phase("Short term (0–30 days)", plan.sequence.shortTerm);
  phase("Medium term (1–3 months)", plan.sequence.mediumTerm);
  phase("Long term (3–12 months)", plan.sequence.longTerm);
  out.push("### Implementation Checklist", "");
  let step = "";
  for (const i of plan.checklist) {
    if (i.step !== step) {
      if (step !== "") blank();
      out.push(`**${i.step}**`);
      step = i.step;
    }
    out.push(`- [ ] ${i.item}`);
  }
  blank();
  out.push("### Measurement Notes", "", "**Assumptions**");
  bullets(plan.measurement.assumptions);
  blank();
  out.push("**Limits**");
  bullets(plan.measurement.limits);
  blank();
  out.push("**Confidence of the figures this plan rests on**", "");
  out.push(...table(["Figure", "Source", "Confidence"], plan.measurement.confidence.map((m) => [m.figure, m.source, m.confidence])));
  return out.join("\n") + "\n";
}
