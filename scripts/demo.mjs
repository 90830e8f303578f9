// npm run demo: the app on the embedded SQLite database with a generated demo store, served
// locally in demo mode (outside Shopify, never in production). Prints the URL to open.
// For live reload while developing, run `npm run dev:local` with the same variables instead.
// Options: --orders N (default 20000), --seed N, --port N, --fresh (regenerate the store).
import { spawn, spawnSync } from "node:child_process";
import { parseArgs } from "node:util";

// The native SQLite driver is built for the Node that installed it (22): an older Node fails
// later with an opaque driver error, so say it here.
const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  console.error(`npm run demo: Second Order needs Node.js 22.12 or newer; this is ${process.version}. See README.md, Requirements.`);
  process.exit(1);
}

const { values } = parseArgs({
  options: {
    orders: { type: "string", default: "20000" },
    seed: { type: "string", default: "42" },
    port: { type: "string", default: process.env.PORT ?? "3000" },
    fresh: { type: "boolean", default: false },
  },
});
const port = values.port;
const env = {
  ...process.env,
  NODE_ENV: "development",
  DATABASE_URL: process.env.DATABASE_URL ?? "file:./prisma/dev.sqlite",
  DEMO_MODE: "1",
  // Demo mode never talks to Shopify; these only satisfy the configuration check.
  SHOPIFY_API_KEY: process.env.SHOPIFY_API_KEY ?? "demo",
  SHOPIFY_API_SECRET: process.env.SHOPIFY_API_SECRET ?? "demo",
  SHOPIFY_APP_URL: process.env.SHOPIFY_APP_URL ?? `http://localhost:${port}`,
};
const step = (cmd, args) => {
  const r = spawnSync(cmd, args, { stdio: "inherit", env });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

step("node", ["scripts/setup-db.mjs"]);
step("node", ["scripts/run-ts.mjs", "scripts/seed-demo.ts", "--orders", values.orders, "--seed", values.seed, ...(values.fresh ? ["--fresh"] : [])]);

step("node", ["scripts/build-if-stale.mjs"]);
const server = spawn("node", ["scripts/serve.mjs", port], { stdio: ["inherit", "pipe", "inherit"], env });
server.stdout.pipe(process.stdout);
const url = `http://localhost:${port}/demo`;
(async () => {
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(url)).ok) break;
    } catch {
      /* starting */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  console.log(`\n  Second Order demo is ready: ${url}\n  (Ctrl+C to stop)\n`);
})();
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => server.kill(sig));
server.on("exit", (code) => process.exit(code ?? 0));
