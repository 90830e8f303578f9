// npm run db:migration -- <name>: writes the SQL that brings the committed migrations up to
// prisma/models/, for SQLite and (with TEST_DATABASE_URL/POSTGRES_URL) PostgreSQL.
// The folder is created only after the diff succeeds (an empty folder makes the diff fail, P3015).
import { mkdirSync, writeFileSync } from "node:fs";
import { providers, prisma } from "./prisma-cli.mjs";

const name = (process.argv[2] ?? "").replace(/[^a-z0-9_]/gi, "_");
if (!name) {
  console.error("usage: npm run db:migration -- <snake_case_name>");
  process.exit(1);
}
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
for (const [provider, { dir, url }] of Object.entries(providers)) {
  const dbUrl = url();
  if (!dbUrl) {
    console.error(`${provider}: no database URL; set TEST_DATABASE_URL=postgresql://… to create its migration too`);
    process.exitCode = 1;
    continue;
  }
  const res = prisma(
    ["migrate", "diff", "--from-migrations", `${dir}/migrations`, "--to-schema-datamodel", dir, "--script"],
    dbUrl,
    { capture: true },
  );
  if (res.status !== 0) throw new Error(`${provider}: ${res.stderr}`);
  if (!res.stdout.trim() || /^-- This is an empty migration/.test(res.stdout.trim())) {
    console.log(`${provider}: no changes`);
    continue;
  }
  const folder = `${dir}/migrations/${stamp}_${name}`;
  mkdirSync(folder, { recursive: true });
  writeFileSync(`${folder}/migration.sql`, res.stdout);
  console.log(`${provider}: wrote ${folder}/migration.sql`);
}
