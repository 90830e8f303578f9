/**
 * Points the real Shopify admin client (@shopify/shopify-app-remix → @shopify/shopify-api) at the
 * local Admin API: the library's fetch is swapped for one that sends `https://<shop>/admin/...`
 * to the local server. Everything else in the client (headers, token, API version, error
 * handling) stays the library's own.
 */
import { setAbstractFetchFunc } from "@shopify/shopify-api/runtime";
import type { LocalAdminApi } from "./server";

export function routeAdminClientTo(api: LocalAdminApi): () => void {
  const original = globalThis.fetch;
  setAbstractFetchFunc(((input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(typeof input === "string" || input instanceof URL ? input : input.url);
    if (url.hostname.endsWith(".myshopify.com") && url.pathname.startsWith("/admin/")) {
      return original(`${api.url}${url.pathname}${url.search}`, init);
    }
    return original(input, init);
  }) as typeof fetch);
  return () => setAbstractFetchFunc(original);
}
