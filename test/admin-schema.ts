/** The real Admin GraphQL schema of the pinned API version (from @shopify/dev-mcp, see scripts/admin-schema.mjs). */
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { buildClientSchema, type GraphQLSchema } from "graphql";
import { ensureAdminSchema } from "../scripts/admin-schema.mjs";

let cached: GraphQLSchema | undefined;
export function adminSchema(): GraphQLSchema {
  cached ??= buildClientSchema(JSON.parse(gunzipSync(readFileSync(ensureAdminSchema())).toString("utf8")).data);
  return cached;
}
