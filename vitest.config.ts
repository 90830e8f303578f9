import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";
import { readFileSync } from "node:fs";

// Kept apart from vite.config.ts: the Remix plugin must not load under Vitest.
// Tests authenticate with the scopes the app really requests.
const scopes = /\nscopes\s*=\s*"([^"]+)"/.exec(readFileSync("shopify.app.toml", "utf8"))?.[1] ?? "";
// One SQLite file per run, so concurrent runs never wipe each other's database. Set here, in the
// main process, so global setup and the workers (forked later) all see the same URL.
const databaseUrl = process.env.TEST_DATABASE_URL ?? `file:./prisma/test-${process.pid}.sqlite`;
process.env.SECOND_ORDER_TEST_DB = databaseUrl;

export default defineConfig({
  resolve: { alias: { "~": fileURLToPath(new URL("./app", import.meta.url)) } },
  test: {
    environment: "node",
    include: ["app/**/*.test.ts", "app/**/*.test.tsx", "test/**/*.test.ts", "test/**/*.test.tsx", "extensions/*/src/**/*.test.{ts,tsx}"],
    globalSetup: ["test/global-setup.ts"],
    setupFiles: ["test/setup.ts"],
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 120_000,
    env: {
      NODE_ENV: "test" as const,
      SHOPIFY_API_KEY: "test-api-key",
      SHOPIFY_API_SECRET: "test-api-secret",
      SHOPIFY_APP_URL: "https://second-order.test",
      SCOPES: scopes,
      DEMO_MODE: "1",
      DATABASE_URL: databaseUrl,
    },
  },
});
