/**
 * The profile store of a shop: every customer's profile, fed one order version at a time
 * (initial sync and webhooks alike), O(1) amortized per version.
 *
 * Layout (profile-layout.ts): one fixed-width record per order ever seen, in growable typed
 * arrays; each customer's counted records form a doubly linked list sorted by (placedAt, id),
 * and per-customer aggregates live in two more typed arrays. An index maps order id → record,
 * which makes versions safe whatever their arrival order: a replay of the same version is a
 * no-op, an older one is ignored, a newer one subtracts the old contribution and adds the new
 * one, moving the order if its customer changed. Cancelled orders keep their record (so late
 * replays stay ignored) but count nowhere; guest orders are remembered the same way and never
 * profiled, since they cannot be followed for repeats.
 */
import type { DeliveryPreferences, EpochMs, Order } from "../types";
import { placedAt } from "../journey/order-facts";
import { KeyIndex } from "../journey/key-index";
import { type ApplyResult, type ProfileOptions, CustomerProfile, EARLY_MONTH_LAST_DAY, storeDay } from "./customer-profile";
import { dayOfMonthOfDay } from "../stats/calendar";
import {
  FLAG_COUNTED,
  FLAG_DISCOUNT,
  FLAG_EARLY_MONTH,
  FLAG_FREE_SHIPPING,
  FLAG_GIFT,
  FLAG_REFUNDED,
  FLAG_RETURNED,
  FLAG_STATED,
  RF_CREATED,
  RF_GROSS,
  RF_KNOWN_COST,
  RF_KNOWN_REV,
  RF_LINE,
  RF_REFUND,
  RF_STRIDE,
  RF_UPDATED,
  RI_DAY,
  RI_FLAGS,
  RI_NEXT,
  RI_PREV,
  RI_RETURNS,
  RI_SLOT,
  RI_STRIDE,
  SF_GAP_SQUARES,
  SF_GROSS,
  SF_KNOWN_COST,
  SF_KNOWN_REV,
  SF_LINE,
  SF_NET,
  SF_REFUNDED,
  SF_STRIDE,
  SI_DAYS,
  SI_DISCOUNT,
  SI_EARLY_MONTH,
  SI_ECONOMY_OR_FREE,
  SI_FREE_SHIPPING,
  SI_GIFT,
  SI_FIRST_DAY,
  SI_HEAD,
  SI_LAST_DAY,
  SI_LATEST_PREF,
  SI_ORDERS,
  SI_REFUNDED,
  SI_RETURNED,
  SI_RETURNS,
  SI_SPEED,
  SI_STATED,
  SI_STRIDE,
  SI_TAIL,
  SPEED_SHIFT,
  RF_ANSWERED,
  FLAG_UNUSUAL_ANSWERS,
  encodeAnswers,
} from "./profile-layout";

export class ProfileBook {
  readonly utcOffsetMs: number;
  /**
   * Customer id → profile (a view of the customer's slot). Views are made on first access, not
   * per customer during a sync: a million-order load then allocates nothing per customer.
   */
  readonly profiles: ReadonlyMap<string, CustomerProfile> = new ProfileViews(this);
  /**
   * @internal Stated answers by record, only for answers with a value outside the known ones
   * (FLAG_UNUSUAL_ANSWERS); all others are coded in the record (profile-layout.ts).
   */
  readonly unusualAnswers = new Map<number, Readonly<DeliveryPreferences>>();

