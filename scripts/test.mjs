// npm test: the whole suite on the embedded SQLite database, then the database-backed suites
// (test/, and the persistence and import-sink tests beside their code) again on PostgreSQL, the
// production path. Under CI=true a missing PostgreSQL fails.
import { spawnSync } from "node:child_process";
import { ensureAdminSchema } from "./admin-schema.mjs";
import { ensureLocalPostgres } from "./postgres.mjs";

const passthrough = process.argv.slice(2);
/** The tests that touch the database. */
const DATABASE_TESTS = ["test/", "app/data/", "app/sync/order-sink.server.test.ts"];
const run = (label, args, env = {}) => {
  console.log(`\n▶ ${label}`);
  const res = spawnSync("npx", ["vitest", "run", ...args], { stdio: "inherit", env: { ...process.env, ...env } });
  return res.status ?? 1;
};

ensureAdminSchema();
let status = run("tests on SQLite (embedded default)", passthrough);

if (!process.env.SKIP_POSTGRES) {
  const pg = ensureLocalPostgres();
  if (pg.url) {
    status ||= run("database tests on PostgreSQL", passthrough.length ? passthrough : DATABASE_TESTS, { TEST_DATABASE_URL: pg.url });
  } else if (process.env.CI) {
    console.error(`\n✖ PostgreSQL tests could not run: ${pg.reason}`);
    status ||= 1;
  } else {
    console.warn(`\n⚠ PostgreSQL tests skipped: ${pg.reason}`);
  }
}
process.exit(status);
