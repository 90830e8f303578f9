/**
 * The merchant's exception rules and the compact facts they are counted against, per shop.
 * Facts are rebuilt from the orders when the stored ones are older than the stored analysis
 * (refreshExceptionFacts; the analysis refresh stores them from the tables it already built).
 */
import prisma from "../db.server";
import { OrderTablesBuilder } from "../engine/analyze/order-tables";
import { purchaseHistoryFromRows } from "../engine/repeat/purchase-history";
import {
  countRuleTriggers,
  exceptionFactsFromTables,
  defaultRules,
  exceptionRuleSchema,
  EXCEPTION_KINDS,
  packExceptionFacts,
  priorSpendQuantile,
  ruleSetSchema,
  unpackExceptionFacts,
  type ExceptionFacts,
  type ExceptionRule,
  type RuleCounts,
} from "../engine/exception-rules";
import { readOrders } from "./orders.server";

/** The shop's rules, one per exception type; the suggested defaults for types not yet saved. */
export async function loadExceptionRules(shop: string, vipSpend: number | null): Promise<{ rules: ExceptionRule[]; saved: boolean }> {
  const rows = await prisma.exceptionRule.findMany({ where: { shop } });
  const defaults = defaultRules(vipSpend);
  const stored = new Map<string, ExceptionRule>();
  for (const r of rows) {
    const parsed = exceptionRuleSchema.safeParse({ exception: r.exception, enabled: r.enabled, definition: JSON.parse(r.definition) });
    if (parsed.success) stored.set(r.exception, parsed.data);
  }
  return { rules: EXCEPTION_KINDS.map((k) => stored.get(k) ?? defaults.find((d) => d.exception === k)!), saved: rows.length > 0 };
}

export type RuleSaveResult = { ok: true; rules: ExceptionRule[] } | { ok: false; errors: Record<string, string> };

/** Validates the submitted rule set (JSON from the editor) and saves it; field errors by path otherwise. */
export async function saveExceptionRules(shop: string, json: string): Promise<RuleSaveResult> {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return { ok: false, errors: { rules: "The rules could not be read; reload the page and try again" } };
  }
  const parsed = ruleSetSchema.safeParse(raw);
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const i of parsed.error.issues) errors[i.path.length > 0 ? i.path.join(".") : "rules"] ??= i.message;
    return { ok: false, errors };
  }
  await prisma.$transaction(
    parsed.data.rules.map((r) => {
      const data = { enabled: r.enabled, definition: JSON.stringify(r.definition) };
      return prisma.exceptionRule.upsert({ where: { shop_exception: { shop, exception: r.exception } }, create: { shop, exception: r.exception, ...data }, update: data });
    }),
  );
  return { ok: true, rules: parsed.data.rules };
}

export async function storeExceptionFacts(shop: string, facts: ExceptionFacts, now: Date): Promise<void> {
  const data = { asOf: new Date(facts.asOf), orders: facts.ordersScanned, facts: Buffer.from(packExceptionFacts(facts)), computedAt: now };
  await prisma.exceptionFacts.upsert({ where: { shop }, create: { shop, ...data }, update: data });
}

/** Rebuilds the facts from the shop's orders as of `asOf`, streamed into compact tables (no order kept). */
export async function refreshExceptionFacts(shop: string, asOf: Date, now: Date): Promise<ExceptionFacts> {
  const tables = new OrderTablesBuilder(asOf.getTime());
  for await (const o of readOrders(shop)) tables.add(o);
  const { table, rows } = tables.finish();
  const facts = exceptionFactsFromTables(table, purchaseHistoryFromRows(rows, { asOf: asOf.getTime() }));
  await storeExceptionFacts(shop, facts, now);
  return facts;
}

// One rebuild per shop at a time, in the background of page loads.
const rebuilding = new Map<string, Promise<unknown>>();

/**
 * The stored facts. Older than `asOf` (a newer analysis exists): returned as they are while a
 * rebuild runs in the background, so the page stays fast on a large store; the counts say their
 * date. None yet: built now (the analysis refresh normally builds them first).
 */
export async function loadExceptionFacts(shop: string, asOf: Date, now: Date): Promise<ExceptionFacts> {
  const row = await prisma.exceptionFacts.findUnique({ where: { shop }, select: { asOf: true, facts: true } });
  if (row === null) return refreshExceptionFacts(shop, asOf, now);
  if (row.asOf.getTime() < asOf.getTime() && !rebuilding.has(shop)) {
    const job = refreshExceptionFacts(shop, asOf, now)
      .catch((e) => console.error(`exception facts rebuild for ${shop} failed: ${e instanceof Error ? e.message : String(e)}`))
      .finally(() => rebuilding.delete(shop));
    rebuilding.set(shop, job);
  }
  return unpackExceptionFacts(new Uint8Array(row.facts));
}

/** Waits for a background rebuild started by a page load (tests, shutdown). */
export async function settleExceptionFacts(shop: string): Promise<void> {
  await rebuilding.get(shop);
}

export interface RuleEditorData {
  rules: ExceptionRule[];
  counts: RuleCounts[];
  saved: boolean;
  /** What the top tenth of returning customers had spent before an exception order (VIP tier hint). */
  vipSpend: number | null;
  ordersScanned: number;
  /** When the orders the counts cover end (epoch ms). */
  factsAsOf: number;
}

export async function loadRuleEditor(shop: string, asOf: Date, historyDays: number | null, now: Date): Promise<RuleEditorData> {
  const facts = await loadExceptionFacts(shop, asOf, now);
  const vipSpend = priorSpendQuantile(facts, 0.9);
  const { rules, saved } = await loadExceptionRules(shop, vipSpend);
  return { rules, saved, vipSpend, counts: rules.map((r) => countRuleTriggers(r, facts, historyDays)), ordersScanned: facts.ordersScanned, factsAsOf: facts.asOf };
}
