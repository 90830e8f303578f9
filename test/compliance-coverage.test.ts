/**
 * shop/redact and customers/redact reach every table: a store is filled through the real paths
 * (bulk ingest with stated preferences, analysis refresh with profiles and rule facts, a running
 * experiment enrolling customers, guided answers, a sync run, queued webhooks), then erased.
 * Every model with a `shop` / `customerId` column is checked, so a table added later is covered.
 */
import { afterAll, describe, expect, it } from "vitest";
import prisma from "../app/db.server";
import { iterateOrders } from "../app/demo/generate-store";
import { ingestJsonl } from "../app/sync/ingest-bulk";
import { bulkJsonl, chunked } from "../app/sync/testing/bulk-jsonl";
import { refreshStoreAnalysis } from "../app/data/store-analysis.server";
import { CUSTOMER_MODELS, SHOP_MODELS } from "../app/data/shop-data.server";
import { createExperiment, startExperiment } from "../app/services/experiments.server";
import { parseExperimentForm } from "../app/components/experiments/experiment-form";
import { submitStepAnswers } from "../app/data/step-answers.server";
import { ensureInitialSync } from "../app/services/bulk-sync.server";
import { handleVerifiedWebhook } from "../app/services/webhooks.server";
import { compileCustomerData, redactCustomer } from "../app/services/compliance.server";
import { eraseShop, recordInstall } from "../app/services/shop-lifecycle.server";

const asOf = Date.UTC(2026, 9, 1);
const now = new Date(asOf);
type Counter = { count(args: { where: Record<string, unknown> }): Promise<number> };
const count = (model: string, where: Record<string, unknown>) =>
  (prisma as unknown as Record<string, Counter>)[model[0].toLowerCase() + model.slice(1)].count({ where });

async function fillStore(shop: string) {
  await recordInstall(shop);
  const draft = parseExperimentForm(
    { name: "Unboxing", variable: "packaging", treatments: ["branded_unboxing"], windowDays: "90", mdeKind: "absolute", mde: "5", alpha: "0.05", power: "0.8", baseline: "", shippingSpeeds: [], regions: "" },
    { repeatWithin: { 90: 0.2 }, keptRate: 0.9, newCustomersPerMonth: 1000 },
  );
  if (!draft.ok) throw new Error(JSON.stringify(draft.errors));
  const experiment = await createExperiment(shop, draft.experiment, new Date(asOf - 4 * 365 * 86_400_000));
  await startExperiment(shop, experiment.id, new Date(asOf - 4 * 365 * 86_400_000));
  const orders = [...iterateOrders({ asOf, orders: 400, seed: 5 })];
  const summary = await ingestJsonl(shop, chunked(bulkJsonl(orders, "orders", 3), 4096), { kind: "orders", now });
  expect(summary.recordsWritten).toBe(orders.length);
  await refreshStoreAnalysis(shop, now);
  await submitStepAnswers(shop, "audit", { nps: "40" });
  await ensureInitialSync(shop, now);
  await handleVerifiedWebhook({ shop, topic: "ORDERS_UPDATED", eventId: `evt-${shop}`, triggeredAt: now, payload: { id: 1, admin_graphql_api_id: "gid://shopify/Order/1" }, now });
  return orders.length;
}

const SHOPS = ["redact-coverage.myshopify.com", "erase-coverage.myshopify.com", "erase-coverage-other.myshopify.com"];

describe("compliance deletion covers every table", () => {
  // The queued webhooks and running experiments would otherwise be picked up by other suites' job runs.
  afterAll(async () => {
    for (const s of SHOPS) await eraseShop(s);
  });

  it("the schema's shop and customer models are the ones redaction walks", () => {
    // Every model is shop-scoped; the customer-keyed ones are the analytics' per-customer tables.
    expect(SHOP_MODELS.length).toBeGreaterThanOrEqual(19);
    expect(CUSTOMER_MODELS).toEqual(expect.arrayContaining(["Order", "CustomerProfile", "CustomerPreference", "PreferenceAnswer", "ExperimentAssignment"]));
  });

  it("customers/redact removes the customer from every customer table, and only them", async () => {
    const shop = "redact-coverage.myshopify.com";
    await eraseShop(shop);
    await fillStore(shop);
    // A customer present in the most tables: stated preferences and an experiment assignment.
    const answer = await prisma.preferenceAnswer.findFirst({ where: { shop, customerId: { in: (await prisma.experimentAssignment.findMany({ where: { shop }, select: { customerId: true } })).map((a) => a.customerId) } } });
    expect(answer, "the fixture store has a customer with answers and an assignment").not.toBeNull();
    const customerId = answer!.customerId!;
    const held = Object.fromEntries(await Promise.all(CUSTOMER_MODELS.map(async (m) => [m, await count(m, { shop, customerId })] as const)));
    expect(held).toMatchObject({ Order: expect.any(Number), CustomerProfile: 1, CustomerPreference: 1 });
    expect(held.ExperimentAssignment).toBeGreaterThan(0);

    const report = await compileCustomerData(shop, { shop_domain: shop, customer: { id: customerId.split("/").pop() } });
    expect(Object.keys(report.derived)).toEqual(expect.arrayContaining(["CustomerProfile", "CustomerPreference", "PreferenceAnswer", "ExperimentAssignment"]));

    const others = await prisma.customerProfile.count({ where: { shop, NOT: { customerId } } });
    await redactCustomer(shop, { shop_domain: shop, customer: { id: customerId.split("/").pop() }, orders_to_redact: [] });
    for (const m of CUSTOMER_MODELS) expect(await count(m, { shop, customerId }), `${m} rows left for the customer`).toBe(0);
    expect(await prisma.customerProfile.count({ where: { shop } })).toBe(others);
    expect(await prisma.exceptionFacts.count({ where: { shop } })).toBe(0); // rebuilt without them
    expect((await prisma.shop.findUnique({ where: { shop } }))?.analysisStaleSince).not.toBeNull();
  });

  it("shop/redact empties every shop table and leaves other shops alone", async () => {
    const shop = "erase-coverage.myshopify.com";
    const other = "erase-coverage-other.myshopify.com";
    let written = 0;
    for (const s of [shop, other]) {
      await eraseShop(s);
      written = await fillStore(s);
    }
    const filled = await Promise.all(SHOP_MODELS.map(async (m) => [m, await count(m, { shop })] as const));
    // Tables this fixture does not reach (nothing failed, nothing was rejected, no lease is held,
    // no data request was made); every other table holds rows for the shop before the erase.
    const unreached = ["SyncFailure", "IngestRejection", "JobLease", "ComplianceRequest", "Session", "ExceptionRule", "GuidedProgress"];
    expect(filled.filter(([m, n]) => n === 0 && !unreached.includes(m)).map(([m]) => m)).toEqual([]);

    const result = await eraseShop(shop);
    expect(result.orders).toBe(written);
    for (const m of SHOP_MODELS) expect(await count(m, { shop }), `${m} rows left for the shop`).toBe(0);
    expect(await prisma.order.count({ where: { shop: other } })).toBe(written);
    expect(await prisma.customerProfile.count({ where: { shop: other } })).toBeGreaterThan(0);
  });
});
