/**
 * Reads the checkout context both targets need from the `shopify` global. Property reads of
 * `.value` inside a component render subscribe it to changes (Preact signals).
 */
import { giftModeOf, savedPreferences, skipReason, type GiftMode, type SavedPreferences } from "./context";

export function readSkipReason(): ReturnType<typeof skipReason> {
  return skipReason({
    purchasingCompany: shopify.buyerIdentity?.purchasingCompany.value,
    checkoutSettings: shopify.checkoutSettings.value,
  });
}

export function readSavedPreferences(): SavedPreferences {
  return savedPreferences(shopify.appMetafields.value);
}

export function readGiftMode(): GiftMode {
  return giftModeOf({
    settings: shopify.settings.value,
    shippingAddress: shopify.shippingAddress?.value,
    billingAddress: shopify.billingAddress?.value,
    customer: shopify.buyerIdentity?.customer.value,
  });
}

/** The checkout editor renders extensions as a preview: never write or post from there. */
export function isEditorPreview(): boolean {
  return shopify.extension.editor !== undefined;
}
