import { describe, expect, it } from "vitest";
import { generateStore } from "../demo/generate-store";
import { mapAdminOrder } from "./map-admin-order";
import { syncedOrder } from "./testing/bulk-jsonl";
import { NOT_SYNCED } from "./sync-selection";

describe("fields the sync does not ask for", () => {
  const { orders } = generateStore({ asOf: Date.UTC(2026, 5, 30), orders: 3000, seed: "sync-selection" });

  it("change no mapped order: the engine never reads them", () => {
    const differing = orders.filter((o) => JSON.stringify(mapAdminOrder(syncedOrder(o))) !== JSON.stringify(mapAdminOrder(o)));
    expect(differing.map((o) => o.id)).toEqual([]);
  });

  it("are gone from what the sync reads, and nothing else is", () => {
    const o = orders.find((x) => x.shippingLine && x.lineItems.nodes.length && x.fulfillments.length)!;
    const { cancelReason: _c, displayFinancialStatus: _d, currentTotalPriceSet: _t, totalRefundedSet: _r, ...rest } = o;
    const { source: _s, carrierIdentifier: _i, originalPriceSet: _p, ...shippingLine } = o.shippingLine!;
    expect(syncedOrder(o)).toEqual({
      ...rest,
      shippingLine,
      lineItems: { nodes: o.lineItems.nodes.map(({ originalUnitPriceSet: _u, ...item }) => item) },
      fulfillments: o.fulfillments.map(({ displayStatus: _f, ...f }) => f),
    });
    expect(NOT_SYNCED).toHaveLength(9);
  });
});
