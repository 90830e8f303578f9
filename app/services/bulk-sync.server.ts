/**
 * The history sync: the bulk queries of app/sync/bulk-queries run one after the other (phase), each
 * as a small state machine persisted in SyncRun, so any process can pick a run up after a crash:
 *
 *   start     → bulkOperationRunQuery; keep the operation id (currentBulkOperation is deprecated)
 *   waiting   → until bulk_operations/finish arrives (onBulkOperationFinish) or a poll of
 *               bulkOperation(id) says it ended
 *   importing → stream the JSONL download into ingestJsonl; every committed batch moves the
 *               checkpoint, so a cut download or a restart resumes at the checkpoint line
 *               (the ingestion upserts by id and keeps the newer updatedAt: nothing doubles)
 *
 * `advanceSync` does one step and returns; the job runner calls it until the run ends.
 */
import prisma from "../db.server";
import { BULK_QUERIES, type BulkKind } from "../sync/bulk-queries";
import { ingestJsonl, type IngestCheckpoint, type IngestOptions } from "../sync/ingest-bulk";
import { adminQuery, AdminGraphqlError, shopBucket, type AdminGraphqlFn, type AdminQueryOptions } from "../shopify/admin-graphql.server";
import { saveImportProgress } from "../data/import-progress.server";
import { recordFailure, resolveFailures } from "./sync-failures.server";
import { withLease } from "./job-lease.server";

export const SYNC_PHASES: readonly BulkKind[] = ["orders", "fulfillment-events"];
export const DONE_PHASE = "done";
const ACTIVE = ["queued", "running"];

/** Polling fallback when the finish webhook does not come: start fast, then every 30 s. */
const FIRST_POLL_MS = 2_000;
const MAX_POLL_MS = 30_000;
/** Failed bulk operations and interrupted downloads are retried this many times per phase. */
export const MAX_PHASE_ATTEMPTS = 5;
const LEASE_MS = 60_000;

export const RUN_BULK_QUERY = `mutation RunBulkSync($query: String!) {
  bulkOperationRunQuery(query: $query, groupObjects: false) {
    bulkOperation { id status }
    userErrors { field message code }
  }
}`;

export const BULK_OPERATION_STATUS = `query BulkSyncStatus($id: ID!) {
  bulkOperation(id: $id) { id status errorCode url partialDataUrl objectCount rootObjectCount }
}`;

interface RunBulkData {
  bulkOperationRunQuery: {
    bulkOperation: { id: string; status: string } | null;
    userErrors: { field: string[] | null; message: string; code: string | null }[];
  };
}

interface BulkStatusData {
  bulkOperation: {
    id: string;
    status: string;
    errorCode: string | null;
    url: string | null;
    partialDataUrl: string | null;
    objectCount: string;
    rootObjectCount: string;
  } | null;
}

export interface SyncDeps {
  graphql: AdminGraphqlFn;
  /** Downloads the JSONL (a signed storage URL, no Shopify auth). */
  fetch?: typeof fetch;
  now?: () => Date;
  /** Identifies this worker in the lease. */
  holder?: string;
  /** Passed to adminQuery (tests shorten the backoff). */
  query?: Pick<AdminQueryOptions, "sleep" | "random" | "maxAttempts" | "baseDelayMs">;
  /** Ingestion tuning (tests use small batches to see checkpoints in a small store). */
  ingest?: Pick<IngestOptions, "batchSize" | "window">;
}

export type SyncRunRow = NonNullable<Awaited<ReturnType<typeof prisma.syncRun.findFirst>>>;

/** The shop's queued or running sync, if any. */
export async function activeSync(shop: string): Promise<SyncRunRow | null> {
  return prisma.syncRun.findFirst({ where: { shop, status: { in: ACTIVE } }, orderBy: { startedAt: "desc" } });
}

/** Queues a sync unless one is already queued or running (then that one is returned). */
export async function requestSync(shop: string, trigger: "install" | "manual", now: Date): Promise<SyncRunRow> {
  const active = await activeSync(shop);
  if (active) return active;
  return prisma.syncRun.create({
    data: { shop, trigger, status: "queued", phase: SYNC_PHASES[0], step: "start", startedAt: now, nextCheckAt: now },
  });
}

/**
 * After install (afterAuth runs on every token exchange): the first sync, once per installation.
 * A shop erased by shop/redact comes back with a new `installedAt`, so its old runs do not count.
 */
export async function ensureInitialSync(shop: string, now: Date): Promise<void> {
  const installedAt = (await prisma.shop.findUnique({ where: { shop }, select: { installedAt: true } }))?.installedAt ?? new Date(0);
  const any = await prisma.syncRun.findFirst({
    where: { shop, OR: [{ status: { in: ACTIVE } }, { status: "completed", startedAt: { gte: installedAt } }] },
    select: { id: true },
  });
  if (!any) await requestSync(shop, "install", now);
}

