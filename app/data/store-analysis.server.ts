/**
 * The stored analysis every admin page reads. The engine's analyzeStore takes seconds on a
 * large store, so it runs in the background (refreshStoreAnalysis, scheduled through
 * refreshStaleAnalyses) and pages read the last result: one row per shop (AnalysisSnapshot)
 * plus one row per customer (CustomerProfile). Every query is scoped by shop.
 *
 * Staleness: ordersChanged() sets Shop.analysisStaleSince. A run takes that mark when it starts
 * (sets it to null); a change that arrives while it runs sets it again, so the next run picks it
 * up. A failed run puts the mark back.
 */
import { randomUUID } from "node:crypto";
import prisma from "../db.server";
import { withLease } from "../services/job-lease.server";
import type { Order } from "../engine/types";
import { StoreAnalyzer, type StoreAnalysis, type StoreAnalysisRun } from "../engine/analyze/analyze-store";
import { exceptionFactsFromTables } from "../engine/exception-rules";
import { rfmRow, type RfmTable } from "../engine/segments/rfm";
import { alignPredictionsByIds } from "../engine/segments/segment-summary";
import { readOrders } from "./orders.server";
import { storeExceptionFacts } from "./exception-rules.server";
import { replaceProfiles, rescoreCustomers, MAX_INCREMENTAL_CUSTOMERS } from "./customer-profiles.server";
import { profileRow, scoringContext, type CustomerClv, type ProfileRow, type ScoringContext } from "./customer-scoring";

/** What is stored: the engine's analysis (without per-customer columns) and the RFM grid behind its segments. */
export type StoredAnalysis = StoreAnalysis & {
  /** Customers by recency score (row, 5 → 1) and frequency-and-spend score (column, 1 → 5). */
  rfmGrid: number[][];
};

export type AnalysisStatus = "ready" | "computing" | "failed" | "missing";

export interface LoadedAnalysis {
  /** The last successful run (clv.perCustomer is always null here: per-customer data is in CustomerProfile). */
  analysis: StoredAnalysis | null;
  computedAt: string | null;
  asOf: number | null;
  orderCount: number;
  customerCount: number;
  /** Orders changed since the analysis was computed (or it is being recomputed). */
  stale: boolean;
  status: AnalysisStatus;
  error: string | null;
}

/**
 * Parsed analyses by shop, keyed by the run (when it finished, its duration and sizes): a page view
 * costs one small row read instead of reading and parsing the whole JSON again (about 1 MB for a
 * large store). Bounded: least recently used goes first. Shared between requests: never mutate.
 */
const parsed = new Map<string, { run: string; analysis: StoredAnalysis }>();
const PARSED_CACHE_SHOPS = 50;

type RunKey = { computedAt: Date; durationMs: number; orderCount: number; customerCount: number };
const runKey = (r: RunKey) => `${r.computedAt.getTime()}:${r.durationMs}:${r.orderCount}:${r.customerCount}`;

async function parsedAnalysis(shop: string, run: RunKey): Promise<StoredAnalysis | null> {
  const hit = parsed.get(shop);
  if (hit && hit.run === runKey(run)) {
    parsed.delete(shop);
    parsed.set(shop, hit);
    return hit.analysis;
  }
  const row = await prisma.analysisSnapshot.findUnique({
    where: { shop },
    select: { analysis: true, computedAt: true, durationMs: true, orderCount: true, customerCount: true },
  });
  if (!row?.analysis) return null;
  const analysis = JSON.parse(row.analysis) as StoredAnalysis;
  parsed.delete(shop);
  parsed.set(shop, { run: runKey(row), analysis });
  if (parsed.size > PARSED_CACHE_SHOPS) parsed.delete(parsed.keys().next().value as string);
  return analysis;
}

export async function loadStoreAnalysis(shop: string): Promise<LoadedAnalysis> {
  const [snapshot, shopRow] = await Promise.all([
    prisma.analysisSnapshot.findUnique({
      where: { shop },
      select: { status: true, asOf: true, computedAt: true, durationMs: true, orderCount: true, customerCount: true, error: true },
    }),
    prisma.shop.findUnique({ where: { shop }, select: { analysisStaleSince: true } }),
  ]);
  if (snapshot === null) {
    return { analysis: null, computedAt: null, asOf: null, orderCount: 0, customerCount: 0, stale: shopRow?.analysisStaleSince != null, status: "missing", error: null };
  }
  const status = snapshot.status as AnalysisStatus;
  return {
    analysis: await parsedAnalysis(shop, snapshot),
    computedAt: snapshot.computedAt.toISOString(),
    asOf: snapshot.asOf.getTime(),
    orderCount: snapshot.orderCount,
    customerCount: snapshot.customerCount,
    stale: shopRow?.analysisStaleSince != null || status === "computing",
    status,
    error: snapshot.error,
  };
}