  /**
   * @internal Customer id → slot and order id → record, as typed-array hash indexes: at a
   * million orders they are several times faster than Maps and leave the GC nothing to trace.
   * The order index may be shared with the caller (see `createProfileBook`): it then also holds
   * orders the book was never given, whose records stay unseen (RI_SLOT = UNSEEN).
   */
  readonly customerIndex: KeyIndex;
  readonly recordIndex: KeyIndex;
  /** @internal Records whose columns are initialized (their RI_SLOT set, UNSEEN until written). */
  recordsReady = 0;
  /**
   * @internal Slot + 1 by the caller's customer code (0 = not met yet), for callers that pass
   * their own dense customer codes (`addOrderToBook`): one array read instead of a hash lookup.
   */
  slotByCode: Int32Array = new Int32Array(0);
  /**
   * @internal Whether any customer's slot was opened from its id alone (no caller code): until
   * then, a code not met yet is a customer not met yet, whose id is appended to the index unhashed.
   */
  uncodedSlots = false;
  /** The customer the last applied version took its order away from (null when none). */
  movedFrom: string | null = null;
  /** @internal slot → profile view, made on demand (see `profileAt`). */
  slotProfiles: (CustomerProfile | undefined)[] = [];
  /** @internal per-customer columns (see profile-layout.ts). */
  si: Int32Array;
  sf: Float64Array;
  /** @internal per-order records. */
  rf: Float64Array;
  ri: Int32Array;

  constructor(options: ProfileOptions = {}, expected: { customers?: number; orders?: number } = {}, orderIndex?: KeyIndex) {
    this.utcOffsetMs = (options.utcOffsetMinutes ?? 0) * 60_000;
    const records = Math.max(16, expected.orders ?? 0);
    // Without a customer count, sized for up to one customer an order (capped; the columns grow).
    const customers = expected.customers ?? Math.min(records, 1 << 18);
    const slots = Math.max(16, customers);
    this.customerIndex = new KeyIndex(customers);
    this.recordIndex = orderIndex ?? new KeyIndex(records);
    this.si = new Int32Array(slots * SI_STRIDE);
    this.sf = new Float64Array(slots * SF_STRIDE);
    this.rf = new Float64Array(records * RF_STRIDE);
    this.ri = new Int32Array(records * RI_STRIDE);
  }

  /** Customer id of each slot. */
  get customerIds(): readonly string[] {
    return this.customerIndex.keys;
  }
  get slotCount(): number {
    return this.customerIndex.size;
  }
  /** Order id of each record (with a shared order index, also of orders never given to the book). */
  get recordIds(): readonly string[] {
    return this.recordIndex.keys;
  }
  get recordCount(): number {
    return this.recordIndex.size;
  }
}

/** The profile view of a slot, made once and kept (so a customer's profile is always the same object). */
export function profileAt(book: ProfileBook, slot: number): CustomerProfile {
  const views = book.slotProfiles;
  let profile = views[slot];
  if (profile === undefined) {
    // Filled up to the slot so the array stays a plain list (a far write would make it sparse).
    while (views.length < slot) views.push(undefined);
    views[slot] = profile = new CustomerProfile(book, slot);
  }
  return profile;
}

/** `book.profiles`: a read-only map over the book's customer index, in slot (first-seen) order. */
class ProfileViews implements ReadonlyMap<string, CustomerProfile> {
  constructor(private readonly book: ProfileBook) {}
  get size(): number {
    return this.book.slotCount;
  }
  get(customerId: string): CustomerProfile | undefined {
    const slot = this.book.customerIndex.indexOf(customerId);
    return slot < 0 ? undefined : profileAt(this.book, slot);
  }
  has(customerId: string): boolean {
    return this.book.customerIndex.indexOf(customerId) >= 0;
  }
  *keys(): MapIterator<string> {
    const ids = this.book.customerIds;
    for (let slot = 0; slot < ids.length; slot++) yield ids[slot];
  }
  *values(): MapIterator<CustomerProfile> {
    for (let slot = 0; slot < this.book.slotCount; slot++) yield profileAt(this.book, slot);
  }
  *entries(): MapIterator<[string, CustomerProfile]> {
    const ids = this.book.customerIds;
    for (let slot = 0; slot < ids.length; slot++) yield [ids[slot], profileAt(this.book, slot)];
  }
  [Symbol.iterator](): MapIterator<[string, CustomerProfile]> {
    return this.entries();
  }
  forEach(callback: (value: CustomerProfile, key: string, map: ReadonlyMap<string, CustomerProfile>) => void, thisArg?: unknown): void {
    for (const [id, profile] of this.entries()) callback.call(thisArg, profile, id, this);
  }
}

