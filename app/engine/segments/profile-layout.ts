/**
 * Column layout of the profile store (see profile-book.ts). Kept in one place so the store,
 * which writes the columns, and the profile views, which read them, agree.
 * @internal
 */
import type { DeliveryPreferences } from "../types";

// Per-order record, Float64 part (stride RF_STRIDE).
export const RF_CREATED = 0;
export const RF_UPDATED = 1;
export const RF_GROSS = 2; // cents
export const RF_REFUND = 3; // cents
export const RF_LINE = 4; // merchandise cents
export const RF_KNOWN_REV = 5; // merchandise cents of lines with a known unit cost
export const RF_KNOWN_COST = 6; // cost cents of those lines
export const RF_ANSWERED = 7; // answeredAt of the record's stated answers (FLAG_STATED)
export const RF_STRIDE = 8;

// Per-order record, Int32 part (stride RI_STRIDE).
export const RI_DAY = 0; // store calendar day
export const RI_FLAGS = 1;
export const RI_RETURNS = 2;
export const RI_SLOT = 3; // owning customer slot, −1 for a guest order
export const RI_PREV = 4; // customer's previous record by (createdAt, id), −1 if first
export const RI_NEXT = 5;
export const RI_STRIDE = 6;

// Bits of RI_FLAGS; the shipping speed index (0..5, see SHIPPING_SPEEDS) sits above them.
export const FLAG_DISCOUNT = 1;
export const FLAG_GIFT = 2;
export const FLAG_EARLY_MONTH = 4;
export const FLAG_RETURNED = 8;
export const FLAG_REFUNDED = 16;
export const FLAG_FREE_SHIPPING = 32;
export const FLAG_STATED = 64;
/** Counted: linked into its customer's list and summed (not cancelled, not a guest order). */
export const FLAG_COUNTED = 128;
export const SPEED_SHIFT = 8;
/**
 * A record's stated answers (FLAG_STATED) are coded in its flags from STATED_SHIFT up (see
 * encodeAnswers), answeredAt in RF_ANSWERED: no object per answering order, and store-wide
 * passes read the speed-vs-cost answer without building the answers.
 */
export const STATED_SHIFT = 11;
/** Answers with a value outside the known ones: kept verbatim in `book.unusualAnswers`. */
export const FLAG_UNUSUAL_ANSWERS = 1 << 22;

// Known values of each answer, in code order (0 = not answered), and each answer's bit field.
export const STATED_SPEED_VS_COST = [null, "speed", "cost", "balanced"] as const;
const DELIVERY_WINDOWS = [null, "morning", "afternoon", "evening", "any"] as const;
const DELIVERY_DAYS = [null, "weekdays", "weekend", "any"] as const;
const NOTIFICATIONS = [null, "every_milestone", "key_only"] as const;
const GIFT_PACKAGING = [null, true, false] as const;
const ANSWER_FIELDS = [
  { values: STATED_SPEED_VS_COST, shift: 0, bits: 2 },
  { values: DELIVERY_WINDOWS, shift: 2, bits: 3 },
  { values: DELIVERY_DAYS, shift: 5, bits: 2 },
  { values: NOTIFICATIONS, shift: 7, bits: 2 },
  { values: GIFT_PACKAGING, shift: 9, bits: 2 },
] as const;

/** The answers as flag bits (to OR into RI_FLAGS), or −1 when a value is not a known one. */
export function encodeAnswers(p: DeliveryPreferences): number {
  const a = STATED_SPEED_VS_COST.indexOf(p.speedVsCost);
  const b = DELIVERY_WINDOWS.indexOf(p.deliveryWindow);
  const c = DELIVERY_DAYS.indexOf(p.deliveryDays);
  const d = NOTIFICATIONS.indexOf(p.notifications);
  const e = GIFT_PACKAGING.indexOf(p.giftPackaging);
  if (a < 0 || b < 0 || c < 0 || d < 0 || e < 0) return -1;
  const f = ANSWER_FIELDS;
  return ((a << f[0].shift) | (b << f[1].shift) | (c << f[2].shift) | (d << f[3].shift) | (e << f[4].shift)) << STATED_SHIFT;
}

/** The answers coded in a record's flags (encodeAnswers), as a fresh frozen object. */
export function decodeAnswers(flags: number, answeredAt: number): Readonly<DeliveryPreferences> {
  return Object.freeze({ ...answerValues(flags), answeredAt });
}

/** The answers themselves, without when they were given. */
export type StatedAnswers = Omit<DeliveryPreferences, "answeredAt">;

/** Width of the answer codes in the flags (the five fields of ANSWER_FIELDS). */
const ANSWER_CODE_BITS = 11;
const codedAnswersCache: (Readonly<StatedAnswers> | undefined)[] = new Array(1 << ANSWER_CODE_BITS).fill(undefined);

/**
 * The answers coded in a record's flags, one shared frozen object per distinct code (at most
 * 2^11): store-wide counts read every customer's answers without building an object each.
 */
export function codedAnswers(flags: number): Readonly<StatedAnswers> {
  const code = (flags >>> STATED_SHIFT) & ((1 << ANSWER_CODE_BITS) - 1);
  let answers = codedAnswersCache[code];
  if (answers === undefined) codedAnswersCache[code] = answers = Object.freeze(answerValues(flags));
  return answers;
}

function answerValues(flags: number): StatedAnswers {
  const field = (i: number) => (flags >>> (STATED_SHIFT + ANSWER_FIELDS[i].shift)) & ((1 << ANSWER_FIELDS[i].bits) - 1);
  return {
    speedVsCost: STATED_SPEED_VS_COST[field(0)],
    deliveryWindow: DELIVERY_WINDOWS[field(1)],
    deliveryDays: DELIVERY_DAYS[field(2)],
    notifications: NOTIFICATIONS[field(3)],
    giftPackaging: GIFT_PACKAGING[field(4)],
  };
}

// Per-customer aggregates, Int32 part (stride SI_STRIDE).
export const SI_ORDERS = 0;
export const SI_DAYS = 1;
export const SI_DISCOUNT = 2;
/** Six speed counters follow, in SHIPPING_SPEEDS order: express, standard, economy, pickup, local, unknown. */
export const SI_SPEED = 3;
export const SI_FREE_SHIPPING = 9;
export const SI_ECONOMY_OR_FREE = 10;
export const SI_GIFT = 11;
export const SI_EARLY_MONTH = 12;
export const SI_RETURNS = 13;
export const SI_RETURNED = 14;
export const SI_REFUNDED = 15;
export const SI_STATED = 16;
export const SI_HEAD = 17;
export const SI_TAIL = 18;
export const SI_LATEST_PREF = 19; // record holding the latest stated answers, −1 if none
// RI_DAY of the head and tail records (valid while SI_HEAD ≥ 0): store-wide passes read the
// first and last purchase day without a random access into the records.
export const SI_FIRST_DAY = 20;
export const SI_LAST_DAY = 21;
export const SI_STRIDE = 22;

// Per-customer aggregates, Float64 part (stride SF_STRIDE).
export const SF_GROSS = 0;
export const SF_REFUNDED = 1;
export const SF_NET = 2;
export const SF_LINE = 3;
export const SF_KNOWN_REV = 4;
export const SF_KNOWN_COST = 5;
export const SF_GAP_SQUARES = 6;
export const SF_STRIDE = 7;
