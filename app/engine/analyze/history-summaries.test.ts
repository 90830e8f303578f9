import { describe, expect, it } from "vitest";
import type { Order } from "../types";
import { calibrationHoldoutSplit, summarizeCustomersColumnar } from "../clv/summary";
import { buildPurchaseHistory } from "../repeat/purchase-history";
import { at, DAY, HOUR, order } from "../testing/order-builder";
import { holdoutSplitFromHistory, summariesFromHistory } from "./history-summaries";

const AS_OF = at("2025-01-01");
const T0 = at("2024-01-01");

/** A small seeded store: customers with 1–6 purchases, same-day pairs, a guest and a cancellation. */
function store(): Order[] {
  let seed = 7;
  const rnd = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
  const out: Order[] = [];
  for (let c = 0; c < 40; c++) {
    let t = T0 + Math.floor(rnd() * 200) * DAY + 9 * HOUR;
    const n = 1 + Math.floor(rnd() * 6);
    for (let k = 0; k < n && t <= AS_OF; k++) {
      out.push(order({ id: `c${c}-${k}`, customer: `c${c}`, at: t, total: 20 + Math.round(rnd() * 80) }));
      if (rnd() < 0.15) out.push(order({ id: `c${c}-${k}b`, customer: `c${c}`, at: t + 2 * HOUR, total: 15 }));
      t += (5 + Math.floor(rnd() * 90)) * DAY;
    }
  }
  out.push(order({ id: "guest", customer: null, at: T0 + 5 * DAY }));
  out.push(order({ id: "cancelled", customer: "c1", at: T0 + 6 * DAY, cancelledAfterHours: 2 }));
  return out.reverse(); // out of time order on purpose
}

describe("summaries from the purchase history", () => {
  const orders = store();
  const h = buildPurchaseHistory(orders, { asOf: AS_OF });

  it("equal the CLV module's own summaries", () => {
    const own = summariesFromHistory(h);
    const reference = summarizeCustomersColumnar(orders, AS_OF);
    const byId = new Map(reference.customerIds.map((id, i) => [id, i]));
    expect(own.customerIds.length).toBe(reference.customerIds.length);
    own.customerIds.forEach((id, i) => {
      const j = byId.get(id) as number;
      expect([own.x[i], own.tx[i], own.T[i]]).toEqual([reference.x[j], reference.tx[j], reference.T[j]]);
      expect(own.m[i]).toBeCloseTo(reference.m[j], 9);
    });
  });

  it("split into calibration and holdout like the CLV module", () => {
    const calibrationEnd = AS_OF - 120 * DAY;
    const own = holdoutSplitFromHistory(h, calibrationEnd);
    const reference = calibrationHoldoutSplit(orders, { calibrationEnd, observationEnd: AS_OF });
    expect(own.holdoutDuration).toBeCloseTo(120 / 7, 12);
    expect(own.calibration.customerIds.length).toBe(reference.calibration.customerIds.length);
    const byId = new Map(reference.calibration.customerIds.map((id, i) => [id, i]));
    own.calibration.customerIds.forEach((id, i) => {
      const j = byId.get(id) as number;
      expect([own.calibration.x[i], own.calibration.tx[i], own.calibration.T[i], own.holdoutTransactions[i]]).toEqual([
        reference.calibration.x[j],
        reference.calibration.tx[j],
        reference.calibration.T[j],
        reference.holdoutTransactions[j],
      ]);
    });
  });

  it("works out one customer by hand", () => {
    // Purchases on Jan 1 (40 + 10 the same day), Jan 15 (30) and Feb 12 (50), as of Mar 1 2024.
    const asOf = at("2024-03-01");
    const one = buildPurchaseHistory(
      [
        order({ id: "1", customer: "x", at: "2024-01-01T10:00", total: 40 }),
        order({ id: "2", customer: "x", at: "2024-01-01T18:00", total: 10 }),
        order({ id: "3", customer: "x", at: "2024-01-15T09:00", total: 30 }),
        order({ id: "4", customer: "x", at: "2024-02-12T09:00", total: 50 }),
      ],
      { asOf },
    );
    const s = summariesFromHistory(one);
    expect(s.x[0]).toBe(2);
    expect(s.tx[0]).toBe(6); // Jan 1 → Feb 12 = 42 days
    expect(s.T[0]).toBeCloseTo(60 / 7, 12); // Jan 1 → Mar 1 = 60 days
    expect(s.m[0]).toBe(40); // (30 + 50) / 2
    const split = holdoutSplitFromHistory(one, at("2024-02-01"));
    expect([split.calibration.x[0], split.calibration.tx[0], split.holdoutTransactions[0]]).toEqual([1, 2, 1]);
    expect(split.calibration.m[0]).toBe(30);
  });

  it("is empty for a store without customers", () => {
    const empty = buildPurchaseHistory([], { asOf: AS_OF });
    expect(summariesFromHistory(empty).x.length).toBe(0);
    expect(holdoutSplitFromHistory(empty, AS_OF - DAY).calibration.customerIds).toEqual([]);
  });
});
