/**
 * The question set, shared by the checkout step and the thank-you page. Controlled: it reports each
 * committed answer through `onChange` and never saves anything itself.
 */
import { useEffect, useState } from "preact/hooks";
import type { GiftMode } from "./context";
import { CHOICE_QUESTIONS, GIFT_NOTE_MAX_LENGTH, type ChoiceField, type DeliveryAnswers } from "./preferences";

interface Props {
  answers: DeliveryAnswers;
  onChange: (next: DeliveryAnswers) => void;
  giftMode: GiftMode;
  disabled?: boolean;
}

const t = (key: string) => shopify.i18n.translate(key);

/** The element that fired a component event (their `onChange` props are typed as plain `Event`). */
function source<Tag extends "s-choice-list" | "s-checkbox" | "s-text-area">(
  event: Event,
  _tag: Tag,
): HTMLElementTagNameMap[Tag] {
  return event.currentTarget as HTMLElementTagNameMap[Tag];
}

export function PreferenceForm({ answers, onChange, giftMode, disabled = false }: Props) {
  const [giftOpen, setGiftOpen] = useState(answers.giftPackaging !== null || answers.giftNote !== null);
  const [noteDraft, setNoteDraft] = useState(answers.giftNote ?? "");
  // Answers can be replaced from outside (saved answers arriving late): follow them.
  const hasGiftAnswer = answers.giftPackaging !== null || answers.giftNote !== null;
  useEffect(() => {
    if (hasGiftAnswer) setGiftOpen(true);
  }, [hasGiftAnswer]);
  useEffect(() => {
    setNoteDraft(answers.giftNote ?? "");
  }, [answers.giftNote]);

  const showGiftQuestions = giftMode === "detected" || (giftMode === "optional" && giftOpen);

  const choose = (field: ChoiceField, options: readonly string[], picked: string | undefined) => {
    const value = picked !== undefined && options.includes(picked) ? picked : null;
    if (value !== answers[field]) onChange({ ...answers, [field]: value });
  };

  const toggleGift = (open: boolean) => {
    setGiftOpen(open);
    // Closing the gift section withdraws the gift answers; opening it answers nothing yet.
    if (!open && hasGiftAnswer) onChange({ ...answers, giftPackaging: null, giftNote: null });
  };

  return (
    <s-stack gap="base">
      {CHOICE_QUESTIONS.map(({ field, options }) => (
        <s-choice-list
          key={field}
          name={field}
          label={t(`${field}.label`)}
          values={answers[field] === null ? [] : [answers[field] as string]}
          disabled={disabled}
          onChange={(event) => choose(field, options, source(event, "s-choice-list").values?.[0])}
        >
          {options.map((option) => (
            <s-choice key={option} value={option}>
              {t(`${field}.${option}`)}
            </s-choice>
          ))}
        </s-choice-list>
      ))}

      {giftMode === "optional" && (
        <s-checkbox
          name="isGift"
          label={t("gift.toggle")}
          checked={giftOpen}
          disabled={disabled}
          onChange={(event) => toggleGift(source(event, "s-checkbox").checked === true)}
        />
      )}

      {showGiftQuestions && (
        <s-stack gap="base">
          <s-checkbox
            name="giftPackaging"
            label={t("gift.packaging")}
            checked={answers.giftPackaging === true}
            disabled={disabled}
            onChange={(event) => onChange({ ...answers, giftPackaging: source(event, "s-checkbox").checked === true })}
          />
          <s-text-area
            name="giftNote"
            label={t("gift.note")}
            value={noteDraft}
            maxLength={GIFT_NOTE_MAX_LENGTH}
            rows={3}
            disabled={disabled}
            onInput={(event) => setNoteDraft(source(event, "s-text-area").value ?? "")}
            onChange={(event) => {
              const note = source(event, "s-text-area").value ?? "";
              setNoteDraft(note);
              const giftNote = note.trim() === "" ? null : note;
              if (giftNote !== answers.giftNote) onChange({ ...answers, giftNote });
            }}
          />
        </s-stack>
      )}
    </s-stack>
  );
}
