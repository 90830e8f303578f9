/**
 * Leases that make background work safe when several app processes (or two job runners) run at
 * once: only the holder of "<shop>:<job>" works on it, and a crashed holder's lease expires.
 */
import prisma from "../db.server";
import { isUniqueViolation } from "../data/prisma-errors";

export async function acquireLease(shop: string, job: string, holder: string, now: Date, ttlMs: number): Promise<boolean> {
  const expiresAt = new Date(now.getTime() + ttlMs);
  // Take over an expired lease or renew our own; otherwise create it (fails if someone holds it).
  const taken = await prisma.jobLease.updateMany({
    where: { shop, job, OR: [{ expiresAt: { lte: now } }, { holder }] },
    data: { holder, expiresAt },
  });
  if (taken.count === 1) return true;
  try {
    await prisma.jobLease.create({ data: { shop, job, holder, expiresAt } });
    return true;
  } catch (e) {
    if (isUniqueViolation(e)) return false;
    throw e;
  }
}

export async function releaseLease(shop: string, job: string, holder: string): Promise<void> {
  await prisma.jobLease.deleteMany({ where: { shop, job, holder } });
}

/** Runs `work` under the lease; returns undefined (without running it) when another holder has it. */
export async function withLease<T>(
  shop: string,
  job: string,
  holder: string,
  now: Date,
  ttlMs: number,
  work: () => Promise<T>,
): Promise<T | undefined> {
  if (!(await acquireLease(shop, job, holder, now, ttlMs))) return undefined;
  try {
    return await work();
  } finally {
    await releaseLease(shop, job, holder);
  }
}
