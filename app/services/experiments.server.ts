/**
 * Delivery experiments for a shop: create, start, stop and read them; enrol new orders as they
 * arrive (assignNewOrders, called by the sync for new orders); analyse by joining the recorded
 * assignments with the customers' orders. Variants come from the engine's pure hash, so a
 * retried sync assigns the same variant; the row records that (and when) a unit entered.
 * Every query is scoped by shop.
 */
import { randomUUID } from "node:crypto";
import prisma from "../db.server";
import { analyzeExperiment, assignVariant, inAudience, startConflicts, unitOutcomes, type ExperimentAnalysis, type ExperimentDefinition, type ExperimentRun, type ExperimentStatus, type ExperimentUnit } from "../engine/experiments";
import type { Order } from "../engine/types";
import { PURCHASE, placedAt, purchaseStatus } from "../engine/journey/order-facts";
import type { StoreAnalysis } from "../engine/analyze/analyze-store";
import { loadStoreAnalysis } from "../data/store-analysis.server";

export type NewExperiment = Omit<ExperimentDefinition, "id">;

export interface ExperimentRecord {
  id: string;
  name: string;
  status: ExperimentStatus;
  createdAt: string;
  startedAt: string | null;
  stoppedAt: string | null;
  definition: ExperimentDefinition;
  /** Units enrolled so far. */
  enrolled: number;
}

/** A state change the experiment's status does not allow, or the overlap guard refuses. */
export class ExperimentStateError extends Error {}

interface Row {
  id: string;
  name: string;
  status: string;
  createdAt: Date;
  startedAt: Date | null;
  stoppedAt: Date | null;
  definition: string;
  _count?: { assignments: number };
}

function toRecord(r: Row): ExperimentRecord {
  return {
    id: r.id,
    name: r.name,
    status: r.status as ExperimentStatus,
    createdAt: r.createdAt.toISOString(),
    startedAt: r.startedAt?.toISOString() ?? null,
    stoppedAt: r.stoppedAt?.toISOString() ?? null,
    definition: { ...(JSON.parse(r.definition) as NewExperiment), id: r.id },
    enrolled: r._count?.assignments ?? 0,
  };
}

const withCount = { _count: { select: { assignments: true } } } as const;

export async function listExperiments(shop: string): Promise<ExperimentRecord[]> {
  const rows = await prisma.experiment.findMany({ where: { shop }, orderBy: [{ createdAt: "desc" }, { id: "asc" }], include: withCount });
  return rows.map(toRecord);
}

export async function getExperiment(shop: string, id: string): Promise<ExperimentRecord | null> {
  const row = await prisma.experiment.findUnique({ where: { shop_id: { shop, id } }, include: withCount });
  return row ? toRecord(row) : null;
}

export async function createExperiment(shop: string, input: NewExperiment, now: Date): Promise<ExperimentRecord> {
  const id = `exp_${randomUUID().replace(/-/g, "").slice(0, 12)}`;
  const row = await prisma.experiment.create({
    data: { shop, id, name: input.name, variable: input.variable, definition: JSON.stringify(input), status: "draft", createdAt: now },
  });
  return toRecord(row);
}

const asRun = (r: ExperimentRecord): ExperimentRun => ({
  id: r.id,
  name: r.name,
  status: r.status,
  audience: r.definition.audience,
  startedAt: r.startedAt === null ? null : Date.parse(r.startedAt),
  stoppedAt: r.stoppedAt === null ? null : Date.parse(r.stoppedAt),
});

