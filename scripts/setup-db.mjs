// npm run setup: generate the Prisma clients for both databases, then apply the migrations of the
// database DATABASE_URL names (default: the embedded SQLite file prisma/dev.sqlite).
import { prisma } from "./prisma-cli.mjs";

const url = process.env.DATABASE_URL ?? "file:./prisma/dev.sqlite";
const step = (args, dbUrl) => {
  const res = prisma(args, dbUrl);
  if (res.status !== 0) process.exit(res.status ?? 1);
};
// `generate` does not connect; the URLs only select the schema.
step(["generate"], "postgresql://generate@localhost/unused");
step(["generate"], "file:./prisma/dev.sqlite");
if (!process.argv.includes("--generate-only")) step(["migrate", "deploy"], url);
