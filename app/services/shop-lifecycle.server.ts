/**
 * Install, uninstall and erasure of a shop. Uninstalling keeps the analytics data for 48 hours
 * (Shopify sends shop/redact then, and a quick reinstall keeps history); shop/redact erases it.
 */
import prisma from "../db.server";
import { eraseShopData } from "../data/shop-data.server";
// --- sync-api (H1a): the first history sync is queued at install ---
import { ensureInitialSync } from "./bulk-sync.server";
// --- end sync-api ---

/** Shopify sends shop/redact 48 hours after uninstall. */
export const REDACT_GRACE_MS = 48 * 60 * 60 * 1000;

export async function recordInstall(shop: string): Promise<void> {
  // A reinstall (within the 48 h before shop/redact) starts a new installation: its history sync
  // runs again, so orders placed while the app was uninstalled come back.
  await prisma.shop.updateMany({ where: { shop, uninstalledAt: { not: null } }, data: { installedAt: new Date() } });
  await prisma.shop.upsert({
    where: { shop },
    create: { shop },
    update: { uninstalledAt: null, purgeAfter: null },
  });
  // --- sync-api (H1a): queue the history sync once (the job runner starts it) ---
  await ensureInitialSync(shop, new Date());
  // --- end sync-api ---
}

/** Idempotent: Shopify may deliver app/uninstalled more than once, even after the fact. */
export async function recordUninstall(shop: string, now: Date): Promise<void> {
  await prisma.$transaction([
    prisma.session.deleteMany({ where: { shop } }),
    prisma.shop.upsert({
      where: { shop },
      create: { shop, uninstalledAt: now, purgeAfter: new Date(now.getTime() + REDACT_GRACE_MS) },
      update: { uninstalledAt: now, purgeAfter: new Date(now.getTime() + REDACT_GRACE_MS) },
    }),
  ]);
}

/** Erases everything held for a shop (shop/redact, or the purge job after the grace period). */
export async function eraseShop(shop: string): Promise<{ orders: number; sessions: number; rows: Record<string, number> }> {
  const rows = await eraseShopData(shop);
  return { orders: rows.Order ?? 0, sessions: rows.Session ?? 0, rows };
}

/** Shops whose grace period has passed without a shop/redact (e.g. missed delivery). */
export async function purgeExpiredShops(now: Date): Promise<string[]> {
  const due = await prisma.shop.findMany({ where: { purgeAfter: { lte: now } }, select: { shop: true } });
  for (const { shop } of due) await eraseShop(shop);
  return due.map((d) => d.shop);
}
