/**
 * The customer's saved delivery preferences on their Profile page: the lasting questions only
 * (gift choices belong to one order). Answers are saved on demand with one button; "Clear my
 * answers" saves a record with every question unanswered, so the app's profile forgets them too.
 */
import { useEffect, useState } from "preact/hooks";
import {
  CHOICE_QUESTIONS,
  EMPTY_ANSWERS,
  buildPreferences,
  prefillAnswers,
  type DeliveryAnswers,
  type DeliveryPreferences,
} from "../../delivery-preferences/src/preferences";
import { StalePreferencesError, loadSavedPreferences, savePreferences, type SavedPreferences } from "./customer-account-api";

type State =
  | { phase: "loading" }
  | { phase: "load_failed" }
  | {
      phase: "ready";
      customerId: string;
      saved: DeliveryPreferences | null;
      digest: string | null;
      saving: boolean;
      /** "stale": answers saved elsewhere meanwhile were loaded instead of overwritten. */
      saveFailed: false | "error" | "stale";
    };

export interface AccountPreferencesProps {
  /** Injected by tests; the extension uses the real clock and fetch. */
  now?: () => Date;
  fetchImpl?: typeof fetch;
}

const t = (key: string, options?: Record<string, string>) => shopify.i18n.translate(key, options);

export function AccountPreferences({ now = () => new Date(), fetchImpl = fetch }: AccountPreferencesProps) {
  const signedIn = shopify.authenticatedAccount.customer.value !== undefined;
  const [state, setState] = useState<State>({ phase: "loading" });
  const [answers, setAnswers] = useState<DeliveryAnswers>({ ...EMPTY_ANSWERS });

  useEffect(() => {
    if (!signedIn) return;
    let live = true;
    loadSavedPreferences(fetchImpl).then(
      (loaded) => {
        if (!live) return;
        show(loaded, false);
      },
      () => live && setState({ phase: "load_failed" }),
    );
    return () => {
      live = false;
    };
  }, [signedIn]);

  function show({ customerId, preferences, digest }: SavedPreferences, saveFailed: false | "stale") {
    setAnswers(prefillAnswers(preferences));
    setState({ phase: "ready", customerId, saved: preferences, digest, saving: false, saveFailed });
  }

  if (!signedIn) return null;
  if (state.phase === "loading") return <s-skeleton-paragraph />;
  if (state.phase === "load_failed") {
    return (
      <s-banner heading={t("loadErrorHeading")} tone="critical">
        {t("loadError")}
      </s-banner>
    );
  }

  const save = async (next: DeliveryAnswers) => {
    const record = buildPreferences(next, { answeredAt: now().toISOString(), source: "customer_account" });
    setState({ ...state, saving: true, saveFailed: false });
    try {
      const digest = await savePreferences(state.customerId, record, state.digest, fetchImpl);
      setAnswers(next);
      setState({ ...state, saved: record, digest, saving: false, saveFailed: false });
      void shopify.toast.show(t("saved"));
    } catch (error) {
      if (error instanceof StalePreferencesError) {
        const latest = await loadSavedPreferences(fetchImpl).catch(() => null);
        if (latest) return show(latest, "stale");
      }
      setState({ ...state, saving: false, saveFailed: "error" });
    }
  };

  const unchanged = JSON.stringify(prefillAnswers(state.saved)) === JSON.stringify(answers);
  const anySaved = state.saved !== null && JSON.stringify(prefillAnswers(state.saved)) !== JSON.stringify(EMPTY_ANSWERS);

  return (
    <s-section heading={t("heading")}>
      <s-stack gap="base">
        <s-paragraph>{anySaved ? t("intro") : t("empty")}</s-paragraph>
        {state.saved && (
          <s-paragraph>{t("lastSaved", { date: shopify.i18n.formatDate(new Date(state.saved.answeredAt), { dateStyle: "long" }) })}</s-paragraph>
        )}
        {CHOICE_QUESTIONS.map(({ field, options }) => (
          <s-choice-list
            key={field}
            name={field}
            label={t(`${field}.label`)}
            values={answers[field] === null ? [] : [answers[field] as string]}
            disabled={state.saving}
            onChange={(event) => {
              const picked = (event.currentTarget as HTMLElementTagNameMap["s-choice-list"]).values?.[0];
              setAnswers({ ...answers, [field]: picked !== undefined && options.includes(picked) ? picked : null });
            }}
          >
            {options.map((option) => (
              <s-choice key={option} value={option}>
                {t(`${field}.${option}`)}
              </s-choice>
            ))}
          </s-choice-list>
        ))}
        {state.saveFailed === "error" && (
          <s-banner heading={t("saveErrorHeading")} tone="critical">
            {t("saveError")}
          </s-banner>
        )}
        {state.saveFailed === "stale" && (
          <s-banner heading={t("staleHeading")} tone="warning">
            {t("stale")}
          </s-banner>
        )}
        <s-button-group>
          <s-button slot="primary-action" variant="primary" accessibilityLabel={t("saveLabel")} loading={state.saving} disabled={unchanged} onClick={() => save(answers)}>
            {t("save")}
          </s-button>
          {anySaved && (
            <s-button slot="secondary-actions" variant="secondary" accessibilityLabel={t("clearLabel")} disabled={state.saving} onClick={() => save({ ...EMPTY_ANSWERS })}>
              {t("clear")}
            </s-button>
          )}
        </s-button-group>
      </s-stack>
    </s-section>
  );
}
