/**
 * Exception rules on 1,000,000 orders (one core): building the compact per-order exception facts
 * (once per analysis refresh), packing/unpacking them for storage, and counting how many past
 * orders each of the four default rules would have triggered (what the step 2 page does on every
 * load and save). Uses the journey bench's seeded order generator.
 */
import { generateOrders } from "./journey.bench";
import { dedupeOrders } from "../app/engine/journey/dedupe-orders";
import { buildJourneyTable } from "../app/engine/journey/journey-table";
import { buildPurchaseHistory } from "../app/engine/repeat/purchase-history";
import { analyzeStore } from "../app/engine/analyze/analyze-store";
import { buildPlan } from "../app/engine/plan/build-plan";
import { stepView } from "../app/pages/steps/step-view";
import { STEP_KEYS } from "../app/pages/steps/steps";
import { buildExceptionFacts, exceptionFactsFromTables, countRuleTriggers, defaultRules, packExceptionFacts, priorSpendQuantile, unpackExceptionFacts } from "../app/engine/exception-rules";

type Result = { name: string; ms: number; peakRssMb?: number; note?: string };

const AS_OF = Date.UTC(2025, 0, 1);
const RUNS = 30;

function median(fn: () => unknown, runs = RUNS): { median: number; p95: number } {
  fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(runs / 2)], p95: times[Math.min(runs - 1, Math.floor(runs * 0.95))] };
}

export async function run(options: { orders?: number } = {}): Promise<Result[]> {
  const n = options.orders ?? Number(process.env.RULES_BENCH_ORDERS ?? 1_000_000);
  const orders = generateOrders(n, Math.round(n * 0.3));
  const results: Result[] = [];

  // Standalone (the step page's fallback when no stored facts exist yet).
  let t = performance.now();
  const facts = buildExceptionFacts(orders, { asOf: AS_OF });
  results.push({ name: `exception facts from ${n.toLocaleString("en-US")} orders (standalone)`, ms: performance.now() - t, note: `${facts.size.toLocaleString("en-US")} exception orders kept` });

  // With the journey table and purchase history the analysis refresh already built.
  const deduped = dedupeOrders(orders).orders;
  const table = buildJourneyTable(deduped, AS_OF);
  const history = buildPurchaseHistory(deduped, { asOf: AS_OF });
  t = performance.now();
  exceptionFactsFromTables(table, history);
  results.push({ name: "exception facts, sharing the analysis' journey table and history", ms: performance.now() - t });

  const bytes = packExceptionFacts(facts);
  const pack = median(() => packExceptionFacts(facts));
  results.push({ name: "pack facts for storage", ms: pack.median, note: `${(bytes.byteLength / 1e6).toFixed(1)} MB; p95 ${pack.p95.toFixed(1)} ms` });
  const unpack = median(() => unpackExceptionFacts(bytes));
  results.push({ name: "unpack stored facts", ms: unpack.median, note: `p95 ${unpack.p95.toFixed(1)} ms` });

  const rules = defaultRules(priorSpendQuantile(facts, 0.9));
  const count = median(() => rules.map((r) => countRuleTriggers(r, facts, 1096)));
  results.push({ name: "count triggers of the 4 default rules", ms: count.median, note: `median of ${RUNS}; p95 ${count.p95.toFixed(1)} ms`, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) });

  // The guided step loader's own CPU work on top of reading the stored analysis: the plan with the
  // answers so far, cut down to one step's view. The analysis is aggregate, so its size hardly
  // grows with orders; 100,000 orders keep the setup short.
  const analysis = analyzeStore(orders.slice(0, 100_000), { asOf: AS_OF, currency: "USD" });
  const json = JSON.stringify({ ...analysis, clv: { ...analysis.clv, perCustomer: null } });
  const step = median(() => {
    const plan = buildPlan(JSON.parse(json), { monthlySupportTickets: 900, minutesPerTicket: 6 });
    for (const k of STEP_KEYS) stepView(k, analysis, plan);
  }, 10);
  results.push({ name: "step page: parse stored analysis + build plan + all six step views", ms: step.median, note: `analysis JSON ${(json.length / 1e6).toFixed(2)} MB; p95 ${step.p95.toFixed(1)} ms` });
  return results;
}
