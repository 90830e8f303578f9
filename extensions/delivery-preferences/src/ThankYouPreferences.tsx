/**
 * Thank-you page (`purchase.thank-you.block.render`, all plans). It cannot write metafields, so it
 * POSTs the answer with the checkout session token to the app backend, which stores it on the order
 * (and the customer). Skipped when the checkout step already captured the answer.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import { configuredAppUrl, submitPreferences } from "./backend";
import { STORAGE_CAPTURED_KEY, STORAGE_SUBMITTED_KEY, type StoredCapture } from "./context";
import { isEditorPreview, readGiftMode, readSavedPreferences, readSkipReason } from "./live-context";
import { buildPreferences, hasAnyAnswer, prefillAnswers } from "./preferences";
import { PreferenceForm } from "./PreferenceForm";
import { useAnswers } from "./use-answers";

export interface ThankYouPreferencesProps {
  /** Clock for `answeredAt`; injectable for tests. */
  now?: () => Date;
  /** Backend origin; defaults to the build-time SHOPIFY_APP_URL (see backend.ts). */
  appUrl?: string | null;
  fetchImpl?: typeof fetch;
}

export function ThankYouPreferences(props: ThankYouPreferencesProps) {
  if (readSkipReason()) return null;

  const appUrl = props.appUrl === undefined ? configuredAppUrl() : props.appUrl;
  if (!appUrl) return null; // no backend to send to: asking would only lose the answer

  // Answered in checkout: the cart metafield is copied to the order, don't ask twice.
  if (readSavedPreferences().cart) return null;

  return <ThankYouForm {...props} appUrl={appUrl} />;
}

type Phase = "checking" | "asking" | "submitting" | "failed" | "done" | "hidden";

function isForThis(capture: StoredCapture | null, ref: string | undefined): boolean {
  // Storage only lives for the current checkout, so a missing ref on either side still matches.
  return capture !== null && (capture.ref === null || ref === undefined || capture.ref === ref);
}

function ThankYouForm({ now = () => new Date(), appUrl, fetchImpl }: ThankYouPreferencesProps & { appUrl: string }) {
  const saved = readSavedPreferences();
  const { answers, update } = useAnswers(prefillAnswers(saved.customer));
  const [phase, setPhase] = useState<Phase>("checking");
  const mounted = useRef(true);
  const orderId = shopify.orderConfirmation.value.order.id;

  useEffect(() => {
    mounted.current = true;
    const checkoutToken = shopify.checkoutToken.value;
    Promise.all([
      shopify.storage.read<StoredCapture>(STORAGE_CAPTURED_KEY),
      shopify.storage.read<StoredCapture>(STORAGE_SUBMITTED_KEY),
    ])
      .then(([captured, submitted]) => {
        const answered = isForThis(captured, checkoutToken) || isForThis(submitted, orderId);
        if (mounted.current) setPhase(answered ? "hidden" : "asking");
      })
      .catch(() => mounted.current && setPhase("asking"));
    return () => {
      mounted.current = false;
    };
  }, [orderId]);

  if (phase === "checking" || phase === "hidden") return null;

  if (phase === "done") {
    return (
      <s-banner tone="success" heading={shopify.i18n.translate("thankYou.successHeading")}>
        <s-paragraph>{shopify.i18n.translate("thankYou.success")}</s-paragraph>
      </s-banner>
    );
  }

  const preview = isEditorPreview();
  const submitting = phase === "submitting";

  const submit = async () => {
    if (submitting || preview || !hasAnyAnswer(answers)) return;
    setPhase("submitting");
    const preferences = buildPreferences(answers, { answeredAt: now().toISOString(), source: "thank_you" });
    let ok = false;
    try {
      const sessionToken = await shopify.sessionToken.get();
      const result = await submitPreferences({ appUrl, sessionToken, body: { orderId, preferences }, fetchImpl });
      ok = result.ok;
    } catch {
      ok = false; // no session token: same quiet failure as a refused request
    }
    if (ok) {
      shopify.storage.write(STORAGE_SUBMITTED_KEY, { ref: orderId, preferences }).catch(() => undefined);
    }
    if (mounted.current) setPhase(ok ? "done" : "failed");
  };

  const prefilled = saved.customer !== null;
  return (
    <s-section heading={shopify.i18n.translate("thankYou.heading")}>
      <s-stack gap="base">
        <s-paragraph>{shopify.i18n.translate("intro")}</s-paragraph>
        {prefilled && <s-text color="subdued">{shopify.i18n.translate("prefilled")}</s-text>}
        <PreferenceForm answers={answers} onChange={update} giftMode={readGiftMode()} disabled={submitting} />
        {phase === "failed" && (
          <s-banner tone="critical" heading={shopify.i18n.translate("thankYou.errorHeading")}>
            <s-paragraph>{shopify.i18n.translate("thankYou.error")}</s-paragraph>
          </s-banner>
        )}
        <s-button
          variant="primary"
          loading={submitting}
          disabled={preview || !hasAnyAnswer(answers)}
          accessibilityLabel={shopify.i18n.translate("thankYou.submitLabel")}
          onClick={submit}
        >
          {shopify.i18n.translate(phase === "failed" ? "thankYou.retry" : "thankYou.submit")}
        </s-button>
      </s-stack>
    </s-section>
  );
}