/** The scoring cut-offs of the last run (null before the first run). */
async function loadScoringContext(shop: string): Promise<ScoringContext | null> {
  const row = await prisma.analysisSnapshot.findUnique({ where: { shop }, select: { scoring: true } });
  return row?.scoring ? (JSON.parse(row.scoring) as ScoringContext) : null;
}

function rfmGrid(t: RfmTable): number[][] {
  const grid = Array.from({ length: 5 }, () => [0, 0, 0, 0, 0]);
  for (let i = 0; i < t.n; i++) {
    if (t.r[i] === 0) continue;
    grid[5 - t.r[i]][Math.round((t.f[i] + t.m[i]) / 2) - 1]++;
  }
  return grid;
}

/** The analysis, the per-customer rows and the cut-offs, from a finished analyzer run (pure). */
export function storedResult(shop: string, run: StoreAnalysisRun, options: { asOf: number; currency: string; utcOffsetMinutes?: number }) {
  const utcOffsetMinutes = options.utcOffsetMinutes ?? 0;
  const { asOf, currency } = options;
  const { analysis } = run;
  const { profiles, rfm, seed } = run.segments;
  // The forecast's columns, aligned with the profiles (NaN = no forecast for that customer).
  const p = analysis.clv.perCustomer;
  const clv = p ? alignPredictionsByIds(profiles, p.customerIds, { clv: p.revenue, pAlive: p.pAlive, expectedOrders: p.expectedOrders }) : null;
  const clvAt = (i: number): CustomerClv | null =>
    clv?.clv && clv.pAlive && clv.expectedOrders && Number.isFinite(clv.clv[i]) ? { revenue: clv.clv[i], pAlive: clv.pAlive[i], expectedOrders: clv.expectedOrders[i] } : null;
  const at = new Date(asOf);
  function* rows(): Generator<ProfileRow> {
    for (let i = 0; i < profiles.length; i++) {
      yield profileRow({ shop, profile: profiles[i], rfm: rfmRow(rfm, i), seed, clv: clvAt(i), currency, source: "full", at });
    }
  }
  const stored: StoredAnalysis = { ...analysis, clv: { ...analysis.clv, perCustomer: null }, rfmGrid: rfmGrid(rfm) };
  return { analysis: stored, rows, customers: profiles.length, scoring: scoringContext(rfm, seed, currency, utcOffsetMinutes) };
}

/** The same from orders in hand (tests, the demo store). */
export function computeStoreAnalysis(shop: string, orders: Iterable<Order>, options: { asOf: number; currency: string; utcOffsetMinutes?: number }) {
  const analyzer = new StoreAnalyzer({ ...options, expectedOrders: Array.isArray(orders) ? orders.length : 0 });
  for (const o of orders) analyzer.add(o);
  return storedResult(shop, analyzer.finish(), options);
}

/**
 * Recomputes a shop's analysis from all its orders as of `now` and stores it with the customer
 * profiles and step 2's exception facts. The orders stream from the database into the analyzer
 * and are not kept: a million-order store needs the analyzer's compact tables (a few hundred
 * MB), not a million order objects. Throws after recording the failure (the last good analysis
 * stays readable).
 */
export interface RefreshResult {
  orders: number;
  customers: number;
  durationMs: number;
  /** Where the time went (ms): streaming the orders through the analyzer, then each write. */
  phases: { readAndAnalyze: number; profiles: number; exceptionFacts: number; snapshot: number };
}

