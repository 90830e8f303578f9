/**
 * Failed sync steps kept for retry (never dropped silently): a GraphQL call, a queued webhook, a
 * bulk download. Retries back off exponentially; a success resolves the row.
 */
import prisma from "../db.server";

export type FailureSource = "graphql" | "webhook" | "bulk";

export interface FailureInput {
  shop: string;
  source: FailureSource;
  /** What to retry (webhook event key, bulk operation id, order id). */
  reference: string;
  /** GraphQL operation name or webhook topic, for the log. */
  queryName: string;
  error: string;
  now: Date;
}

const FIRST_RETRY_MS = 30_000;
const MAX_RETRY_MS = 6 * 60 * 60 * 1000;

export function retryDelayMs(attempts: number): number {
  return Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1));
}

export async function recordFailure(f: FailureInput): Promise<{ attempts: number; nextAttemptAt: Date }> {
  console.warn(`[sync] ${f.source} ${f.queryName} failed for ${f.shop} (${f.reference}): ${f.error}`);
  const key = { shop_source_reference: { shop: f.shop, source: f.source, reference: f.reference } };
  const existing = await prisma.syncFailure.findUnique({ where: key, select: { attempts: true, resolvedAt: true } });
  const attempts = existing && existing.resolvedAt === null ? existing.attempts + 1 : 1;
  const nextAttemptAt = new Date(f.now.getTime() + retryDelayMs(attempts));
  const error = f.error.slice(0, 2000);
  await prisma.syncFailure.upsert({
    where: key,
    create: { shop: f.shop, source: f.source, reference: f.reference, queryName: f.queryName, error, attempts, firstFailedAt: f.now, lastFailedAt: f.now, nextAttemptAt },
    update: { queryName: f.queryName, error, attempts, lastFailedAt: f.now, nextAttemptAt, resolvedAt: null, ...(attempts === 1 ? { firstFailedAt: f.now } : {}) },
  });
  return { attempts, nextAttemptAt };
}

export async function resolveFailures(shop: string, source: FailureSource, references: readonly string[], now: Date): Promise<void> {
  if (references.length === 0) return;
  await prisma.syncFailure.updateMany({ where: { shop, source, reference: { in: [...references] }, resolvedAt: null }, data: { resolvedAt: now } });
}

/** References of this source whose retry is not due yet (skipped by the processors). */
export async function notDueReferences(shop: string, source: FailureSource, references: readonly string[], now: Date): Promise<Set<string>> {
  if (references.length === 0) return new Set();
  const rows = await prisma.syncFailure.findMany({
    where: { shop, source, reference: { in: [...references] }, resolvedAt: null, nextAttemptAt: { gt: now } },
    select: { reference: true },
  });
  return new Set(rows.map((r) => r.reference));
}
