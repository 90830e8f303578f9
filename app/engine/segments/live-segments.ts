/**
 * Living segments: memberships kept current as orders arrive. After an order update only the
 * affected customer (and, if the order changed hands, its previous customer) is re-classified;
 * store-wide cut-offs stay as they were until the next full run.
 */
import type { Order } from "../types";
import type { CustomerProfile } from "./customer-profile";
import type { SegmentMembership } from "./membership";
import { type BookApplyOutcome, type ProfileBook, applyOrderToBook } from "./profile-book";

export type Classifier<K extends string> = (profile: CustomerProfile) => SegmentMembership<K>[];

export interface LiveSegments<K extends string> {
  readonly classify: Classifier<K>;
  /** Current memberships per customer (absent = in no segment). */
  readonly byCustomer: Map<string, SegmentMembership<K>[]>;
  /** Customer ids per segment. */
  readonly members: Map<K, Set<string>>;
}

export interface MembershipChange<K extends string> {
  customerId: string;
  joined: K[];
  left: K[];
}

export function createLiveSegments<K extends string>(classify: Classifier<K>, profiles: Iterable<CustomerProfile> = []): LiveSegments<K> {
  const live: LiveSegments<K> = { classify, byCustomer: new Map(), members: new Map() };
  for (const p of profiles) refreshCustomer(live, p);
  return live;
}

/** Re-classifies one customer; returns which segments they joined and left. */
export function refreshCustomer<K extends string>(live: LiveSegments<K>, profile: CustomerProfile): MembershipChange<K> {
  const id = profile.customerId;
  const before = live.byCustomer.get(id) ?? [];
  const after = live.classify(profile);
  const joined: K[] = [];
  const left: K[] = [];
  for (const m of after) if (!before.some((b) => b.segment === m.segment)) joined.push(m.segment);
  for (const b of before) if (!after.some((m) => m.segment === b.segment)) left.push(b.segment);
  for (const k of left) live.members.get(k)?.delete(id);
  for (const k of joined) {
    let set = live.members.get(k);
    if (set === undefined) live.members.set(k, (set = new Set()));
    set.add(id);
  }
  if (after.length > 0) live.byCustomer.set(id, after);
  else live.byCustomer.delete(id);
  return { customerId: id, joined, left };
}

/** Applies an order version to the book, then refreshes the customers it touched. */
export function applyOrderAndRefresh<K extends string>(
  book: ProfileBook,
  live: LiveSegments<K>,
  order: Order,
): { outcome: BookApplyOutcome; changes: MembershipChange<K>[] } {
  const outcome = applyOrderToBook(book, order);
  const changes: MembershipChange<K>[] = [];
  for (const id of [outcome.movedFrom, outcome.customerId]) {
    if (id === null) continue;
    const profile = book.profiles.get(id);
    if (profile !== undefined) changes.push(refreshCustomer(live, profile));
  }
  return { outcome, changes };
}
