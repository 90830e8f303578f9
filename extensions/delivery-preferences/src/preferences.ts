/**
 * The zero-party delivery-preference record: its shape, a dependency-free validator and the
 * canonical serialization. Shared by the checkout extension (writer) and the app (backend route,
 * sync, engine), so this file imports nothing and never reads the clock.
 *
 * Stored as ONE json metafield `$app.delivery_preferences` (cart → order copy, customer copy).
 */

export const PREFERENCES_NAMESPACE = "$app";
export const PREFERENCES_KEY = "delivery_preferences";
export const PREFERENCES_METAFIELD_TYPE = "json";
export const PREFERENCES_VERSION = 1;
/** Gift notes are printed on a card: keep them short (also bounds the metafield size). */
export const GIFT_NOTE_MAX_LENGTH = 300;

export const SPEED_VS_COST = ["speed", "balanced", "cost"] as const;
export const DELIVERY_WINDOWS = ["morning", "afternoon", "evening", "any"] as const;
export const DELIVERY_DAYS = ["weekdays", "weekend", "any"] as const;
export const NOTIFICATIONS = ["every_milestone", "key_only"] as const;
export const PREFERENCE_SOURCES = ["checkout", "thank_you", "customer_account"] as const;

export type SpeedVsCost = (typeof SPEED_VS_COST)[number];
export type DeliveryWindow = (typeof DELIVERY_WINDOWS)[number];
export type DeliveryDays = (typeof DELIVERY_DAYS)[number];
export type NotificationFrequency = (typeof NOTIFICATIONS)[number];
export type PreferenceSource = (typeof PREFERENCE_SOURCES)[number];

/** The single-choice questions, in the order they are asked (checkout, thank-you page, account). */
export type ChoiceField = "speedVsCost" | "deliveryWindow" | "deliveryDays" | "notifications";
export const CHOICE_QUESTIONS: ReadonlyArray<{ field: ChoiceField; options: readonly string[] }> = [
  { field: "speedVsCost", options: SPEED_VS_COST },
  { field: "deliveryWindow", options: DELIVERY_WINDOWS },
  { field: "deliveryDays", options: DELIVERY_DAYS },
  { field: "notifications", options: NOTIFICATIONS },
];

/** What the buyer answered; every question is optional, so `null` means "not answered". */
export interface DeliveryAnswers {
  speedVsCost: SpeedVsCost | null;
  deliveryWindow: DeliveryWindow | null;
  deliveryDays: DeliveryDays | null;
  notifications: NotificationFrequency | null;
  /** Only asked when the order is a gift; `null` otherwise. */
  giftPackaging: boolean | null;
  giftNote: string | null;
}

/** The stored record (version 1). Key order here is the serialization order. */
export interface DeliveryPreferences extends DeliveryAnswers {
  /** ISO 8601 date-time with offset, e.g. "2026-11-23T10:15:00.000Z". */
  answeredAt: string;
  source: PreferenceSource;
  version: typeof PREFERENCES_VERSION;
}

export type ValidationResult = { ok: true; value: DeliveryPreferences } | { ok: false; errors: string[] };

const FIELDS = [
  "speedVsCost",
  "deliveryWindow",
  "deliveryDays",
  "notifications",
  "giftPackaging",
  "giftNote",
  "answeredAt",
  "source",
  "version",
] as const satisfies ReadonlyArray<keyof DeliveryPreferences>;

export const EMPTY_ANSWERS: Readonly<DeliveryAnswers> = Object.freeze({
  speedVsCost: null,
  deliveryWindow: null,
  deliveryDays: null,
  notifications: null,
  giftPackaging: null,
  giftNote: null,
});

const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,9})?(Z|([+-])(\d{2}):(\d{2}))$/;

/** Strict ISO 8601 date-time (seconds and an offset required), with real calendar ranges. */
export function isIsoDateTime(value: unknown): value is string {
  if (typeof value !== "string") return false;
  const m = ISO_DATE_TIME.exec(value);
  if (!m) return false;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > daysInMonth) return false;
  if (m[7] !== "Z" && (Number(m[9]) > 14 || Number(m[10]) > 59)) return false;
  return true;
}

function isOneOf<T extends string>(options: readonly T[], value: unknown): value is T {
  return typeof value === "string" && (options as readonly string[]).includes(value);
}

function checkChoice(errors: string[], field: string, options: readonly string[], value: unknown): void {
  if (value !== null && !isOneOf(options, value)) {
    errors.push(`${field} must be one of ${options.map((o) => `"${o}"`).join(", ")} or null`);
  }
}

