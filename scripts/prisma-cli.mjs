// Runs the Prisma CLI for one provider: DATABASE_URL selects schema, migrations and adapter
// (see prisma.config.ts). Shared by db-check and new-migration.
import { spawnSync } from "node:child_process";

export const providers = {
  sqlite: { dir: "prisma/sqlite", url: () => "file:./prisma/.migration-check.sqlite" },
  postgresql: { dir: "prisma/postgres", url: () => process.env.TEST_DATABASE_URL ?? process.env.POSTGRES_URL },
};

export function prisma(args, url, { capture = false } = {}) {
  const res = spawnSync("npx", ["prisma", ...args], {
    env: { ...process.env, DATABASE_URL: url },
    encoding: "utf8",
    stdio: capture ? ["ignore", "pipe", "pipe"] : "inherit",
  });
  return res;
}
