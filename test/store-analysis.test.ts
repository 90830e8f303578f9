import { beforeAll, describe, expect, it, vi } from "vitest";
import prisma from "../app/db.server";
import { deleteOrders, upsertOrders } from "../app/data/orders.server";
import { readCustomerProfile } from "../app/data/customer-profiles.server";
import { loadStoreAnalysis, refreshStaleAnalyses, refreshStoreAnalysis, REFRESH_DELAY_MS } from "../app/data/store-analysis.server";
import { ordersChanged } from "../app/services/orders-changed.server";
import { acquireLease, releaseLease } from "../app/services/job-lease.server";
import { iterateOrders } from "../app/demo/generate-store";
import { mapAdminOrder } from "../app/sync/map-admin-order";
import type { Order } from "../app/engine/types";
import { order } from "./order-fixture";

const shop = "stored-analysis.myshopify.com";
const other = "stored-analysis-other.myshopify.com";
const asOf = Date.UTC(2026, 9, 1);
const speedy = "gid://shopify/Customer/speedy";
const DAY = 86_400_000;

/** A shipped order by `speedy` at the given speed, `daysAgo` before asOf. */
function speedOrder(n: number, speed: "express" | "economy", daysAgo: number): Order {
  const createdAt = asOf - daysAgo * DAY;
  return order({
    id: `gid://shopify/Order/speedy-${speed}-${n}`,
    customerId: speedy,
    createdAt,
    updatedAt: createdAt,
    shippingSpeed: speed,
    shippingTitle: speed === "express" ? "Express (1-2 business days)" : "Economy (5-8 business days)",
    shippingPrice: speed === "express" ? 15 : 3,
  });
}

async function segmentsOf(customerId: string) {
  const p = await readCustomerProfile(shop, customerId);
  return p?.segments.map((m) => m.segment) ?? [];
}

beforeAll(async () => {
  for (const s of [shop, other]) {
    await deleteOrders(s);
    await prisma.customerProfile.deleteMany({ where: { shop: s } });
    await prisma.analysisSnapshot.deleteMany({ where: { shop: s } });
    await prisma.shop.upsert({ where: { shop: s }, create: { shop: s }, update: { analysisStaleSince: null } });
  }
  const generated = Array.from(iterateOrders({ asOf, orders: 800, seed: "stored-analysis" }), mapAdminOrder);
  await upsertOrders(shop, [...generated, speedOrder(1, "express", 200), speedOrder(2, "express", 120), speedOrder(3, "express", 60)]);
  await upsertOrders(other, [order({ id: "gid://shopify/Order/other-1", customerId: speedy, totalPrice: 999 })]);
});

