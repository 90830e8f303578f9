// Fails when prisma/models/ has changes that no committed migration covers, for SQLite and,
// when a PostgreSQL URL is given (TEST_DATABASE_URL or POSTGRES_URL), for PostgreSQL too.
import { providers, prisma } from "./prisma-cli.mjs";

let failed = false;
for (const [name, { dir, url }] of Object.entries(providers)) {
  const dbUrl = url();
  if (!dbUrl) {
    console.log(`db:check ${name}: skipped (set TEST_DATABASE_URL to a PostgreSQL URL to check it)`);
    continue;
  }
  const res = prisma(
    ["migrate", "diff", "--from-migrations", `${dir}/migrations`, "--to-schema-datamodel", dir, "--exit-code"],
    dbUrl,
    { capture: true },
  );
  if (res.status === 0) console.log(`db:check ${name}: migrations match the schema`);
  else {
    failed = true;
    console.error(
      res.status === 2
        ? `db:check ${name}: the schema has changes no migration covers. Run: npm run db:migration -- <name>`
        : `db:check ${name}: prisma migrate diff failed (exit ${res.status}):\n${res.stderr}`,
    );
  }
}
process.exit(failed ? 1 : 0);
