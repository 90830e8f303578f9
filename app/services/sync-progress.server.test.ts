import { beforeEach, describe, expect, it } from "vitest";
import prisma from "../db.server";
import { getSyncProgress, rateAndEta, type SyncRunFigures } from "./sync-progress.server";

const shop = "sync-progress.myshopify.com";
const t0 = new Date("2026-11-23T10:00:00Z");
const at = (s: number) => new Date(t0.getTime() + s * 1000);

const figures = (over: Partial<SyncRunFigures>): SyncRunFigures => ({
  status: "running",
  phase: "orders",
  recordsDone: 0,
  recordsTotal: null,
  importStartedAt: t0,
  importStartCount: 0,
  updatedAt: at(10),
  ...over,
});

describe("rateAndEta", () => {
  it("measures the rate of the current import and the time left", () => {
    expect(rateAndEta(figures({ recordsDone: 5000, recordsTotal: 20_000, importStartCount: 1000 }))).toEqual({ ratePerSecond: 400, etaSeconds: 38 });
  });
  it("gives no ETA without a total, and no rate before a second of history or when not running", () => {
    expect(rateAndEta(figures({ recordsDone: 100 }))).toEqual({ ratePerSecond: 10, etaSeconds: null });
    expect(rateAndEta(figures({ recordsDone: 100, updatedAt: at(0.5) }))).toEqual({ ratePerSecond: null, etaSeconds: null });
    expect(rateAndEta(figures({ recordsDone: 100, status: "completed" }))).toEqual({ ratePerSecond: null, etaSeconds: null });
    expect(rateAndEta(figures({ recordsDone: 100, importStartedAt: null }))).toEqual({ ratePerSecond: null, etaSeconds: null });
  });
});

describe("getSyncProgress", () => {
  beforeEach(async () => {
    await prisma.syncRun.deleteMany({ where: { shop } });
    await prisma.syncFailure.deleteMany({ where: { shop } });
  });

  it("is null before the first sync", async () => {
    expect(await getSyncProgress(shop)).toBeNull();
  });

  it("reports the latest run of this shop only, with pending failures", async () => {
    await prisma.syncRun.create({ data: { shop, trigger: "install", status: "failed", phase: "orders", startedAt: at(-3600), finishedAt: at(-3000), error: "old" } });
    await prisma.syncRun.create({ data: { shop: "other.myshopify.com", trigger: "manual", status: "running", phase: "orders", startedAt: at(5) } });
    await prisma.syncRun.create({
      data: { shop, trigger: "manual", status: "running", phase: "fulfillment-events", step: "importing", startedAt: t0, recordsDone: 10, recordsTotal: 40 },
    });
    await prisma.syncFailure.create({ data: { shop, source: "webhook", reference: "ORDERS_UPDATED:1", queryName: "OrderForSync", error: "HTTP 503", firstFailedAt: t0, lastFailedAt: t0, nextAttemptAt: t0 } });
    await prisma.syncFailure.create({ data: { shop, source: "webhook", reference: "ORDERS_UPDATED:2", queryName: "OrderForSync", error: "HTTP 503", firstFailedAt: t0, lastFailedAt: t0, nextAttemptAt: t0, resolvedAt: t0 } });
    expect(await getSyncProgress(shop)).toMatchObject({
      status: "running",
      phase: "fulfillment-events",
      step: "importing",
      recordsDone: 10,
      recordsTotal: 40,
      startedAt: t0.toISOString(),
      finishedAt: null,
      error: null,
      failuresPending: 1,
    });
  });
});
