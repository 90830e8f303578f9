/**
 * End to end: a generated store served by the local Admin API, synced through the real
 * @shopify/shopify-app-remix admin client (its fetch routed to the local server) into the
 * database, with each injected fault and a resume after a cut download.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import prisma from "../app/db.server";
import { unauthenticated } from "../app/shopify.server";
import { deleteOrders } from "../app/data/orders.server";
import { mapAdminOrder } from "../app/sync/map-admin-order";
import type { AdminOrder } from "../app/demo/admin-order";
import { iterateOrders } from "../app/demo/generate-store";
import { advanceSync, requestSync, type SyncDeps, type SyncRunRow } from "../app/services/bulk-sync.server";
import { getSyncProgress } from "../app/services/sync-progress.server";
import { seedOfflineSession } from "./helpers";
import { routeAdminClientTo } from "./admin-api/admin-client-fetch";
import { storeFromOrders } from "./admin-api/store";
import { startLocalAdminApi, type LocalAdminApi } from "./admin-api/server";

const shop = "sync-bulk.myshopify.com";
const asOf = Date.UTC(2026, 10, 1);
const ORDERS = 2000;
let source: AdminOrder[];
let api: LocalAdminApi;
let restore: () => void;
let deps: SyncDeps;

beforeAll(async () => {
  source = [...iterateOrders({ asOf, orders: ORDERS, seed: "sync-bulk" })];
  await seedOfflineSession(shop);
  api = await startLocalAdminApi({ store: storeFromOrders(source), accessToken: "test-offline-token" });
  restore = routeAdminClientTo(api);
  const { admin } = await unauthenticated.admin(shop);
  // Small batches and assembly window, so a 2000-order file has many checkpoints.
  deps = { graphql: admin.graphql, query: { sleep: async () => {}, random: () => 0 }, ingest: { batchSize: 250, window: 50 } };
});
afterAll(async () => {
  restore();
  await api.close();
});
beforeEach(async () => {
  await deleteOrders(shop);
  await prisma.syncRun.deleteMany({ where: { shop } });
  await prisma.syncFailure.deleteMany({ where: { shop } });
});

/** Advances the run step by step (ignoring its wait times) until it ends or `stop` says so. */
async function syncToEnd(run: SyncRunRow, d: SyncDeps = deps, maxSteps = 40): Promise<SyncRunRow> {
  let current = run;
  for (let i = 0; i < maxSteps && (current.status === "queued" || current.status === "running"); i++) {
    current = (await advanceSync(current.id, d))!;
  }
  return current;
}

async function storedOrders(): Promise<Map<string, unknown>> {
  const rows = await prisma.order.findMany({ where: { shop }, select: { id: true, data: true } });
  return new Map(rows.map((r) => [r.id, JSON.parse(r.data) as unknown]));
}