/** Starts a draft unless a running experiment could enrol the same customers. */
export async function startExperiment(shop: string, id: string, now: Date): Promise<ExperimentRecord> {
  const all = await listExperiments(shop);
  const exp = all.find((e) => e.id === id);
  if (!exp) throw new ExperimentStateError("This experiment does not exist.");
  if (exp.status !== "draft") throw new ExperimentStateError(`Only a draft can start; this experiment is ${exp.status}.`);
  const conflicts = startConflicts({ id, audience: exp.definition.audience }, all.map(asRun));
  if (conflicts.length > 0) {
    throw new ExperimentStateError(
      `Stop ${conflicts.map((c) => `"${c.name}"`).join(" and ")} first: ${conflicts.length > 1 ? "they run" : "it runs"} on customers this experiment would also enrol, and two treatments at once make neither result readable.`,
    );
  }
  // The status condition makes a concurrent second start a no-op instead of a double start.
  const { count } = await prisma.experiment.updateMany({ where: { shop, id, status: "draft" }, data: { status: "running", startedAt: now } });
  if (count === 0) throw new ExperimentStateError("This experiment was changed meanwhile; reload the page.");
  return (await getExperiment(shop, id)) as ExperimentRecord;
}

/** Stops enrolment; outcomes of enrolled units keep being followed. */
export async function stopExperiment(shop: string, id: string, now: Date): Promise<ExperimentRecord> {
  const { count } = await prisma.experiment.updateMany({ where: { shop, id, status: "running" }, data: { status: "stopped", stoppedAt: now } });
  if (count === 0) throw new ExperimentStateError("Only a running experiment can be stopped.");
  return (await getExperiment(shop, id)) as ExperimentRecord;
}

/** Deletes a draft (a started experiment is kept for its record). */
export async function deleteDraft(shop: string, id: string): Promise<void> {
  const { count } = await prisma.experiment.deleteMany({ where: { shop, id, status: "draft" } });
  if (count === 0) throw new ExperimentStateError("Only a draft can be deleted.");
}

const CHUNK = 500;

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Each customer's first purchase (id and when it was placed), from the stored orders. */
async function firstPurchases(shop: string, customerIds: readonly string[], asOf: number): Promise<Map<string, { id: string; at: number }>> {
  const first = new Map<string, { id: string; at: number }>();
  for (const ids of chunks(customerIds)) {
    const rows = await prisma.order.findMany({ where: { shop, customerId: { in: ids } }, select: { data: true } });
    for (const r of rows) noteFirst(first, JSON.parse(r.data) as Order, asOf);
  }
  return first;
}

function noteFirst(first: Map<string, { id: string; at: number }>, o: Order, asOf: number) {
  if (purchaseStatus(o, asOf) !== PURCHASE.COUNTED) return;
  const at = placedAt(o);
  const prev = first.get(o.customerId as string);
  if (!prev || at < prev.at || (at === prev.at && o.id < prev.id)) first.set(o.customerId as string, { id: o.id, at });
}

/**
 * Enrols new orders in the running experiments: for a customer-level experiment the customer's
 * first purchase (earlier stored purchases mean a returning customer, who is left out), for an
 * order-level one every purchase; only orders placed after the start, in the audience, by an
 * identified customer (guests cannot be followed), not cancelled (decision 0007's definition
 * of a purchase). A customer already enrolled in another running experiment is not enrolled
 * again (the start guard normally prevents that). Idempotent. Returns the new assignments.
 */
