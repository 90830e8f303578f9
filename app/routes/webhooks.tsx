/**
 * Every webhook subscription in shopify.app.toml posts here. authenticate.webhook verifies the
 * HMAC (401 when wrong, 400 when headers are missing, 405 for non-POST) before anything runs.
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import { authenticate } from "../shopify.server";
import { handleVerifiedWebhook } from "../services/webhooks.server";
import { ComplianceError } from "../services/compliance.server";

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop, topic, payload, webhookId, eventId, triggeredAt } = await authenticate.webhook(request);
  try {
    const outcome = await handleVerifiedWebhook({
      shop,
      topic,
      eventId: eventId ?? webhookId,
      triggeredAt: triggeredAt ? new Date(triggeredAt) : null,
      payload,
      now: new Date(),
    });
    return new Response(null, { status: 200, headers: { "X-Second-Order-Outcome": outcome } });
  } catch (e) {
    if (e instanceof ComplianceError) return new Response(e.message, { status: 422 });
    console.error(`webhook ${topic} for ${shop} failed`, e);
    return new Response("failed; Shopify will retry", { status: 500 });
  }
};
