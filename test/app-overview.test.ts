import { beforeAll, describe, expect, it } from "vitest";
import prisma from "../app/db.server";
import { loader as appLoader } from "../app/routes/app._index";
import { loader as demoLoader } from "../app/routes/demo._index";
import { upsertOrders, deleteOrders } from "../app/data/orders.server";
import { DEMO_SHOP } from "../app/services/demo.server";
import { adminRequest, seedOfflineSession, settle } from "./helpers";
import { order } from "./order-fixture";

const shop = "overview-test.myshopify.com";

beforeAll(async () => {
  await deleteOrders(shop);
  await seedOfflineSession(shop);
  await upsertOrders(shop, [
    order({ id: "gid://shopify/Order/1", customerId: "gid://shopify/Customer/1", createdAt: Date.UTC(2025, 0, 5), totalPrice: 40 }),
    order({ id: "gid://shopify/Order/2", customerId: "gid://shopify/Customer/1", createdAt: Date.UTC(2025, 2, 9), totalPrice: 60, channel: "Shop" }),
    order({ id: "gid://shopify/Order/3", customerId: null, createdAt: Date.UTC(2025, 5, 1), totalPrice: 25 }),
  ]);
  // Another shop's orders must never leak into this one's figures.
  await upsertOrders("other.myshopify.com", [order({ id: "gid://shopify/Order/1", totalPrice: 999 })]);
});

describe("embedded admin overview", () => {
  it("authenticates the session token and answers with this shop's figures only", async () => {
    const data = await appLoader({ request: adminRequest("/app", shop), params: {}, context: {} });
    const o = (data as Awaited<ReturnType<typeof appLoader>>).overview;
    expect(o).toMatchObject({ shop, orderCount: 3, customerCount: 1, guestOrderCount: 1 });
    expect(o.firstOrderAt).toBe("2025-01-05T00:00:00.000Z");
    expect(o.lastOrderAt).toBe("2025-06-01T00:00:00.000Z");
    expect(o.channels).toEqual([
      { key: "Online Store", orders: 2, revenue: 65 },
      { key: "Shop", orders: 1, revenue: 60 },
    ]);
  });

  it("rejects a session token signed with another secret", async () => {
    const res = await settle(appLoader({ request: adminRequest("/app", shop, { secret: "not-the-secret" }), params: {}, context: {} }));
    expect(res).toBeInstanceOf(Response);
    expect((res as Response).status).toBe(401);
  });
});

describe("demo overview", () => {
  it("serves the demo shop without Shopify auth when demo mode is on", async () => {
    await prisma.order.deleteMany({ where: { shop: DEMO_SHOP } });
    await upsertOrders(DEMO_SHOP, [order({ id: "gid://shopify/Order/9" })]);
    const data = await demoLoader();
    expect(data.overview).toMatchObject({ shop: DEMO_SHOP, orderCount: 1 });
  });
});
