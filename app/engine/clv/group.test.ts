import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { groupRfm, groupsFor, uniqueValues } from "./group";

describe("groupRfm", () => {
  it("collapses identical triples, sums weights and maps rows to groups", () => {
    const g = groupRfm({ x: [0, 2, 0, 2, 2], tx: [0, 5, 0, 5, 6], T: [10, 20, 10, 20, 20], weight: [1, 2, 3, 4, 5] });
    expect(Array.from(g.x)).toEqual([0, 2, 2]);
    expect(Array.from(g.tx)).toEqual([0, 5, 6]);
    expect(Array.from(g.T)).toEqual([10, 20, 20]);
    expect(Array.from(g.w)).toEqual([4, 6, 5]);
    expect(Array.from(g.groupOf)).toEqual([0, 1, 0, 1, 2]);
    expect(g.totalWeight).toBe(15);
  });

  it("agrees with a string-keyed reference on random data", () => {
    const small = fc.integer({ min: 0, max: 3 });
    fc.assert(
      fc.property(fc.array(fc.tuple(small, small, small), { maxLength: 200 }), (rows) => {
        const g = groupRfm({ x: rows.map((r) => r[0]), tx: rows.map((r) => r[1] / 7), T: rows.map((r) => r[2] + 0.5) });
        const ref = new Map<string, number>();
        rows.forEach((r) => ref.set(r.join(","), (ref.get(r.join(",")) ?? 0) + 1));
        expect(g.x.length).toBe(ref.size);
        rows.forEach((r, i) => {
          const k = g.groupOf[i];
          expect([g.x[k], g.tx[k] * 7, g.T[k] - 0.5].map((v) => Math.round(v))).toEqual(r);
        });
        for (let k = 0; k < g.x.length; k++) {
          expect(g.w[k]).toBe(ref.get([g.x[k], Math.round(g.tx[k] * 7), g.T[k] - 0.5].join(",")));
        }
      }),
    );
  });
});

describe("groupRfm past its starting table size", () => {
  it("keeps every group and row mapping while the table grows (20,000 distinct triples, each twice)", () => {
    const rows = 40_000;
    const x = Float64Array.from({ length: rows }, (_, i) => (i % 20_000) % 7);
    const tx = Float64Array.from({ length: rows }, (_, i) => (i % 20_000) / 7);
    const T = Float64Array.from({ length: rows }, (_, i) => (i % 20_000) / 7 + 3);
    const g = groupRfm({ x, tx, T });
    expect(g.x.length).toBe(20_000);
    for (let i = 0; i < rows; i++) {
      const k = g.groupOf[i];
      expect(k).toBe(i % 20_000); // first appearance order
      expect([g.x[k], g.tx[k], g.T[k]]).toEqual([x[i], tx[i], T[i]]);
    }
    expect(Array.from(g.w).every((w) => w === 2)).toBe(true);
  });

  it("groupsFor reuses the caller's groups and refuses groups of other data", () => {
    const data = { x: [1, 1, 0], tx: [2, 2, 0], T: [5, 5, 5] };
    const g = groupRfm(data);
    expect(groupsFor(data, g)).toBe(g);
    expect(groupsFor(data).groupOf).toEqual(g.groupOf);
    expect(() => groupsFor({ x: [1], tx: [2], T: [5] }, g)).toThrow(/3 rows but the data has 1/);
  });
});

describe("uniqueValues", () => {
  it("indexes 5,000 distinct values (the table grows) in first-appearance order", () => {
    const values = Float64Array.from({ length: 10_000 }, (_, i) => ((i * 7919) % 5_000) / 3);
    const u = uniqueValues(values);
    expect(u.values.length).toBe(5_000);
    for (let i = 0; i < values.length; i++) expect(u.values[u.index[i]]).toBe(values[i]);
    expect(u.values[0]).toBe(values[0]);
  });

  it("indexes distinct values, treating −0 as 0", () => {
    const u = uniqueValues([3, -0, 0, 3, 1.5]);
    expect(Array.from(u.values)).toEqual([3, 0, 1.5]);
    expect(Array.from(u.index)).toEqual([0, 1, 1, 0, 2]);
  });

  it("terminates on NaN (each NaN is its own value)", () => {
    expect(uniqueValues([NaN, NaN, 1]).values.length).toBe(3);
  });
});
