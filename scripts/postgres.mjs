// Starts Debian's PostgreSQL for the test suite when it is installed and no TEST_DATABASE_URL is
// given, and makes sure the test role and database exist. Returns the URL, or null with a reason.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const ROLE = "second_order";
const DB = "second_order_test";
const LOCAL_URL = `postgresql://${ROLE}:${ROLE}@127.0.0.1:5432/${DB}`;

function asPostgres(sql) {
  return spawnSync("su", ["postgres", "-c", `psql -v ON_ERROR_STOP=1 -qtAc "${sql}"`], { encoding: "utf8" });
}

export function ensureLocalPostgres() {
  if (process.env.TEST_DATABASE_URL) return { url: process.env.TEST_DATABASE_URL };
  if (!existsSync("/usr/bin/pg_ctlcluster")) return { url: null, reason: "Debian's postgresql is not installed (apt-get install postgresql)" };
  if (process.getuid?.() !== 0) return { url: null, reason: "starting the local cluster needs root; or set TEST_DATABASE_URL" };
  const clusters = execFileSync("pg_lsclusters", ["--no-header"], { encoding: "utf8" }).trim().split("\n").filter(Boolean);
  if (!clusters.length) return { url: null, reason: "no PostgreSQL cluster (pg_createcluster)" };
  const [version, name, , status] = clusters[0].split(/\s+/);
  // pg_ctlcluster talks on stdout ("Removed stale pid file."); this script's stdout is the URL only.
  if (status !== "online") execFileSync("pg_ctlcluster", [version, name, "start"], { stdio: ["ignore", process.stderr, "inherit"] });
  if (asPostgres(`SELECT 1 FROM pg_roles WHERE rolname='${ROLE}'`).stdout.trim() !== "1") {
    const r = asPostgres(`CREATE ROLE ${ROLE} LOGIN PASSWORD '${ROLE}' CREATEDB`);
    if (r.status !== 0) return { url: null, reason: r.stderr };
  }
  if (asPostgres(`SELECT 1 FROM pg_database WHERE datname='${DB}'`).stdout.trim() !== "1") {
    const r = spawnSync("su", ["postgres", "-c", `createdb -O ${ROLE} ${DB}`], { encoding: "utf8" });
    if (r.status !== 0) return { url: null, reason: r.stderr };
  }
  return { url: LOCAL_URL };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = ensureLocalPostgres();
  console.log(r.url ?? `PostgreSQL unavailable: ${r.reason}`);
  process.exit(r.url ? 0 : 1);
}
