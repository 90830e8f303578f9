/**
 * Loads the deterministic demo store into DATABASE_URL (default prisma/dev.sqlite).
 * Usage: npm run demo:seed -- [--orders 20000] [--seed 42] [--fresh]
 * The store's two years end today (UTC midnight), read here, outside the pure generator.
 */
import { parseArgs } from "node:util";
import { loadDemoStore } from "../app/services/demo-store.server";
import prisma from "../app/db.server";

const { values } = parseArgs({
  options: { orders: { type: "string", default: "20000" }, seed: { type: "string", default: "42" }, fresh: { type: "boolean", default: false } },
});
const orders = Number(values.orders);
if (!Number.isInteger(orders) || orders <= 0) throw new Error(`--orders must be a positive whole number, got "${values.orders}"`);
const today = new Date();
const asOf = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
const started = performance.now();
const result = await loadDemoStore({ asOf, orders, seed: values.seed }, { fresh: values.fresh });
console.log(
  result.reused
    ? `Demo store ${result.shop}: reusing ${result.orders.toLocaleString("en-US")} orders already loaded`
    : `Demo store ${result.shop}: loaded ${result.orders.toLocaleString("en-US")} orders in ${((performance.now() - started) / 1000).toFixed(1)} s`,
);
await prisma.$disconnect();