export interface BookApplyOutcome {
  result: ApplyResult | "guest";
  /** The customer whose profile changed (null when none did). */
  customerId: string | null;
  /** The customer the order was taken away from, when it changed hands. */
  movedFrom: string | null;
}

/**
 * An empty store; `expected` sizes pre-allocate the columns for a known initial sync.
 * `orderIndex`: the caller's own order-id index, when it indexes every order before the book
 * sees it (the store analysis' order tables): records are then numbered by it, and the caller
 * passes each order's number to `addOrderToBook` instead of the book hashing the id again.
 */
export function createProfileBook(
  options: ProfileOptions = {},
  expected: { customers?: number; orders?: number } = {},
  orderIndex?: KeyIndex,
): ProfileBook {
  return new ProfileBook(options, expected, orderIndex);
}

/** A standalone profile (in its own one-customer store), for tests and single-customer tools. */
export function createProfile(customerId: string, options: ProfileOptions = {}): CustomerProfile {
  const book = new ProfileBook(options, { customers: 1 });
  return profileAt(book, slotFor(book, customerId));
}

/**
 * Applies one order version to a profile (same rules as the store). Throws when the order
 * belongs to another customer: route orders through `applyOrderToBook` instead.
 */
export function applyOrder(profile: CustomerProfile, order: Order): ApplyResult {
  if (order.customerId !== profile.customerId) {
    throw new Error(`applyOrder: order ${order.id} belongs to ${order.customerId ?? "a guest"}, not ${profile.customerId}`);
  }
  return addOrderToBook(profile.book, order) as ApplyResult;
}

/** Applies one order version; returns what changed, for living segments. */
export function applyOrderToBook(book: ProfileBook, order: Order): BookApplyOutcome {
  const result = addOrderToBook(book, order);
  if (result === "stale" || result === "duplicate") return { result, customerId: null, movedFrom: null };
  // An empty customer id is a guest, as in the shared purchase definition (order-facts.ts).
  return { result, customerId: order.customerId === "" ? null : order.customerId, movedFrom: book.movedFrom };
}

/**
 * `applyOrderToBook` without the outcome object, for bulk loads (a million calls): the same
 * update, returning only what it did (`book.movedFrom` tells who lost a moved order).
 * A caller that already indexed the ids passes `record` (the order's number in the book's
 * shared order index, see `createProfileBook`) and `customerCode` (its own dense code of the
 * customer id, the same for the same id in every call; ignored for guests): the book then
 * hashes neither id.
 */
export function addOrderToBook(
  book: ProfileBook,
  order: Order,
  record = book.recordIndex.add(order.id),
  customerCode = -1,
): ApplyResult | "guest" {
  book.movedFrom = null;
  // An empty customer id is a guest, as in the shared purchase definition (order-facts.ts).
  const customerId = order.customerId === "" ? null : order.customerId;
  const r = record;
  ensureRecordRoom(book, r);

  if (book.ri[r * RI_STRIDE + RI_SLOT] === UNSEEN) {
    if (customerId === null) {
      book.ri[r * RI_STRIDE + RI_SLOT] = -1;
      book.rf[r * RF_STRIDE + RF_UPDATED] = order.updatedAt;
      return "guest";
    }
    const slot = slotFor(book, customerId, customerCode);
    writeRecord(book, r, order, slot);
    if (order.cancelledAt !== null) return "cancelled";
    link(book, r, slot);
    return "added";
  }

  const seen = book.rf[r * RF_STRIDE + RF_UPDATED];
  if (order.updatedAt < seen) return "stale";
  if (order.updatedAt === seen) return "duplicate";

  const oldSlot = book.ri[r * RI_STRIDE + RI_SLOT];
  if (book.ri[r * RI_STRIDE + RI_FLAGS] & FLAG_COUNTED) unlink(book, r, oldSlot);
  book.unusualAnswers.delete(r);
  const movedFrom = oldSlot >= 0 && book.customerIds[oldSlot] !== customerId ? book.customerIds[oldSlot] : null;
  book.movedFrom = movedFrom;
  if (customerId === null) {
    book.ri[r * RI_STRIDE + RI_SLOT] = -1;
    book.ri[r * RI_STRIDE + RI_FLAGS] = 0;
    book.rf[r * RF_STRIDE + RF_UPDATED] = order.updatedAt;
    return movedFrom === null ? "guest" : "updated";
  }
  const slot = slotFor(book, customerId, customerCode);
  writeRecord(book, r, order, slot);
  if (order.cancelledAt === null) link(book, r, slot);
  return "updated";
}

