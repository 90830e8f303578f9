/**
 * Experiments benchmark: hashing 1,000,000 units to variants; joining 200,000 enrolled customers
 * with 600,000 orders (unitOutcomes); the full read-out (Kaplan–Meier, log-rank, two-proportion
 * tests, sample ratio check) over them; and the log-rank test alone on 200,000 subjects.
 * Orders are generated outside the timed sections.
 */
import { Random } from "../app/demo/random";
import { analyzeExperiment, assignVariantIndex, logRankTest, unitOutcomes, type ExperimentUnit } from "../app/engine/experiments";
import { twoVariantExperiment } from "../app/engine/testing/fixtures";
import { order } from "../app/engine/testing/order-builder";
import type { Order } from "../app/engine/types";

type Result = { name: string; ms: number; peakRssMb?: number; note?: string };

const DAY = 86_400_000;
const AS_OF = Date.UTC(2026, 0, 1);
const CUSTOMERS = 200_000;
const peakRssMb = () => process.resourceUsage().maxRSS / 1024;

const definition = twoVariantExperiment({ id: "bench", name: "bench", mde: 0.03, plannedPerVariant: 2900 });

export async function run(): Promise<Result[]> {
  const results: Result[] = [];
  const ids = Array.from({ length: 1_000_000 }, (_, i) => `gid://shopify/Customer/${10_000_000 + i}`);
  // Calibration: how fast the machine was at the time (shared machines vary several-fold).
  let t0 = performance.now();
  const calibration = new Map<string, number>();
  for (let i = 0; i < ids.length; i++) calibration.set(ids[i], i);
  results.push({ name: "experiments: calibration, 1M Map.set of customer-id strings", ms: performance.now() - t0 });
  t0 = performance.now();
  let treated = 0;
  for (const id of ids) treated += assignVariantIndex("bench-experiment", id, 2);
  results.push({ name: "experiments: assign 1M units (hash → variant)", ms: performance.now() - t0, note: `${treated.toLocaleString("en-US")} treated` });

  const rng = new Random("experiments-bench");
  const units: ExperimentUnit[] = [];
  const orders: Order[] = [];
  for (let c = 0; c < CUSTOMERS; c++) {
    const customerId = ids[c];
    const start = AS_OF - Math.floor(30 + rng.next() * 330) * DAY;
    const first = order({ id: `o${c}-0`, customer: customerId, at: start });
    orders.push(first);
    units.push({ unitId: customerId, customerId, orderId: first.id, startAt: start, variant: assignVariantIndex("bench-experiment", customerId, 2) ? "treatment" : "control" });
    for (let k = 1, t = start; k < 3; k++) {
      t += Math.floor(1 + rng.next() * 200) * DAY;
      if (t < AS_OF) orders.push(order({ id: `o${c}-${k}`, customer: customerId, at: t }));
    }
  }
  t0 = performance.now();
  const outcomes = unitOutcomes(units, orders, AS_OF, 90);
  results.push({ name: `experiments: join ${CUSTOMERS.toLocaleString("en-US")} enrolled customers with ${orders.length.toLocaleString("en-US")} orders`, ms: performance.now() - t0, peakRssMb: peakRssMb() });

  t0 = performance.now();
  const a = analyzeExperiment(definition, outcomes);
  results.push({ name: "experiments: read-out (KM, log-rank, z-tests, SRM), 200k units", ms: performance.now() - t0, note: a.verdict.headline });

  const groups = [0, 1].map(() => ({ events: [] as number[], censored: [] as number[] }));
  outcomes.forEach((o, i) => (o.nextOrderDays !== null ? groups[i % 2].events.push(o.nextOrderDays) : groups[i % 2].censored.push(o.followUpDays)));
  t0 = performance.now();
  logRankTest(groups);
  results.push({ name: "experiments: log-rank test, 200k subjects", ms: performance.now() - t0, peakRssMb: peakRssMb() });
  return results;
}
