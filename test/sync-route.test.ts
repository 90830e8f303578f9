import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import prisma from "../app/db.server";
import { action, loader } from "../app/routes/app.sync";
import { iterateOrders } from "../app/demo/generate-store";
import { adminRequest, seedOfflineSession, settle } from "./helpers";
import { routeAdminClientTo } from "./admin-api/admin-client-fetch";
import { storeFromOrders } from "./admin-api/store";
import { startLocalAdminApi, type LocalAdminApi } from "./admin-api/server";

const shop = "sync-route.myshopify.com";
let api: LocalAdminApi;
let restore: () => void;
const args = (request: Request) => ({ request, params: {}, context: {} });

beforeAll(async () => {
  await seedOfflineSession(shop);
  api = await startLocalAdminApi({ store: storeFromOrders(iterateOrders({ asOf: Date.UTC(2026, 10, 1), orders: 20, seed: "route" })), accessToken: "test-offline-token" });
  restore = routeAdminClientTo(api);
});
afterAll(async () => {
  restore();
  await api.close();
});
beforeEach(async () => {
  await prisma.syncRun.deleteMany({ where: { shop } });
});

describe("/app/sync", () => {
  it("answers null progress before any sync", async () => {
    const res = (await loader(args(adminRequest("/app/sync", shop)))) as Response;
    expect(await res.json()).toEqual({ progress: null });
  });

  it("starts a sync on POST (the bulk export is requested at once) and does not start a second one", async () => {
    const res = (await action(args(adminRequest("/app/sync", shop, { method: "POST" })))) as Response;
    expect(res.status).toBe(202);
    const { progress } = (await res.json()) as { progress: { status: string; phase: string; step: string } };
    expect(progress).toMatchObject({ status: "running", phase: "orders", step: "waiting" });
    await action(args(adminRequest("/app/sync", shop, { method: "POST" })));
    expect(await prisma.syncRun.count({ where: { shop } })).toBe(1);
    const polled = (await (await loader(args(adminRequest("/app/sync", shop))) as Response).json()) as { progress: { runId: string } };
    expect(polled.progress.runId).toBe((await prisma.syncRun.findFirstOrThrow({ where: { shop } })).id);
  });

  it("refuses a request without a valid session token", async () => {
    const res = await settle(loader(args(adminRequest("/app/sync", shop, { secret: "wrong" }))));
    expect((res as Response).status).toBe(401);
  });
});
