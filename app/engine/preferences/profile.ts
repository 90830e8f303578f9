/**
 * Merges a customer's answers into one preference profile.
 * - One answer per order: the checkout answer beats a thank-you one for the same order (the
 *   checkout wrote it onto the order first; the thank-you page only asks when checkout did not),
 *   otherwise the later one counts.
 * - Across answers, the latest answer wins as a whole (the segments read the latest answer the
 *   same way). The questions are pre-filled with the customer's previous answers, so a later answer
 *   that leaves one blank was cleared on purpose. An answer with gift choices only says nothing
 *   about lasting habits and is skipped; an edit in the customer account always counts, even one
 *   that clears everything.
 * - Ties in time: customer account, then checkout, then thank-you, then order id, then content
 *   (deterministic whatever order the answers arrive in).
 */
import { LASTING_QUESTIONS, type AnswerSource, type PreferenceProfile, type StatedAnswer } from "./types";

const TIE_RANK: Record<AnswerSource, number> = { thank_you: 0, checkout: 1, customer_account: 2 };

/** Negative when a came before b. */
export function compareAnswers(a: StatedAnswer, b: StatedAnswer): number {
  if (a.answeredAt !== b.answeredAt) return a.answeredAt - b.answeredAt;
  if (a.source !== b.source) return TIE_RANK[a.source] - TIE_RANK[b.source];
  const ao = a.orderId ?? "";
  const bo = b.orderId ?? "";
  if (ao !== bo) return ao < bo ? -1 : 1;
  // Same order, source and instant (a double submit): any fixed rule keeps the result independent
  // of arrival order.
  const ak = contentKey(a);
  const bk = contentKey(b);
  return ak < bk ? -1 : ak > bk ? 1 : 0;
}

function contentKey(a: StatedAnswer): string {
  return `${a.speedVsCost}|${a.deliveryWindow}|${a.deliveryDays}|${a.notifications}|${a.giftPackaging}`;
}

/** The answer that stands for one order: checkout over thank-you, then the later one. */
function supersedes(next: StatedAnswer, current: StatedAnswer): boolean {
  if (next.source === "checkout" && current.source !== "checkout") return true;
  if (current.source === "checkout" && next.source !== "checkout") return false;
  return compareAnswers(next, current) > 0;
}

/** Drops answers replaced by a better one for the same order; account answers all stay. */
export function oneAnswerPerOrder(answers: Iterable<StatedAnswer>): StatedAnswer[] {
  const byOrder = new Map<string, StatedAnswer>();
  const out: StatedAnswer[] = [];
  for (const a of answers) {
    if (a.orderId === null) {
      out.push(a);
      continue;
    }
    const current = byOrder.get(a.orderId);
    if (current === undefined || supersedes(a, current)) byOrder.set(a.orderId, a);
  }
  out.push(...byOrder.values());
  return out.sort(compareAnswers);
}

/** One customer's profile; null when the customer has no answer with any lasting question answered. */
export function mergeProfile(customerId: string, answers: Iterable<StatedAnswer>): PreferenceProfile | null {
  const history = oneAnswerPerOrder(answers);
  if (history.length === 0) return null;
  let latest: StatedAnswer | null = null;
  for (const a of history) if (a.source === "customer_account" || LASTING_QUESTIONS.some((q) => a[q] !== null)) latest = a;
  if (latest === null) return null;
  return {
    customerId,
    speedVsCost: latest.speedVsCost,
    deliveryWindow: latest.deliveryWindow,
    deliveryDays: latest.deliveryDays,
    notifications: latest.notifications,
    source: latest.source,
    answeredAt: latest.answeredAt,
    history,
    answeredOrders: history.filter((a) => a.orderId !== null).length,
  };
}

/** Profiles of every identified customer in the answers (guest answers are left out). */
export function buildPreferenceProfiles(answers: Iterable<StatedAnswer>): Map<string, PreferenceProfile> {
  const byCustomer = new Map<string, StatedAnswer[]>();
  for (const a of answers) {
    if (a.customerId === null) continue;
    const list = byCustomer.get(a.customerId);
    if (list) list.push(a);
    else byCustomer.set(a.customerId, [a]);
  }
  const out = new Map<string, PreferenceProfile>();
  for (const [customerId, list] of byCustomer) {
    const profile = mergeProfile(customerId, list);
    if (profile !== null) out.set(customerId, profile);
  }
  return out;
}

/** True when no lasting question is answered (the customer cleared everything in their account). */
export function isBlankProfile(p: PreferenceProfile): boolean {
  return LASTING_QUESTIONS.every((q) => p[q] === null);
}