export async function refreshStoreAnalysis(shop: string, now: Date): Promise<RefreshResult> {
  const started = performance.now();
  const shopRow = await prisma.shop.findUnique({ where: { shop }, select: { currency: true, analysisStaleSince: true } });
  const staleSince = shopRow?.analysisStaleSince ?? null;
  // Take the stale mark: changes from here on set it again.
  await prisma.shop.updateMany({ where: { shop }, data: { analysisStaleSince: null } });
  await prisma.analysisSnapshot.updateMany({ where: { shop }, data: { status: "computing" } });
  try {
    const asOf = now.getTime();
    const expectedOrders = await prisma.order.count({ where: { shop } });
    let currency = shopRow?.currency ?? null;
    let analyzer: StoreAnalyzer | null = null;
    for await (const o of readOrders(shop)) {
      // Without a stored shop currency, the orders' currency names the money in sentences.
      analyzer ??= new StoreAnalyzer({ asOf, currency: (currency ??= o.currency || "USD"), expectedOrders });
      analyzer.add(o);
    }
    currency ??= "USD";
    const run = (analyzer ?? new StoreAnalyzer({ asOf, currency })).finish();
    const result = storedResult(shop, run, { asOf, currency });
    const analysed = performance.now();
    await replaceProfiles(shop, result.rows(), now);
    const profiled = performance.now();
    // Step 2's rule counts read compact per-order facts, built from the tables this run already has.
    await storeExceptionFacts(shop, exceptionFactsFromTables(run.table, run.history), now);
    const facts = performance.now();
    const durationMs = Math.round(performance.now() - started);
    const data = {
      status: "ready",
      asOf: now,
      computedAt: new Date(now.getTime() + durationMs),
      durationMs,
      orderCount: result.analysis.counts.orders,
      customerCount: result.customers,
      analysis: JSON.stringify(result.analysis),
      scoring: JSON.stringify(result.scoring),
      error: null,
    };
    await prisma.analysisSnapshot.upsert({ where: { shop }, create: { shop, ...data }, update: data });
    const ms = (from: number, to: number) => Math.round(to - from);
    return {
      orders: result.analysis.counts.inputOrders,
      customers: result.customers,
      durationMs,
      phases: { readAndAnalyze: ms(started, analysed), profiles: ms(analysed, profiled), exceptionFacts: ms(profiled, facts), snapshot: ms(facts, performance.now()) },
    };
  } catch (e) {
    const error = e instanceof Error ? e.message : String(e);
    await prisma.analysisSnapshot.updateMany({ where: { shop }, data: { status: "failed", error } });
    if (staleSince !== null) {
      await prisma.shop.updateMany({ where: { shop, OR: [{ analysisStaleSince: null }, { analysisStaleSince: { gt: staleSince } }] }, data: { analysisStaleSince: staleSince } });
    }
    throw e;
  }
}

/** A full run waits this long after the first unprocessed change, so a burst of webhooks costs one run. */
export const REFRESH_DELAY_MS = 60_000;
/** …and at least this many times its last duration, so a large store is not recomputed back to back. */
export const REFRESH_DURATION_FACTOR = 5;

/**
 * Shops whose analysis is due: stale for long enough, or left "computing" by a run that died (its
 * lease below expires, so the rerun waits for a live run to finish).
 */
export async function staleShops(now: Date): Promise<string[]> {
  const [shops, interrupted] = await Promise.all([
    prisma.shop.findMany({
      where: { uninstalledAt: null, analysisStaleSince: { not: null, lte: new Date(now.getTime() - REFRESH_DELAY_MS) } },
      select: { shop: true, analysisStaleSince: true },
    }),
    prisma.analysisSnapshot.findMany({ where: { status: "computing" }, select: { shop: true } }),
  ]);
  const last = await prisma.analysisSnapshot.findMany({ where: { shop: { in: shops.map((s) => s.shop) } }, select: { shop: true, durationMs: true } });
  const duration = new Map(last.map((s) => [s.shop, s.durationMs]));
  const due = shops
    .filter((s) => (s.analysisStaleSince as Date).getTime() <= now.getTime() - REFRESH_DURATION_FACTOR * (duration.get(s.shop) ?? 0))
    .map((s) => s.shop);
  return [...new Set([...due, ...interrupted.map((s) => s.shop)])];
}

/** Longest a run may hold a shop before another process may take over (a crashed run's lease expires). */
export const REFRESH_LEASE_MS = 30 * 60_000;

/**
 * The scheduled entry point (the job runner calls it): refreshes every shop whose analysis is
 * due, one at a time, each under a lease so two processes never compute the same shop. A failing
 * shop is reported and does not stop the others.
 */
export async function refreshStaleAnalyses(
  now: Date,
  holder = `analysis-${randomUUID()}`,
): Promise<{ refreshed: string[]; failed: { shop: string; error: string }[] }> {
  const refreshed: string[] = [];
  const failed: { shop: string; error: string }[] = [];
  for (const shop of await staleShops(now)) {
    try {
      const done = await withLease(shop, "store-analysis", holder, now, REFRESH_LEASE_MS, () => refreshStoreAnalysis(shop, now));
      if (done) refreshed.push(shop);
    } catch (e) {
      failed.push({ shop, error: e instanceof Error ? e.message : String(e) });
    }
  }
  return { refreshed, failed };
}

/**
 * Incremental part of ordersChanged: re-scores the changed customers right away against the
 * last run's cut-offs. Skipped before the first run and for large batches (an import), where the
 * full run that the stale mark schedules does the work.
 */
export async function updateChangedCustomers(shop: string, customerIds: readonly string[], now: Date): Promise<number> {
  const ids = [...new Set(customerIds)];
  if (ids.length === 0 || ids.length > MAX_INCREMENTAL_CUSTOMERS) return 0;
  const ctx = await loadScoringContext(shop);
  if (ctx === null) return 0;
  return rescoreCustomers(shop, ids, ctx, now);
}
