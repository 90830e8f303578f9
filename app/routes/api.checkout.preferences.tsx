/**
 * POST /api/checkout/preferences: the thank-you page's answer (it cannot write metafields itself).
 * authenticate.public.checkout verifies the checkout session token and answers the CORS preflight;
 * the shop is the token's `dest`, the signed-in buyer its `sub`. The answer is written onto the
 * order and customer through the shop's offline Admin session, then recorded locally.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { authenticate, unauthenticated } from "../shopify.server";
import { parsePreferencesBody } from "../services/preferences-request.server";
import { saveThankYouAnswer, type SaveOutcome } from "../services/preferences-metafields.server";
import { recordPreferenceAnswers, statedFromRecord } from "../services/preferences.server";

// Errors thrown before authentication succeeds (401) still need CORS headers, or the browser hides
// the status from the extension.
function withCors(response: Response): Response {
  if (!response.headers.has("Access-Control-Allow-Origin")) {
    response.headers.set("Access-Control-Allow-Origin", "*");
    response.headers.set("Access-Control-Allow-Headers", "Authorization, Content-Type");
  }
  return response;
}

async function authenticateCheckout(request: Request) {
  try {
    return await authenticate.public.checkout(request);
  } catch (e) {
    throw e instanceof Response ? withCors(e) : e;
  }
}

/** OPTIONS (the preflight) lands here; anything else is not served. */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  await authenticateCheckout(request);
  return withCors(new Response(null, { status: 405, headers: { Allow: "POST, OPTIONS" } }));
};

const STATUS: Record<Exclude<SaveOutcome["status"], "saved">, [number, string]> = {
  order_not_found: [404, "This order was not found in the shop."],
  too_old: [403, "This order is too old to be answered from the thank-you page."],
  wrong_customer: [403, "This order belongs to another customer."],
  conflict: [409, "The preferences changed meanwhile; nothing was overwritten."],
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { sessionToken, cors } = await authenticateCheckout(request);
  const json = (body: unknown, status: number) => cors(Response.json(body, { status }));
  if (request.method !== "POST") return json({ errors: [{ field: "method", message: "use POST" }] }, 405);

  let raw: unknown;
  try {
    raw = await request.json();
  } catch {
    return json({ errors: [{ field: "body", message: "body must be JSON" }] }, 400);
  }
  const now = new Date();
  const body = parsePreferencesBody(raw, now);
  if (!body.ok) return json({ errors: body.errors }, 400);

  const shop = new URL(sessionToken.dest.includes("://") ? sessionToken.dest : `https://${sessionToken.dest}`).hostname;
  const verifiedCustomerId = typeof sessionToken.sub === "string" && sessionToken.sub.startsWith("gid://shopify/Customer/") ? sessionToken.sub : null;
  let outcome: SaveOutcome;
  try {
    const { admin } = await unauthenticated.admin(shop);
    outcome = await saveThankYouAnswer({ graphql: admin.graphql, orderId: body.orderId, verifiedCustomerId, preferences: body.preferences, now });
  } catch (e) {
    // No offline session (app uninstalled) or the Admin API failed: the extension shows its retry.
    console.error(`preferences for ${shop}: could not write the metafields`, e);
    return json({ errors: [{ field: "orderId", message: "The store could not be reached. Please try again." }] }, 502);
  }
  if (outcome.status !== "saved") {
    const [status, message] = STATUS[outcome.status];
    return json({ errors: [{ field: "orderId", message }] }, status);
  }
  if (outcome.order === "written") {
    // Recorded under the order's own customer (as the sync will see it), so both paths give one row.
    await recordPreferenceAnswers(shop, [statedFromRecord(body.preferences, { customerId: outcome.customerId, orderId: body.orderId })], now);
  }
  return json({ ok: true, order: outcome.order, customer: outcome.customer }, 200);
};