/** The version (updatedAt) of an order last applied, or null if the order was never seen. */
export function appliedVersion(book: ProfileBook, orderId: string): EpochMs | null {
  const r = book.recordIndex.indexOf(orderId);
  return r < 0 || r >= book.recordsReady || book.ri[r * RI_STRIDE + RI_SLOT] === UNSEEN ? null : book.rf[r * RF_STRIDE + RF_UPDATED];
}

/** Builds the profiles of a store from its orders (any order, duplicates and versions allowed). */
export function buildProfiles(orders: Iterable<Order>, options: ProfileOptions = {}): ProfileBook {
  const book = createProfileBook(options, Array.isArray(orders) ? { orders: orders.length } : {});
  for (const order of orders) addOrderToBook(book, order);
  return book;
}

/** Profiles with at least one counted order: the store's customers for RFM and segments. */
export function activeProfiles(book: ProfileBook): CustomerProfile[] {
  const out: CustomerProfile[] = [];
  const { si } = book;
  for (let slot = 0, n = book.slotCount; slot < n; slot++) if (si[slot * SI_STRIDE + SI_ORDERS] > 0) out.push(profileAt(book, slot));
  return out;
}

// ——— storage ———

/** RI_SLOT of a record no version of its order was applied to yet (guest orders have −1). */
const UNSEEN = -2;

/** The customer's slot, opening it (columns initialized) on first sight; `code`: see `addOrderToBook`. */
function slotFor(book: ProfileBook, customerId: string, code = -1): number {
  if (code >= 0) {
    if (code < book.slotByCode.length) {
      const slot = book.slotByCode[code] - 1;
      if (slot >= 0) return slot;
    } else {
      book.slotByCode = grow(book.slotByCode, Math.max(1024, 2 * code + 2)) as Int32Array;
    }
    const known = book.slotCount;
    const slot = book.uncodedSlots ? book.customerIndex.add(customerId) : book.customerIndex.append(customerId);
    book.slotByCode[code] = slot + 1;
    if (slot >= known) openSlot(book, slot);
    return slot;
  }
  const known = book.slotCount;
  const slot = book.customerIndex.add(customerId);
  if (slot >= known) {
    book.uncodedSlots = true;
    openSlot(book, slot);
  }
  return slot;
}

/** Initializes the columns of a new customer slot. */
function openSlot(book: ProfileBook, slot: number): void {
  if (slot * SI_STRIDE >= book.si.length) {
    book.si = grow(book.si, book.si.length * 2) as Int32Array;
    book.sf = grow(book.sf, book.sf.length * 2) as Float64Array;
  }
  const base = slot * SI_STRIDE;
  book.si[base + SI_HEAD] = -1;
  book.si[base + SI_TAIL] = -1;
  book.si[base + SI_LATEST_PREF] = -1;
}

/** Makes room in the record columns for record r (just indexed), new records marked UNSEEN. */
function ensureRecordRoom(book: ProfileBook, r: number): void {
  if (r < book.recordsReady) return;
  if (r * RF_STRIDE >= book.rf.length) {
    let records = book.rf.length / RF_STRIDE;
    while (records <= r) records *= 2;
    book.rf = grow(book.rf, records * RF_STRIDE) as Float64Array;
    book.ri = grow(book.ri, records * RI_STRIDE) as Int32Array;
  }
  // A shared order index may have numbered orders the book is never given (skipped numbers).
  for (let q = book.recordsReady; q <= r; q++) book.ri[q * RI_STRIDE + RI_SLOT] = UNSEEN;
  book.recordsReady = r + 1;
}

