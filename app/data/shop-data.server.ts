/**
 * Where a shop's and a customer's data lives, read from the Prisma schema itself: every model with
 * a `shop` column is shop data, every model with a `customerId` column is customer data. The
 * compliance webhooks use these lists, so a table added later cannot be forgotten by shop/redact,
 * customers/redact or a data request (test/compliance-coverage.test.ts checks the lists).
 */
import { Prisma } from "@prisma/client";
import prisma from "../db.server";

type Where = Record<string, unknown>;
interface Delegate {
  deleteMany(args: { where: Where }): Prisma.PrismaPromise<{ count: number }>;
  findMany(args: { where: Where }): Promise<Record<string, unknown>[]>;
}

const models = Prisma.dmmf.datamodel.models;
const withField = (field: string) => models.filter((m) => m.fields.some((f) => f.name === field)).map((m) => m.name);

/** Models holding shop data (all of them but the ones with no shop column). */
export const SHOP_MODELS: readonly string[] = withField("shop");
/** Models holding per-customer rows. */
export const CUSTOMER_MODELS: readonly string[] = withField("customerId");
/** Models with rows about one order (besides Order itself). */
export const ORDER_MODELS: readonly string[] = withField("orderId");

function delegate(model: string): Delegate {
  const key = model[0].toLowerCase() + model.slice(1);
  return (prisma as unknown as Record<string, Delegate>)[key];
}

/** Deletes every row of the shop, in one transaction, the Shop row last. Returns counts by model. */
export async function eraseShopData(shop: string): Promise<Record<string, number>> {
  const ordered = [...SHOP_MODELS.filter((m) => m !== "Shop"), "Shop"];
  const results = await prisma.$transaction(ordered.map((m) => delegate(m).deleteMany({ where: { shop } })));
  return Object.fromEntries(ordered.map((m, i) => [m, results[i].count]));
}

/**
 * Deletes a customer's rows in every customer model, plus the listed orders and rows about them.
 * Audit lines (ComplianceRequest) are the caller's business: it writes one after deleting.
 */
export async function eraseCustomerData(shop: string, customerId: string, orderIds: readonly string[]): Promise<Record<string, number>> {
  const ops: { model: string; op: Prisma.PrismaPromise<{ count: number }> }[] = [];
  for (const model of CUSTOMER_MODELS) {
    const byOrder = model === "Order" ? { id: { in: [...orderIds] } } : ORDER_MODELS.includes(model) ? { orderId: { in: [...orderIds] } } : null;
    const where = byOrder && orderIds.length > 0 ? { shop, OR: [{ customerId }, byOrder] } : { shop, customerId };
    ops.push({ model, op: delegate(model).deleteMany({ where }) });
  }
  const results = await prisma.$transaction(ops.map((o) => o.op));
  return Object.fromEntries(ops.map((o, i) => [o.model, results[i].count]));
}

/** Every customer row held, by model (for customers/data_request). */
export async function customerRows(shop: string, customerId: string): Promise<Record<string, Record<string, unknown>[]>> {
  const out: Record<string, Record<string, unknown>[]> = {};
  for (const model of CUSTOMER_MODELS) {
    if (model === "Order" || model === "ComplianceRequest") continue; // orders are reported in full by the caller; audit lines are ours
    const rows = await delegate(model).findMany({ where: { shop, customerId } });
    if (rows.length > 0) out[model] = rows;
  }
  return out;
}
