/** The guided steps' loader and action, called as Shopify calls them (signed session tokens) and in demo mode. */
import { beforeAll, describe, expect, it } from "vitest";
import prisma from "../app/db.server";
import { action as stepActionRoute, loader as stepLoader } from "../app/routes/app.steps.$step";
import { action as demoStepAction } from "../app/routes/demo.steps.$step";
import { loader as resumeLoader } from "../app/routes/app.steps._index";
import { deleteOrders, upsertOrders } from "../app/data/orders.server";
import { refreshStoreAnalysis } from "../app/data/store-analysis.server";
import { loadPlanAnswers, loadProgress } from "../app/data/step-answers.server";
import { DEMO_SHOP } from "../app/services/demo.server";
import { iterateOrders } from "../app/demo/generate-store";
import { mapAdminOrder } from "../app/sync/map-admin-order";
import { defaultRules, type ExceptionRule } from "../app/engine/exception-rules";
import type { StepViews } from "../app/pages/steps/step-view";
import { adminRequest, seedOfflineSession, settle } from "./helpers";

const shop = "steps.myshopify.com";
const empty = "steps-empty.myshopify.com";
const asOf = Date.UTC(2026, 9, 1);

const get = (step: string, s = shop) => stepLoader({ request: adminRequest(`/app/steps/${step}`, s), params: { step }, context: {} });
function post(step: string, fields: Record<string, string>, s = shop) {
  const body = new URLSearchParams(fields);
  const request = adminRequest(`/app/steps/${step}`, s, { method: "POST", body });
  request.headers.set("Content-Type", "application/x-www-form-urlencoded");
  return settle(stepActionRoute({ request, params: { step }, context: {} }));
}

beforeAll(async () => {
  for (const s of [shop, empty, DEMO_SHOP]) {
    await prisma.stepAnswers.deleteMany({ where: { shop: s } });
    await prisma.guidedProgress.deleteMany({ where: { shop: s } });
    await prisma.exceptionRule.deleteMany({ where: { shop: s } });
    await prisma.exceptionFacts.deleteMany({ where: { shop: s } });
  }
  for (const s of [shop, empty]) {
    await deleteOrders(s);
    await prisma.analysisSnapshot.deleteMany({ where: { shop: s } });
    await prisma.shop.upsert({ where: { shop: s }, create: { shop: s, currency: "EUR" }, update: { currency: "EUR", analysisStaleSince: null } });
    await seedOfflineSession(s);
  }
  await upsertOrders(shop, Array.from(iterateOrders({ asOf, orders: 1500, seed: "steps" }), mapAdminOrder));
  await refreshStoreAnalysis(shop, new Date(asOf));
});

describe("step pages", () => {
  it("step 1 shows the journey map, windows by carrier and channel, exceptions and repeat rate by first delivery", async () => {
    const data = await get("audit");
    expect(data.step).toBe("audit");
    expect(data.currency).toBe("EUR");
    const v = data.view as StepViews["audit"];
    expect(v.journey.map((s) => s.milestone)).toEqual(["ordered", "fulfilled", "carrier_pickup", "in_transit", "out_for_delivery", "delivered"]);
    expect(v.journey.at(-1)!.medianHoursFromOrder).toBeGreaterThan(v.journey[1].medianHoursFromOrder!);
    expect(v.byCarrier.length).toBeGreaterThan(1);
    expect(v.byChannel.length).toBeGreaterThan(0);
    expect(v.exceptions).toHaveLength(7);
    expect(v.repeatByExperience.rows.map((r) => r.experience)).toContain("on_time");
    for (const r of v.repeatByExperience.rows) if (r.rate.value !== null) expect(r.rate.low).toBeLessThanOrEqual(r.rate.value);
    expect(data.rules).toBeNull();
    // The demo catalogue leaves some unit costs empty: the margin question is asked, with the coverage.
    expect(v.costs.complete).toBe(false);
    expect(v.costs.knownShare).toBeGreaterThan(0);
    expect(v.costs.knownShare).toBeLessThan(0.95);
  });

  it("steps 2–6 show the plan's automation, segments, channels, roadmap and summary", async () => {
    const auto = (await get("automation")).view as StepViews["automation"];
    expect(auto.rows.length).toBeGreaterThan(2);
    const volumes = auto.rows.map((r) => r.monthlyVolume.value ?? -1);
    expect(volumes).toEqual([...volumes].sort((a, b) => b - a));
    expect(((await get("personalization")).view as StepViews["personalization"]).rows.length).toBeGreaterThan(0);
    expect(((await get("channels")).view as StepViews["channels"]).rows.length).toBeGreaterThan(0);
    expect(((await get("testing")).view as StepViews["testing"]).rows.length).toBeGreaterThan(0);
    expect(((await get("plan")).view as StepViews["plan"]).summary.length).toBeGreaterThan(20);
  });

  it("a shop without orders gets the questions and no data view", async () => {
    const data = await get("audit", empty);
    expect(data.view).toBeNull();
    expect(data.analysis.status).toBe("missing");
    expect(data.progress).toMatchObject({ currentStep: "audit", completed: [] });
  });

  it("an unknown step is a 404", async () => {
    const res = await settle(get("shipping"));
    expect((res as Response).status).toBe(404);
  });
});

