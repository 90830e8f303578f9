/**
 * The query the webhook queue uses on customers/update: only the app-owned delivery-preferences
 * metafield (the customer-account extension writes it), no name, email or address.
 */
export const CUSTOMER_PREFERENCES_QUERY = `query CustomerPreferences($id: ID!) {
  customer(id: $id) {
    id
    metafield(namespace: "$app", key: "delivery_preferences") {
      jsonValue
    }
  }
}`;

export interface CustomerPreferencesData {
  customer: { id: string; metafield: { jsonValue: unknown } | null } | null;
}
