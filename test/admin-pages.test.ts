/** The admin pages' loaders, called as Shopify calls them (signed session tokens) and in demo mode. */
import { beforeAll, describe, expect, it } from "vitest";
import prisma from "../app/db.server";
import { loader as dashboardLoader } from "../app/routes/app._index";
import { loader as segmentsLoader } from "../app/routes/app.segments._index";
import { loader as customerLoader } from "../app/routes/app.segments.$customerId";
import { loader as planLoader } from "../app/routes/app.plan";
import { loader as planMarkdownLoader } from "../app/routes/app.plan[.md]";
import { loader as demoDashboardLoader } from "../app/routes/demo._index";
import { loader as demoPlanMarkdownLoader } from "../app/routes/demo.plan[.md]";
import { deleteOrders, upsertOrders } from "../app/data/orders.server";
import { refreshStoreAnalysis } from "../app/data/store-analysis.server";
import { loadDemoStore } from "../app/services/demo-store.server";
import { DEMO_SHOP } from "../app/services/demo.server";
import { iterateOrders } from "../app/demo/generate-store";
import { mapAdminOrder } from "../app/sync/map-admin-order";
import { adminRequest, seedOfflineSession, settle } from "./helpers";

const shop = "admin-pages.myshopify.com";
const empty = "admin-pages-empty.myshopify.com";
const asOf = Date.UTC(2026, 9, 1);
const args = (path: string, s = shop, params: Record<string, string> = {}) => ({ request: adminRequest(path, s), params, context: {} });

beforeAll(async () => {
  for (const s of [shop, empty]) {
    await deleteOrders(s);
    await prisma.analysisSnapshot.deleteMany({ where: { shop: s } });
    await prisma.customerProfile.deleteMany({ where: { shop: s } });
    await prisma.shop.upsert({ where: { shop: s }, create: { shop: s, currency: "EUR" }, update: { currency: "EUR", analysisStaleSince: null } });
    await seedOfflineSession(s);
  }
  await upsertOrders(shop, Array.from(iterateOrders({ asOf, orders: 1500, seed: "admin-pages" }), mapAdminOrder));
  await refreshStoreAnalysis(shop, new Date(asOf));
});

describe("dashboard", () => {
  it("answers with this shop's headline figures, each with confidence, source and trend", async () => {
    const data = await dashboardLoader(args("/app"));
    expect(data.status).toMatchObject({ status: "ready", stale: false });
    expect(data.currency).toBe("EUR");
    expect(data.counts?.orders).toBe(await prisma.order.count({ where: { shop, cancelledAt: null } }));
    expect(data.headline.map((c) => c.key)).toEqual([
      "repeatRate",
      "medianDaysToSecondOrder",
      "onTimeRate",
      "lateRate",
      "exceptionRate",
      "returnRate",
      "averagePredictedClv",
    ]);
    for (const card of data.headline) {
      expect(["high", "medium", "low", "insufficient"]).toContain(card.figure.confidence);
      expect(["data", "model", "merchant answer"]).toContain(card.figure.source);
      expect(card.trend !== null || Boolean(card.noTrend)).toBe(true);
    }
    const onTime = data.headline.find((c) => c.key === "onTimeRate")!;
    expect(onTime.trend?.points.length).toBeGreaterThanOrEqual(6);
    expect(data.friction?.label ?? data.frictionSentence).toBeTruthy();
  });

  it("shows the empty state's data for a shop without orders or analysis", async () => {
    const data = await dashboardLoader(args("/app", empty));
    expect(data).toMatchObject({ counts: null, headline: [], status: { status: "missing" } });
  });

  it("rejects a session token signed with another secret", async () => {
    const res = await settle(dashboardLoader({ request: adminRequest("/app", shop, { secret: "not-the-secret" }), params: {}, context: {} }));
    expect(res).toBeInstanceOf(Response);
    expect((res as Response).status).toBe(401);
  });
});