function grow(a: Int32Array | Float64Array, length: number): Int32Array | Float64Array {
  const b = a instanceof Int32Array ? new Int32Array(length) : new Float64Array(length);
  b.set(a);
  return b;
}

function cents(amount: number): number {
  return Number.isFinite(amount) ? Math.round(amount * 100) : 0;
}

function speedIndex(speed: Order["shippingSpeed"]): number {
  switch (speed) {
    case "express":
      return 0;
    case "standard":
      return 1;
    case "economy":
      return 2;
    case "pickup":
      return 3;
    case "local":
      return 4;
    default:
      return 5;
  }
}

// Orders arrive mostly in time order: the last day's answer is usually the next one's.
let memoDay = Number.NaN;
let memoEarly = false;

/** Whether a store day is among the first EARLY_MONTH_LAST_DAY days of its month. */
function earlyMonth(day: number): boolean {
  if (day !== memoDay) {
    memoEarly = dayOfMonthOfDay(day) <= EARLY_MONTH_LAST_DAY;
    memoDay = day;
  }
  return memoEarly;
}

/** Fills record r from an order version (not yet linked or counted). */
function writeRecord(book: ProfileBook, r: number, order: Order, slot: number): void {
  let gross = cents(order.totalPrice);
  if (gross < 0) gross = 0;
  let refund = 0;
  for (let i = 0; i < order.refunds.length; i++) refund += cents(order.refunds[i].amount);
  let line = 0;
  let knownRev = 0;
  let knownCost = 0;
  for (let i = 0; i < order.lineItems.length; i++) {
    const li = order.lineItems[i];
    const revenue = cents(li.quantity * li.unitPrice);
    line += revenue;
    if (li.unitCost !== null && Number.isFinite(li.unitCost)) {
      knownRev += revenue;
      knownCost += cents(li.quantity * li.unitCost);
    }
  }
  // The purchase instant shared with the repeat and CLV analyses (imported orders keep their date).
  const placed = placedAt(order);
  const day = storeDay(placed, book.utcOffsetMs);
  const speed = speedIndex(order.shippingSpeed);
  let flags = speed << SPEED_SHIFT;
  if (order.discountCodeUsed) flags |= FLAG_DISCOUNT;
  if (order.isGift || order.shipsToBillingAddress === false) flags |= FLAG_GIFT;
  if (earlyMonth(day)) flags |= FLAG_EARLY_MONTH;
  if (order.returns.length > 0) flags |= FLAG_RETURNED;
  if (refund > 0) flags |= FLAG_REFUNDED;
  if (speed <= 2 && order.shippingPrice === 0) flags |= FLAG_FREE_SHIPPING;
  let answeredAt = 0;
  if (order.preferences !== null) {
    answeredAt = order.preferences.answeredAt;
    const answers = encodeAnswers(order.preferences);
    if (answers >= 0) flags |= FLAG_STATED | answers;
    else {
      // A frozen copy: the caller may reuse or mutate its order objects.
      flags |= FLAG_STATED | FLAG_UNUSUAL_ANSWERS;
      book.unusualAnswers.set(r, Object.freeze({ ...order.preferences }));
    }
  }
  const f = r * RF_STRIDE;
  const rf = book.rf;
  rf[f + RF_CREATED] = placed;
  rf[f + RF_UPDATED] = order.updatedAt;
  rf[f + RF_GROSS] = gross;
  rf[f + RF_REFUND] = refund;
  rf[f + RF_LINE] = line;
  rf[f + RF_KNOWN_REV] = knownRev;
  rf[f + RF_KNOWN_COST] = knownCost;
  rf[f + RF_ANSWERED] = answeredAt;
  const i = r * RI_STRIDE;
  const ri = book.ri;
  ri[i + RI_DAY] = day;
  ri[i + RI_FLAGS] = flags;
  ri[i + RI_RETURNS] = order.returns.length;
  ri[i + RI_SLOT] = slot;
  ri[i + RI_PREV] = -1;
  ri[i + RI_NEXT] = -1;
}

