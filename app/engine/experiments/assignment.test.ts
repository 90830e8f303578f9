import { describe, expect, it } from "vitest";
import { assignVariant, assignVariantIndex, assignmentPoint } from "./assignment";
import { chiSquareSurvival } from "./chi-square";

const ids = Array.from({ length: 30_000 }, (_, i) => `gid://shopify/Customer/${7_000_000 + i}`);

describe("assignment", () => {
  it("is a pure function of the experiment and the unit", () => {
    expect(assignmentPoint("exp-1", ids[0])).toBe(assignmentPoint("exp-1", ids[0]));
    expect(assignVariant("exp-1", ids[5], [{ key: "a" }, { key: "b" }])).toEqual(assignVariant("exp-1", ids[5], [{ key: "a" }, { key: "b" }]));
    // Pinned values: a change of hash would silently reshuffle running experiments.
    expect(ids.slice(0, 8).map((id) => assignVariantIndex("exp-1", id, 2))).toEqual([0, 1, 0, 0, 1, 0, 0, 1]);
    expect(assignmentPoint("exp-1", ids[0])).toBe(assignmentPoint("exp-1" + "", `gid://shopify/Customer/${7_000_000}`));
    expect(assignmentPoint("exp-2", ids[0])).not.toBe(assignmentPoint("exp-1", ids[0]));
  });

  it("splits sequential customer ids evenly over 2 and 3 variants (χ² goodness of fit, p > 0.001)", () => {
    for (const k of [2, 3]) {
      const counts = new Array(k).fill(0);
      for (const id of ids) counts[assignVariantIndex("exp-balance", id, k)]++;
      const expected = ids.length / k;
      const chi = counts.reduce((s, c) => s + (c - expected) ** 2 / expected, 0);
      expect(chiSquareSurvival(chi, k - 1)).toBeGreaterThan(0.001);
    }
  });

  it("assigns independently across experiments (2×2 table of two experiments' variants)", () => {
    const table = [0, 0, 0, 0];
    for (const id of ids) table[assignVariantIndex("exp-A", id, 2) * 2 + assignVariantIndex("exp-B", id, 2)]++;
    const expected = ids.length / 4;
    const chi = table.reduce((s, c) => s + (c - expected) ** 2 / expected, 0);
    // Uniform over the 4 cells ⇒ balanced margins and independence; 3 df.
    expect(chiSquareSurvival(chi, 3)).toBeGreaterThan(0.001);
  });

  it("honours weights and rejects bad ones", () => {
    let treated = 0;
    for (const id of ids) treated += assignVariantIndex("exp-w", id, 2, [3, 1]);
    // Binomial(30,000, 0.25): SE = 75; allow 4 SE.
    expect(Math.abs(treated - 7500)).toBeLessThan(300);
    expect(() => assignVariantIndex("x", "y", 2, [1])).toThrow(RangeError);
    expect(() => assignVariantIndex("x", "y", 0)).toThrow(RangeError);
  });
});
