import { describe, expect, it } from "vitest";
import type { Order } from "../engine/types";
import { order } from "../../test/order-fixture";
import { deleteOrders, readOrders, upsertOrders } from "./orders.server";

const T0 = Date.UTC(2026, 2, 1);

describe("readOrders", () => {
  it("reads every order of the shop once, oldest first (ties by id), across pages, and nothing of other shops", async () => {
    const shop = "read-orders.myshopify.com";
    const other = "read-orders-other.myshopify.com";
    await deleteOrders(shop);
    await deleteOrders(other);
    // 23 orders over 7 distinct creation times (ties across page boundaries), written out of order.
    const written: Order[] = Array.from({ length: 23 }, (_, i) =>
      order({ id: `gid://shopify/Order/r${String((i * 7) % 23).padStart(2, "0")}`, createdAt: T0 + ((i * 5) % 7) * 3_600_000, updatedAt: T0 + 10 * 3_600_000 }),
    );
    await upsertOrders(shop, written);
    await upsertOrders(other, [order({ id: "gid://shopify/Order/elsewhere", createdAt: T0 })]);

    for (const pageSize of [1, 4, 5000]) {
      const read: Order[] = [];
      for await (const o of readOrders(shop, pageSize)) read.push(o);
      const expected = [...written].sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      expect(read.map((o) => o.id), `page size ${pageSize}`).toEqual(expected.map((o) => o.id));
      expect(read[3]).toEqual(expected[3]);
    }
  });

  it("reads nothing for a shop without orders", async () => {
    const read: Order[] = [];
    for await (const o of readOrders("read-orders-none.myshopify.com")) read.push(o);
    expect(read).toEqual([]);
  });
});