/** bulk_operations/finish: the run waiting for this operation is checked at once. */
export async function onBulkOperationFinish(shop: string, operationId: string, now: Date): Promise<boolean> {
  const { count } = await prisma.syncRun.updateMany({
    where: { shop, operationId, status: "running", step: "waiting" },
    data: { nextCheckAt: now },
  });
  return count > 0;
}

/** Runs that have work due now, oldest first. */
export async function dueSyncs(now: Date, limit = 20): Promise<SyncRunRow[]> {
  return prisma.syncRun.findMany({
    where: { status: { in: ACTIVE }, OR: [{ nextCheckAt: null }, { nextCheckAt: { lte: now } }] },
    orderBy: { startedAt: "asc" },
    take: limit,
  });
}

/**
 * One step of the run (under the shop's sync lease). Returns the run as it is afterwards, or null
 * when another worker holds the lease.
 */
export async function advanceSync(runId: string, deps: SyncDeps): Promise<SyncRunRow | null> {
  const now = deps.now ?? (() => new Date());
  const run = await prisma.syncRun.findUnique({ where: { id: runId } });
  if (!run || !ACTIVE.includes(run.status)) return run;
  const holder = deps.holder ?? `pid-${process.pid}`;
  const result = await withLease(run.shop, "sync", holder, now(), LEASE_MS, async () => {
    const current = (await prisma.syncRun.findUnique({ where: { id: runId } }))!;
    if (!ACTIVE.includes(current.status)) return current;
    try {
      if (current.step === "start") await startPhase(current, deps, now);
      else if (current.step === "waiting") await checkOperation(current, deps, now);
      else await importPhase(current, deps, now, holder);
    } catch (e) {
      await stepFailed(current, e, now());
    }
    return prisma.syncRun.findUnique({ where: { id: runId } });
  });
  return result === undefined ? null : result;
}

/** Advances a run until it ends or has to wait for Shopify (tests, and "sync now" in the demo). */
export async function runSyncUntilIdle(runId: string, deps: SyncDeps, maxSteps = 100): Promise<SyncRunRow | null> {
  let run: SyncRunRow | null = null;
  for (let i = 0; i < maxSteps; i++) {
    run = await advanceSync(runId, deps);
    const now = (deps.now ?? (() => new Date()))();
    if (!run || !ACTIVE.includes(run.status) || (run.nextCheckAt && run.nextCheckAt > now)) return run;
  }
  return run;
}

function queryOptions(shop: string, deps: SyncDeps): AdminQueryOptions {
  return { bucket: shopBucket(shop), ...deps.query };
}

async function startPhase(run: SyncRunRow, deps: SyncDeps, now: () => Date): Promise<void> {
  const kind = run.phase as BulkKind;
  const { data } = await adminQuery<RunBulkData>(deps.graphql, RUN_BULK_QUERY, { ...queryOptions(run.shop, deps), variables: { query: BULK_QUERIES[kind] } });
  const { bulkOperation, userErrors } = data.bulkOperationRunQuery;
  if (!bulkOperation) {
    const message = userErrors.map((e) => e.message).join("; ") || "no bulk operation returned";
    // Another export of this app still running at Shopify: wait for it instead of failing.
    if (userErrors.some((e) => e.code === "OPERATION_IN_PROGRESS")) {
      await prisma.syncRun.update({ where: { id: run.id }, data: { status: "running", nextCheckAt: new Date(now().getTime() + MAX_POLL_MS), error: message } });
      return;
    }
    throw new AdminGraphqlError("RunBulkSync", message, false, 1);
  }
  await prisma.syncRun.update({
    where: { id: run.id },
    data: {
      status: "running",
      step: "waiting",
      operationId: bulkOperation.id,
      operationStatus: bulkOperation.status,
      resultUrl: null,
      checkpointLine: 0,
      nextCheckAt: new Date(now().getTime() + FIRST_POLL_MS),
      error: null,
    },
  });
}

