// Fetches the real Admin GraphQL schema (introspection JSON) of the pinned API version from the npm
// package @shopify/dev-mcp, without installing its ~370 MB of dependencies: `npm pack` the tarball
// and extract the one file into node_modules/.cache/admin-schema/. Cached; runs before the tests.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const DEV_MCP_VERSION = "1.16.0";

export function pinnedApiVersion() {
  const toml = readFileSync(new URL("../shopify.app.toml", import.meta.url), "utf8");
  const m = toml.match(/\[webhooks\][^[]*?api_version\s*=\s*"(\d{4}-\d{2})"/s);
  if (!m) throw new Error("shopify.app.toml: [webhooks] api_version not found");
  return m[1];
}

export function adminSchemaPath(version = pinnedApiVersion()) {
  return join(new URL("..", import.meta.url).pathname, "node_modules/.cache/admin-schema", `admin_${version}.json.gz`);
}

export function ensureAdminSchema(version = pinnedApiVersion()) {
  const target = adminSchemaPath(version);
  if (existsSync(target)) return target;
  const work = mkdtempSync(join(tmpdir(), "dev-mcp-"));
  try {
    const tgz = execFileSync("npm", ["pack", `@shopify/dev-mcp@${DEV_MCP_VERSION}`, "--silent", "--pack-destination", work], {
      encoding: "utf8",
    }).trim().split("\n").pop();
    const member = `package/dist/data/admin_${version}.json.gz`;
    execFileSync("tar", ["-xzf", join(work, tgz), "-C", work, member]);
    mkdirSync(join(target, ".."), { recursive: true });
    renameSync(join(work, member), target);
    return target;
  } catch (e) {
    throw new Error(
      `Could not get the Admin ${version} schema from @shopify/dev-mcp@${DEV_MCP_VERSION} (is the npm registry reachable, and does that version ship admin_${version}?): ${e.message}`,
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(`Admin schema: ${ensureAdminSchema()}`);
}
