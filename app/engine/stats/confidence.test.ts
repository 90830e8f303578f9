import { describe, expect, it } from "vitest";
import { gradeConfidence, gradeWithReasons, relativeHalfWidth, weakerConfidence } from "./confidence";
import { meanEstimate, proportionDifferenceEstimate, proportionEstimate } from "./estimates";

describe("gradeConfidence", () => {
  it("grades by n and relative precision", () => {
    expect(gradeConfidence(29, 0.01)).toBe("insufficient");
    expect(gradeConfidence(500, 0.1)).toBe("high");
    expect(gradeConfidence(500, 0.2)).toBe("medium");
    expect(gradeConfidence(150, 0.1)).toBe("medium");
    expect(gradeConfidence(50, 0.05)).toBe("low");
    expect(gradeConfidence(5000, null)).toBe("low");
    expect(gradeConfidence(5000, Number.NaN)).toBe("low");
  });
  it("lowers one step per caveat, never below low", () => {
    expect(gradeConfidence(500, 0.1, ["carrier events missing"])).toBe("medium");
    expect(gradeConfidence(500, 0.1, ["a", "b", "c"])).toBe("low");
    expect(gradeConfidence(10, 0.1, ["a"])).toBe("insufficient");
  });
  it("says why", () => {
    const g = gradeWithReasons(12, 0.1, ["x"], "orders");
    expect(g.caveats[0]).toBe("x");
    expect(g.caveats[1]).toMatch(/12 orders/);
  });
  it("helpers", () => {
    expect(relativeHalfWidth(0.4, 0.6, 0.5)).toBeCloseTo(0.2, 12);
    expect(relativeHalfWidth(null, 1, 1)).toBe(Infinity);
    expect(weakerConfidence("high", "low")).toBe("low");
  });
});

describe("estimate builders", () => {
  it("proportionEstimate: Wilson + grade", () => {
    // 450/500 = 0.9, Wilson half-width ≈ 0.0265; /max(0.9, 0.1) ≈ 0.029 → high (n ≥ 300)
    const e = proportionEstimate(450, 500);
    expect(e.value).toBe(0.9);
    expect(e.confidence).toBe("high");
    expect(e.n).toBe(500);
    expect(proportionEstimate(0, 0).confidence).toBe("insufficient");
    expect(proportionEstimate(0, 0).value).toBeNull();
  });
  it("rare events on large samples are not penalised", () => {
    expect(proportionEstimate(4, 1000).confidence).toBe("high");
  });
  it("difference and mean builders", () => {
    const d = proportionDifferenceEstimate(56, 70, 48, 80);
    expect(d.value).toBeCloseTo(0.2, 12);
    expect(d.n).toBe(70);
    const m = meanEstimate({ n: 2, mean: 10, sumSquaredDeviations: 2 });
    expect(m.confidence).toBe("insufficient");
    expect(m.value).toBe(10);
  });
});
