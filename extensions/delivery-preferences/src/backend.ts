/**
 * The thank-you page cannot write metafields, so it sends the answer to the app backend, which
 * verifies the checkout session token (`authenticate.public.checkout`) and calls `metafieldsSet`.
 */
import type { DeliveryPreferences } from "./preferences";

export const PREFERENCES_PATH = "/api/checkout/preferences";

// Build-time constant, not an extension setting: a merchant must never be able to point buyers'
// answers at another server. Shopify CLI's bundler (esbuild) replaces `process.env.<NAME>` with the
// value of that variable in the environment or the app's `.env` when the extension is built, e.g.
//   SHOPIFY_APP_URL=https://second-order.example.com npx shopify app deploy
// (scripts/build-extensions.mjs does the same). The same variable configures the Remix app.
// Checkout extensions run in a web worker without `process`: when the variable was not set at build
// time the expression is left as is, throws, and the thank-you form stays hidden (nothing to post to).
declare const process: { env: Record<string, string | undefined> };

function buildTimeAppUrl(): string | undefined {
  try {
    return process.env.SHOPIFY_APP_URL;
  } catch {
    return undefined;
  }
}

/** The backend origin, or null when none (or no https URL) was configured at build time. */
export function configuredAppUrl(raw: string | undefined = buildTimeAppUrl()): string | null {
  if (!raw) return null;
  try {
    const url = new URL(raw);
    // Checkout only allows https requests; http is accepted for a local backend during development.
    if (url.protocol !== "https:" && !(url.protocol === "http:" && url.hostname === "localhost")) return null;
    return url.origin;
  } catch {
    return null;
  }
}

export function preferencesEndpoint(appUrl: string): string {
  return new URL(PREFERENCES_PATH, appUrl).toString();
}

/** What the route receives: `orderId` is the Admin GraphQL Order gid from `orderConfirmation`. */
export interface PreferencesRequestBody {
  orderId: string;
  preferences: DeliveryPreferences;
}

export type SubmitResult = { ok: true } | { ok: false; status: number | null };

export async function submitPreferences(input: {
  appUrl: string;
  sessionToken: string;
  body: PreferencesRequestBody;
  fetchImpl?: typeof fetch;
}): Promise<SubmitResult> {
  const doFetch = input.fetchImpl ?? fetch;
  try {
    const response = await doFetch(preferencesEndpoint(input.appUrl), {
      method: "POST",
      headers: {
        Authorization: `Bearer ${input.sessionToken}`,
        "Content-Type": "application/json",
      },
      body: JSON.stringify(input.body),
    });
    return response.ok ? { ok: true } : { ok: false, status: response.status };
  } catch {
    // Network failure or CORS rejection: there is no status to report.
    return { ok: false, status: null };
  }
}
