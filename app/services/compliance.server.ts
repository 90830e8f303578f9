/**
 * The three mandatory privacy webhooks. Redaction really deletes rows; a data request compiles
 * everything held about the customer for the merchant to hand over (Shopify has no API for it).
 * Only a minimal audit line (topic, customer id, counts) is kept afterwards.
 */
import { z } from "zod";
import prisma from "../db.server";
import { eraseShop } from "./shop-lifecycle.server";

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
  const deleted = await prisma.order.deleteMany({
    where: { shop, OR: [{ customerId }, { id: { in: orderIds } }] },
  });
  // Earlier data-request exports contain the customer's data too.
  await prisma.complianceRequest.deleteMany({ where: { shop, customerId } });
  await prisma.complianceRequest.create({
    // The audit line keeps no customer id: after redaction nothing links back to the person.
    data: { shop, topic: "customers/redact", customerId: null, summary: `deleted ${deleted.count} orders` },
  });
  return { orders: deleted.count };
}

export async function redactShop(shop: string) {
  return eraseShop(shop);
}
