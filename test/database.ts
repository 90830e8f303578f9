/** Which database the suite runs on, and how to make it fresh. Used by global setup. */
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import pg from "pg";
import { databaseKind, postgresConfig, sqlitePath } from "../prisma/database-url";

/** Chosen once per run by vitest.config.ts. */
export const testDatabaseUrl = () => {
  const url = process.env.SECOND_ORDER_TEST_DB;
  if (!url) throw new Error("SECOND_ORDER_TEST_DB is not set: run the tests through vitest (npm test)");
  return url;
};

function migrateDeploy(url: string) {
  const res = spawnSync("npx", ["prisma", "migrate", "deploy"], { env: { ...process.env, DATABASE_URL: url }, encoding: "utf8" });
  if (res.status !== 0) throw new Error(`prisma migrate deploy failed on ${databaseKind(url)}:\n${res.stdout}\n${res.stderr}`);
}

/** Deletes a run's SQLite file (PostgreSQL databases are kept for inspection). */
export function removeDatabase(url = testDatabaseUrl()) {
  if (databaseKind(url) !== "sqlite") return;
  for (const suffix of ["", "-journal", "-wal", "-shm"]) rmSync(sqlitePath(url) + suffix, { force: true });
}

/** Empties the test database and applies the committed migrations (the real ones, no db push). */
export async function freshDatabase(url = testDatabaseUrl()) {
  if (databaseKind(url) === "sqlite") {
    removeDatabase(url);
  } else {
    // `migrate reset` would also re-generate the client; dropping the schema is quicker and exact.
    const client = new pg.Client(postgresConfig(url));
    await client.connect();
    await client.query('DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;');
    await client.end();
  }
  migrateDeploy(url);
}