/** Whether record a sorts after record b: by placedAt, then order id. */
function sortsAfter(book: ProfileBook, a: number, b: number): boolean {
  const ca = book.rf[a * RF_STRIDE + RF_CREATED];
  const cb = book.rf[b * RF_STRIDE + RF_CREATED];
  return ca !== cb ? ca > cb : book.recordIds[a] > book.recordIds[b];
}

/** Inserts record r into its customer's sorted list and counts it. */
function link(book: ProfileBook, r: number, slot: number): void {
  const { ri, si } = book;
  const s = slot * SI_STRIDE;
  const day = ri[r * RI_STRIDE + RI_DAY];
  // Orders mostly arrive in time order: walk back from the newest. A later day than the
  // newest's (SI_LAST_DAY) sorts after it without reading its record (a cache miss a repeat order).
  let after = si[s + SI_TAIL];
  let before: number;
  let prevDay: number;
  let nextDay: number;
  if (after >= 0 && day > si[s + SI_LAST_DAY]) {
    before = -1;
    prevDay = si[s + SI_LAST_DAY];
    nextDay = NaN;
  } else {
    while (after >= 0 && sortsAfter(book, after, r)) after = ri[after * RI_STRIDE + RI_PREV];
    before = after >= 0 ? ri[after * RI_STRIDE + RI_NEXT] : si[s + SI_HEAD];
    prevDay = after >= 0 ? ri[after * RI_STRIDE + RI_DAY] : NaN;
    nextDay = before >= 0 ? ri[before * RI_STRIDE + RI_DAY] : NaN;
  }
  ri[r * RI_STRIDE + RI_PREV] = after;
  ri[r * RI_STRIDE + RI_NEXT] = before;
  if (after >= 0) ri[after * RI_STRIDE + RI_NEXT] = r;
  else {
    si[s + SI_HEAD] = r;
    si[s + SI_FIRST_DAY] = day;
  }
  if (before >= 0) ri[before * RI_STRIDE + RI_PREV] = r;
  else {
    si[s + SI_TAIL] = r;
    si[s + SI_LAST_DAY] = day;
  }

  if (prevDay !== day && nextDay !== day) dayGaps(book, slot, day, prevDay, nextDay, 1);

  ri[r * RI_STRIDE + RI_FLAGS] |= FLAG_COUNTED;
  accumulate(book, r, slot, 1);
  if (ri[r * RI_STRIDE + RI_FLAGS] & FLAG_STATED) {
    const latest = si[s + SI_LATEST_PREF];
    if (latest < 0 || laterAnswer(book, r, latest)) si[s + SI_LATEST_PREF] = r;
  }
}

/** Removes record r from its customer's list and subtracts it. */
function unlink(book: ProfileBook, r: number, slot: number): void {
  const { ri, si } = book;
  const s = slot * SI_STRIDE;
  const prev = ri[r * RI_STRIDE + RI_PREV];
  const next = ri[r * RI_STRIDE + RI_NEXT];
  const day = ri[r * RI_STRIDE + RI_DAY];
  const prevDay = prev >= 0 ? ri[prev * RI_STRIDE + RI_DAY] : NaN;
  const nextDay = next >= 0 ? ri[next * RI_STRIDE + RI_DAY] : NaN;
  if (prevDay !== day && nextDay !== day) dayGaps(book, slot, day, prevDay, nextDay, -1);

  if (prev >= 0) ri[prev * RI_STRIDE + RI_NEXT] = next;
  else {
    si[s + SI_HEAD] = next;
    if (next >= 0) si[s + SI_FIRST_DAY] = nextDay;
  }
  if (next >= 0) ri[next * RI_STRIDE + RI_PREV] = prev;
  else {
    si[s + SI_TAIL] = prev;
    if (prev >= 0) si[s + SI_LAST_DAY] = prevDay;
  }
  ri[r * RI_STRIDE + RI_PREV] = -1;
  ri[r * RI_STRIDE + RI_NEXT] = -1;

  accumulate(book, r, slot, -1);
  ri[r * RI_STRIDE + RI_FLAGS] &= ~FLAG_COUNTED;
  if (si[s + SI_LATEST_PREF] === r) rescanLatestPreferences(book, slot);
}

