/**
 * Everything after HMAC verification: deduplicate by event id, then process lifecycle and
 * compliance topics inline and queue data topics for the sync (Shopify expects an answer within
 * 5 seconds, so heavy work never runs in the request).
 */
import prisma from "../db.server";
import { isUniqueViolation } from "../data/prisma-errors";
import { compileCustomerData, redactCustomer, redactShop } from "./compliance.server";
import { recordUninstall } from "./shop-lifecycle.server";
import { isKnownTopic, QUEUED_TOPICS } from "./webhook-topics";

export interface VerifiedWebhook {
  shop: string;
  /** Storage form, e.g. "ORDERS_CREATE". */
  topic: string;
  /** X-Shopify-Event-Id when present (the documented dedupe key), else X-Shopify-Webhook-Id. */
  eventId: string;
  triggeredAt: Date | null;
  payload: unknown;
  now: Date;
}

export type WebhookOutcome = "processed" | "queued" | "duplicate" | "ignored";

export async function handleVerifiedWebhook(w: VerifiedWebhook): Promise<WebhookOutcome> {
  if (!isKnownTopic(w.topic)) return "ignored";
  const queued = (QUEUED_TOPICS as readonly string[]).includes(w.topic);
  try {
    await prisma.webhookEvent.create({
      data: {
        shop: w.shop,
        eventId: w.eventId,
        topic: w.topic,
        triggeredAt: w.triggeredAt,
        receivedAt: w.now,
        payload: queued ? JSON.stringify(referenceOf(w.payload)) : null,
      },
    });
  } catch (e) {
    if (isUniqueViolation(e)) return "duplicate";
    throw e;
  }
  if (queued) return "queued";

  switch (w.topic) {
    case "APP_UNINSTALLED":
      await recordUninstall(w.shop, w.now);
      break;
    case "APP_SCOPES_UPDATE": {
      const current = (w.payload as { current?: unknown }).current;
      if (Array.isArray(current)) {
        await prisma.session.updateMany({ where: { shop: w.shop }, data: { scope: current.join(",") } });
      }
      break;
    }
    case "CUSTOMERS_DATA_REQUEST":
      await compileCustomerData(w.shop, w.payload);
      break;
    case "CUSTOMERS_REDACT":
      await redactCustomer(w.shop, w.payload);
      break;
    case "SHOP_REDACT":
      await redactShop(w.shop);
      return "processed"; // the event row went with the shop's data
  }
  await prisma.webhookEvent.update({
    where: { shop_eventId_topic: { shop: w.shop, eventId: w.eventId, topic: w.topic } },
    data: { processedAt: w.now },
  });
  return "processed";
}

// Order webhooks carry the buyer's name, email, phone and addresses. The queue re-reads the order
// through GraphQL anyway (only Level 1 fields), so it keeps just what names the object changed.
const REFERENCE_KEYS = ["admin_graphql_api_id", "id", "order_id", "updated_at", "status", "error_code", "type", "completed_at"] as const;

/** The identifying fields of a queued data-topic payload; everything personal is dropped. */
export function referenceOf(payload: unknown): Record<string, unknown> {
  if (!payload || typeof payload !== "object") return {};
  const p = payload as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of REFERENCE_KEYS) if (p[k] !== undefined) out[k] = p[k];
  if (p.order && typeof p.order === "object") {
    const o = p.order as Record<string, unknown>;
    out.order = { id: o.id, admin_graphql_api_id: o.admin_graphql_api_id };
  }
  return out;
}
