import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import prisma from "../db.server";
import { unauthenticated } from "../shopify.server";
import { iterateOrders } from "../demo/generate-store";
import { handleVerifiedWebhook } from "./webhooks.server";
import { eraseShop, recordInstall } from "./shop-lifecycle.server";
import { runJobsOnce, startJobRunner } from "./jobs.server";
import { seedOfflineSession } from "../../test/helpers";
import { routeAdminClientTo } from "../../test/admin-api/admin-client-fetch";
import { storeFromOrders } from "../../test/admin-api/store";
import { startLocalAdminApi, type LocalAdminApi } from "../../test/admin-api/server";

const shop = "jobs-runner.myshopify.com";
let api: LocalAdminApi;
let restore: () => void;
const graphqlFor = async (s: string) => (await unauthenticated.admin(s)).admin.graphql;

beforeAll(async () => {
  api = await startLocalAdminApi({ store: storeFromOrders(iterateOrders({ asOf: Date.UTC(2026, 10, 1), orders: 50, seed: "jobs" })), accessToken: "test-offline-token", restoreRate: 100_000 });
  restore = routeAdminClientTo(api);
});
afterAll(async () => {
  restore();
  await api.close();
});
beforeEach(async () => {
  await seedOfflineSession(shop); // eraseShop removes it
  await prisma.syncRun.deleteMany({ where: { shop } });
  await prisma.order.deleteMany({ where: { shop } });
});

describe("job runner", () => {
  it("queues the first sync at install, once, and runs it to the end across ticks", async () => {
    await recordInstall(shop);
    await recordInstall(shop); // every token exchange calls afterAuth again
    expect(await prisma.syncRun.count({ where: { shop } })).toBe(1);
    // Ticks with a clock that moves on, as the interval would.
    let t = Date.now();
    for (let i = 0; i < 20; i++) {
      t += 60_000;
      await runJobsOnce({ graphqlFor, now: () => new Date(t) });
      if ((await prisma.syncRun.findFirstOrThrow({ where: { shop } })).status === "completed") break;
    }
    expect(await prisma.syncRun.findFirstOrThrow({ where: { shop } })).toMatchObject({ status: "completed", phase: "done" });
    expect(await prisma.order.count({ where: { shop } })).toBe(api.store.orders.length);
    await recordInstall(shop); // a reinstall with history does not sync again
    expect(await prisma.syncRun.count({ where: { shop } })).toBe(1);
    // After shop/redact erased the shop, the next install syncs its history again.
    await eraseShop(shop);
    await recordInstall(shop);
    expect(await prisma.syncRun.count({ where: { shop, status: "queued" } })).toBe(1);
  });

  it("drains the webhook queue on its interval", async () => {
    const o = api.store.orders[0];
    await handleVerifiedWebhook({ shop, topic: "ORDERS_UPDATED", eventId: "jobs-1", triggeredAt: null, payload: { admin_graphql_api_id: o.id }, now: new Date() });
    const runner = startJobRunner({ graphqlFor }, 20);
    for (let i = 0; i < 100 && (await prisma.webhookEvent.count({ where: { shop, processedAt: null } })) > 0; i++) await new Promise((r) => setTimeout(r, 50));
    await runner.stop();
    expect(await prisma.webhookEvent.count({ where: { shop, processedAt: null } })).toBe(0);
    expect(await prisma.order.count({ where: { shop, id: o.id } })).toBe(1);
  });
});
