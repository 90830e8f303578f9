/**
 * The Customer Account API documents of the account extension validate against the real
 * Customer Account schema of the extension's API version (from the same @shopify/dev-mcp tarball
 * as test/admin-schema.ts; cached in node_modules/.cache/admin-schema/).
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { buildClientSchema, parse, validate } from "graphql";
import { describe, expect, it } from "vitest";
import { DEV_MCP_VERSION, adminSchemaPath } from "../scripts/admin-schema.mjs";
import {
  CUSTOMER_ACCOUNT_API_VERSION,
  SAVED_PREFERENCES_QUERY,
  SAVE_PREFERENCES_MUTATION,
} from "../extensions/account-preferences/src/customer-account-api";

function customerSchemaFile(version: string): string {
  const target = join(adminSchemaPath(), "..", `customer_${version}.json.gz`);
  if (existsSync(target)) return target;
  const work = mkdtempSync(join(tmpdir(), "dev-mcp-"));
  try {
    const tgz = execFileSync("npm", ["pack", `@shopify/dev-mcp@${DEV_MCP_VERSION}`, "--silent", "--pack-destination", work], { encoding: "utf8" }).trim().split("\n").pop()!;
    const member = `package/dist/data/customer_${version}.json.gz`;
    execFileSync("tar", ["-xzf", join(work, tgz), "-C", work, member]);
    mkdirSync(join(target, ".."), { recursive: true });
    renameSync(join(work, member), target);
    return target;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

describe("account extension: Customer Account API documents", () => {
  const schema = buildClientSchema(JSON.parse(gunzipSync(readFileSync(customerSchemaFile(CUSTOMER_ACCOUNT_API_VERSION))).toString("utf8")).data);

  it.each([
    ["query", SAVED_PREFERENCES_QUERY],
    ["mutation", SAVE_PREFERENCES_MUTATION],
  ])("the %s validates against the Customer Account schema", (_kind, doc) => {
    expect(validate(schema, parse(doc))).toEqual([]);
  });

  it("is on the extension's API version", () => {
    const toml = readFileSync("extensions/account-preferences/shopify.extension.toml", "utf8");
    expect(toml).toContain(`api_version = "${CUSTOMER_ACCOUNT_API_VERSION}"`);
  });
});
