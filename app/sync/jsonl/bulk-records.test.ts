import { describe, expect, it } from "vitest";
import { order } from "../../../test/order-fixture";
import type { Fulfillment } from "../../engine/types";
import type { AssemblyRejection, BulkGroup } from "./bulk-assembler";
import { carryOverEvents, eventsFromGroup, gidType, mergeEvents } from "./bulk-records";

const fulfillment = (id: string, events: Fulfillment["events"] = []): Fulfillment => ({
  id,
  createdAt: 1,
  inTransitAt: null,
  deliveredAt: null,
  estimatedDeliveryAt: null,
  carrier: "UPS",
  hasTracking: true,
  events,
});

describe("bulk records", () => {
  it("tells child types apart by their gid", () => {
    expect(gidType("gid://shopify/LineItem/12")).toBe("LineItem");
    expect(gidType("gid://shopify/UnverifiedReturnLineItem/3")).toBe("UnverifiedReturnLineItem");
    expect(gidType("12")).toBeNull();
    expect(gidType(12)).toBeNull();
  });

  it("merges events into matching fulfillments once, in time order, and names unknown fulfillments", () => {
    const o = order({ fulfillments: [fulfillment("gid://shopify/Fulfillment/1", [{ status: "DELIVERED", happenedAt: 30 }])] });
    const incoming = new Map([
      ["gid://shopify/Fulfillment/1", [{ status: "IN_TRANSIT" as const, happenedAt: 20 }, { status: "DELIVERED" as const, happenedAt: 30 }]],
      ["gid://shopify/Fulfillment/9", [{ status: "IN_TRANSIT" as const, happenedAt: 5 }]],
    ]);
    expect(mergeEvents(o, incoming)).toEqual({ changed: true, unknown: ["gid://shopify/Fulfillment/9"] });
    expect(o.fulfillments[0].events).toEqual([{ status: "IN_TRANSIT", happenedAt: 20 }, { status: "DELIVERED", happenedAt: 30 }]);
    expect(mergeEvents(o, incoming).changed).toBe(false);
  });

  it("keeps stored events when an orders-only re-import brings the same fulfillment without events", () => {
    const stored = order({ fulfillments: [fulfillment("gid://shopify/Fulfillment/1", [{ status: "DELIVERED", happenedAt: 30 }])] });
    const incoming = order({ fulfillments: [fulfillment("gid://shopify/Fulfillment/1"), fulfillment("gid://shopify/Fulfillment/2")] });
    carryOverEvents(incoming, stored);
    expect(incoming.fulfillments.map((f) => f.events.length)).toEqual([1, 0]);
  });

  it("reads a fulfillment-order group, rejecting unknown statuses and events of another fulfillment order", () => {
    const group: BulkGroup = {
      root: { line: 1, node: { id: "gid://shopify/FulfillmentOrder/1", orderId: "gid://shopify/Order/1" } },
      descendants: [
        { line: 2, node: { id: "gid://shopify/Fulfillment/1", __parentId: "gid://shopify/FulfillmentOrder/1" } },
        { line: 3, node: { id: "gid://shopify/FulfillmentEvent/1", status: "IN_TRANSIT", happenedAt: "2026-01-02T03:04:05Z", __parentId: "gid://shopify/Fulfillment/1" } },
        { line: 4, node: { id: "gid://shopify/FulfillmentEvent/2", status: "LOST_IN_SPACE", happenedAt: "2026-01-02T03:04:05Z", __parentId: "gid://shopify/Fulfillment/1" } },
        { line: 5, node: { id: "gid://shopify/FulfillmentEvent/3", status: "DELIVERED", happenedAt: "2026-01-03T03:04:05Z", __parentId: "gid://shopify/Fulfillment/2" } },
        { line: 6, node: { id: "gid://shopify/FulfillmentEvent/4", status: "DELIVERED", happenedAt: "soon", __parentId: "gid://shopify/Fulfillment/1" } },
      ],
    };
    const rejected: AssemblyRejection[] = [];
    const result = eventsFromGroup(group, rejected);
    expect(result?.orderId).toBe("gid://shopify/Order/1");
    expect([...result!.fulfillments.entries()]).toEqual([["gid://shopify/Fulfillment/1", [{ status: "IN_TRANSIT", happenedAt: Date.UTC(2026, 0, 2, 3, 4, 5) }]]]);
    expect(rejected.map((r) => [r.line, r.field])).toEqual([
      [4, "status"],
      [5, "__parentId"],
      [6, "happenedAt"],
    ]);
  });
});