describe("history sync through the local Admin API", () => {
  it("imports every order with its fulfillment events, exactly as the mapper reads the Admin order", async () => {
    const run = await syncToEnd(await requestSync(shop, "manual", new Date()));
    expect(run).toMatchObject({ status: "completed", phase: "done", error: null });
    const stored = await storedOrders();
    expect(stored.size).toBe(source.length);
    // Spot checks across the file, including orders with carrier events and returns.
    const withEvents = source.filter((o) => o.fulfillments.some((f) => f.events.nodes.length > 0));
    const withReturns = source.filter((o) => o.returns.nodes.length > 0);
    expect(withEvents.length).toBeGreaterThan(10);
    expect(withReturns.length).toBeGreaterThan(3);
    for (const o of [source[0], source[1234], source[source.length - 1], ...withEvents.slice(0, 5), ...withReturns.slice(0, 3)]) {
      expect(stored.get(o.id)).toEqual(mapAdminOrder(o));
    }
    const progress = await getSyncProgress(shop);
    expect(progress).toMatchObject({ status: "completed", phase: "done", recordsDone: source.length, recordsTotal: source.length, failuresPending: 0, error: null });
    // The operation ids were kept and polled: the deprecated currentBulkOperation was never asked.
    expect(api.requests.filter((r) => r.operationName === "BulkSyncStatus").length).toBeGreaterThanOrEqual(2);
  });

  it("counts progress against the export's size while importing", async () => {
    let run = await requestSync(shop, "manual", new Date());
    for (let i = 0; i < 10 && run.step !== "importing"; i++) run = (await advanceSync(run.id, deps))!;
    expect(run).toMatchObject({ step: "importing", phase: "orders", recordsTotal: source.length, recordsDone: 0 });
    run = (await advanceSync(run.id, deps))!;
    expect(run).toMatchObject({ phase: "fulfillment-events", recordsDone: source.length, recordsTotal: source.length });
    const runs = await prisma.syncRun.findMany({ where: { shop } });
    expect(runs).toHaveLength(1);
  });

  it("rides out THROTTLED, 429 and 5xx answers", async () => {
    api.inject({ kind: "throttled" }, { kind: "http429" }, { kind: "http5xx", status: 503 }, { kind: "http5xx", status: 502 });
    const before = api.requests.length;
    const run = await syncToEnd(await requestSync(shop, "manual", new Date()));
    expect(run.status).toBe("completed");
    expect(api.pendingFaults()).toHaveLength(0);
    const seen = api.requests.slice(before);
    expect(seen.some((r) => r.throttled)).toBe(true);
    expect(seen.map((r) => r.status)).toEqual(expect.arrayContaining([429, 503, 502]));
    expect((await storedOrders()).size).toBe(source.length);
  });

  it("resumes a cut download at its checkpoint, without duplicates or losses", async () => {
    api.inject({ kind: "truncatedDownload", fraction: 0.8 });
    let run = await requestSync(shop, "manual", new Date());
    for (let i = 0; i < 10 && !(run.step === "importing" && run.error); i++) run = (await advanceSync(run.id, deps))!;
    expect(run.status).toBe("running");
    expect(run.error).toMatch(/terminated|aborted|closed|socket/i);
    expect(run.checkpointLine).toBeGreaterThan(0);
    const partial = run.recordsDone;
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(source.length);
    expect(await prisma.order.count({ where: { shop } })).toBeGreaterThanOrEqual(partial);
    expect(await prisma.syncFailure.count({ where: { shop, source: "bulk", resolvedAt: null } })).toBe(1);

    run = await syncToEnd(run);
    expect(run.status).toBe("completed");
    expect((await storedOrders()).size).toBe(source.length);
    expect(await prisma.syncFailure.count({ where: { shop, resolvedAt: null } })).toBe(0);
    const orders = await prisma.syncRun.findUniqueOrThrow({ where: { id: run.id } });
    expect(orders.attempts).toBe(0); // reset by the next phase: the orders phase finished after one retry
  });

  it("resumes after the process died mid-import (stream aborted after N lines)", async () => {
    let run = await requestSync(shop, "manual", new Date());
    for (let i = 0; i < 10 && run.step !== "importing"; i++) run = (await advanceSync(run.id, deps))!;
    // The "process" reads 4000 lines and dies: its fetch stream errors there.
    const dying: SyncDeps = { ...deps, fetch: (async (url: string) => cutAfterLines(await fetch(url), 4000)) as typeof fetch };
    run = (await advanceSync(run.id, dying))!;
    expect(run.step).toBe("importing");
    const checkpoint = run.checkpointLine;
    expect(checkpoint).toBeGreaterThan(0);
    expect(checkpoint).toBeLessThanOrEqual(4000);
    // A new process picks the run up from the database.
    run = await syncToEnd(run);
    expect(run.status).toBe("completed");
    const stored = await storedOrders();
    expect(stored.size).toBe(source.length);
    expect(stored.get(source[1500].id)).toEqual(mapAdminOrder(source[1500]));
  });

  it("keeps good records and reports a malformed line", async () => {
    api.inject({ kind: "malformedLine", line: 1 });
    const run = await syncToEnd(await requestSync(shop, "manual", new Date()));
    expect(run.status).toBe("completed");
    const stored = await storedOrders();
    expect(stored.has(source[0].id)).toBe(false);
    expect(stored.size).toBe(source.length - 1);
    const rejections = await prisma.ingestRejection.findMany({ where: { shop }, orderBy: [{ source: "asc" }, { line: "asc" }] });
    const [events, broken, ...orphans] = rejections;
    expect(events).toMatchObject({ source: "bulk:fulfillment-events", line: 1, reason: expect.stringMatching(/not stored/) });
    expect(broken).toMatchObject({ source: "bulk:orders", line: 1, reason: expect.stringMatching(/malformed JSON/) });
    // The broken order's own child lines are reported too (their parent never arrived), nothing else.
    expect(orphans.length).toBeGreaterThan(0);
    for (const o of orphans) expect(o).toMatchObject({ source: "bulk:orders", field: "__parentId", reason: expect.stringContaining(source[0].id) });
    expect(run.rejectedLines).toBeGreaterThanOrEqual(1);
  });

  it("starts the phase again when Shopify reports the bulk operation FAILED", async () => {
    api.inject({ kind: "bulkFailed" });
    const run = await syncToEnd(await requestSync(shop, "manual", new Date()));
    expect(run.status).toBe("completed");
    expect((await storedOrders()).size).toBe(source.length);
    expect(await prisma.syncFailure.findMany({ where: { shop } })).toEqual([expect.objectContaining({ source: "bulk", error: expect.stringMatching(/FAILED \(INTERNAL_SERVER_ERROR\)/) })]);
  });

  it("asks for a new export when the result URL has expired", async () => {
    let refused = 0;
    const expiredOnce: SyncDeps = { ...deps, fetch: (async (url: string) => (refused++ === 0 ? new Response("expired", { status: 403 }) : fetch(url))) as typeof fetch };
    const bulkRuns = () => api.requests.filter((r) => r.operationName === "RunBulkSync").length;
    const before = bulkRuns();
    const run = await syncToEnd(await requestSync(shop, "manual", new Date()), expiredOnce);
    expect(run.status).toBe("completed");
    expect(bulkRuns() - before).toBe(3); // orders twice (the first file expired), events once
    expect((await storedOrders()).size).toBe(source.length);
  });

  it("fails the run with the reason when Shopify refuses the bulk query", async () => {
    const refusing: SyncDeps = {
      ...deps,
      graphql: async (q, o) => deps.graphql(q.includes("bulkOperationRunQuery") ? q.replace("groupObjects: false", "groupObjects: false, nope: 1") : q, o),
    };
    const run = await syncToEnd(await requestSync(shop, "manual", new Date()), refusing);
    expect(run.status).toBe("failed");
    expect(run.error).toMatch(/nope/);
    expect((await getSyncProgress(shop))?.failuresPending).toBe(1);
  });
});

/** A response whose body errors after `lines` lines, like a process killed mid-download. */
function cutAfterLines(res: Response, lines: number): Response {
  const reader = res.body!.getReader();
  let seen = 0;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) return controller.close();
      let cut = -1;
      for (let i = 0; i < value.length; i++) if (value[i] === 10 && ++seen === lines) cut = i + 1;
      if (cut >= 0) {
        controller.enqueue(value.subarray(0, cut));
        controller.error(new Error("process killed"));
        void reader.cancel();
        return;
      }
      controller.enqueue(value);
    },
  });
  return new Response(body, { status: res.status, headers: res.headers });
}
