/**
 * Pure readers of the checkout context shared by both targets: previously saved answers, gift
 * detection, and the checkouts where the question must not be asked.
 */
import type {
  AppMetafieldEntry,
  CheckoutSettings,
  Customer,
  ExtensionSettings,
  MailingAddress,
  PurchasingCompany,
} from "@shopify/ui-extensions/checkout";
import {
  PREFERENCES_KEY,
  PREFERENCES_NAMESPACE,
  parsePreferences,
  type DeliveryPreferences,
} from "./preferences";

/**
 * `shopify.storage` keys. Storage is shared by all targets of this one extension for the current
 * checkout, which is how the thank-you page knows the checkout step already captured the answer.
 */
export const STORAGE_CAPTURED_KEY = "delivery-preferences:captured";
export const STORAGE_SUBMITTED_KEY = "delivery-preferences:submitted";

/** What `shopify.storage` holds under STORAGE_CAPTURED_KEY / STORAGE_SUBMITTED_KEY. */
export interface StoredCapture {
  /** Checkout token (checkout step) or order id (thank-you page) the answer belongs to. */
  ref: string | null;
  preferences: DeliveryPreferences;
}

export interface SavedPreferences {
  /** Written on this cart by the checkout step (copied to the order at completion). */
  cart: DeliveryPreferences | null;
  /** The customer's last answers (`$app.delivery_preferences` on the Customer), for pre-filling. */
  customer: DeliveryPreferences | null;
}

/** Reads our metafield per owner from `shopify.appMetafields`; malformed values count as absent. */
export function savedPreferences(entries: readonly AppMetafieldEntry[] | undefined): SavedPreferences {
  const saved: SavedPreferences = { cart: null, customer: null };
  for (const entry of entries ?? []) {
    const { metafield, target } = entry;
    if (metafield.namespace !== PREFERENCES_NAMESPACE || metafield.key !== PREFERENCES_KEY) continue;
    if (target.type !== "cart" && target.type !== "customer") continue;
    const parsed = parsePreferences(metafield.value);
    const current = saved[target.type];
    // Several entries for one owner should not happen; keep the most recent answer if they do.
    if (parsed && (!current || parsed.answeredAt > current.answeredAt)) saved[target.type] = parsed;
  }
  return saved;
}

/**
 * Why the form is not shown, or null when it may be. B2B purchases follow the company's
 * delivery terms, and draft-order checkouts are completed by the merchant: neither is the buyer's
 * own delivery choice.
 */
export function skipReason(input: {
  purchasingCompany: PurchasingCompany | undefined;
  checkoutSettings: CheckoutSettings | undefined;
}): "b2b" | "draft_order" | null {
  if (input.purchasingCompany) return "b2b";
  if (input.checkoutSettings?.orderSubmission === "DRAFT_ORDER") return "draft_order";
  return null;
}

function personName(address: MailingAddress | undefined): string | null {
  if (!address) return null;
  const name = address.name || [address.firstName, address.lastName].filter(Boolean).join(" ");
  const normalized = name.trim().replace(/\s+/g, " ").toLocaleLowerCase();
  return normalized === "" ? null : normalized;
}

/**
 * True when the order visibly ships to someone else: the recipient's name differs from the buyer's
 * (billing name, else the signed-in customer's). Names need protected-customer-data access; without
 * them this returns false and the form offers an explicit "this is a gift" checkbox instead.
 */
export function shipsToSomeoneElse(input: {
  shippingAddress: MailingAddress | undefined;
  billingAddress: MailingAddress | undefined;
  customer: Customer | undefined;
}): boolean {
  const recipient = personName(input.shippingAddress);
  const buyer =
    personName(input.billingAddress) ??
    personName(
      input.customer
        ? { name: input.customer.fullName, firstName: input.customer.firstName, lastName: input.customer.lastName }
        : undefined,
    );
  return recipient !== null && buyer !== null && recipient !== buyer;
}

/**
 * - `hidden`: the merchant turned gift questions off (setting `hide_gift_questions`).
 * - `detected`: the order ships to someone else, so the gift questions are shown directly.
 * - `optional`: unknown recipient; a "this order is a gift" checkbox reveals them.
 */
export type GiftMode = "hidden" | "detected" | "optional";

export function giftModeOf(input: {
  settings: ExtensionSettings | undefined;
  shippingAddress: MailingAddress | undefined;
  billingAddress: MailingAddress | undefined;
  customer: Customer | undefined;
}): GiftMode {
  if (input.settings?.hide_gift_questions === true) return "hidden";
  return shipsToSomeoneElse(input) ? "detected" : "optional";
}
