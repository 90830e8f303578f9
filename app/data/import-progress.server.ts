/**
 * A history import's progress (its SyncRun checkpoint) and the lease that lets it keep running,
 * written after every committed batch. On SQLite they go through the import writer's connection
 * (decision 0013): through Prisma's, each write waited for the writer's lock with the importing
 * thread blocked (~100 ms a batch, 2.4-2.9 s per 50,000 orders, measured), and committed the
 * writer's WAL into the file on that thread. PostgreSQL locks rows, not the file: Prisma is fine.
 */
import prisma from "../db.server";
import { sqliteDate, type SqliteExecutor } from "./bulk-writer.server";

export interface ImportProgress {
  runId: string;
  checkpointLine: number;
  rejectedLines: number;
  /** Absent for phases that do not count orders (the events merge). */
  recordsDone?: number;
  /** The sync lease of this holder, extended to this time. */
  lease: { shop: string; job: string; holder: string; expiresAt: Date };
  now: Date;
}

const SAVE_RUN_SQL = `UPDATE "SyncRun" SET "checkpointLine" = ?, "rejectedLines" = ?, "recordsDone" = COALESCE(?, "recordsDone"), "updatedAt" = ? WHERE "id" = ?`;
const EXTEND_LEASE_SQL = `UPDATE "JobLease" SET "expiresAt" = ? WHERE "shop" = ? AND "job" = ? AND "holder" = ?`;

export async function saveImportProgress(p: ImportProgress, sqlite?: SqliteExecutor): Promise<void> {
  const { lease } = p;
  if (sqlite) {
    await sqlite.runEach(SAVE_RUN_SQL, [[p.checkpointLine, p.rejectedLines, p.recordsDone ?? null, sqliteDate(p.now), p.runId]]);
    await sqlite.runEach(EXTEND_LEASE_SQL, [[sqliteDate(lease.expiresAt), lease.shop, lease.job, lease.holder]]);
    return;
  }
  await prisma.syncRun.update({
    where: { id: p.runId },
    data: { checkpointLine: p.checkpointLine, rejectedLines: p.rejectedLines, ...(p.recordsDone === undefined ? {} : { recordsDone: p.recordsDone }) },
  });
  await prisma.jobLease.updateMany({ where: { shop: lease.shop, job: lease.job, holder: lease.holder }, data: { expiresAt: lease.expiresAt } });
}
