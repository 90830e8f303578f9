/**
 * Prisma CLI configuration. DATABASE_URL picks the provider: `file:` → SQLite schema, migrations
 * and the better-sqlite3 adapter; `postgres(ql)://` → the PostgreSQL ones. Prisma 6.19 runs its
 * schema engine in JS (no binary download, so it works offline) through these driver adapters.
 * The wrappers work around adapter bugs (see docs/decisions/0002-prisma-driver-adapters.md).
 */
import { defineConfig } from "prisma/config";
import { sqliteMigrationAdapter, postgresMigrationAdapter } from "./prisma/migration-adapters";
import { databaseKind } from "./prisma/database-url";

const url = process.env.DATABASE_URL ?? "file:./prisma/dev.sqlite";
const kind = databaseKind(url);

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: kind === "postgresql" ? "prisma/postgres" : "prisma/sqlite",
  migrations: { path: kind === "postgresql" ? "prisma/postgres/migrations" : "prisma/sqlite/migrations" },
  adapter: async () => (kind === "postgresql" ? postgresMigrationAdapter(url) : sqliteMigrationAdapter(url)),
});
