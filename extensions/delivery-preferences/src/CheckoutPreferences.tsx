/**
 * Checkout step (Shopify Plus only: `purchase.checkout.shipping-option-list.render-after`).
 * Every answer rewrites the cart metafield `$app.delivery_preferences`, which Shopify copies to the
 * order when an order metafield definition with `cart_to_order_copyable` exists (shopify.app.toml).
 * Never blocks checkout: no `block_progress`, no interceptors, failed writes only show a quiet note.
 */
import { useRef, useState } from "preact/hooks";
import { STORAGE_CAPTURED_KEY, type StoredCapture } from "./context";
import { createLatestWriter, type LatestWriter } from "./latest-writer";
import {
  PREFERENCES_KEY,
  PREFERENCES_METAFIELD_TYPE,
  PREFERENCES_NAMESPACE,
  answersOf,
  buildPreferences,
  hasAnyAnswer,
  prefillAnswers,
  serializePreferences,
  type DeliveryAnswers,
} from "./preferences";
import { isEditorPreview, readGiftMode, readSavedPreferences, readSkipReason } from "./live-context";
import { PreferenceForm } from "./PreferenceForm";
import { useAnswers } from "./use-answers";

export interface CheckoutPreferencesProps {
  /** Clock for `answeredAt`; injectable for tests. */
  now?: () => Date;
}

/** Decides whether this instance asks at all; reads signals, so it re-evaluates when they change. */
export function CheckoutPreferences(props: CheckoutPreferencesProps) {
  // The target renders once per delivery group list (one-time purchases, subscriptions): ask once,
  // in the one-time list, or in the first list when the cart only holds subscriptions.
  const list = shopify.target.value;
  const hasOneTimeGroup = shopify.deliveryGroups.value.some((group) => group.groupType === "oneTimePurchase");
  if (list && list.groupType !== "oneTimePurchase" && hasOneTimeGroup) return null;

  if (readSkipReason()) return null;

  // Without this instruction a write would fail: show nothing, the thank-you page asks instead.
  if (!shopify.instructions.value.metafields.canSetCartMetafields) return null;

  return <CheckoutForm {...props} />;
}

async function remember(capture: StoredCapture | null): Promise<void> {
  try {
    if (capture) await shopify.storage.write(STORAGE_CAPTURED_KEY, capture);
    else await shopify.storage.delete(STORAGE_CAPTURED_KEY);
  } catch {
    // Storage is best effort: at worst the thank-you page asks once more.
  }
}

function CheckoutForm({ now = () => new Date() }: CheckoutPreferencesProps) {
  const saved = readSavedPreferences();
  // This cart's own answer wins (e.g. after a reload); else the customer's previous habits.
  const initial = saved.cart ? answersOf(saved.cart) : prefillAnswers(saved.customer);
  const prefilledFromCustomer = !saved.cart && saved.customer !== null;

  const { answers, update, touched } = useAnswers(initial);
  const [saveFailed, setSaveFailed] = useState(false);
  const clock = useRef(now);
  clock.current = now;

  const writer = useRef<LatestWriter<DeliveryAnswers> | null>(null);
  writer.current ??= createLatestWriter(async (next) => {
    const ok = await writeAnswers(next, clock.current());
    setSaveFailed(!ok);
  });

  // Once the order is submitted, writes are pointless (and refused): freeze the form.
  const completed = shopify.buyerJourney.completed.value;
  const preview = isEditorPreview();

  const onChange = (next: DeliveryAnswers) => {
    update(next);
    if (completed || preview) return;
    writer.current?.push(next);
  };

  return (
    <s-details defaultOpen={saved.cart !== null || prefilledFromCustomer}>
      <s-summary>{shopify.i18n.translate("checkout.summary")}</s-summary>
      <s-stack gap="base">
        <s-paragraph color="subdued">{shopify.i18n.translate("intro")}</s-paragraph>
        {prefilledFromCustomer && !touched && (
          <s-text color="subdued">{shopify.i18n.translate("prefilled")}</s-text>
        )}
        <PreferenceForm answers={answers} onChange={onChange} giftMode={readGiftMode()} disabled={completed} />
        {/* A live region that is always present, so screen readers announce a failed save. */}
        <s-stack accessibilityRole="status">
          {saveFailed && <s-text color="subdued">{shopify.i18n.translate("checkout.saveFailed")}</s-text>}
        </s-stack>
      </s-stack>
    </s-details>
  );
}

/** Writes (or, when everything was withdrawn, removes) the cart metafield; true on success. */
async function writeAnswers(answers: DeliveryAnswers, at: Date): Promise<boolean> {
  // Instructions can change while the buyer answers (e.g. after switching checkout method).
  const instructions = shopify.instructions.value.metafields;
  try {
    if (!hasAnyAnswer(answers)) {
      if (!instructions.canDeleteCartMetafield) return true;
      const removed = await shopify.applyMetafieldChange({
        type: "removeCartMetafield",
        namespace: PREFERENCES_NAMESPACE,
        key: PREFERENCES_KEY,
      });
      if (removed.type === "success") await remember(null);
      return removed.type === "success";
    }
    if (!instructions.canSetCartMetafields) return false;
    const preferences = buildPreferences(answers, { answeredAt: at.toISOString(), source: "checkout" });
    const result = await shopify.applyMetafieldChange({
      type: "updateCartMetafield",
      metafield: {
        namespace: PREFERENCES_NAMESPACE,
        key: PREFERENCES_KEY,
        value: serializePreferences(preferences),
        type: PREFERENCES_METAFIELD_TYPE,
      },
    });
    // Accelerated checkouts (Apple Pay, Google Pay) refuse metafield writes: forget the capture
    // so the thank-you page asks again instead.
    await remember(result.type === "success" ? { ref: shopify.checkoutToken.value ?? null, preferences } : null);
    return result.type === "success";
  } catch {
    await remember(null);
    return false;
  }
}
