/**
 * Writes a thank-you-page answer onto the order and the customer (`$app.delivery_preferences`)
 * through the Admin API, guarding against overwriting better data:
 * - the order's answer from checkout (cart metafield copied to the order) is never replaced;
 * - a newer answer already stored (on the order or the customer) is never replaced by an older one;
 * - every write carries the `compareDigest` of what was read (null: "must still be absent"), so an
 *   answer written between our read and our write makes Shopify refuse ours (nothing is lost).
 * The customer copy keeps the lasting habits only: gift choices belong to one order, and a gift
 * note may name people.
 */
import {
  PREFERENCES_KEY,
  PREFERENCES_METAFIELD_TYPE,
  PREFERENCES_NAMESPACE,
  parsePreferences,
  prefillAnswers,
  serializePreferences,
  type DeliveryPreferences,
} from "../../extensions/delivery-preferences/src/preferences";

export const PREFERENCE_TARGET_QUERY = `#graphql
  query PreferenceTarget($orderId: ID!, $namespace: String!, $key: String!) {
    order(id: $orderId) {
      id
      createdAt
      customer {
        id
        metafield(namespace: $namespace, key: $key) {
          compareDigest
          jsonValue
        }
      }
      metafield(namespace: $namespace, key: $key) {
        compareDigest
        jsonValue
      }
    }
  }
`;

export const SET_PREFERENCES_MUTATION = `#graphql
  mutation SetDeliveryPreferences($metafields: [MetafieldsSetInput!]!) {
    metafieldsSet(metafields: $metafields) {
      metafields {
        id
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;

/** The thank-you page is shown right after checkout: older orders are not answered from it. */
export const ANSWER_WINDOW_MS = 24 * 3_600_000;

/** What `admin.graphql` of @shopify/shopify-app-remix offers (narrowed for tests). */
export type AdminGraphql = (query: string, options: { variables: Record<string, unknown> }) => Promise<Response>;

interface StoredMetafield {
  compareDigest: string;
  jsonValue: unknown;
}
interface TargetData {
  order: {
    id: string;
    createdAt: string;
    customer: { id: string; metafield: StoredMetafield | null } | null;
    metafield: StoredMetafield | null;
  } | null;
}

export type SaveOutcome =
  | {
      status: "saved";
      order: "written" | "kept_checkout" | "kept_newer";
      customer: "written" | "kept_newer" | "not_verified" | "no_customer";
      /** The order's customer as the Admin API gives it (null for a guest order). */
      customerId: string | null;
    }
  | { status: "order_not_found" }
  | { status: "too_old" }
  | { status: "wrong_customer" }
  | { status: "conflict"; message: string };

async function call<T>(graphql: AdminGraphql, query: string, variables: Record<string, unknown>): Promise<T> {
  const response = await graphql(query, { variables });
  const body = (await response.json()) as { data?: T; errors?: Array<{ message: string }> };
  if (body.errors?.length || body.data === undefined) {
    throw new Error(`Admin API: ${body.errors?.map((e) => e.message).join("; ") ?? "no data"}`);
  }
  return body.data;
}

function isNewer(incoming: DeliveryPreferences, stored: DeliveryPreferences | null): boolean {
  return stored === null || Date.parse(incoming.answeredAt) > Date.parse(stored.answeredAt);
}

/** What the customer keeps from an order's answer (no gift choices). */
export function customerCopy(answer: DeliveryPreferences): DeliveryPreferences {
  return { ...answer, ...prefillAnswers(answer) };
}

/**
 * `verifiedCustomerId` is the session token's `sub` (present only for a signed-in buyer): the
 * customer metafield is written only for a customer the token vouches for, and an order of
 * another customer is refused.
 */
export async function saveThankYouAnswer(input: {
  graphql: AdminGraphql;
  orderId: string;
  verifiedCustomerId: string | null;
  preferences: DeliveryPreferences;
  now: Date;
}): Promise<SaveOutcome> {
  const { graphql, orderId, verifiedCustomerId, preferences, now } = input;
  const { order } = await call<TargetData>(graphql, PREFERENCE_TARGET_QUERY, { orderId, namespace: PREFERENCES_NAMESPACE, key: PREFERENCES_KEY });
  if (order === null) return { status: "order_not_found" };
  if (now.getTime() - Date.parse(order.createdAt) > ANSWER_WINDOW_MS) return { status: "too_old" };
  const customerId = order.customer?.id ?? null;
  if (verifiedCustomerId !== null && customerId !== verifiedCustomerId) return { status: "wrong_customer" };

  const metafields: Array<Record<string, unknown>> = [];
  const storedOrder = order.metafield ? parsePreferences(order.metafield.jsonValue) : null;
  let orderResult: "written" | "kept_checkout" | "kept_newer";
  if (storedOrder?.source === "checkout") orderResult = "kept_checkout";
  else if (!isNewer(preferences, storedOrder)) orderResult = "kept_newer";
  else {
    orderResult = "written";
    metafields.push(metafieldInput(order.id, serializePreferences(preferences), order.metafield?.compareDigest ?? null));
  }

  let customerResult: "written" | "kept_newer" | "not_verified" | "no_customer";
  if (order.customer === null) customerResult = "no_customer";
  else if (verifiedCustomerId === null) customerResult = "not_verified";
  else {
    const storedCustomer = order.customer.metafield ? parsePreferences(order.customer.metafield.jsonValue) : null;
    if (!isNewer(preferences, storedCustomer)) customerResult = "kept_newer";
    else {
      customerResult = "written";
      metafields.push(metafieldInput(order.customer.id, serializePreferences(customerCopy(preferences)), order.customer.metafield?.compareDigest ?? null));
    }
  }

  if (metafields.length > 0) {
    const data = await call<{ metafieldsSet: { userErrors: Array<{ field: string[] | null; message: string; code: string | null }> } }>(
      graphql,
      SET_PREFERENCES_MUTATION,
      { metafields },
    );
    const errors = data.metafieldsSet.userErrors;
    if (errors.length > 0) return { status: "conflict", message: errors.map((e) => `${e.code ?? "ERROR"}: ${e.message}`).join("; ") };
  }
  return { status: "saved", order: orderResult, customer: customerResult, customerId };
}

function metafieldInput(ownerId: string, value: string, compareDigest: string | null): Record<string, unknown> {
  return { ownerId, namespace: PREFERENCES_NAMESPACE, key: PREFERENCES_KEY, type: PREFERENCES_METAFIELD_TYPE, value, compareDigest };
}
