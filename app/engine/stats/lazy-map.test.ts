import { describe, expect, it } from "vitest";
import { LazyMap } from "./lazy-map";

describe("LazyMap", () => {
  it("builds its entries on first use only, then behaves as a Map", () => {
    let calls = 0;
    const m = new LazyMap<string, number>(() => {
      calls++;
      return [["a", 1], ["b", 2]];
    });
    expect(m).toBeInstanceOf(Map);
    expect(calls).toBe(0);
    expect(m.built).toBe(false);
    expect(m.get("b")).toBe(2);
    expect(m.size).toBe(2);
    expect([...m]).toEqual([["a", 1], ["b", 2]]);
    expect(new Map(m)).toEqual(new Map([["a", 1], ["b", 2]]));
    expect(calls).toBe(1);
  });

  it("builds before any read, whichever comes first", () => {
    for (const read of [(m: Map<string, number>) => m.size, (m: Map<string, number>) => m.has("a"), (m: Map<string, number>) => [...m.keys()].length]) {
      const m = new LazyMap<string, number>(() => [["a", 1]]);
      expect(read(m)).toBeTruthy();
      expect(m.built).toBe(true);
    }
  });
});
