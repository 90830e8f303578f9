import { describe, expect, it } from "vitest";
import { newcombeDifference } from "./proportion-difference";

function close(actual: number | null, expected: number, tol = 5e-5 + 1e-9) {
  expect(actual).not.toBeNull();
  expect(Math.abs((actual as number) - expected)).toBeLessThan(tol);
}

describe("newcombeDifference (hybrid Wilson score, Newcombe 1998 method 10)", () => {
  it("reproduces the paper's examples to 1e-4", () => {
    const cases: Array<[number, number, number, number, number, number]> = [
      [56, 70, 48, 80, 0.0524, 0.3339], // (a)
      [9, 10, 3, 10, 0.1705, 0.809], // (b)
      [0, 10, 0, 20, -0.1611, 0.2775], // (e)
      [10, 10, 0, 20, 0.6791, 1.0], // (g)
    ];
    for (const [x1, n1, x2, n2, lo, hi] of cases) {
      const d = newcombeDifference(x1, n1, x2, n2);
      expect(d.estimate).toBeCloseTo(x1 / n1 - x2 / n2, 12);
      close(d.low, lo);
      close(d.high, hi);
    }
  });
  it("hand-computed from the two Wilson intervals", () => {
    // 10/10 vs 0/20: Wilson(10/10) = [0.722460, 1], Wilson(0/20) = [0, 0.161130]
    // L = 1 − √(0.277540² + 0.161130²) = 1 − 0.320920 = 0.679080; U = 1 + √(0 + 0) = 1
    const d = newcombeDifference(10, 10, 0, 20);
    expect(d.low).toBeCloseTo(0.67908, 4);
    expect(d.high).toBe(1);
  });
  it("returns nulls when a group is empty", () => {
    const d = newcombeDifference(0, 0, 3, 10);
    expect(d.estimate).toBeNull();
    expect(d.low).toBeNull();
    expect(d.p2).toBeCloseTo(0.3, 12);
  });
});
