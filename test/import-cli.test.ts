/** `npm run import`, spawned on generated files as a merchant would run it. */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import prisma from "../app/db.server";
import type { AdminOrder } from "../app/demo/admin-order";
import { iterateOrders } from "../app/demo/generate-store";
import { bulkJsonl } from "../app/sync/testing/bulk-jsonl";
import { toShopifyCsv } from "../app/sync/testing/shopify-csv";

const AS_OF = Date.UTC(2026, 5, 30, 12);
let dir: string;
let admin: AdminOrder[];

function runImport(...args: string[]) {
  const res = spawnSync(process.execPath, ["scripts/run-ts.mjs", "scripts/import.ts", ...args], {
    encoding: "utf8",
    env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL },
    timeout: 120_000,
  });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "second-order-import-"));
  admin = [...iterateOrders({ asOf: AS_OF, orders: 600, seed: "import-cli" })];
  writeFileSync(join(dir, "orders.jsonl"), [...bulkJsonl(admin, "orders", 2)].join("\n") + "\n");
  writeFileSync(join(dir, "events.jsonl"), [...bulkJsonl(admin, "fulfillment-events")].join("\n") + "\n");
  writeFileSync(join(dir, "orders_export.csv"), [...toShopifyCsv(admin.slice(0, 200))].join("\n") + "\n");
  writeFileSync(join(dir, "bad.jsonl"), [...bulkJsonl(admin.slice(0, 3), "orders")].join("\n") + "\n{oops\n");
  writeFileSync(join(dir, "products.csv"), "Handle,Title\nshirt,Shirt\n");
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("npm run import", () => {
  it("imports both bulk files (events listed first on the command line) and creates the shop", async () => {
    const shop = "cli-jsonl.myshopify.com";
    await prisma.shop.deleteMany({ where: { shop } });
    const res = runImport(join(dir, "events.jsonl"), join(dir, "orders.jsonl"), "--shop", shop);
    expect(res.stderr).toMatch(/importing .*orders\.jsonl \(bulk JSONL, orders\)[\s\S]*importing .*events\.jsonl \(bulk JSONL, fulfillment-events\)/);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(new RegExp(`orders\\.jsonl: [\\d,]+ lines read, ${admin.length} orders written, 0 rejected`));
    expect(res.stdout).toMatch(/events\.jsonl: [\d,]+ lines read, [1-9][\d,]* orders updated with carrier events, 0 rejected/);
    expect(await prisma.shop.count({ where: { shop } })).toBe(1);
    expect(await prisma.order.count({ where: { shop } })).toBe(admin.length);
  });

  it("imports a Shopify orders export CSV", async () => {
    const shop = "cli-csv.myshopify.com";
    const res = runImport(join(dir, "orders_export.csv"), "--shop", shop);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/orders_export\.csv: [\d,]+ lines read, 200 orders written, 0 rejected/);
    expect(await prisma.order.count({ where: { shop } })).toBe(200);
  });

  it("lists rejected lines and still exits 0; exits 1 on a file it cannot import at all", async () => {
    const shop = "cli-bad.myshopify.com";
    const bad = runImport(join(dir, "bad.jsonl"), "--shop", shop);
    expect(bad.code).toBe(0);
    expect(bad.stdout).toMatch(/3 orders written, 1 rejected/);
    expect(bad.stdout).toMatch(/line \d+: malformed JSON/);
    const notOrders = runImport(join(dir, "products.csv"), "--shop", shop);
    expect(notOrders.code).toBe(1);
    expect(notOrders.stderr).toMatch(/not a Shopify orders export: missing column\(s\) Name, Created at/);
    expect(runImport(join(dir, "orders.jsonl")).code).toBe(1);
    expect(runImport(join(dir, "missing.jsonl"), "--shop", shop).stderr).toMatch(/no such file/);
  });
});
