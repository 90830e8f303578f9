/**
 * Store analysis benchmark on a 1,000,000-order demo store (about 300,000 customers; orders
 * come from the generator through the Admin-order mapper, the sync's work, timed apart):
 * 1. `StoreAnalyzer` fed as the orders stream past (the refresh's shape: nothing keeps the
 *    orders), with the process peak memory at that point;
 * 2. `analyzeStore` over an array already in memory (the garbage collector's cost of holding
 *    the orders), then `buildPlan` + `renderPlanMarkdown`;
 * 3. the streamed work step by step, to name the bottleneck.
 */
import { iterateOrders, planDemoStore } from "../app/demo/generate-store";
import { mapAdminOrder } from "../app/sync/map-admin-order";
import { analyzeStore, StoreAnalyzer } from "../app/engine/analyze/analyze-store";
import { analyzeClv, predictedRevenueById } from "../app/engine/analyze/clv-analysis";
import { channelConsistency } from "../app/engine/analyze/channel-consistency";
import { resolveMargin } from "../app/engine/analyze/margin";
import { monthlyVolumes } from "../app/engine/analyze/monthly-volumes";
import { OrderTablesBuilder } from "../app/engine/analyze/order-tables";
import { orderTotalsFromRows } from "../app/engine/analyze/order-totals";
import { addOrderAsOf, segmentsFromBook } from "../app/engine/analyze/segment-analysis";
import { storeEconomics } from "../app/engine/analyze/store-economics";
import { auditJourneyTable } from "../app/engine/journey/audit";
import { linkDeliveryToRepeat } from "../app/engine/link/delivery-ltv-link";
import { analyzeRepeat } from "../app/engine/repeat/analyze-repeat";
import { purchaseHistoryFromRows } from "../app/engine/repeat/purchase-history";
import { createProfileBook } from "../app/engine/segments/profile-book";
import { buildPlan } from "../app/engine/plan/build-plan";
import { renderPlanMarkdown } from "../app/engine/plan/render-markdown";
import type { Order } from "../app/engine/types";

type Result = { name: string; ms: number; peakRssMb?: number; note?: string };

const AS_OF = Date.UTC(2026, 5, 30, 12);
const MB = 1_048_576;

const rssMb = () => Math.round(process.memoryUsage().rss / MB);
const maxRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);
const cpuMs = (since: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(since);
  return Math.round((u.user + u.system) / 1000);
};
const gc = () => (globalThis as { gc?: () => void }).gc?.();

/** Times `f`, with CPU time (more telling than wall time on a shared machine) and RSS after. */
function timed<T>(name: string, results: Result[], f: () => T, note = ""): T {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const value = f();
  const ms = performance.now() - start;
  results.push({ name, ms, peakRssMb: Math.max(rssMb(), 0), note: `cpu ${cpuMs(cpu)} ms${note ? `; ${note}` : ""}` });
  return value;
}

