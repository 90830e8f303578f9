/**
 * Store analysis benchmark: a 1,000,000-order demo store (about 300,000 customers) streamed
 * from the generator through the Admin-order mapper into an array of Orders (timed apart:
 * that is the sync's work), then `analyzeStore` end to end, then a per-component breakdown
 * (same work, timed step by step, to name the bottleneck), then `buildPlan` +
 * `renderPlanMarkdown`.
 *
 * Memory: `process.memoryUsage().rss` is sampled around each step and the process peak
 * (`resourceUsage().maxRSS`) reported; the orders array itself is most of the heap.
 */
import { iterateOrders, planDemoStore } from "../app/demo/generate-store";
import { mapAdminOrder } from "../app/sync/map-admin-order";
import { analyzeStore } from "../app/engine/analyze/analyze-store";
import { analyzeClv, predictedRevenueById } from "../app/engine/analyze/clv-analysis";
import { channelConsistency } from "../app/engine/analyze/channel-consistency";
import { resolveMargin } from "../app/engine/analyze/margin";
import { monthlyVolumes } from "../app/engine/analyze/monthly-volumes";
import { orderTotals } from "../app/engine/analyze/order-totals";
import { analyzeSegments } from "../app/engine/analyze/segment-analysis";
import { storeEconomics } from "../app/engine/analyze/store-economics";
import { auditJourney } from "../app/engine/journey/audit";
import { dedupeOrders } from "../app/engine/journey/dedupe-orders";
import { buildJourneyTable } from "../app/engine/journey/journey-table";
import { linkDeliveryToRepeat } from "../app/engine/link/delivery-ltv-link";
import { analyzeRepeat } from "../app/engine/repeat/analyze-repeat";
import { buildPurchaseHistory } from "../app/engine/repeat/purchase-history";
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
    "fixture (the sync's work), not part of the analysis",
  );
  results[results.length - 1].note += `; ${orders.length} orders, ${plan.customers} simulated customers; peak sampled ${Math.max(peak, rssMb())} MB`;
  gc();
  const before = rssMb();

  // End to end.
  const analysis = timed("analyze: analyzeStore end to end", results, () => analyzeStore(orders, { asOf: AS_OF, currency: "USD" }));
  const e2e = results[results.length - 1];
  e2e.peakRssMb = maxRssMb();
  e2e.note += `; RSS ${before} MB before (orders in memory), process peak ${e2e.peakRssMb} MB; ${analysis.counts.customers} customers, ` +
    `late gap ${(analysis.delivery.lateAny?.repeatGap.value ?? Number.NaN).toFixed(3)}, biggest friction ${analysis.delivery.biggest?.problem ?? "none"}`;

  const planned = timed("analyze: buildPlan", results, () => buildPlan(analysis, { grossMarginPercent: 55, monthlySupportTickets: 2000, minutesPerTicket: 6 }));
  const md = timed("analyze: renderPlanMarkdown", results, () => renderPlanMarkdown(planned), );
  results[results.length - 1].note += `; ${md.length} characters`;
  gc();

  // The same work step by step, to see where the time goes.
  const step = <T>(name: string, f: () => T) => timed(`analyze step: ${name}`, results, f);
  const { orders: unique } = step("dedupe orders", () => dedupeOrders(orders));
  const table = step("journey table", () => buildJourneyTable(unique, AS_OF));
  const history = step("purchase history", () => buildPurchaseHistory(unique, { asOf: AS_OF }));
  const journey = step("journey audit (table given)", () => auditJourney(unique, { asOf: AS_OF, table }));
  step("repeat analysis (history given)", () => analyzeRepeat(unique, { asOf: AS_OF, history }));
  const totals = step("order totals + margin", () => orderTotals(unique, AS_OF));
  const margin = resolveMargin(totals);
  const clv = step("CLV fit + holdout + per-customer", () => analyzeClv(history, { horizonMonths: 12, discountRateMonthly: 0.01, unitDays: 7 }, margin));
  const predicted = step("CLV map by customer id", () => predictedRevenueById(clv));
  step("delivery → repeat link (prepared)", () => linkDeliveryToRepeat(unique, { asOf: AS_OF, predictedClv: predicted, prepared: { orders: unique, table, history } }));
  step("segments (profiles, RFM, seed, behaviour, summaries)", () => analyzeSegments(unique, { asOf: AS_OF, currency: "USD", predictedClv: predicted }));
  step("economics + channels + volumes", () => {
    storeEconomics(history, totals, [90, 180, 365]);
    channelConsistency(unique, history, journey, totals.ordersByChannel);
    return monthlyVolumes(table);
  });
  return results;
}