async function checkOperation(run: SyncRunRow, deps: SyncDeps, now: () => Date): Promise<void> {
  const { data } = await adminQuery<BulkStatusData>(deps.graphql, BULK_OPERATION_STATUS, { ...queryOptions(run.shop, deps), variables: { id: run.operationId } });
  const op = data.bulkOperation;
  if (!op) throw new AdminGraphqlError("BulkSyncStatus", `bulk operation ${run.operationId} not found`, false, 1);
  if (op.status === "CREATED" || op.status === "RUNNING" || op.status === "CANCELING") {
    const waited = now().getTime() - run.updatedAt.getTime();
    const next = Math.min(MAX_POLL_MS, Math.max(FIRST_POLL_MS, waited * 2));
    await prisma.syncRun.update({ where: { id: run.id }, data: { operationStatus: op.status, nextCheckAt: new Date(now().getTime() + next) } });
    return;
  }
  if (op.status !== "COMPLETED") {
    throw new BulkOperationEnded(`bulk operation ${op.id} ended ${op.status}${op.errorCode ? ` (${op.errorCode})` : ""}`);
  }
  // Progress counts orders (what the merchant knows); the events phase only adds to stored orders.
  const counts = run.phase === "orders" ? { recordsDone: 0, recordsTotal: Number(op.rootObjectCount) } : {};
  if (!op.url) {
    // Nothing to export (an empty store): the phase is done.
    await prisma.syncRun.update({ where: { id: run.id }, data: { operationStatus: op.status, ...counts } });
    await nextPhase(run, now());
    return;
  }
  await prisma.syncRun.update({
    where: { id: run.id },
    data: { operationStatus: op.status, step: "importing", resultUrl: op.url, checkpointLine: 0, ...counts, nextCheckAt: now() },
  });
}

class BulkOperationEnded extends Error {}

async function importPhase(run: SyncRunRow, deps: SyncDeps, now: () => Date, holder: string): Promise<void> {
  const download = deps.fetch ?? fetch;
  const res = await download(run.resultUrl!);
  // The signed URL expires after 7 days: a new export is needed, not another try.
  if (res.status === 403 || res.status === 404 || res.status === 410) throw new BulkOperationEnded(`result URL of ${run.operationId} is gone (HTTP ${res.status})`);
  if (!res.ok || !res.body) throw new Error(`download of ${run.phase} results failed: HTTP ${res.status}`);
  const base = { recordsDone: run.recordsDone, rejected: run.rejectedLines };
  await prisma.syncRun.update({ where: { id: run.id }, data: { importStartedAt: now(), importStartCount: run.recordsDone } });
  await ingestJsonl(run.shop, res.body as unknown as AsyncIterable<Uint8Array> /* web streams are async-iterable in Node */, {
    ...deps.ingest,
    kind: run.phase as BulkKind,
    startLine: run.checkpointLine + 1,
    now: now(),
    // A long import keeps the lease alive.
    onCheckpoint: (cp: IngestCheckpoint, sqlite) =>
      saveImportProgress(
        {
          runId: run.id,
          checkpointLine: cp.linesDone,
          rejectedLines: base.rejected + cp.rejected,
          recordsDone: run.phase === "orders" ? base.recordsDone + cp.recordsDone : undefined,
          lease: { shop: run.shop, job: "sync", holder, expiresAt: new Date(now().getTime() + LEASE_MS) },
          now: now(),
        },
        sqlite,
      ),
  });
  if (run.operationId) await resolveFailures(run.shop, "bulk", [run.operationId], now());
  await nextPhase(run, now());
}

async function nextPhase(run: SyncRunRow, now: Date): Promise<void> {
  const next = SYNC_PHASES[SYNC_PHASES.indexOf(run.phase as BulkKind) + 1];
  if (!next) {
    await prisma.syncRun.update({ where: { id: run.id }, data: { status: "completed", phase: DONE_PHASE, step: "done", finishedAt: now, nextCheckAt: null, error: null } });
    return;
  }
  await prisma.syncRun.update({
    where: { id: run.id },
    data: { phase: next, step: "start", attempts: 0, operationId: null, operationStatus: null, resultUrl: null, checkpointLine: 0, importStartedAt: null, nextCheckAt: now },
  });
}

/**
 * A step failed: kept as a SyncFailure and retried later from where it stopped (the checkpoint
 * stays). A failed bulk operation starts its phase again. Non-retryable errors, or too many
 * attempts, fail the run with the reason shown to the merchant.
 */
async function stepFailed(run: SyncRunRow, e: unknown, now: Date): Promise<void> {
  const error = e instanceof Error ? e.message : String(e);
  const queryName = e instanceof AdminGraphqlError ? e.queryName : run.step === "importing" ? `download:${run.phase}` : run.step;
  const reference = run.operationId ?? `${run.id}:${run.phase}`;
  const attempts = run.attempts + 1;
  const fatal = (e instanceof AdminGraphqlError && !e.retryable) || attempts >= MAX_PHASE_ATTEMPTS;
  const failure = await recordFailure({ shop: run.shop, source: e instanceof AdminGraphqlError ? "graphql" : "bulk", reference, queryName, error, now });
  if (fatal) {
    await prisma.syncRun.update({ where: { id: run.id }, data: { status: "failed", attempts, error, finishedAt: now, nextCheckAt: null } });
    return;
  }
  const restart = e instanceof BulkOperationEnded;
  await prisma.syncRun.update({
    where: { id: run.id },
    data: {
      attempts,
      error,
      nextCheckAt: restart ? now : failure.nextAttemptAt,
      ...(restart ? { step: "start", operationId: null, resultUrl: null, checkpointLine: 0 } : {}),
    },
  });
}