export async function run(options: { orders?: number } = {}): Promise<Result[]> {
  const target = options.orders ?? Number(process.env.ANALYZE_BENCH_ORDERS ?? 1_000_000);
  const results: Result[] = [];

  const plan = timed("analyze: demo store plan (pilot run)", results, () => planDemoStore({ asOf: AS_OF, orders: target, seed: "analyze-bench" }));

  // 1. The production shape: orders stream past (from the database, here from the generator)
  // in pages and are not kept. Only the analyzer's own work is timed: each page of orders is
  // generated first, then fed (the refresh reads pages of 5,000 the same way).
  gc();
  // Pre-sized like the refresh, which counts the shop's orders first.
  const analyzer = new StoreAnalyzer({ asOf: AS_OF, currency: "USD", expectedOrders: target });
  const page: Order[] = [];
  let addMs = 0;
  let addCpu = 0;
  let generated = 0;
  const feed = () => {
    const cpu = process.cpuUsage();
    const t = performance.now();
    for (const o of page) analyzer.add(o);
    addMs += performance.now() - t;
    addCpu += cpuMs(cpu);
    generated += page.length;
    page.length = 0;
  };
  for (const admin of iterateOrders(plan)) {
    page.push(mapAdminOrder(admin));
    if (page.length === 5000) feed();
  }
  feed();
  results.push({ name: `analyze: StoreAnalyzer.add × ${generated} orders (streamed in pages of 5,000)`, ms: addMs, note: `cpu ${Math.round(addCpu)} ms; the generator's time between pages excluded` });
  const streamed = timed("analyze: StoreAnalyzer.finish (every analysis from the tables)", results, () => analyzer.finish().analysis);
  const fin = results[results.length - 1];
  fin.peakRssMb = maxRssMb();
  fin.note += `; process peak ${fin.peakRssMb} MB (generator, pages and analysis; no order kept); ${streamed.counts.customers} customers`;
  results.push({
    name: "analyze: streamed analysis end to end (add + finish)",
    ms: addMs + fin.ms,
    peakRssMb: fin.peakRssMb,
    note: `${generated} orders; the target is < 10 s on one core and < 1.5 GB`,
  });

  // 2. The same analysis over an array already in memory (as tests and small stores call it):
  // the time is the analysis alone, but every major GC now traces the ~1.6 GB of order objects
  // (why the refresh streams: see docs/decisions/0012).
  const orders: Order[] = [];
  let peak = rssMb();
  timed(
    `analyze: generate + map ${target} orders into an array`,
    results,
    () => {
      for (const admin of iterateOrders(plan)) {
        orders.push(mapAdminOrder(admin));
        if ((orders.length & 0xffff) === 0) peak = Math.max(peak, rssMb());
      }
    },
    "fixture for the rows below, not part of the analysis",
  );
  results[results.length - 1].note += `; ${orders.length} orders, ${plan.customers} simulated customers; peak sampled ${Math.max(peak, rssMb())} MB`;
  gc();
  const before = rssMb();
  const analysis = timed("analyze: analyzeStore over the in-memory array", results, () => analyzeStore(orders, { asOf: AS_OF, currency: "USD" }));
  const e2e = results[results.length - 1];
  e2e.peakRssMb = maxRssMb();
  e2e.note += `; RSS ${before} MB before (orders in memory), process peak ${e2e.peakRssMb} MB; ${analysis.counts.customers} customers, ` +
    `late gap ${(analysis.delivery.lateAny?.repeatGap.value ?? Number.NaN).toFixed(3)}, biggest friction ${analysis.delivery.biggest?.problem ?? "none"}`;
  if (JSON.stringify(analysis.counts) !== JSON.stringify(streamed.counts)) throw new Error("streamed and in-memory analyses differ");

  const planned = timed("analyze: buildPlan", results, () => buildPlan(analysis, { grossMarginPercent: 55, monthlySupportTickets: 2000, minutesPerTicket: 6 }));
  const md = timed("analyze: renderPlanMarkdown", results, () => renderPlanMarkdown(planned));
  results[results.length - 1].note += `; ${md.length} characters`;
  gc();

  orders.length = 0;
  gc();

  // 3. The streamed work step by step (as StoreAnalyzer does it), to see where the time goes.
  const tables = new OrderTablesBuilder(AS_OF);
  const book = createProfileBook({});
  let tablesMs = 0;
  let bookMs = 0;
  const stepPage: Order[] = [];
  const feedSteps = () => {
    let t = performance.now();
    for (const o of stepPage) tables.add(o);
    tablesMs += performance.now() - t;
    t = performance.now();
    for (const o of stepPage) addOrderAsOf(book, o, AS_OF);
    bookMs += performance.now() - t;
    stepPage.length = 0;
  };
  for (const admin of iterateOrders(plan)) {
    stepPage.push(mapAdminOrder(admin));
    if (stepPage.length === 5000) feedSteps();
  }
  feedSteps();
  results.push({ name: "analyze step: add to the order tables (dedupe + journey table + order rows)", ms: tablesMs, note: "streamed in pages of 5,000" });
  results.push({ name: "analyze step: add to the profile book", ms: bookMs, note: "streamed in pages of 5,000" });
  const step = <T>(name: string, f: () => T) => timed(`analyze step: ${name}`, results, f);
  const { table, rows } = step("finish the order tables", () => tables.finish());
  const history = step("purchase history (from rows)", () => purchaseHistoryFromRows(rows, { asOf: AS_OF }));
  const journey = step("journey audit (table given)", () => auditJourneyTable(table, { asOf: AS_OF }));
  step("repeat analysis (history given)", () => analyzeRepeat([], { asOf: AS_OF, history }));
  const totals = step("order totals + margin", () => orderTotalsFromRows(rows));
  const margin = resolveMargin(totals);
  const clv = step("CLV fit + holdout + per-customer", () => analyzeClv(history, { horizonMonths: 12, discountRateMonthly: 0.01, unitDays: 7 }, margin));
  const perCustomer = clv.perCustomer ?? undefined;
  step("delivery → repeat link (forecast by history index)", () =>
    linkDeliveryToRepeat([], { asOf: AS_OF, predictedClvByCustomer: perCustomer?.revenue, prepared: { table, history } }),
  );
  step("segments from the book (RFM, seed, behaviour, summaries)", () =>
    segmentsFromBook(book, { asOf: AS_OF, currency: "USD", predictedClv: predictedRevenueById(clv), perCustomer }),
  );
  step("economics + channels + volumes", () => {
    storeEconomics(history, totals, [90, 180, 365]);
    channelConsistency(history, journey, totals.ordersByChannel);
    return monthlyVolumes(table);
  });
  return results;
}