export async function assignNewOrders(shop: string, orders: readonly Order[], now: Date): Promise<number> {
  const running = (await prisma.experiment.findMany({ where: { shop, status: "running" }, orderBy: { startedAt: "asc" } })).map(toRecord);
  if (running.length === 0 || orders.length === 0) return 0;
  const asOf = now.getTime();
  const candidates = orders.filter((o) => purchaseStatus(o, asOf) === PURCHASE.COUNTED);
  const customerIds = [...new Set(candidates.map((o) => o.customerId as string))];
  const first = await firstPurchases(shop, customerIds, asOf);
  for (const o of candidates) noteFirst(first, o, asOf);
  const enrolled = new Map<string, string>(); // customer → experiment, across running experiments
  for (const ids of chunks(customerIds)) {
    const rows = await prisma.experimentAssignment.findMany({
      where: { shop, customerId: { in: ids }, experimentId: { in: running.map((e) => e.id) } },
      select: { customerId: true, experimentId: true },
    });
    for (const r of rows) enrolled.set(r.customerId, r.experimentId);
  }
  const data: Array<{ shop: string; experimentId: string; unitId: string; customerId: string; orderId: string; variant: string; assignedAt: Date }> = [];
  for (const exp of running) {
    const def = exp.definition;
    const startedAt = Date.parse(exp.startedAt as string);
    for (const o of candidates) {
      const customerId = o.customerId as string;
      if (placedAt(o) < startedAt || !inAudience(def.audience, o)) continue;
      if (def.unit === "customer" && first.get(customerId)?.id !== o.id) continue;
      const other = enrolled.get(customerId);
      if (other !== undefined && other !== exp.id) continue;
      const unitId = def.unit === "customer" ? customerId : o.id;
      data.push({ shop, experimentId: exp.id, unitId, customerId, orderId: o.id, variant: assignVariant(exp.id, unitId, def.variants).key, assignedAt: new Date(placedAt(o)) });
      enrolled.set(customerId, exp.id);
    }
  }
  let created = 0;
  for (const batch of chunks(data)) {
    const existing = await prisma.experimentAssignment.findMany({
      where: { shop, OR: [...new Set(batch.map((d) => d.experimentId))].map((experimentId) => ({ experimentId, unitId: { in: batch.filter((d) => d.experimentId === experimentId).map((d) => d.unitId) } })) },
      select: { experimentId: true, unitId: true },
    });
    const seen = new Set(existing.map((e) => `${e.experimentId}\u0000${e.unitId}`));
    const fresh = batch.filter((d) => !seen.has(`${d.experimentId}\u0000${d.unitId}`));
    if (fresh.length > 0) created += (await prisma.experimentAssignment.createMany({ data: fresh })).count;
  }
  return created;
}

/** The enrolled customers' orders (stored orders, read by customer through the shop+customer index). */
async function* customerOrders(shop: string, customerIds: readonly string[]): AsyncGenerator<Order> {
  for (const ids of chunks(customerIds)) {
    const rows = await prisma.order.findMany({ where: { shop, customerId: { in: ids } }, select: { data: true } });
    for (const r of rows) yield JSON.parse(r.data) as Order;
  }
}

export interface ExperimentResult {
  experiment: ExperimentRecord;
  analysis: ExperimentAnalysis;
  asOf: number;
}

/** Joins the assignments with the customers' orders and reads the experiment as of `now`. */
export async function analyseExperiment(shop: string, id: string, now: Date): Promise<ExperimentResult | null> {
  const experiment = await getExperiment(shop, id);
  if (!experiment) return null;
  const rows = await prisma.experimentAssignment.findMany({
    where: { shop, experimentId: id },
    select: { unitId: true, customerId: true, orderId: true, variant: true, assignedAt: true },
  });
  const units: ExperimentUnit[] = rows.map((r) => ({ unitId: r.unitId, variant: r.variant, customerId: r.customerId, orderId: r.orderId, startAt: r.assignedAt.getTime() }));
  const orders: Order[] = [];
  for await (const o of customerOrders(shop, [...new Set(units.map((u) => u.customerId))])) orders.push(o);
  const asOf = now.getTime();
  // Same-day orders are one purchase on the shop's calendar day, as in the store's repeat rate.
  const utcOffsetMinutes = (await loadStoreAnalysis(shop)).analysis?.settings.utcOffsetMinutes ?? 0;
  const outcomes = unitOutcomes(units, orders, asOf, experiment.definition.windowDays, utcOffsetMinutes);
  return { experiment, analysis: analyzeExperiment(experiment.definition, outcomes, { enrolmentClosed: experiment.status === "stopped" }), asOf };
}