describe("stored analysis", () => {
  it("reports a missing analysis before the first run, without computing anything in the loader", async () => {
    const loaded = await loadStoreAnalysis(shop);
    expect(loaded).toMatchObject({ status: "missing", analysis: null, orderCount: 0 });
  });

  it("is scheduled after the quiet period, computed once, and then current", async () => {
    const changedAt = new Date(asOf);
    await ordersChanged({ shop, customerIds: [speedy], now: changedAt });
    expect((await loadStoreAnalysis(shop)).stale).toBe(true);

    const early = await refreshStaleAnalyses(new Date(asOf + REFRESH_DELAY_MS / 2));
    expect(early.refreshed).not.toContain(shop);

    const due = await refreshStaleAnalyses(new Date(asOf + REFRESH_DELAY_MS));
    expect(due).toMatchObject({ refreshed: expect.arrayContaining([shop]), failed: [] });

    const loaded = await loadStoreAnalysis(shop);
    expect(loaded.status).toBe("ready");
    expect(loaded.stale).toBe(false);
    expect(loaded.asOf).toBe(asOf + REFRESH_DELAY_MS);
    const active = await prisma.order.count({ where: { shop, cancelledAt: null } });
    expect(loaded.orderCount).toBe(active);
    expect(loaded.analysis?.counts.orders).toBe(active);
    expect(loaded.analysis?.clv.perCustomer).toBeNull();
    // One profile per identified customer, and none of the other shop's.
    expect(await prisma.customerProfile.count({ where: { shop } })).toBe(loaded.customerCount);
    expect(loaded.customerCount).toBe(loaded.analysis?.counts.customers);
    expect((await readCustomerProfile(shop, speedy))?.orders).toBe(3);
    expect(await prisma.customerProfile.count({ where: { shop: other } })).toBe(0);
  });

  it("profiles carry RFM and segment evidence that agree with the analysis' segment sizes", async () => {
    const loaded = await loadStoreAnalysis(shop);
    const rows = await prisma.customerProfile.findMany({ where: { shop }, select: { rfmSegment: true, segments: true } });
    const counts = loaded.analysis!.segments.rfm.counts as Record<string, number>;
    for (const [segment, n] of Object.entries(counts)) {
      expect(rows.filter((r) => r.rfmSegment === segment).length, segment).toBe(n);
    }
    const behaviourRows = loaded.analysis!.segments.behaviour.summary.segments;
    for (const s of behaviourRows) {
      const members = rows.filter((r) => (JSON.parse(r.segments) as { family: string; segment: string }[]).some((m) => m.family === "behaviour" && m.segment === s.segment));
      expect(members.length, s.segment).toBe(s.customers);
    }
    const p = await readCustomerProfile(shop, speedy);
    const speed = p?.segments.find((m) => m.segment === "speed_focused");
    expect(speed?.evidence).toMatch(/3 of 3 shipped orders used Express/);
  });

  it("profiles carry the forecast the analysis averaged (predicted value, P(alive), expected orders)", async () => {
    const loaded = await loadStoreAnalysis(shop);
    const rows = await prisma.customerProfile.findMany({ where: { shop }, select: { predictedClv: true, pAlive: true, expectedOrders: true } });
    const withForecast = rows.filter((r) => r.predictedClv !== null);
    expect(withForecast.length).toBe(loaded.analysis!.clv.customers);
    const total = withForecast.reduce((sum, r) => sum + (r.predictedClv as number), 0);
    expect(total).toBeCloseTo(loaded.analysis!.clv.revenue.total.value as number, 6);
    for (const r of withForecast) {
      expect(r.pAlive).toBeGreaterThanOrEqual(0);
      expect(r.pAlive).toBeLessThanOrEqual(1);
      expect(r.expectedOrders).toBeGreaterThanOrEqual(0);
    }
  });

  it("re-scores a changed customer at once: a speed-focused customer who switches to economy leaves the segment", async () => {
    expect(await segmentsOf(speedy)).toContain("speed_focused");
    const now = new Date(asOf + 2 * REFRESH_DELAY_MS);
    await upsertOrders(shop, [speedOrder(4, "economy", 20), speedOrder(5, "economy", 10), speedOrder(6, "economy", 1), speedOrder(7, "economy", 0)]);
    await ordersChanged({ shop, customerIds: [speedy], now });

    const p = await readCustomerProfile(shop, speedy);
    expect(p).toMatchObject({ orders: 7, source: "incremental" });
    expect(await segmentsOf(speedy)).not.toContain("speed_focused");
    expect(p?.rfm?.segment).toBeTruthy();
    // The full analysis is now stale and scheduled; the other shop is untouched.
    expect((await loadStoreAnalysis(shop)).stale).toBe(true);
    expect(await prisma.customerProfile.count({ where: { shop: other } })).toBe(0);
  });

  it("removes the profile of a customer left without orders", async () => {
    const before = await prisma.customerProfile.count({ where: { shop } });
    await prisma.order.deleteMany({ where: { shop, customerId: speedy } });
    await ordersChanged({ shop, customerIds: [speedy], now: new Date(asOf + 3 * REFRESH_DELAY_MS) });
    expect(await readCustomerProfile(shop, speedy)).toBeNull();
    expect(await prisma.customerProfile.count({ where: { shop } })).toBe(before - 1);
  });

  it("a change that arrives during a run keeps the analysis stale for the next run", async () => {
    const runAt = new Date(asOf + 10 * REFRESH_DELAY_MS);
    // A webhook lands right after the run has taken the stale mark (when it flags itself "computing").
    const updateMany = prisma.analysisSnapshot.updateMany.bind(prisma.analysisSnapshot);
    const spy = vi.spyOn(prisma.analysisSnapshot, "updateMany").mockImplementationOnce((async (args: Parameters<typeof updateMany>[0]) => {
      const res = await updateMany(args);
      await ordersChanged({ shop, customerIds: [], now: new Date(runAt.getTime() + 1) });
      return res;
    }) as never);
    await refreshStoreAnalysis(shop, runAt);
    spy.mockRestore();
    const loaded = await loadStoreAnalysis(shop);
    expect(loaded.status).toBe("ready");
    expect(loaded.asOf).toBe(runAt.getTime());
    expect(loaded.stale).toBe(true);
  });

  it("reruns a shop left 'computing' by a run that died, unless another process holds its lease", async () => {
    await prisma.shop.update({ where: { shop }, data: { analysisStaleSince: null } });
    await prisma.analysisSnapshot.update({ where: { shop }, data: { status: "computing" } });
    const now = new Date(asOf + 20 * REFRESH_DELAY_MS);
    await acquireLease(shop, "store-analysis", "another-process", now, 60_000);
    expect((await refreshStaleAnalyses(now, "this-process")).refreshed).not.toContain(shop);
    expect((await loadStoreAnalysis(shop)).status).toBe("computing");
    await releaseLease(shop, "store-analysis", "another-process");
    expect((await refreshStaleAnalyses(now, "this-process")).refreshed).toContain(shop);
    expect(await loadStoreAnalysis(shop)).toMatchObject({ status: "ready", stale: false, asOf: now.getTime() });
  });
});