describe("answers and progress", () => {
  it("saves valid answers, keeps the merchant on the step, and feeds them to the plan", async () => {
    const r = await post("automation", { intent: "save", monthlySupportTickets: "900", minutesPerTicket: "6", share_where_is_my_order: "45", process_delay_notices: "manual" });
    expect(r).toMatchObject({ kind: "saved", progress: { currentStep: "automation" } });
    expect(await loadPlanAnswers(shop)).toMatchObject({ monthlySupportTickets: 900, minutesPerTicket: 6, topTicketReasons: [{ reason: "where_is_my_order", share: 0.45 }], manualProcesses: ["Telling customers about delays"] });
    const again = await get("automation");
    expect(again.form).toMatchObject({ monthlySupportTickets: "900", share_where_is_my_order: "45", process_delay_notices: "manual" });
    // With tickets and reasons known, the plan can now say how many tickets automation saves.
    const rows = (again.view as StepViews["automation"]).rows;
    expect(rows.some((x) => x.ticketsSaved.value !== null && x.ticketsSaved.source === "merchant answer")).toBe(true);
  });

  it("refuses invalid answers with field errors and saves nothing", async () => {
    const r = await post("audit", { intent: "next", nps: "150", csat: "80" });
    expect(r).toEqual({ kind: "invalid", errors: { nps: "Net Promoter Score must be at most 100" } });
    expect((await loadPlanAnswers(shop)).csat).toBeUndefined();
    expect((await loadProgress(shop)).completed).not.toContain("audit");
  });

  it("next marks the step done and moves on; back returns; the last step opens the plan", async () => {
    const next = (await post("audit", { intent: "next", nps: "35" })) as Response;
    expect(next.status).toBe(302);
    expect(next.headers.get("Location")).toBe("/app/steps/automation");
    expect(await loadProgress(shop)).toMatchObject({ currentStep: "automation", completed: ["audit"] });
    const back = (await post("automation", { intent: "back" })) as Response;
    expect(back.headers.get("Location")).toBe("/app/steps/audit");
    const finish = (await post("plan", { intent: "next" })) as Response;
    expect(finish.headers.get("Location")).toBe("/app/plan");
    expect((await loadProgress(shop)).completed).toEqual(["audit", "plan"]);
    expect((await loadPlanAnswers(shop)).nps).toBe(35);
  });

  it("/app/steps resumes at the step the merchant was on", async () => {
    await post("personalization", { intent: "save", brandPositioning: "value" });
    const res = (await settle(resumeLoader({ request: adminRequest("/app/steps", shop), params: {}, context: {} }))) as Response;
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toMatch(/^\/app\/steps\/personalization\?/);
  });

  it("rejects a forged session token", async () => {
    const request = adminRequest("/app/steps/audit", shop, { method: "POST", secret: "not-the-secret", body: new URLSearchParams({ intent: "save" }) });
    const res = await settle(stepActionRoute({ request, params: { step: "audit" }, context: {} }));
    expect((res as Response).status).toBe(401);
  });

  it("the demo route saves for the demo shop only", async () => {
    const request = new Request("http://localhost/demo/steps/channels", { method: "POST", body: new URLSearchParams({ intent: "save", channelsOutsideShopify: "Amazon" }) });
    const r = await demoStepAction({ request, params: { step: "channels" }, context: {} });
    expect(r).toMatchObject({ kind: "saved" });
    expect((await loadPlanAnswers(DEMO_SHOP)).channelsOutsideShopify).toEqual(["Amazon"]);
    expect((await loadPlanAnswers(shop)).channelsOutsideShopify).toBeUndefined();
  });
});

