import { describe, expect, it } from "vitest";
import prisma from "../db.server";
import { openOrderWriter } from "./order-writer.server";
import { saveImportProgress } from "./import-progress.server";

const T0 = new Date(Date.UTC(2026, 10, 23, 12));

async function freshRun(shop: string) {
  await prisma.syncRun.deleteMany({ where: { shop } });
  await prisma.jobLease.deleteMany({ where: { shop } });
  const run = await prisma.syncRun.create({ data: { shop, trigger: "install", status: "running", phase: "orders", startedAt: T0, recordsDone: 7 } });
  await prisma.jobLease.create({ data: { shop, job: "sync", holder: "me", expiresAt: T0 } });
  return run;
}

describe("saveImportProgress", () => {
  // On SQLite the import writer's connection is the path taken during imports; PostgreSQL goes through Prisma.
  it.each([
    ["the import writer's connection (SQLite) or Prisma", true],
    ["Prisma", false],
  ])("through %s: moves the checkpoint, keeps or sets the count, extends only this holder's lease", async (_, viaWriter) => {
    const shop = `progress-${viaWriter ? "writer" : "prisma"}.myshopify.com`;
    const run = await freshRun(shop);
    const writer = viaWriter ? openOrderWriter(undefined, { background: true }) : null;
    try {
      const later = new Date(T0.getTime() + 60_000);
      const lease = { shop, job: "sync", holder: "me", expiresAt: later };
      await saveImportProgress({ runId: run.id, checkpointLine: 4000, rejectedLines: 2, lease, now: later }, writer?.sqlite);
      let row = await prisma.syncRun.findUniqueOrThrow({ where: { id: run.id } });
      expect([row.checkpointLine, row.rejectedLines, row.recordsDone]).toEqual([4000, 2, 7]);
      expect(row.updatedAt.getTime()).toBeGreaterThanOrEqual(T0.getTime());
      expect((await prisma.jobLease.findUniqueOrThrow({ where: { shop_job: { shop, job: "sync" } } })).expiresAt).toEqual(later);

      await saveImportProgress({ runId: run.id, checkpointLine: 8000, rejectedLines: 3, recordsDone: 2000, lease: { ...lease, holder: "someone else", expiresAt: new Date(later.getTime() + 1) }, now: later }, writer?.sqlite);
      row = await prisma.syncRun.findUniqueOrThrow({ where: { id: run.id } });
      expect([row.checkpointLine, row.rejectedLines, row.recordsDone]).toEqual([8000, 3, 2000]);
      expect((await prisma.jobLease.findUniqueOrThrow({ where: { shop_job: { shop, job: "sync" } } })).expiresAt).toEqual(later);
    } finally {
      await writer?.close();
    }
  });
});
