/**
 * Lines an import refused, kept per shop and source so the merchant (and support) can see what
 * was left out and why. Bounded: at most MAX_STORED_REJECTIONS rows per source; the import's
 * summary still counts every rejection.
 */
import prisma from "../db.server";

export const MAX_STORED_REJECTIONS = 1000;

export interface Rejection {
  line: number;
  field?: string;
  reason: string;
}

/** A re-import from `fromLine` replaces what an earlier run said about those lines. */
export async function clearRejections(shop: string, source: string, fromLine = 1): Promise<void> {
  await prisma.ingestRejection.deleteMany({ where: { shop, source, line: { gte: fromLine } } });
}

/** Stores rejections up to the per-source bound; returns how many were stored. */
export async function storeRejections(shop: string, source: string, rejections: readonly Rejection[], now: Date): Promise<number> {
  if (!rejections.length) return 0;
  const held = await prisma.ingestRejection.count({ where: { shop, source } });
  const room = Math.max(0, MAX_STORED_REJECTIONS - held);
  const rows = rejections.slice(0, room).map((r) => ({
    shop,
    source,
    line: r.line,
    field: r.field ?? null,
    reason: r.reason.slice(0, 500),
    createdAt: now,
  }));
  if (!rows.length) return 0;
  // A line is refused once per run, and the run cleared its lines first; no duplicate keys.
  await prisma.ingestRejection.createMany({ data: rows });
  return rows.length;
}

export async function listRejections(shop: string, source: string, take = 100) {
  return prisma.ingestRejection.findMany({ where: { shop, source }, orderBy: { line: "asc" }, take });
}
