import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { order } from "../../../test/order-fixture";
import type { Order } from "../types";
import {
  calibrationHoldoutSplit,
  DAY_MS,
  ordersToTransactions,
  summarizeCustomers,
  summarizeCustomersColumnar,
  summarizeTransactions,
  summaryColumns,
  summaryObjects,
} from "./summary";

const at = (m: number, d: number, h = 0, min = 0) => Date.UTC(2025, m - 1, d, h, min);
const ASOF = at(3, 1);

/** Hand-built history; expected figures are worked out next to each customer. */
function fixture(): Order[] {
  const o = (id: string, customerId: string | null, createdAt: number, totalPrice: number, over: Partial<Order> = {}) =>
    order({ id, customerId, createdAt, updatedAt: createdAt, totalPrice, ...over });
  return [
    // A: days Jan 1 (first: a1+a2), Jan 15 (a3−10 refund + a4 = 70), Feb 12 (60−20 = 40) → x=2, tx=42d, T=59d, m=55.
    o("a1", "A", at(1, 1, 10), 100),
    o("a2", "A", at(1, 1, 18), 20),
    o("a3", "A", at(1, 15, 9), 50, { refunds: [{ createdAt: at(1, 20), amount: 10 }] }),
    o("a4", "A", at(1, 15, 23), 30),
    o("a5", "A", at(2, 12, 12), 60, { refunds: [{ createdAt: at(2, 13), amount: 20 }, { createdAt: at(3, 10), amount: 100 }] }),
    o("a6", "A", at(2, 20), 500, { cancelledAt: at(2, 20, 1) }),
    o("a7", "A", at(3, 5), 70),
    // B: one order late on Feb 1 → x=0, T=28d.
    o("b1", "B", at(2, 1, 23, 59), 80),
    // Guest checkout and a customer with only a cancelled order: not summarized.
    o("g1", null, at(1, 3), 40),
    o("c1", "C", at(1, 7), 40, { cancelledAt: at(1, 8) }),
    // D: d1's newer version is cancelled, so D starts on Jan 20 → x=0, T=40d.
    o("d1", "D", at(1, 10), 30),
    o("d1", "D", at(1, 10), 30, { updatedAt: at(1, 11), cancelledAt: at(1, 11) }),
    o("d2", "D", at(1, 20), 30),
    // E: e2 appears twice; the newer version (35) wins and counts once → x=1, tx=31d, T=55d, m=35.
    o("e1", "E", at(1, 5), 10),
    o("e2", "E", at(2, 5), 35, { updatedAt: at(2, 6) }),
    o("e2", "E", at(2, 5), 25, { updatedAt: at(2, 5) }),
    // F: the repeat order was refunded in full (more than its price) → m=0.
    o("f1", "F", at(1, 2), 20),
    o("f2", "F", at(1, 9), 50, { refunds: [{ createdAt: at(1, 10), amount: 60 }] }),
  ];
}

