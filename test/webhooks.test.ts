import { beforeEach, describe, expect, it } from "vitest";
import prisma from "../app/db.server";
import { action } from "../app/routes/webhooks";
import { settle, webhookRequest, seedOfflineSession } from "./helpers";

const shop = "webhooks-test.myshopify.com";
const call = (req: Request) => settle(action({ request: req, params: {}, context: {} }));

async function seedOrders() {
  const base = { shop, currency: "USD", channel: "Online Store", shippingSpeed: "standard", data: "{}" };
  await prisma.order.createMany({
    data: [
      { ...base, id: "gid://shopify/Order/1", customerId: "gid://shopify/Customer/7", createdAt: new Date("2026-01-01"), updatedAt: new Date("2026-01-01"), totalPrice: 50 },
      { ...base, id: "gid://shopify/Order/2", customerId: "gid://shopify/Customer/7", createdAt: new Date("2026-02-01"), updatedAt: new Date("2026-02-01"), totalPrice: 60 },
      { ...base, id: "gid://shopify/Order/3", customerId: "gid://shopify/Customer/8", createdAt: new Date("2026-02-03"), updatedAt: new Date("2026-02-03"), totalPrice: 70 },
    ],
  });
}

beforeEach(async () => {
  await prisma.order.deleteMany({ where: { shop } });
  await prisma.webhookEvent.deleteMany({ where: { shop } });
  await prisma.complianceRequest.deleteMany({ where: { shop } });
  await prisma.session.deleteMany({ where: { shop } });
  await prisma.shop.deleteMany({ where: { shop } });
});

describe("webhook verification", () => {
  it("answers 401 to a wrong HMAC and changes nothing", async () => {
    await seedOfflineSession(shop);
    const res = await call(webhookRequest({ topic: "app/uninstalled", shop, payload: {}, secret: "wrong" }));
    expect((res as Response).status).toBe(401);
    expect(await prisma.session.count({ where: { shop } })).toBe(1);
  });

  it("answers 400 when Shopify headers are missing", async () => {
    const res = await call(webhookRequest({ topic: "orders/create", shop, payload: {}, omitHeaders: ["X-Shopify-Topic"] }));
    expect((res as Response).status).toBe(400);
  });

  it("queues data topics once per event id (duplicates are acknowledged, not reprocessed)", async () => {
    const payload = {
      id: 820982911946154500,
      admin_graphql_api_id: "gid://shopify/Order/820982911946154500",
      updated_at: "2026-03-01T10:00:00Z",
      email: "buyer@example.com",
      customer: { id: 7, first_name: "Ada", email: "buyer@example.com" },
      shipping_address: { address1: "1 Main St", phone: "555-0100" },
    };
    const first = (await call(webhookRequest({ topic: "orders/create", shop, payload, eventId: "evt-1" }))) as Response;
    const again = (await call(webhookRequest({ topic: "orders/create", shop, payload, eventId: "evt-1" }))) as Response;
    expect(first.status).toBe(200);
    expect(first.headers.get("X-Second-Order-Outcome")).toBe("queued");
    expect(again.headers.get("X-Second-Order-Outcome")).toBe("duplicate");
    const rows = await prisma.webhookEvent.findMany({ where: { shop } });
    expect(rows).toHaveLength(1);
    // Only what names the order is queued: the buyer's name, email and address never reach the database.
    expect(JSON.parse(rows[0].payload!)).toEqual({ id: payload.id, admin_graphql_api_id: payload.admin_graphql_api_id, updated_at: payload.updated_at });
    expect(rows[0].payload).not.toMatch(/example\.com|Ada|Main St|555/);
    expect(rows[0].processedAt).toBeNull();
  });
});

describe("lifecycle and compliance", () => {
  it("app/uninstalled deletes sessions, keeps data for shop/redact, and is idempotent", async () => {
    await seedOfflineSession(shop);
    await seedOrders();
    for (const eventId of ["u1", "u2"]) {
      const res = (await call(webhookRequest({ topic: "app/uninstalled", shop, payload: {}, eventId }))) as Response;
      expect(res.status).toBe(200);
    }
    expect(await prisma.session.count({ where: { shop } })).toBe(0);
    expect(await prisma.order.count({ where: { shop } })).toBe(3);
    const row = await prisma.shop.findUniqueOrThrow({ where: { shop } });
    expect(row.purgeAfter!.getTime() - row.uninstalledAt!.getTime()).toBe(48 * 3600_000);
  });

  it("customers/data_request compiles the customer's orders", async () => {
    await seedOrders();
    const payload = { shop_id: 1, shop_domain: shop, customer: { id: 7 }, orders_requested: [3], data_request: { id: 9 } };
    const res = (await call(webhookRequest({ topic: "customers/data_request", shop, payload }))) as Response;
    expect(res.status).toBe(200);
    const request = await prisma.complianceRequest.findFirstOrThrow({ where: { shop, topic: "customers/data_request" } });
    const report = JSON.parse(request.summary);
    expect(report.orders.map((o: { id: string }) => o.id)).toEqual([
      "gid://shopify/Order/1",
      "gid://shopify/Order/2",
      "gid://shopify/Order/3",
    ]);
  });

  it("customers/redact deletes that customer's rows and nothing else", async () => {
    await seedOrders();
    const payload = { shop_id: 1, shop_domain: shop, customer: { id: 7 }, orders_to_redact: [] };
    const res = (await call(webhookRequest({ topic: "customers/redact", shop, payload }))) as Response;
    expect(res.status).toBe(200);
    expect(await prisma.order.count({ where: { shop, customerId: "gid://shopify/Customer/7" } })).toBe(0);
    expect(await prisma.order.count({ where: { shop } })).toBe(1);
    expect(await prisma.complianceRequest.count({ where: { shop, customerId: "gid://shopify/Customer/7" } })).toBe(0);
  });

  it("customers/redact with a malformed payload answers 422 with the field at fault", async () => {
    const res = (await call(webhookRequest({ topic: "customers/redact", shop, payload: { shop_domain: shop } }))) as Response;
    expect(res.status).toBe(422);
    expect(await res.text()).toMatch(/customer/);
  });

  it("shop/redact erases every row of the shop", async () => {
    await seedOfflineSession(shop);
    await seedOrders();
    await prisma.shop.create({ data: { shop } });
    const res = (await call(webhookRequest({ topic: "shop/redact", shop, payload: { shop_id: 1, shop_domain: shop } }))) as Response;
    expect(res.status).toBe(200);
    const counts = await Promise.all([
      prisma.order.count({ where: { shop } }),
      prisma.session.count({ where: { shop } }),
      prisma.shop.count({ where: { shop } }),
      prisma.webhookEvent.count({ where: { shop } }),
    ]);
    expect(counts).toEqual([0, 0, 0, 0]);
  });
});