/** The store's own figures an experiment is sized on, from the stored analysis. */
export interface StoreBaselines {
  /** Chance of a second order within N days of the first (Kaplan–Meier), by N. */
  repeatWithin: Record<number, number | null>;
  /** Share of orders kept with no refund or return (1 − the larger of the two rates). */
  keptRate: number | null;
  newCustomersPerMonth: number | null;
  /** When the analysis was computed; null when there is none yet. */
  computedAt: string | null;
}

export async function storeBaselines(shop: string): Promise<StoreBaselines> {
  const { analysis, computedAt } = await loadStoreAnalysis(shop);
  return baselinesOf(analysis, computedAt);
}

export function baselinesOf(analysis: StoreAnalysis | null, computedAt: string | null): StoreBaselines {
  if (!analysis) return { repeatWithin: {}, keptRate: null, newCustomersPerMonth: null, computedAt: null };
  const repeatWithin: Record<number, number | null> = {};
  for (const p of analysis.repeat.timeToSecondOrder.probabilityWithin) repeatWithin[p.days] = p.estimate.value;
  const { returnRate, refundRate } = analysis.journey.overall;
  const trouble = returnRate.value === null || refundRate.value === null ? null : Math.max(returnRate.value, refundRate.value);
  const perYear = analysis.economics.newCustomersPerYear.value;
  return { repeatWithin, keptRate: trouble === null ? null : 1 - trouble, newCustomersPerMonth: perYear === null ? null : perYear / 12, computedAt };
}

/** Shop purge (uninstall + 48 h, shop/redact): assignments go with their experiments (cascade). */
export async function deleteShopExperiments(shop: string): Promise<number> {
  return (await prisma.experiment.deleteMany({ where: { shop } })).count;
}

/** customers/redact: forget a customer's enrolments. */
export async function redactExperimentCustomers(shop: string, customerIds: readonly string[]): Promise<number> {
  return (await prisma.experimentAssignment.deleteMany({ where: { shop, customerId: { in: [...customerIds] } } })).count;
}

/**
 * Demo store only: one experiment run on the generated history, so the demo shows a read-out.
 * Sized by the power analysis on the store's figures, enrolled through assignNewOrders over the
 * days that sizing asks for, ending a full outcome window before the store's date. The
 * generated data has no treatment effect, so its honest verdict is "no clear difference".
 */
export async function ensureDemoExperiment(shop: string, now: Date, definition: (b: StoreBaselines) => NewExperiment & { enrolmentDays: number }): Promise<void> {
  if ((await prisma.experiment.count({ where: { shop } })) > 0) return;
  const first = await prisma.order.findFirst({ where: { shop }, orderBy: { createdAt: "asc" }, select: { createdAt: true } });
  if (!first) return;
  const { enrolmentDays, ...def } = definition(await storeBaselines(shop));
  const DAY = 86_400_000;
  const stop = new Date(now.getTime() - (def.windowDays + 1) * DAY);
  const start = new Date(Math.max(first.createdAt.getTime(), stop.getTime() - enrolmentDays * DAY));
  if (start >= stop) return;
  const exp = await createExperiment(shop, def, start);
  await startExperiment(shop, exp.id, start);
  let cursor: { createdAt: Date; id: string } | null = null;
  for (;;) {
    const rows: { id: string; createdAt: Date; data: string }[] = await prisma.order.findMany({
      where: {
        shop,
        createdAt: { gte: start, lt: stop },
        ...(cursor ? { OR: [{ createdAt: { gt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { gt: cursor.id } }] } : {}),
      },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: 2000,
      select: { id: true, createdAt: true, data: true },
    });
    if (rows.length === 0) break;
    await assignNewOrders(shop, rows.map((r) => JSON.parse(r.data) as Order), stop);
    const last = rows[rows.length - 1];
    cursor = { createdAt: last.createdAt, id: last.id };
  }
  await stopExperiment(shop, exp.id, stop);
}
