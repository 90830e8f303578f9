/**
 * Runs the local Admin API on its own, for the demo and for poking at it by hand:
 *   npx vite-node --config vitest.config.ts test/admin-api/serve.ts -- --orders 5000 --port 4010 [--token t] [--seed s]
 * (vite-node, not scripts/run-ts.mjs: the schema loader finds its files from its own module URL,
 * which a bundle moves; the vitest config keeps the Remix plugin out)
 * then POST GraphQL to http://127.0.0.1:4010/admin/api/2026-10/graphql.json.
 */
import { ADMIN_API_VERSION } from "../../app/shopify/api-version";
import { demoStore } from "./store";
import { LocalAdminApi } from "./server";

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const orders = Number(arg("orders") ?? 2000);
const port = Number(arg("port") ?? 4010);
// The demo generator never reads the clock: the store is seen as of the start of today (UTC).
const asOf = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate());
const store = demoStore({ asOf, orders, seed: arg("seed") ?? "local-admin-api" });
const api = new LocalAdminApi({ store, accessToken: arg("token") });
await api.start(port);
console.log(`local Admin API: ${store.orders.length} orders at ${api.url}/admin/api/${ADMIN_API_VERSION}/graphql.json`);
