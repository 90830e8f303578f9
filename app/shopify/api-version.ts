/**
 * The one Admin API version the app speaks. shopify.app.toml (webhooks), the server config, the
 * GraphQL schema the documents are validated against and the local Admin API all use it;
 * test/api-version.test.ts fails if any of them disagrees. Upgrade: change it here, then follow
 * the failures.
 */
import { ApiVersion } from "@shopify/shopify-app-remix/server";

export const ADMIN_API_VERSION = ApiVersion.October26;
