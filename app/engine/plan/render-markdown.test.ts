import { describe, expect, it } from "vitest";
import { analyzeStore } from "../analyze/analyze-store";
import { at, DAY, order } from "../testing/order-builder";
import { buildPlan } from "./build-plan";
import { cell, formatFigure, renderPlanMarkdown } from "./render-markdown";
import { AS_OF, constructedAnalysis } from "./testing/constructed-analysis";

const HEADINGS = [
  "# LTV Improvement Plan",
  "## Step 1 · Audit: Current State Assessment",
  "### Biggest delivery friction",
  "### Segment diagnosis",
  "### LTV levers, ranked",
  "## Step 2 · Automation: Automation Plan",
  "## Step 3 · Personalization: Personalization Plan",
  "### Action packages by segment",
  "## Step 4 · Channels: Channel Unification Plan",
  "## Step 5 · Testing: Testing Roadmap",
  "## Step 6 · Plan: Projected LTV Impact",
  "### Implementation Sequence",
  "### Implementation Checklist",
  "### Measurement Notes",
];

/** Every table: a header, a separator, and rows with the header's number of cells. */
function tables(md: string): string[][] {
  const lines = md.split("\n");
  const found: string[][] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i].startsWith("|") || (i > 0 && lines[i - 1].startsWith("|"))) continue;
    const block: string[] = [];
    for (let j = i; j < lines.length && lines[j].startsWith("|"); j++) block.push(lines[j]);
    found.push(block);
  }
  return found;
}
const cells = (row: string) => row.replace(/\\\|/g, "").split("|").length - 2;

function checkMarkdown(md: string): void {
  let from = 0;
  for (const h of HEADINGS) {
    const i = md.split("\n").indexOf(h, from);
    expect(i, `heading "${h}" in order`).toBeGreaterThanOrEqual(from);
    from = i;
  }
  for (const t of tables(md)) {
    const width = cells(t[0]);
    expect(t.length).toBeGreaterThanOrEqual(2);
    expect(t[1]).toBe(`| ${Array(width).fill("---").join(" | ")} |`);
    for (const row of t) expect(cells(row), row).toBe(width);
  }
  expect(md).not.toMatch(/NaN|undefined|Infinity|\[object Object\]/);
}

describe("renderPlanMarkdown", () => {
  const plan = buildPlan(constructedAnalysis(), { grossMarginPercent: 50, monthlySupportTickets: 200, topTicketReasons: [{ reason: "returns", share: 0.2 }] });
  const md = renderPlanMarkdown(plan);

  it("has the six steps in order and well-formed tables", () => {
    checkMarkdown(md);
    expect(tables(md).length).toBeGreaterThanOrEqual(8);
  });

  it("shows figures with source and confidence, and unknowns with what would tell us", () => {
    expect(md).toContain("| Late delivery rate | 12.0% (range 11.0%–13.0%) | data | high |");
    expect(md).toContain("| Customer acquisition cost | unknown — your customer acquisition cost | merchant answer | insufficient |");
    expect(md).toContain("unknown — minutes your team spends per ticket");
    // No target given: the best carrier's late rate (UPS, 6%) → 6 points × 10-point gap × 1,000 × $200.
    expect(md).toContain("| Cut the late rate | 0.60 points (range 0.30–0.90) (data, medium) | 6 / year (range 3–9) (data, medium) | $1,200 / year (range $600–$1,800) (data, medium) | $600 / year (range $300–$900) (merchant answer, medium) |");
    expect(md).toContain("- [ ] ");
  });

  it("lays out the twelve-month testing roadmap", () => {
    const roadmap = tables(md).find((t) => t[0].startsWith("| Month | Test |"))!;
    expect(roadmap.slice(2).map((r) => Number(r.split("|")[1].trim()))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });

  it("escapes pipes in cells and formats figure units", () => {
    expect(cell("a | b\nc")).toBe("a \\| b c");
    expect(formatFigure({ value: 0.00616, low: 0.00352, high: 0.0088, unit: "points", source: "data", confidence: "medium" }, "USD")).toBe("0.62 points (range 0.35–0.88)");
    expect(formatFigure({ value: 1234.5, unit: "money", per: "year", source: "model", confidence: "low" }, "EUR")).toBe("€1,235 / year");
    // A range narrower than the shown precision is left out rather than printed as "$54–$54".
    expect(formatFigure({ value: 54.2, low: 53.9, high: 54.4, unit: "money", source: "model", confidence: "medium" }, "USD")).toBe("$54");
    expect(formatFigure({ value: 300, unit: "months", source: "data", confidence: "high" }, "USD")).toBe("more than 10 years");
    expect(formatFigure({ value: null, unit: "share", source: "data", confidence: "insufficient", unknown: "carrier events" }, "USD")).toBe("unknown — carrier events");
  });

  it("renders degenerate stores: empty, and one-time buyers only", () => {
    const empty = renderPlanMarkdown(buildPlan(analyzeStore([], { asOf: AS_OF, currency: "USD" })));
    checkMarkdown(empty);
    expect(empty).toContain("No orders yet: the plan below lists what to set up");
    expect(empty).toContain("No sales channels with orders yet.");
    const once = Array.from({ length: 80 }, (_, i) =>
      order({ id: `o${i}`, customer: `c${i}`, at: at("2024-06-01") + i * DAY, promiseDays: 3, ship: { afterHours: 10, deliveredAfterHours: i % 4 === 0 ? 120 : 50 } }),
    );
    const oneTime = buildPlan(analyzeStore(once, { asOf: AS_OF, currency: "USD" }));
    const text = renderPlanMarkdown(oneTime);
    checkMarkdown(text);
    expect(oneTime.currentState.figures[0].figure.value).toBe(0); // a measured 0% repeat rate
    expect(oneTime.projectedImpact.every((r) => r.revenue.value === null)).toBe(true);
    expect(text).toContain("None of your 80 customers has ordered a second time yet");
  });
});
