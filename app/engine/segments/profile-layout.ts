/**
 * Column layout of the profile store (see profile-book.ts). Kept in one place so the store,
 * which writes the columns, and the profile views, which read them, agree.
 * @internal
 */

// Per-order record, Float64 part (stride RF_STRIDE).
export const RF_CREATED = 0;
export const RF_UPDATED = 1;
export const RF_GROSS = 2; // cents
export const RF_REFUND = 3; // cents
export const RF_LINE = 4; // merchandise cents
export const RF_KNOWN_REV = 5; // merchandise cents of lines with a known unit cost
export const RF_KNOWN_COST = 6; // cost cents of those lines
export const RF_STRIDE = 7;

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
export const SI_STRIDE = 20;

// Per-customer aggregates, Float64 part (stride SF_STRIDE).
export const SF_GROSS = 0;
export const SF_REFUNDED = 1;
export const SF_NET = 2;
export const SF_LINE = 3;
export const SF_KNOWN_REV = 4;
export const SF_KNOWN_COST = 5;
export const SF_GAP_SQUARES = 6;
export const SF_STRIDE = 7;