describe("segments", () => {
  it("lists RFM, behaviour and seed segments with size, revenue share, CLV and rule, and the RFM grid", async () => {
    const data = await segmentsLoader(args("/app/segments"));
    expect(data.customers).toBeGreaterThan(100);
    expect(data.rfm.grid.flat().reduce((a, b) => a + b, 0)).toBe(data.rfm.rows.reduce((a, r) => a + r.customers, 0));
    for (const rows of [data.rfm.rows, data.behaviour.rows, data.seed.rows]) {
      expect(rows.length).toBeGreaterThan(0);
      for (const r of rows) expect(r.rule.length, `${r.family}:${r.segment}`).toBeGreaterThan(10);
    }
    expect(data.preferences?.customersWithAnswers).toBeGreaterThan(0);
    expect(data.topCustomers.length).toBe(10);
    const clvs = data.topCustomers.map((c) => c.predictedClv ?? 0);
    expect([...clvs].sort((a, b) => b - a)).toEqual(clvs);
  });

  it("drills down to one customer by Shopify id, with evidence and rules, and nothing but ids", async () => {
    const { topCustomers } = await segmentsLoader(args("/app/segments"));
    const id = topCustomers[0].customerId.split("/").pop()!;
    const data = await customerLoader(args(`/app/segments/${id}`, shop, { customerId: id }));
    expect(data.customer.customerId).toBe(`gid://shopify/Customer/${id}`);
    expect(data.customer.segments.length).toBeGreaterThan(0);
    for (const m of data.customer.segments) {
      expect(m.evidence.length).toBeGreaterThan(10);
      expect(data.rules[`${m.family}:${m.segment}`]).toBeTruthy();
    }
    expect(JSON.stringify(data)).not.toMatch(/@|email|phone|address1/i);
  });

  it("answers 404 for an unknown or malformed customer id, and never across shops", async () => {
    for (const id of ["999999999", "abc", "1;drop"]) {
      const res = await settle(customerLoader(args(`/app/segments/${id}`, shop, { customerId: id })));
      expect((res as Response).status, id).toBe(404);
    }
    const { topCustomers } = await segmentsLoader(args("/app/segments"));
    const id = topCustomers[0].customerId.split("/").pop()!;
    const res = await settle(customerLoader(args(`/app/segments/${id}`, empty, { customerId: id })));
    expect((res as Response).status).toBe(404);
  });
});

describe("plan", () => {
  it("renders the engine's plan with every table figure tagged with its source and confidence", async () => {
    const data = await planLoader(args("/app/plan"));
    expect(data.plan?.markdown).toMatch(/^# LTV Improvement Plan/);
    expect(data.plan?.markdown).toMatch(/\((data|model|merchant answer), (high|medium|low|insufficient)\)/);
    expect(data.plan?.figures.length).toBeGreaterThan(0);
  });

  it("downloads the same document as Markdown", async () => {
    const res = (await planMarkdownLoader(args("/app/plan.md"))) as Response;
    expect(res.headers.get("Content-Type")).toMatch(/^text\/markdown/);
    expect(res.headers.get("Content-Disposition")).toMatch(/attachment; filename="ltv-improvement-plan-2026-10-01\.md"/);
    expect(await res.text()).toBe((await planLoader(args("/app/plan"))).plan?.markdown);
  });

  it("has no plan (404 download) before the first analysis", async () => {
    expect((await planLoader(args("/app/plan", empty))).plan).toBeNull();
    const res = (await planMarkdownLoader(args("/app/plan.md", empty))) as Response;
    expect(res.status).toBe(404);
  });
});

describe("demo mode", () => {
  it("computes the demo store's analysis at seed time and serves the same pages without Shopify auth", async () => {
    await loadDemoStore({ asOf, orders: 400, seed: "admin-pages-demo" }, { fresh: true });
    const snapshot = await prisma.analysisSnapshot.findUnique({ where: { shop: DEMO_SHOP } });
    expect(snapshot?.status).toBe("ready");
    const data = await demoDashboardLoader({ request: new Request("http://localhost/demo"), params: {}, context: {} });
    expect(data.counts?.orders).toBe(snapshot?.orderCount);
    const md = (await demoPlanMarkdownLoader({ request: new Request("http://localhost/demo/plan.md"), params: {}, context: {} })) as Response;
    expect(md.status).toBe(200);
  });
});
