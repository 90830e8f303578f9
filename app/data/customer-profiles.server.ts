/**
 * Stored customer profiles (one row per identified customer, by Shopify customer id only):
 * written in bulk by the full analysis run, re-scored one customer at a time when their orders
 * change, and read by the segment pages. Every query is scoped by shop.
 */
import prisma from "../db.server";
import type { Order } from "../engine/types";
import { buildProfiles } from "../engine/segments/profile-book";
import { bulkUpsert, type BulkTable } from "./bulk-writer.server";
import { profileRow, scoreWithCuts, seedContextAt, type ProfileRow, type ScoringContext, type StoredMembership } from "./customer-scoring";

const PROFILE_TABLE: BulkTable<ProfileRow> = {
  table: "CustomerProfile",
  columns: {
    shop: "text",
    customerId: "text",
    orders: "int",
    purchaseDays: "int",
    firstOrderAt: "timestamp",
    lastOrderAt: "timestamp",
    netSpend: "float",
    rfmR: "int",
    rfmF: "int",
    rfmM: "int",
    rfmSegment: "text",
    segments: "text",
    predictedClv: "float",
    pAlive: "float",
    expectedOrders: "float",
    source: "text",
    updatedAt: "timestamp",
  },
  key: ["shop", "customerId"],
};

/**
 * Replaces a shop's profiles with a full run's rows. Rows are upserted first and only rows
 * older than the run removed afterwards, so pages never see the table empty mid-run.
 */
export async function replaceProfiles(shop: string, rows: Iterable<ProfileRow>, runAt: Date): Promise<number> {
  const written = await bulkUpsert(PROFILE_TABLE, rows);
  await prisma.customerProfile.deleteMany({ where: { shop, updatedAt: { lt: runAt } } });
  return written;
}

export interface CustomerProfileView {
  customerId: string;
  orders: number;
  purchaseDays: number;
  firstOrderAt: string | null;
  lastOrderAt: string | null;
  netSpend: number;
  rfm: { r: number; f: number; m: number; segment: string } | null;
  segments: StoredMembership[];
  predictedClv: number | null;
  pAlive: number | null;
  expectedOrders: number | null;
  source: string;
  updatedAt: string;
}

type Row = Awaited<ReturnType<typeof prisma.customerProfile.findFirst>> & object;

function view(r: Row): CustomerProfileView {
  return {
    customerId: r.customerId,
    orders: r.orders,
    purchaseDays: r.purchaseDays,
    firstOrderAt: r.firstOrderAt?.toISOString() ?? null,
    lastOrderAt: r.lastOrderAt?.toISOString() ?? null,
    netSpend: r.netSpend,
    rfm: r.rfmSegment !== null && r.rfmR !== null && r.rfmF !== null && r.rfmM !== null ? { r: r.rfmR, f: r.rfmF, m: r.rfmM, segment: r.rfmSegment } : null,
    segments: JSON.parse(r.segments) as StoredMembership[],
    predictedClv: r.predictedClv,
    pAlive: r.pAlive,
    expectedOrders: r.expectedOrders,
    source: r.source,
    updatedAt: r.updatedAt.toISOString(),
  };
}

export async function readCustomerProfile(shop: string, customerId: string): Promise<CustomerProfileView | null> {
  const row = await prisma.customerProfile.findUnique({ where: { shop_customerId: { shop, customerId } } });
  return row === null ? null : view(row);
}

/** The customers with the highest predicted CLV (index shop, predictedClv). */
export async function topCustomers(shop: string, take = 10): Promise<CustomerProfileView[]> {
  const rows = await prisma.customerProfile.findMany({
    where: { shop, predictedClv: { not: null } },
    orderBy: { predictedClv: "desc" },
    take,
  });
  return rows.map(view);
}

/** Above this many customers in one change, the incremental update is skipped: the full run is due anyway. */
export const MAX_INCREMENTAL_CUSTOMERS = 500;

/**
 * Re-scores the given customers from their stored orders against the last run's cut-offs, and
 * removes profiles of customers left without orders. Keeps each customer's predicted CLV (the
 * model is refitted by the full run). Returns the customers written or removed.
 */
export async function rescoreCustomers(shop: string, customerIds: readonly string[], ctx: ScoringContext, now: Date): Promise<number> {
  const ids = [...new Set(customerIds)];
  if (ids.length === 0) return 0;
  const [orderRows, previous] = await Promise.all([
    prisma.order.findMany({ where: { shop, customerId: { in: ids } }, select: { data: true } }),
    prisma.customerProfile.findMany({
      where: { shop, customerId: { in: ids } },
      select: { customerId: true, predictedClv: true, pAlive: true, expectedOrders: true },
    }),
  ]);
  const clvOf = new Map(previous.map((p) => [p.customerId, p]));
  const book = buildProfiles(
    orderRows.map((r) => JSON.parse(r.data) as Order),
    { utcOffsetMinutes: ctx.utcOffsetMinutes },
  );
  const rows: ProfileRow[] = [];
  const gone: string[] = [];
  for (const id of ids) {
    const profile = book.profiles.get(id);
    if (profile === undefined || profile.orderCount === 0) {
      gone.push(id);
      continue;
    }
    const prev = clvOf.get(id);
    const clv = prev?.predictedClv != null ? { revenue: prev.predictedClv, pAlive: prev.pAlive ?? 1, expectedOrders: prev.expectedOrders ?? 0 } : null;
    const asOf = now.getTime();
    rows.push(
      profileRow({
        shop,
        profile,
        rfm: scoreWithCuts(ctx.rfm, profile, asOf),
        seed: seedContextAt(ctx, asOf, id, clv?.revenue ?? null),
        clv,
        currency: ctx.currency,
        source: "incremental",
        at: now,
      }),
    );
  }
  await prisma.$transaction([
    ...rows.map((r) => prisma.customerProfile.upsert({ where: { shop_customerId: { shop, customerId: r.customerId } }, create: r, update: r })),
    prisma.customerProfile.deleteMany({ where: { shop, customerId: { in: gone } } }),
  ]);
  return rows.length + gone.length;
}
