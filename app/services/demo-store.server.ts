/**
 * Loads the generated demo store into the database through the same mapping the sync uses
 * (Admin-shaped order → engine order), so demo pages exercise the real path end to end.
 */
import prisma from "../db.server";
import { DEMO_DEFAULTS, iterateOrders, planDemoStore, type DemoStorePlan } from "../demo/generate-store";
import { mapAdminOrder } from "../sync/map-admin-order";
import { deleteOrders, upsertOrders } from "../data/orders.server";
import { refreshStoreAnalysis } from "../data/store-analysis.server";
import { DEMO_SHOP } from "./demo.server";

export interface DemoStoreRequest {
  asOf: number;
  orders?: number;
  seed?: string | number;
  shop?: string;
}

/** A fingerprint of what was generated, so `npm run demo` reuses an identical store. */
const fingerprint = (plan: DemoStorePlan) => `demo:${plan.seed}:${plan.orders}:${plan.customers}:${plan.start}:${plan.end}`;

export async function loadDemoStore(req: DemoStoreRequest, { fresh = false } = {}) {
  const shop = req.shop ?? DEMO_SHOP;
  const plan = planDemoStore({ asOf: req.asOf, orders: req.orders, seed: req.seed ?? DEMO_DEFAULTS.seed, shopDomain: shop });
  const existing = await prisma.shop.findUnique({ where: { shop } });
  const count = await prisma.order.count({ where: { shop } });
  if (!fresh && existing?.isDemo && existing.demoFingerprint === fingerprint(plan) && count > 0) {
    // The stored analysis is computed at seed time, at the store's own date, never in a page loader.
    const snapshot = await prisma.analysisSnapshot.findUnique({ where: { shop }, select: { status: true } });
    if (snapshot?.status !== "ready") await refreshStoreAnalysis(shop, new Date(plan.asOf));
    return { shop, orders: count, reused: true };
  }
  await deleteOrders(shop);
  const orders = await upsertOrders(shop, (function* () {
    for (const admin of iterateOrders(plan)) yield mapAdminOrder(admin);
  })());
  await prisma.shop.upsert({
    where: { shop },
    create: { shop, currency: plan.currency, isDemo: true, demoFingerprint: fingerprint(plan) },
    update: { currency: plan.currency, isDemo: true, demoFingerprint: fingerprint(plan), uninstalledAt: null, purgeAfter: null },
  });
  await refreshStoreAnalysis(shop, new Date(plan.asOf));
  return { shop, orders, reused: false };
}