describe("exception rules", () => {
  it("suggests rules and counts how many past orders each path would have taken", async () => {
    const data = await get("automation");
    const rules = data.rules!;
    expect(rules.saved).toBe(false);
    expect(rules.rules.map((r) => r.exception)).toEqual(["delay", "damage", "failed_delivery", "unknown"]);
    expect(rules.ordersScanned).toBe(await prisma.order.count({ where: { shop } }));
    for (const c of rules.counts) expect(c.branches.reduce((s, b) => s + b.orders, 0) + c.otherwise.orders).toBe(c.orders);
    expect(rules.counts[0].orders).toBeGreaterThan(10);
    expect(await prisma.exceptionFacts.count({ where: { shop } })).toBe(1);
  });

  it("saves edited rules and counts with them", async () => {
    const before = (await get("automation")).rules!;
    const rules: ExceptionRule[] = defaultRules(null);
    rules[0].definition = { branches: [{ customer: "any", minPriorSpend: null, minOrderValue: null, minDaysLate: 3, action: { type: "store_credit", creditAmount: 7 } }], otherwise: { type: "apology" } };
    const r = await post("automation", { intent: "rules", rules: JSON.stringify({ rules }) });
    expect(r).toEqual({ kind: "rules-saved" });
    const after = (await get("automation")).rules!;
    expect(after.saved).toBe(true);
    const delay = after.counts[0];
    expect(delay.orders).toBe(before.counts[0].orders);
    expect(delay.branches[0].credit).toBe(delay.branches[0].orders * 7);
    expect(delay.branches[0].orders).toBeGreaterThan(0);
    expect(delay.otherwise.orders).toBeGreaterThan(0);
  });

  it("answers invalid rules with the path of each field at fault", async () => {
    const rules = defaultRules(null);
    const bad = JSON.parse(JSON.stringify({ rules }));
    bad.rules[0].definition.otherwise = { type: "store_credit", creditAmount: null };
    bad.rules[1].definition.branches[0].minOrderValue = "lots";
    const r = await post("automation", { intent: "rules", rules: JSON.stringify(bad) });
    expect(r).toEqual({
      kind: "rules-invalid",
      errors: { "rules.0.definition.otherwise.creditAmount": "Enter a credit amount above 0", "rules.1.definition.branches.0.minOrderValue": "Order value must be a number" },
    });
    expect(await post("automation", { intent: "rules", rules: "{" })).toMatchObject({ kind: "rules-invalid", errors: { rules: expect.stringContaining("could not be read") } });
  });
});

describe("exception facts freshness", () => {
  it("keeps answering from the stored facts while a newer analysis rebuilds them in the background", async () => {
    const { loadExceptionFacts, settleExceptionFacts } = await import("../app/data/exception-rules.server");
    const stored = await prisma.exceptionFacts.findUniqueOrThrow({ where: { shop } });
    expect(stored.asOf.getTime()).toBe(asOf);
    const later = new Date(asOf + 86_400_000);
    const served = await loadExceptionFacts(shop, later, later);
    expect(served.asOf).toBe(asOf); // the old facts, at once
    await settleExceptionFacts(shop);
    expect((await prisma.exceptionFacts.findUniqueOrThrow({ where: { shop } })).asOf.getTime()).toBe(later.getTime());
  });
});
