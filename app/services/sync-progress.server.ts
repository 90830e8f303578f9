/**
 * Progress of a shop's latest history sync, as the admin shows it: records done, rate and time
 * left, from the SyncRun row the bulk sync keeps up to date (see bulk-sync.server.ts).
 */
import prisma from "../db.server";

export type SyncStatus = "queued" | "running" | "completed" | "failed" | "cancelled";
/** Which bulk query is running ("orders", "fulfillment_events"), or "done". */
export type SyncPhase = string;

export interface SyncProgress {
  runId: string;
  status: SyncStatus;
  phase: SyncPhase;
  /** "start", "waiting" (Shopify is preparing the export) or "importing" (streaming it in). */
  step: string;
  /** Orders imported (the fulfillment-events phase then adds carrier events to them). */
  recordsDone: number;
  /** Known once Shopify reports how many orders the export holds; null before. */
  recordsTotal: number | null;
  /** Records per second of the current import; null before the import has run for a moment. */
  ratePerSecond: number | null;
  etaSeconds: number | null;
  startedAt: string;
  finishedAt: string | null;
  error: string | null;
  /** Sync steps that failed and wait for a retry (GraphQL calls, webhooks, downloads). */
  failuresPending: number;
}

/** The figures of a run, separated from the query so they can be tested on plain values. */
export interface SyncRunFigures {
  status: string;
  phase: string;
  recordsDone: number;
  recordsTotal: number | null;
  importStartedAt: Date | null;
  importStartCount: number;
  updatedAt: Date;
}

/** A rate needs a little history: below this the figure would be noise. */
const MIN_RATE_WINDOW_MS = 1000;

export function rateAndEta(run: SyncRunFigures): { ratePerSecond: number | null; etaSeconds: number | null } {
  if (run.status !== "running" || !run.importStartedAt) return { ratePerSecond: null, etaSeconds: null };
  const elapsedMs = run.updatedAt.getTime() - run.importStartedAt.getTime();
  const done = run.recordsDone - run.importStartCount;
  if (elapsedMs < MIN_RATE_WINDOW_MS || done <= 0) return { ratePerSecond: null, etaSeconds: null };
  const ratePerSecond = (done * 1000) / elapsedMs;
  const left = run.recordsTotal === null ? null : Math.max(0, run.recordsTotal - run.recordsDone);
  return { ratePerSecond, etaSeconds: left === null ? null : Math.ceil(left / ratePerSecond) };
}

export async function getSyncProgress(shop: string): Promise<SyncProgress | null> {
  const [run, failuresPending] = await Promise.all([
    prisma.syncRun.findFirst({ where: { shop }, orderBy: { startedAt: "desc" } }),
    prisma.syncFailure.count({ where: { shop, resolvedAt: null } }),
  ]);
  if (!run) return null;
  return {
    runId: run.id,
    status: run.status as SyncStatus,
    phase: run.phase,
    step: run.step,
    recordsDone: run.recordsDone,
    recordsTotal: run.recordsTotal,
    ...rateAndEta(run),
    startedAt: run.startedAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
    error: run.error,
    failuresPending,
  };
}
