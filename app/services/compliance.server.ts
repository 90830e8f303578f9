/**
 * The three mandatory privacy webhooks. Redaction really deletes rows; a data request compiles
 * everything held about the customer for the merchant to hand over (Shopify has no API for it).
 * Only a minimal audit line (topic, customer id, counts) is kept afterwards.
 */
import { z } from "zod";
import prisma from "../db.server";
import { eraseShop } from "./shop-lifecycle.server";
import { customerRows, eraseCustomerData } from "../data/shop-data.server";

const id = z.union([z.number(), z.string()]).transform(String);
const CustomerPayload = z.object({
  shop_domain: z.string(),
  customer: z.object({ id }),
  orders_requested: z.array(id).optional(),
  orders_to_redact: z.array(id).optional(),
});

export const customerGid = (numericId: string) =>
  numericId.startsWith("gid://") ? numericId : `gid://shopify/Customer/${numericId}`;
export const orderGid = (numericId: string) =>
  numericId.startsWith("gid://") ? numericId : `gid://shopify/Order/${numericId}`;

function parseCustomerPayload(payload: unknown) {
  const parsed = CustomerPayload.safeParse(payload);
  if (!parsed.success) {
    throw new ComplianceError(`invalid compliance payload: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  }
  return parsed.data;
}

export class ComplianceError extends Error {}

/** What we hold for one customer: orders (normalized, no PII) and stated delivery preferences. */
export async function compileCustomerData(shop: string, payload: unknown) {
  const p = parseCustomerPayload(payload);
  const customerId = customerGid(p.customer.id);
  const requested = (p.orders_requested ?? []).map(orderGid);
  const orders = await prisma.order.findMany({
    where: { shop, OR: [{ customerId }, { id: { in: requested } }] },
    orderBy: { createdAt: "asc" },
  });
  const report = {
    shop,
    customerId,
    generatedFor: "customers/data_request",
    personalDataHeld: "Shopify customer id and order ids only; no names, emails, phone numbers or street addresses.",
    orders: orders.map((o) => ({ id: o.id, name: o.name, createdAt: o.createdAt.toISOString(), data: JSON.parse(o.data) })),
    // Profile, segments, stated preferences and their history, experiment assignments: every
    // other table keyed by this customer.
    derived: await customerRows(shop, customerId),
  };
  await prisma.complianceRequest.create({
    data: { shop, topic: "customers/data_request", customerId, summary: JSON.stringify(report) },
  });
  return report;
}

export async function redactCustomer(shop: string, payload: unknown) {
  const p = parseCustomerPayload(payload);
  const customerId = customerGid(p.customer.id);
  const orderIds = (p.orders_to_redact ?? []).map(orderGid);
  const deleted = await eraseCustomerData(shop, customerId, orderIds);
  // Derived data that may still count the customer: rule facts are rebuilt, the analysis recomputed.
  await prisma.exceptionFacts.deleteMany({ where: { shop } });
  await prisma.shop.updateMany({ where: { shop, analysisStaleSince: null }, data: { analysisStaleSince: new Date() } });
  // Earlier data-request exports contain the customer's data too (deleted above with the other
  // customer rows); the audit line keeps no customer id: nothing links back to the person.
  const summary = Object.entries(deleted).filter(([, n]) => n > 0).map(([m, n]) => `${n} ${m}`).join(", ") || "nothing held";
  await prisma.complianceRequest.create({
    data: { shop, topic: "customers/redact", customerId: null, summary: `deleted ${summary}` },
  });
  return { orders: deleted.Order ?? 0, rows: deleted };
}

export async function redactShop(shop: string) {
  return eraseShop(shop);
}
