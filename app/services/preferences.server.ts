/**
 * Zero-party delivery preferences, stored: every answer (PreferenceAnswer, the history) and each
 * customer's merged profile (CustomerPreference, the current one). Answers arrive from
 * - the thank-you page, through the backend route (app/routes/api.checkout.preferences.tsx);
 * - synced orders carrying the `$app.delivery_preferences` order metafield (checkout on Plus, or
 *   the thank-you answer the route wrote back onto the order);
 * - the customer account extension, through the customer metafield.
 * The same answer reaching us twice (route, then sync of the order it was written to) is one row:
 * the key names the order (or customer, for account answers) and the answer time, not the path.
 */
import prisma from "../db.server";
import type { Order } from "../engine/types";
import {
  buildPreferenceProfiles,
  mergeProfile,
  statedCoverage,
  answersFromOrders,
  type AnswerSource,
  type PreferenceProfile,
  type StatedAnswer,
  type StatedCoverage,
} from "../engine/preferences";
import { parsePreferences, type DeliveryPreferences as StoredPreferences } from "../../extensions/delivery-preferences/src/preferences";

type AnswerRow = Awaited<ReturnType<typeof prisma.preferenceAnswer.findMany>>[number];

export function answerKey(a: Pick<StatedAnswer, "orderId" | "customerId" | "answeredAt">): string {
  const at = new Date(a.answeredAt).toISOString();
  return a.orderId !== null ? `order|${a.orderId}|${at}` : `account|${a.customerId ?? ""}|${at}`;
}

/** A validated metafield record (the extension's shape) as a stated answer. */
export function statedFromRecord(record: StoredPreferences, ids: { customerId: string | null; orderId: string | null }): StatedAnswer {
  return {
    customerId: ids.customerId,
    orderId: ids.orderId,
    source: record.source,
    answeredAt: Date.parse(record.answeredAt),
    speedVsCost: record.speedVsCost,
    deliveryWindow: record.deliveryWindow,
    deliveryDays: record.deliveryDays,
    notifications: record.notifications,
    giftPackaging: record.giftPackaging,
  };
}

function fromRow(r: AnswerRow): StatedAnswer {
  return {
    customerId: r.customerId,
    orderId: r.orderId,
    source: r.source as AnswerSource,
    answeredAt: r.answeredAt.getTime(),
    speedVsCost: r.speedVsCost as StatedAnswer["speedVsCost"],
    deliveryWindow: r.deliveryWindow as StatedAnswer["deliveryWindow"],
    deliveryDays: r.deliveryDays as StatedAnswer["deliveryDays"],
    notifications: r.notifications as StatedAnswer["notifications"],
    giftPackaging: r.giftPackaging,
  };
}

/**
 * Records answers (already-known ones are left as they are) and refreshes the profiles of the
 * customers they belong to. Returns the customers whose profile was refreshed.
 */
export async function recordPreferenceAnswers(shop: string, answers: readonly StatedAnswer[], now: Date): Promise<string[]> {
  if (answers.length === 0) return [];
  const unique = new Map<string, StatedAnswer>();
  for (const a of answers) if (!unique.has(answerKey(a))) unique.set(answerKey(a), a);
  const keys = [...unique.keys()];
  const known = new Set(
    (await prisma.preferenceAnswer.findMany({ where: { shop, answerKey: { in: keys } }, select: { answerKey: true } })).map((r) => r.answerKey),
  );
  const fresh = [...unique].filter(([key]) => !known.has(key));
  if (fresh.length > 0) {
    await prisma.preferenceAnswer.createMany({
      data: fresh.map(([answerKey, a]) => ({
        shop,
        answerKey,
        customerId: a.customerId,
        orderId: a.orderId,
        source: a.source,
        answeredAt: new Date(a.answeredAt),
        speedVsCost: a.speedVsCost,
        deliveryWindow: a.deliveryWindow,
        deliveryDays: a.deliveryDays,
        notifications: a.notifications,
        giftPackaging: a.giftPackaging,
        recordedAt: now,
      })),
    });
  }
  const customers = [...new Set(fresh.map(([, a]) => a.customerId).filter((c): c is string => c !== null))];
  await refreshProfiles(shop, customers, now);
  return customers;
}

const CHUNK = 500;

