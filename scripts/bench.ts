/**
 * npm run bench [-- area…] [--write]: runs bench/<area>.bench.ts (all by default) in this process,
 * each area in its own process (so peak memory is its own), and prints a Markdown table with the machine and date. --write replaces
 * the results section of BENCHMARKS.md. Speed is measured here, never by timed assertions in tests.
 */
import { cpus, loadavg, totalmem } from "node:os";
import { readFileSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import * as clv from "../bench/clv.bench";
import * as demo from "../bench/demo.bench";
import * as journey from "../bench/journey.bench";
import * as segments from "../bench/segments.bench";
import * as analyze from "../bench/analyze.bench";
import * as sync from "../bench/sync.bench";
import * as adminLoaders from "../bench/admin-loaders.bench";
import * as exceptionRules from "../bench/exception-rules.bench";
import * as experiments from "../bench/experiments.bench";
import * as preferences from "../bench/preferences.bench";

type Row = { name: string; ms: number; peakRssMb?: number; note?: string };
const suites: Record<string, { run(): Promise<Row[]> }> = {
  clv,
  demo,
  journey,
  segments,
  analyze,
  "admin-loaders": adminLoaders,
  sync,
  "exception-rules": exceptionRules,
  experiments,
  preferences,
};

const args = process.argv.slice(2);
const only = args.indexOf("--only");
if (only >= 0) {
  // Child: one area, so its peak memory is its own.
  const rows = await suites[args[only + 1]].run();
  console.log(JSON.stringify(rows));
  process.exit(0);
}
const write = args.includes("--write");
const chosen = args.filter((a) => !a.startsWith("--"));
const names = chosen.length ? chosen : Object.keys(suites);

const machine = `${cpus()[0]?.model ?? "unknown CPU"} × ${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
const date = new Date().toISOString().slice(0, 10);
const HEADER = ["| area | benchmark | time (ms) | peak RSS (MB) | note | run (date, load avg) |", "| --- | --- | ---: | ---: | --- | --- |"];
const fresh: string[] = [];
for (const name of names) {
  const suite = suites[name];
  if (!suite) throw new Error(`unknown benchmark area "${name}"; known: ${Object.keys(suites).join(", ")}`);
  console.error(`running ${name}…`);
  // The 1-minute load average before the area runs: timings on a shared 2-core machine need it.
  const load = loadavg()[0].toFixed(1);
  const child = spawnSync(process.execPath, ["--expose-gc", "--max-old-space-size=4096", fileURLToPath(import.meta.url), "--only", name], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    maxBuffer: 16 * 2 ** 20,
  });
  if (child.status !== 0) throw new Error(`benchmark ${name} failed (exit ${child.status})`);
  const rows = JSON.parse(child.stdout.trim().split("\n").pop()!) as Row[];
  for (const r of rows) {
    fresh.push(`| ${name} | ${r.name} | ${r.ms.toFixed(r.ms < 10 ? 3 : 0)} | ${r.peakRssMb?.toFixed(0) ?? ""} | ${r.note ?? ""} | ${date}, ${load} |`);
  }
}
console.log([`Machine: ${machine}.`, "", ...HEADER, ...fresh].join("\n"));
if (write) {
  const file = "BENCHMARKS.md";
  const begin = "<!-- bench:begin -->";
  const end = "<!-- bench:end -->";
  const doc = readFileSync(file, "utf8");
  const i = doc.indexOf(begin);
  const j = doc.indexOf(end);
  if (i < 0 || j < 0) throw new Error(`${file} needs ${begin} … ${end} markers`);
  // Rows of the areas not run this time are kept (with their own date), so one area can be re-measured alone.
  const previousDate = /Date: (\d{4}-\d{2}-\d{2})/.exec(doc.slice(i, j))?.[1] ?? "earlier";
  const kept = doc
    .slice(i + begin.length, j)
    .split("\n")
    .filter((l) => /^\| [a-z][a-z-]* \|/.test(l) && !l.startsWith("| area |") && !names.includes(l.split("|")[1].trim()))
    .map((l) => (l.split("|").length === 8 ? l : `${l} ${previousDate}, not recorded |`));
  const order = Object.keys(suites);
  const area = (l: string) => order.indexOf(l.split("|")[1].trim());
  const rows = [...kept, ...fresh].sort((a, b) => area(a) - area(b));
  const table = [`Machine: ${machine}.`, "", ...HEADER, ...rows].join("\n");
  writeFileSync(file, `${doc.slice(0, i + begin.length)}\n${table}\n${doc.slice(j)}`);
  console.error(`wrote ${file}`);
}
