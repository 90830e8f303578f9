/**
 * CLV model benchmark. Main figure: BG/NBD maximum-likelihood fit on 1,000,000 synthetic
 * customers simulated from the BG/NBD process itself (seeded), recorded by calendar day as a
 * real store's orders are, first purchases spread over two years. Target: < 1 s on one core
 * (Python `lifetimes` takes ~11 s). Also: the worst case where no two customers share a
 * (x, tx, T) triple, the spend fit, 12-month CLV for everyone, and summarizing 3M transactions.
 */

import { fitBgNbd } from "../app/engine/clv/bgnbd";
import { computeClvColumnar, fitClvModels } from "../app/engine/clv/clv";
import { fitGammaGamma } from "../app/engine/clv/gamma-gamma";
import { createRng, simulateBgNbd, simulateGammaGammaSpend } from "../app/engine/clv/simulate";
import { summarizeTransactions, type SummaryColumns } from "../app/engine/clv/summary";

type Row = { name: string; ms: number; peakRssMb?: number; note?: string };

const TRUE = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const N = 1_000_000;

function peakRssMb(): number | undefined {
  const p = (globalThis as { process?: { resourceUsage?: () => { maxRSS: number } } }).process;
  return p?.resourceUsage ? Math.round(p.resourceUsage().maxRSS / 1024) : undefined;
}

function cpuMs(): number {
  const p = (globalThis as { process?: { cpuUsage?: () => { user: number; system: number } } }).process;
  const u = p?.cpuUsage?.();
  return u ? (u.user + u.system) / 1000 : NaN;
}

/** Wall time, plus this process's CPU time (steadier than wall time on a shared machine). */
function time<T>(fn: () => T): { value: T; ms: number; cpu: string } {
  const t0 = performance.now();
  const c0 = cpuMs();
  const value = fn();
  return { value, ms: performance.now() - t0, cpu: `cpu ${Math.round(cpuMs() - c0)} ms` };
}

const fmt = (p: Record<string, number>) =>
  Object.entries(p)
    .map(([k, v]) => `${k}=${v.toFixed(3)}`)
    .join(" ");

export async function run(): Promise<Row[]> {
  const rows: Row[] = [];
  const sim = time(() => simulateBgNbd(TRUE, { customers: N, seed: 20240601, minT: 1 / 7, maxT: 104, unitDays: 7 }));
  rows.push({ name: "clv: simulate 1M BG/NBD customers (daily)", ms: sim.ms, peakRssMb: peakRssMb(), note: sim.cpu });

  const fit = time(() => fitBgNbd(sim.value));
  rows.push({
    name: "clv: BG/NBD fit, 1M customers (daily data)",
    ms: fit.ms,
    peakRssMb: peakRssMb(),
    note:
      `${fit.cpu}; ${fit.value.groups} distinct (x,tx,T), ${fit.value.evaluations} LL+gradient evals, converged=${fit.value.converged}; ` +
      `${fmt(fit.value.params as unknown as Record<string, number>)} (simulated with 0.243/4.414/0.793/2.426; same-day merging shifts α)`,
  });

  const continuous = simulateBgNbd(TRUE, { customers: N, seed: 7, minT: 1 / 7, maxT: 104 });
  const worst = time(() => fitBgNbd(continuous));
  rows.push({
    name: "clv: BG/NBD fit, 1M customers (continuous time, no shared triples)",
    ms: worst.ms,
    peakRssMb: peakRssMb(),
    note: `${worst.cpu}; ${worst.value.groups} groups, ${worst.value.evaluations} evals; ${fmt(worst.value.params as unknown as Record<string, number>)}`,
  });

  const m = simulateGammaGammaSpend({ p: 6.25, q: 3.74, gamma: 15.44 }, sim.value.x, 99);
  const gg = time(() => fitGammaGamma({ x: sim.value.x, m }));
  rows.push({
    name: "clv: Gamma-Gamma fit, repeat customers of 1M",
    ms: gg.ms,
    peakRssMb: peakRssMb(),
    note: `${gg.cpu}; ${gg.value.customers} customers; ${fmt(gg.value.params as unknown as Record<string, number>)} (true 6.25/3.74/15.44)`,
  });

  const summaries: SummaryColumns = { customerIds: Array.from({ length: N }, (_, i) => `c${i}`), ...sim.value, m, unitDays: 7 };
  const models = time(() => fitClvModels(summaries));
  rows.push({ name: "clv: fitClvModels (BG/NBD + Gamma-Gamma), 1M", ms: models.ms, peakRssMb: peakRssMb(), note: `${models.cpu}; ${models.value.message}` });
  const clv = time(() => computeClvColumnar(summaries, models.value, { marginRate: 0.4, horizonMonths: 12, monthlyDiscountRate: 0.01 }));
  let total = 0;
  for (let i = 0; i < N; i++) total += clv.value.clv[i];
  rows.push({
    name: "clv: 12-month discounted CLV, 1M customers",
    ms: clv.ms,
    peakRssMb: peakRssMb(),
    note: `${clv.cpu}; mean CLV ${(total / N).toFixed(2)}`,
  });

  // 3M transactions of 1M customers over two years, in columnar form.
  const rng = createRng(5);
  const nTx = 3 * N;
  const customer = new Int32Array(nTx);
  const when = new Float64Array(nTx);
  const value = new Float64Array(nTx);
  const start = Date.UTC(2023, 0, 1);
  for (let i = 0; i < nTx; i++) {
    customer[i] = Math.floor(rng() * N);
    when[i] = start + Math.floor(rng() * 730 * 86_400_000);
    value[i] = 10 + 90 * rng();
  }
  const ids = Array.from({ length: N }, (_, i) => `c${i}`);
  const summary = time(() => summarizeTransactions({ customer, time: when, value, customerIds: ids }, start + 730 * 86_400_000));
  rows.push({ name: "clv: summarize 3M transactions → 1M customers", ms: summary.ms, peakRssMb: peakRssMb(), note: `${summary.cpu}; ${summary.value.x.length} customers` });
  return rows;
}