/**
 * A purchase day appears (sign 1) or disappears (sign −1) between its neighbouring distinct
 * days (NaN when there is none): keeps the distinct-day count and Σ gap² exact.
 */
function dayGaps(book: ProfileBook, slot: number, day: number, prevDay: number, nextDay: number, sign: 1 | -1): void {
  const hasPrev = prevDay === prevDay;
  const hasNext = nextDay === nextDay;
  let delta = 0;
  if (hasPrev && hasNext) delta -= (nextDay - prevDay) * (nextDay - prevDay);
  if (hasPrev) delta += (day - prevDay) * (day - prevDay);
  if (hasNext) delta += (nextDay - day) * (nextDay - day);
  book.sf[slot * SF_STRIDE + SF_GAP_SQUARES] += sign * delta;
  book.si[slot * SI_STRIDE + SI_DAYS] += sign;
}

/** Adds (sign 1) or subtracts (sign −1) record r to its customer's aggregates. */
function accumulate(book: ProfileBook, r: number, slot: number, sign: 1 | -1): void {
  const { rf, ri, si, sf } = book;
  const f = r * RF_STRIDE;
  const flags = ri[r * RI_STRIDE + RI_FLAGS];
  const gross = rf[f + RF_GROSS];
  const refund = rf[f + RF_REFUND];
  const s = slot * SI_STRIDE;
  const t = slot * SF_STRIDE;
  sf[t + SF_GROSS] += sign * gross;
  sf[t + SF_REFUNDED] += sign * refund;
  sf[t + SF_NET] += sign * (gross > refund ? gross - refund : 0);
  sf[t + SF_LINE] += sign * rf[f + RF_LINE];
  sf[t + SF_KNOWN_REV] += sign * rf[f + RF_KNOWN_REV];
  sf[t + SF_KNOWN_COST] += sign * rf[f + RF_KNOWN_COST];
  si[s + SI_ORDERS] += sign;
  si[s + SI_RETURNS] += sign * ri[r * RI_STRIDE + RI_RETURNS];
  const speed = (flags >>> SPEED_SHIFT) & 7;
  si[s + SI_SPEED + speed] += sign;
  if (flags & FLAG_DISCOUNT) si[s + SI_DISCOUNT] += sign;
  if (flags & FLAG_GIFT) si[s + SI_GIFT] += sign;
  if (flags & FLAG_EARLY_MONTH) si[s + SI_EARLY_MONTH] += sign;
  if (flags & FLAG_RETURNED) si[s + SI_RETURNED] += sign;
  if (flags & FLAG_REFUNDED) si[s + SI_REFUNDED] += sign;
  if (flags & FLAG_STATED) si[s + SI_STATED] += sign;
  const free = (flags & FLAG_FREE_SHIPPING) !== 0;
  if (free) si[s + SI_FREE_SHIPPING] += sign;
  if (speed === 2 || free) si[s + SI_ECONOMY_OR_FREE] += sign;
}

/** Whether record a's answers are later than record b's: by answeredAt, then order time, then id. */
function laterAnswer(book: ProfileBook, a: number, b: number): boolean {
  const ta = book.rf[a * RF_STRIDE + RF_ANSWERED];
  const tb = book.rf[b * RF_STRIDE + RF_ANSWERED];
  return ta !== tb ? ta > tb : sortsAfter(book, a, b);
}

function rescanLatestPreferences(book: ProfileBook, slot: number): void {
  const { ri, si } = book;
  let best = -1;
  for (let r = si[slot * SI_STRIDE + SI_HEAD]; r >= 0; r = ri[r * RI_STRIDE + RI_NEXT]) {
    if (ri[r * RI_STRIDE + RI_FLAGS] & FLAG_STATED && (best < 0 || laterAnswer(book, r, best))) best = r;
  }
  si[slot * SI_STRIDE + SI_LATEST_PREF] = best;
}
