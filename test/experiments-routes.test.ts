/** The experiments routes as Shopify calls them (session tokens) and in demo mode, on a generated store. */
import { beforeAll, describe, expect, it } from "vitest";
import prisma from "../app/db.server";
import { action as listAction, loader as listLoader } from "../app/routes/app.experiments._index";
import { action as detailAction, loader as detailLoader } from "../app/routes/app.experiments.$id";
import { loader as demoListLoader } from "../app/routes/demo.experiments._index";
import { deleteOrders, upsertOrders } from "../app/data/orders.server";
import { refreshStoreAnalysis } from "../app/data/store-analysis.server";
import { loadDemoStore } from "../app/services/demo-store.server";
import { DEMO_SHOP } from "../app/services/demo.server";
import { deleteShopExperiments } from "../app/services/experiments.server";
import { iterateOrders } from "../app/demo/generate-store";
import { mapAdminOrder } from "../app/sync/map-admin-order";
import { adminRequest, seedOfflineSession, settle } from "./helpers";

const shop = "experiments-routes.myshopify.com";
const asOf = Date.UTC(2026, 9, 1);

beforeAll(async () => {
  await deleteOrders(shop);
  await deleteShopExperiments(shop);
  await prisma.shop.upsert({ where: { shop }, create: { shop }, update: { analysisStaleSince: null } });
  await seedOfflineSession(shop);
  await upsertOrders(shop, Array.from(iterateOrders({ asOf, orders: 1500, seed: "experiments-routes" }), mapAdminOrder));
  await refreshStoreAnalysis(shop, new Date(asOf));
});

describe("/app/experiments", () => {
  it("lists experiments with the store's baselines and the roadmap's next tests", async () => {
    const data = await listLoader({ request: adminRequest("/app/experiments", shop), params: {}, context: {} });
    expect(data.experiments).toEqual([]);
    expect(data.baselines.repeatWithin[90]).toBeGreaterThan(0);
    expect(data.baselines.newCustomersPerMonth).toBeGreaterThan(0);
    expect(data.suggestions.map((s) => s.month)).toEqual([1, 2, 3]);
  });

  it("refuses a request without a valid session token", async () => {
    const res = await settle(listLoader({ request: adminRequest("/app/experiments", shop, { secret: "wrong" }), params: {}, context: {} }));
    expect(res).toBeInstanceOf(Response);
    expect((res as Response).status).toBeGreaterThanOrEqual(400);
  });

  it("creates from the form, opens, starts and reads an experiment", async () => {
    const body = new URLSearchParams([
      ["name", "Delay notice"],
      ["variable", "proactive_delay_notification"],
      ["treatments", "notice"],
      ["windowDays", "90"],
      ["mdeKind", "absolute"],
      ["mde", "5"],
      ["alpha", "0.05"],
      ["power", "0.8"],
      ["baseline", ""],
      ["regions", ""],
    ]);
    const created = (await listAction({ request: adminRequest("/app/experiments", shop, { method: "POST", body }), params: {}, context: {} })) as Response;
    expect(created.status).toBe(302);
    const id = created.headers.get("Location")!.split("/").pop()!;
    const started = (await detailAction({ request: adminRequest(`/app/experiments/${id}`, shop, { method: "POST", body: new URLSearchParams({ intent: "start" }) }), params: { id }, context: {} })) as Response;
    expect(started.headers.get("Location")).toBe(`/app/experiments/${id}`);
    const page = await detailLoader({ request: adminRequest(`/app/experiments/${id}`, shop), params: { id }, context: {} });
    expect(page.experiment).toMatchObject({ status: "running", name: "Delay notice" });
    expect(page.experiment.definition).toMatchObject({ unit: "order", variants: [{ key: "control" }, { key: "notice" }] });
    expect(page.analysis.variants.map((v) => v.units)).toEqual([0, 0]);
    expect(page.analysis.verdict.headline).toBe("Still collecting: too early to call");
    const missing = await settle(detailLoader({ request: adminRequest("/app/experiments/nope", shop), params: { id: "nope" }, context: {} }));
    expect((missing as Response).status).toBe(404);
  });
});

describe("/demo/experiments", () => {
  it("runs one experiment on the generated history so the demo has a read-out", async () => {
    await deleteShopExperiments(DEMO_SHOP);
    await loadDemoStore({ asOf, orders: 3000, seed: "experiments-demo" }, { fresh: true });
    const data = await demoListLoader({ request: new Request("http://localhost/demo/experiments"), params: {}, context: {} });
    expect(data.experiments).toHaveLength(1);
    const [e] = data.experiments;
    expect(e).toMatchObject({ name: "First-order unboxing", status: "stopped" });
    expect(e.enrolled).toBeGreaterThan(100);
    // Enrolment ended a full window before the store's date: every enrolled customer is followed for 90 days.
    expect(Date.parse(e.stoppedAt!)).toBeLessThanOrEqual(asOf - 90 * 86_400_000);
    // A second load does not create another.
    expect((await demoListLoader({ request: new Request("http://localhost/demo/experiments"), params: {}, context: {} })).experiments).toHaveLength(1);
  });
});