describe("summarizeCustomers", () => {
  it("applies the literature conventions (hand-computed fixture)", () => {
    const byId = Object.fromEntries(summarizeCustomers(fixture(), ASOF).map((s) => [s.customerId, s]));
    expect(Object.keys(byId).sort()).toEqual(["A", "B", "D", "E", "F"]);
    expect(byId.A.frequency).toBe(2);
    expect(byId.A.recency).toBeCloseTo(42 / 7, 12);
    expect(byId.A.T).toBeCloseTo(59 / 7, 12);
    expect(byId.A.monetaryValue).toBeCloseTo(55, 12);
    expect(byId.B).toEqual({ customerId: "B", frequency: 0, recency: 0, T: 4, monetaryValue: 0 });
    expect(byId.D).toMatchObject({ frequency: 0, recency: 0 });
    expect(byId.D.T).toBeCloseTo(40 / 7, 12);
    expect(byId.E.frequency).toBe(1);
    expect(byId.E.recency).toBeCloseTo(31 / 7, 12);
    expect(byId.E.monetaryValue).toBe(35);
    expect(byId.F).toMatchObject({ frequency: 1, monetaryValue: 0 });
  });

  it("does not depend on input order and honours unitDays", () => {
    const shuffled = fixture().reverse();
    const days = Object.fromEntries(summarizeCustomers(shuffled, ASOF, { unitDays: 1 }).map((s) => [s.customerId, s]));
    expect(days.A).toEqual({ customerId: "A", frequency: 2, recency: 42, T: 59, monetaryValue: 55 });
  });

  it("summarizes as of calibrationEnd when given (refunds known by then only)", () => {
    const byId = Object.fromEntries(summarizeCustomers(fixture(), ASOF, { calibrationEnd: at(2, 1) }).map((s) => [s.customerId, s]));
    expect(byId.B).toBeUndefined(); // first order after the cut
    expect(byId.A).toMatchObject({ frequency: 1, monetaryValue: 70 });
    expect(byId.A.T).toBeCloseTo(31 / 7, 12);
  });

  it("returns no summaries for no orders", () => {
    expect(summarizeCustomers([], ASOF)).toEqual([]);
    expect(summarizeCustomersColumnar([], ASOF).x.length).toBe(0);
  });

  it("columnar and object forms agree and round-trip", () => {
    const cols = summarizeCustomersColumnar(fixture(), ASOF);
    const objs = summarizeCustomers(fixture(), ASOF);
    expect(summaryObjects(cols)).toEqual(objs);
    expect(summaryObjects(summaryColumns(objs))).toEqual(objs);
  });

  it("matches a straightforward reference implementation on random histories", () => {
    const tx = fc.record({ c: fc.integer({ min: 0, max: 5 }), t: fc.integer({ min: 0, max: 60 * DAY_MS }), v: fc.integer({ min: 0, max: 500 }) });
    fc.assert(
      fc.property(fc.array(tx, { maxLength: 60 }), fc.integer({ min: 1, max: 60 * DAY_MS }), (rows, end) => {
        const ids = ["c0", "c1", "c2", "c3", "c4", "c5"];
        const got = summarizeTransactions(
          { customer: Int32Array.from(rows, (r) => r.c), time: Float64Array.from(rows, (r) => r.t), value: Float64Array.from(rows, (r) => r.v), customerIds: ids },
          end,
          7,
        );
        const expected = new Map<string, { x: number; tx: number; T: number; m: number }>();
        for (let c = 0; c < ids.length; c++) {
          const mine = rows.filter((r) => r.c === c && r.t <= end);
          if (mine.length === 0) continue;
          const dayValue = new Map<number, number>();
          for (const r of mine) {
            const d = Math.floor(r.t / DAY_MS);
            dayValue.set(d, (dayValue.get(d) ?? 0) + r.v);
          }
          const days = [...dayValue.keys()].sort((a, b) => a - b);
          const repeat = days.slice(1).reduce((s, d) => s + dayValue.get(d)!, 0);
          const x = days.length - 1;
          expected.set(ids[c], { x, tx: (days[x] - days[0]) / 7, T: (end - days[0] * DAY_MS) / (7 * DAY_MS), m: x ? repeat / x : 0 });
        }
        expect(got.customerIds.length).toBe(expected.size);
        got.customerIds.forEach((id, i) => {
          const e = expected.get(id)!;
          expect(got.x[i]).toBe(e.x);
          expect(got.tx[i]).toBeCloseTo(e.tx, 12);
          expect(got.T[i]).toBeCloseTo(e.T, 12);
          expect(got.m[i]).toBeCloseTo(e.m, 9);
        });
      }),
    );
  });
});

describe("ordersToTransactions", () => {
  it("uses processedAt when set (imported historical orders)", () => {
    const o = order({ id: "x", customerId: "X", createdAt: at(2, 1), processedAt: at(1, 1), totalPrice: 10 });
    const tc = ordersToTransactions([o], ASOF);
    expect(tc.time[0]).toBe(at(1, 1));
  });
});

describe("calibrationHoldoutSplit", () => {
  it("counts holdout repeat days per calibration customer", () => {
    const split = calibrationHoldoutSplit(fixture(), { calibrationEnd: at(2, 1), observationEnd: ASOF });
    const ids = split.calibration.customerIds;
    const holdout = Object.fromEntries(ids.map((id, i) => [id, split.holdoutTransactions[i]]));
    expect(ids).not.toContain("B");
    expect(holdout).toEqual({ A: 1, D: 0, E: 1, F: 0 });
    expect(split.holdoutDuration).toBe(4);
    const a = ids.indexOf("A");
    expect(split.calibration.x[a]).toBe(1);
    expect(split.calibration.m[a]).toBe(70);
  });

  it("does not count a day already bought in calibration when the cut falls mid-day", () => {
    const split = calibrationHoldoutSplit(fixture(), { calibrationEnd: at(1, 15, 12), observationEnd: ASOF, unitDays: 1 });
    const a = split.calibration.customerIds.indexOf("A");
    expect(split.calibration.x[a]).toBe(1);
    expect(split.calibration.m[a]).toBe(50); // the refund came after the cut
    expect(split.calibration.T[a]).toBe(14.5);
    expect(split.holdoutTransactions[a]).toBe(1); // Feb 12 only; a4 shares Jan 15
  });

  it("rejects an observation end before the calibration end", () => {
    expect(() => calibrationHoldoutSplit([], { calibrationEnd: ASOF, observationEnd: at(1, 1) })).toThrow(RangeError);
  });
});
