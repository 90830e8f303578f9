/**
 * Webhook topics the app subscribes to (shopify.app.toml), in the storage form the Shopify
 * library reports them ("orders/create" → "ORDERS_CREATE"). test/shopify-app-toml.test.ts keeps
 * this list, the toml and the Admin schema's WebhookSubscriptionTopic enum in agreement.
 */
export const COMPLIANCE_TOPICS = ["CUSTOMERS_DATA_REQUEST", "CUSTOMERS_REDACT", "SHOP_REDACT"] as const;
export const LIFECYCLE_TOPICS = ["APP_UNINSTALLED", "APP_SCOPES_UPDATE"] as const;
/** Topics whose payload changes an order; processed from the queue by the sync. */
export const ORDER_DATA_TOPICS = [
  "ORDERS_CREATE",
  "ORDERS_UPDATED",
  "ORDERS_CANCELLED",
  "ORDERS_FULFILLED",
  "ORDERS_PARTIALLY_FULFILLED",
  "FULFILLMENTS_CREATE",
  "FULFILLMENTS_UPDATE",
  "FULFILLMENT_EVENTS_CREATE",
  "REFUNDS_CREATE",
  "RETURNS_REQUEST",
  "RETURNS_APPROVE",
  "RETURNS_PROCESS",
  "RETURNS_CLOSE",
  "RETURNS_CANCEL",
  "RETURNS_DECLINE",
  "RETURNS_REOPEN",
  "BULK_OPERATIONS_FINISH",
] as const;

/** Customer changes: only the customer's own delivery-preference edits (customer account) matter. */
export const CUSTOMER_DATA_TOPICS = ["CUSTOMERS_UPDATE"] as const;

export type WebhookTopic =
  | (typeof COMPLIANCE_TOPICS)[number]
  | (typeof LIFECYCLE_TOPICS)[number]
  | (typeof ORDER_DATA_TOPICS)[number]
  | (typeof CUSTOMER_DATA_TOPICS)[number];

/** Answered at once and processed later by the queue (app/services/webhook-queue.server.ts). */
export const QUEUED_TOPICS: readonly WebhookTopic[] = [...ORDER_DATA_TOPICS, ...CUSTOMER_DATA_TOPICS];

export const ALL_TOPICS: readonly WebhookTopic[] = [...COMPLIANCE_TOPICS, ...LIFECYCLE_TOPICS, ...QUEUED_TOPICS];

export function isKnownTopic(topic: string): topic is WebhookTopic {
  return (ALL_TOPICS as readonly string[]).includes(topic);
}

/** "orders/create" → "ORDERS_CREATE", as @shopify/shopify-api stores topics. */
export function topicKey(topic: string): string {
  return topic.toUpperCase().replace(/\/|\./g, "_");
}
