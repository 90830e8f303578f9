/**
 * Reads and writes the signed-in customer's `$app.delivery_preferences` metafield through the
 * Customer Account API (`fetch` with the `shopify://` protocol: the host adds the customer's
 * credentials). The record has the checkout's shape (shared validator), source "customer_account".
 * Saves are compare-and-set: a save carries the digest of the value the customer was shown (null:
 * "nothing saved yet"), so an answer given meanwhile (a thank-you page in another tab) is never
 * overwritten unseen; Shopify refuses the save and the extension shows the newer answers.
 */
import {
  PREFERENCES_KEY,
  PREFERENCES_METAFIELD_TYPE,
  PREFERENCES_NAMESPACE,
  parsePreferences,
  serializePreferences,
  type DeliveryPreferences,
} from "../../delivery-preferences/src/preferences";

export const CUSTOMER_ACCOUNT_API_VERSION = "2026-07";
export const CUSTOMER_ACCOUNT_API_URL = `shopify://customer-account/api/${CUSTOMER_ACCOUNT_API_VERSION}/graphql.json`;

export const SAVED_PREFERENCES_QUERY = `query SavedDeliveryPreferences($namespace: String!, $key: String!) {
  customer {
    id
    metafield(namespace: $namespace, key: $key) {
      value
      compareDigest
    }
  }
}`;

export const SAVE_PREFERENCES_MUTATION = `mutation SaveDeliveryPreferences($metafields: [MetafieldsSetInput!]!) {
  metafieldsSet(metafields: $metafields) {
    metafields {
      compareDigest
    }
    userErrors {
      field
      message
      code
    }
  }
}`;

type GraphqlResult<T> = { data?: T; errors?: Array<{ message: string }> };

async function request<T>(fetchImpl: typeof fetch, query: string, variables: Record<string, unknown>): Promise<T> {
  const response = await fetchImpl(CUSTOMER_ACCOUNT_API_URL, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ query, variables }),
  });
  if (!response.ok) throw new Error(`Customer Account API answered ${response.status}`);
  const body = (await response.json()) as GraphqlResult<T>;
  if (body.errors?.length || !body.data) throw new Error(body.errors?.map((e) => e.message).join("; ") ?? "no data");
  return body.data;
}

export interface SavedPreferences {
  customerId: string;
  /** null when nothing (valid) is saved yet. */
  preferences: DeliveryPreferences | null;
  /** The stored value's digest; null when no value is stored. */
  digest: string | null;
}

/** The value changed since it was loaded; nothing was written. */
export class StalePreferencesError extends Error {}

export async function loadSavedPreferences(fetchImpl: typeof fetch = fetch): Promise<SavedPreferences> {
  const data = await request<{ customer: { id: string; metafield: { value: string; compareDigest: string } | null } }>(fetchImpl, SAVED_PREFERENCES_QUERY, {
    namespace: PREFERENCES_NAMESPACE,
    key: PREFERENCES_KEY,
  });
  const stored = data.customer.metafield;
  return { customerId: data.customer.id, preferences: stored ? parsePreferences(stored.value) : null, digest: stored?.compareDigest ?? null };
}

/** Returns the digest of the value now stored. */
export async function savePreferences(
  customerId: string,
  preferences: DeliveryPreferences,
  digest: string | null,
  fetchImpl: typeof fetch = fetch,
): Promise<string | null> {
  const data = await request<{
    metafieldsSet: { metafields: Array<{ compareDigest: string }> | null; userErrors: Array<{ field: string[] | null; message: string; code: string | null }> };
  }>(fetchImpl, SAVE_PREFERENCES_MUTATION, {
    metafields: [
      {
        ownerId: customerId,
        namespace: PREFERENCES_NAMESPACE,
        key: PREFERENCES_KEY,
        type: PREFERENCES_METAFIELD_TYPE,
        value: serializePreferences(preferences),
        compareDigest: digest,
      },
    ],
  });
  const errors = data.metafieldsSet.userErrors;
  if (errors.some((e) => e.code === "STALE_OBJECT")) throw new StalePreferencesError(errors.map((e) => e.message).join("; "));
  if (errors.length > 0) throw new Error(errors.map((e) => e.message).join("; "));
  return data.metafieldsSet.metafields?.[0]?.compareDigest ?? null;
}