/** Recomputes the stored profile of each customer from their whole answer history (in chunks). */
export async function refreshProfiles(shop: string, customerIds: readonly string[], now: Date): Promise<void> {
  for (let i = 0; i < customerIds.length; i += CHUNK) {
    const ids = customerIds.slice(i, i + CHUNK);
    const rows = await prisma.preferenceAnswer.findMany({ where: { shop, customerId: { in: ids } } });
    const profiles = buildPreferenceProfiles(rows.map(fromRow));
    const gone = ids.filter((id) => !profiles.has(id));
    await prisma.$transaction([
      prisma.customerPreference.deleteMany({ where: { shop, customerId: { in: gone } } }),
      ...[...profiles.values()].map((profile) => {
        const data = {
          speedVsCost: profile.speedVsCost,
          deliveryWindow: profile.deliveryWindow,
          deliveryDays: profile.deliveryDays,
          notifications: profile.notifications,
          source: profile.source,
          answeredAt: new Date(profile.answeredAt),
          answers: profile.history.length,
          answeredOrders: profile.answeredOrders,
          updatedAt: now,
        };
        return prisma.customerPreference.upsert({
          where: { shop_customerId: { shop, customerId: profile.customerId } },
          create: { shop, customerId: profile.customerId, ...data },
          update: data,
        });
      }),
    ]);
  }
}

/**
 * The answers synced orders carry. The engine Order keeps the answers but not who captured them;
 * an answer already recorded for the same order and time keeps its recorded source (the key is
 * the same), and a new one is taken as the checkout's (cart metafield copied to the order).
 */
export async function recordOrderAnswers(shop: string, orders: Iterable<Order>, now: Date): Promise<string[]> {
  return recordPreferenceAnswers(shop, answersFromOrders(orders), now);
}

/**
 * Hook for ordersChanged(): re-reads the changed customers' stored orders and records the answers
 * they carry, so profiles follow every order writer (bulk import, webhook queue, CSV).
 */
export async function preferencesOrdersChanged(change: { shop: string; customerIds: readonly string[]; now: Date }): Promise<string[]> {
  const ids = [...new Set(change.customerIds)];
  const refreshed: string[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) {
    // Only orders that carry answers (the stored JSON has `"preferences":null` otherwise): most
    // orders have none, and parsing them all would dominate an initial sync.
    const rows = await prisma.order.findMany({
      where: { shop: change.shop, customerId: { in: ids.slice(i, i + CHUNK) }, data: { contains: '"preferences":{' } },
      select: { data: true },
    });
    const orders = rows.map((r) => JSON.parse(r.data) as Order).filter((o) => o.preferences !== null);
    refreshed.push(...(await recordOrderAnswers(change.shop, orders, change.now)));
  }
  return refreshed;
}

/**
 * The customer metafield, as the customer sync reads it (`customers/update` payloads or a customer
 * query). Only the customer's own edits (source "customer_account") are answers of their own; the
 * copies the thank-you route writes there are recorded from their order. Returns whether recorded.
 */
export async function recordCustomerMetafield(shop: string, customerId: string, value: unknown, now: Date): Promise<boolean> {
  const record = parsePreferences(value);
  if (record === null || record.source !== "customer_account") return false;
  await recordPreferenceAnswers(shop, [statedFromRecord(record, { customerId, orderId: null })], now);
  return true;
}

/** The customer's profile with its history, or null when they never answered. */
export async function readPreferenceProfile(shop: string, customerId: string): Promise<PreferenceProfile | null> {
  const rows = await prisma.preferenceAnswer.findMany({ where: { shop, customerId } });
  return mergeProfile(customerId, rows.map(fromRow));
}

/** Every stored profile of the shop (for the analysis: stated vs observed). */
export async function readPreferenceProfiles(shop: string): Promise<Map<string, PreferenceProfile>> {
  const rows = await prisma.preferenceAnswer.findMany({ where: { shop, customerId: { not: null } } });
  return buildPreferenceProfiles(rows.map(fromRow));
}

/** Coverage over the shop's stored orders and identified customers. */
export async function readPreferenceCoverage(shop: string): Promise<StatedCoverage> {
  const [answers, orders, customers] = await Promise.all([
    prisma.preferenceAnswer.findMany({ where: { shop } }),
    prisma.order.count({ where: { shop } }),
    prisma.order.groupBy({ by: ["customerId"], where: { shop, customerId: { not: null } } }),
  ]);
  const stated = answers.map(fromRow);
  return statedCoverage({ profiles: buildPreferenceProfiles(stated), answers: stated, customers: customers.length, orders });
}

/** Erasure (customers/redact, shop/redact): the answers and profiles of these customers, or all of the shop's. */
export async function deletePreferenceData(shop: string, customerIds?: readonly string[]): Promise<number> {
  const where = customerIds === undefined ? { shop } : { shop, customerId: { in: [...customerIds] } };
  const [answers] = await prisma.$transaction([prisma.preferenceAnswer.deleteMany({ where }), prisma.customerPreference.deleteMany({ where })]);
  return answers.count;
}
