/**
 * Demo store generator benchmark: stream 1,000,000 Admin-shaped orders, map each
 * to the engine's Order, and report wall time and peak RSS (memory must stay flat:
 * nothing is retained).
 */
import { iterateOrders, planDemoStore } from "../app/demo/generate-store";
import { mapAdminOrder } from "../app/sync/map-admin-order";

const AS_OF = Date.UTC(2026, 5, 30, 12);

type BenchResult = { name: string; ms: number; peakRssMb?: number; note?: string };

function rssMb(): number {
  return process.memoryUsage().rss / 1_048_576;
}

/** CPU time of this process since `since` (ms): on a shared machine it says more than wall time. */
function cpuMs(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
}

export async function run(options: { orders?: number } = {}): Promise<BenchResult[]> {
  const target = options.orders ?? Number(process.env.DEMO_BENCH_ORDERS ?? 1_000_000);
  const results: BenchResult[] = [];

  let started = performance.now();
  let cpu = process.cpuUsage();
  const plan = planDemoStore({ asOf: AS_OF, orders: target, seed: "bench" });
  results.push({ name: "demo: plan (pilot run)", ms: performance.now() - started, note: `${plan.customers} customers for ~${target} orders; cpu ${Math.round(cpuMs(cpu))} ms` });

  let peak = rssMb();
  let count = 0;
  let lineItems = 0;
  started = performance.now();
  cpu = process.cpuUsage();
  for (const order of iterateOrders(plan)) {
    count++;
    lineItems += order.lineItems.nodes.length;
    if ((count & 0x3fff) === 0) peak = Math.max(peak, rssMb());
  }
  const generateMs = performance.now() - started;
  const generateCpu = cpuMs(cpu);
  results.push({
    name: `demo: generate ${count} orders (stream)`,
    ms: generateMs,
    peakRssMb: Math.round(peak),
    note: `${((generateMs * 1000) / count).toFixed(1)} µs/order wall, cpu ${Math.round(generateCpu)} ms; ${lineItems} lines`,
  });

  peak = rssMb();
  let mapped = 0;
  let revenue = 0;
  started = performance.now();
  cpu = process.cpuUsage();
  for (const order of iterateOrders(plan)) {
    const o = mapAdminOrder(order);
    revenue += o.totalPrice;
    if ((++mapped & 0x3fff) === 0) peak = Math.max(peak, rssMb());
  }
  const totalMs = performance.now() - started;
  results.push({
    name: `demo: generate + map ${mapped} orders (stream)`,
    ms: totalMs,
    peakRssMb: Math.round(peak),
    note: `cpu ${Math.round(cpuMs(cpu))} ms; map alone ≈ ${(((cpuMs(cpu) - generateCpu) * 1000) / mapped).toFixed(1)} µs/order cpu; revenue ${Math.round(revenue)}`,
  });
  return results;
}
