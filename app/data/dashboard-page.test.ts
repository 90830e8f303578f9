import { describe, expect, it } from "vitest";
import { trendOf, type TrendPoint } from "./dashboard-page.server";

const months = (values: number[], n = 1000): TrendPoint[] => values.map((value, i) => ({ key: `2026-${String(i + 1).padStart(2, "0")}`, value, n }));

describe("headline trends", () => {
  it("compares the last three months with the three before, pooled by sample size", () => {
    const t = trendOf("late", months([0.1, 0.1, 0.1, 0.2, 0.2, 0.2]));
    expect(t.change).toBeCloseTo(0.1, 10);
    expect(t.clear).toBe(true);
  });

  it("calls a small change on thin months chance", () => {
    const t = trendOf("late", months([0.1, 0.1, 0.1, 0.12, 0.12, 0.12], 50));
    expect(t.change).toBeCloseTo(0.02, 10);
    expect(t.clear).toBe(false);
  });

  it("gives no trend with fewer than six months", () => {
    expect(trendOf("late", months([0.1, 0.2, 0.3]))).toMatchObject({ change: null, clear: false });
  });
});
