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
import { openBulkWriter, type BulkTable, type SqliteExecutor } from "../data/bulk-writer.server";
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
import type { OrdersChange } from "./orders-changed.server";

interface AnswerRecord {
  shop: string; answerKey: string; customerId: string | null; orderId: string | null; source: string; answeredAt: Date;
  speedVsCost: string | null; deliveryWindow: string | null; deliveryDays: string | null; notifications: string | null;
  giftPackaging: boolean | null; recordedAt: Date;
}

const ANSWER_TABLE: BulkTable<AnswerRecord> = {
  table: "PreferenceAnswer",
  columns: {
    shop: "text", answerKey: "text", customerId: "text", orderId: "text", source: "text", answeredAt: "timestamp",
    speedVsCost: "text", deliveryWindow: "text", deliveryDays: "text", notifications: "text", giftPackaging: "bool", recordedAt: "timestamp",
  },
  key: ["shop", "answerKey"],
};

interface ProfileRow {
  shop: string; customerId: string; speedVsCost: string | null; deliveryWindow: string | null; deliveryDays: string | null;
  notifications: string | null; source: string; answeredAt: Date; answers: number; answeredOrders: number; updatedAt: Date;
}

const PROFILE_TABLE: BulkTable<ProfileRow> = {
  table: "CustomerPreference",
  columns: {
    shop: "text", customerId: "text", speedVsCost: "text", deliveryWindow: "text", deliveryDays: "text", notifications: "text",
    source: "text", answeredAt: "timestamp", answers: "int", answeredOrders: "int", updatedAt: "timestamp",
  },
  key: ["shop", "customerId"],
};

/** Customers per order query (the path without the written orders): well under SQLite's bound-parameter limit. */
const CHUNK = 500;

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

function fromRow(r: AnswerRow | AnswerRecord): StatedAnswer {
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
 * customers they belong to. Returns the customers whose profile was refreshed. `sqlite`: run the
 * SQL there (an import's order writer) rather than on a connection of its own.
 */
export async function recordPreferenceAnswers(shop: string, answers: readonly StatedAnswer[], now: Date, sqlite?: SqliteExecutor): Promise<string[]> {
  if (answers.length === 0) return [];
  // Below Prisma: an import records answers by the ten thousand after every batch (Prisma's reads
  // of known keys and chunked answers took most of the import's hook time). A stored key keeps its
  // row (and recorded source); the insert itself says which answers are new.
  const writer = openBulkWriter(ANSWER_TABLE, { sqlite });
  try {
    const fresh = await writer.insertNew(answers.map((a) => answerRecord(shop, a, now)));
    const customers = [...new Set(fresh.map((a) => a.customerId).filter((c): c is string => c !== null))];
    // Every one of them has an answer now: each gets a profile (none to delete).
    await writeProfiles(shop, await writer.selectIn({ shop }, "customerId", customers), now, sqlite);
    return customers;
  } finally {
    await writer.close();
  }
}

function answerRecord(shop: string, a: StatedAnswer, now: Date): AnswerRecord {
  return {
    shop,
    answerKey: answerKey(a),
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
  };
}

/** The profiles of the customers whose whole answer history is `answers`, in one multi-row write. */
async function writeProfiles(shop: string, answers: readonly AnswerRecord[], now: Date, sqlite?: SqliteExecutor): Promise<void> {
  const profiles = buildPreferenceProfiles(answers.map(fromRow));
  const writer = openBulkWriter(PROFILE_TABLE, { sqlite });
  try {
    await writer.upsert(
      [...profiles.values()].map((profile) => ({
        shop,
        customerId: profile.customerId,
        speedVsCost: profile.speedVsCost,
        deliveryWindow: profile.deliveryWindow,
        deliveryDays: profile.deliveryDays,
        notifications: profile.notifications,
        source: profile.source,
        answeredAt: new Date(profile.answeredAt),
        answers: profile.history.length,
        answeredOrders: profile.answeredOrders,
        updatedAt: now,
      })),
    );
  } finally {
    await writer.close();
  }
}

/**
 * The answers synced orders carry. The engine Order keeps the answers but not who captured them;
 * an answer already recorded for the same order and time keeps its recorded source (the key is
 * the same), and a new one is taken as the checkout's (cart metafield copied to the order).
 */
export async function recordOrderAnswers(shop: string, orders: Iterable<Order>, now: Date, sqlite?: SqliteExecutor): Promise<string[]> {
  return recordPreferenceAnswers(shop, answersFromOrders(orders), now, sqlite);
}

/**
 * Hook for ordersChanged(): re-reads the changed customers' stored orders and records the answers
 * they carry, so profiles follow every order writer (bulk import, webhook queue, CSV).
 */
export async function preferencesOrdersChanged(change: OrdersChange): Promise<string[]> {
  // The writer's own orders: only their answers can be new (earlier ones are recorded already).
  // Guests' answers stay on their orders only: there is no profile to merge them into.
  const answered = change.answeredOrders ?? change.orders;
  if (answered) return recordOrderAnswers(change.shop, answered.filter((o) => o.preferences !== null && o.customerId), change.now, change.sqlite);
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
    refreshed.push(...(await recordOrderAnswers(change.shop, orders, change.now, change.sqlite)));
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