/** Validates an already-parsed value against the exact version-1 shape (no missing or extra keys). */
export function validatePreferences(input: unknown): ValidationResult {
  if (input === null || typeof input !== "object" || Array.isArray(input)) {
    return { ok: false, errors: ["preferences must be a JSON object"] };
  }
  const raw = input as Record<string, unknown>;
  const errors: string[] = [];
  for (const field of FIELDS) {
    if (!(field in raw)) errors.push(`${field} is missing`);
  }
  for (const key of Object.keys(raw)) {
    if (!(FIELDS as readonly string[]).includes(key)) errors.push(`${key} is not a known field`);
  }
  // A missing field is reported once, as missing, not again as a wrong value.
  const has = (field: (typeof FIELDS)[number]) => field in raw;
  if (has("speedVsCost")) checkChoice(errors, "speedVsCost", SPEED_VS_COST, raw.speedVsCost);
  if (has("deliveryWindow")) checkChoice(errors, "deliveryWindow", DELIVERY_WINDOWS, raw.deliveryWindow);
  if (has("deliveryDays")) checkChoice(errors, "deliveryDays", DELIVERY_DAYS, raw.deliveryDays);
  if (has("notifications")) checkChoice(errors, "notifications", NOTIFICATIONS, raw.notifications);
  if (has("giftPackaging") && raw.giftPackaging !== null && typeof raw.giftPackaging !== "boolean") {
    errors.push("giftPackaging must be true, false or null");
  }
  if (has("giftNote") && raw.giftNote !== null) {
    if (typeof raw.giftNote !== "string" || raw.giftNote.trim() === "") {
      errors.push("giftNote must be a non-empty string or null");
    } else if (raw.giftNote.length > GIFT_NOTE_MAX_LENGTH) {
      errors.push(`giftNote must be at most ${GIFT_NOTE_MAX_LENGTH} characters`);
    }
  }
  if (has("answeredAt") && !isIsoDateTime(raw.answeredAt)) {
    errors.push("answeredAt must be an ISO 8601 date-time with an offset");
  }
  if (has("source") && !isOneOf(PREFERENCE_SOURCES, raw.source)) {
    errors.push(`source must be one of ${PREFERENCE_SOURCES.map((o) => `"${o}"`).join(", ")}`);
  }
  if (has("version") && raw.version !== PREFERENCES_VERSION) errors.push(`version must be ${PREFERENCES_VERSION}`);
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, value: pick(raw as unknown as DeliveryPreferences) };
}

/** A metafield value (JSON string) or an already-parsed `jsonValue`; null when absent or invalid. */
export function parsePreferences(raw: unknown): DeliveryPreferences | null {
  let value = raw;
  if (typeof value === "string") {
    try {
      value = JSON.parse(value);
    } catch {
      return null;
    }
  }
  const result = validatePreferences(value);
  return result.ok ? result.value : null;
}

/** Canonical JSON (fixed key order, no extra keys). Throws on an invalid record: never store garbage. */
export function serializePreferences(preferences: DeliveryPreferences): string {
  const result = validatePreferences(preferences);
  if (!result.ok) throw new Error(`Invalid delivery preferences: ${result.errors.join("; ")}`);
  return JSON.stringify(result.value);
}

function pick(p: DeliveryPreferences): DeliveryPreferences {
  return {
    speedVsCost: p.speedVsCost,
    deliveryWindow: p.deliveryWindow,
    deliveryDays: p.deliveryDays,
    notifications: p.notifications,
    giftPackaging: p.giftPackaging,
    giftNote: p.giftNote,
    answeredAt: p.answeredAt,
    source: p.source,
    version: PREFERENCES_VERSION,
  };
}

/** Trims the gift note, drops a blank one and clips it to the stored maximum. */
export function normalizeGiftNote(note: string | null | undefined): string | null {
  const trimmed = (note ?? "").trim().slice(0, GIFT_NOTE_MAX_LENGTH).trim();
  return trimmed === "" ? null : trimmed;
}

/** True when at least one question has an answer (an all-null record is not worth storing). */
export function hasAnyAnswer(answers: DeliveryAnswers): boolean {
  return (
    answers.speedVsCost !== null ||
    answers.deliveryWindow !== null ||
    answers.deliveryDays !== null ||
    answers.notifications !== null ||
    answers.giftPackaging !== null ||
    normalizeGiftNote(answers.giftNote) !== null
  );
}

/** Builds the record to store. The caller supplies the time (`new Date().toISOString()` in the UI). */
export function buildPreferences(
  answers: DeliveryAnswers,
  meta: { answeredAt: string; source: PreferenceSource },
): DeliveryPreferences {
  return {
    speedVsCost: answers.speedVsCost,
    deliveryWindow: answers.deliveryWindow,
    deliveryDays: answers.deliveryDays,
    notifications: answers.notifications,
    giftPackaging: answers.giftPackaging,
    giftNote: normalizeGiftNote(answers.giftNote),
    answeredAt: meta.answeredAt,
    source: meta.source,
    version: PREFERENCES_VERSION,
  };
}

/**
 * Answers to pre-fill for a returning customer: the lasting habits only. Gift choices belong to
 * one order and are never carried over.
 */
export function prefillAnswers(previous: DeliveryPreferences | null): DeliveryAnswers {
  if (!previous) return { ...EMPTY_ANSWERS };
  return {
    speedVsCost: previous.speedVsCost,
    deliveryWindow: previous.deliveryWindow,
    deliveryDays: previous.deliveryDays,
    notifications: previous.notifications,
    giftPackaging: null,
    giftNote: null,
  };
}

/** Keeps the answers of a record as they are (used when the same order's answer is shown again). */
export function answersOf(preferences: DeliveryPreferences): DeliveryAnswers {
  return {
    speedVsCost: preferences.speedVsCost,
    deliveryWindow: preferences.deliveryWindow,
    deliveryDays: preferences.deliveryDays,
    notifications: preferences.notifications,
    giftPackaging: preferences.giftPackaging,
    giftNote: preferences.giftNote,
  };
}
