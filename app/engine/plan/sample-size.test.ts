import { describe, expect, it } from "vitest";
import { customersPerArm, detectableEffect, enrolmentMonths } from "./sample-size";

describe("customersPerArm", () => {
  it("matches the textbook figure worked by hand", () => {
    // p₁ = .10, p₂ = .13, p̄ = .115: (1.95996·√(2·.115·.885) + 0.84162·√(.09 + .1131))² / .0009
    // = (1.95996·0.451165 + 0.84162·0.450666)² / .0009 = (0.884266 + 0.379290)² / .0009 = 1773.98 → 1774.
    expect(customersPerArm({ baseline: 0.1, mde: 0.03 })).toBe(1774);
  });

  it("needs more customers for smaller effects, more power or a stricter α", () => {
    const base = customersPerArm({ baseline: 0.3, mde: 0.03 }) as number;
    expect(customersPerArm({ baseline: 0.3, mde: 0.015 })).toBeGreaterThan(3.5 * base);
    expect(customersPerArm({ baseline: 0.3, mde: 0.03, power: 0.9 })).toBeGreaterThan(base);
    expect(customersPerArm({ baseline: 0.3, mde: 0.03, alpha: 0.01 })).toBeGreaterThan(base);
    // Symmetric around ½: 0.485 ± 0.03 reads the same as 0.485 ∓ 0.03.
    expect(customersPerArm({ baseline: 0.47, mde: 0.03 })).toBe(customersPerArm({ baseline: 0.5, mde: 0.03 }));
  });

  it("is null for inputs that cannot describe a test", () => {
    expect(customersPerArm({ baseline: Number.NaN, mde: 0.03 })).toBeNull();
    expect(customersPerArm({ baseline: 1, mde: 0.03 })).toBeNull();
    expect(customersPerArm({ baseline: 0.3, mde: 0 })).toBeNull();
  });
});

describe("enrolmentMonths", () => {
  it("is the months to fill both arms at the yearly rate", () => {
    expect(enrolmentMonths(1774, 12_000)).toBe(4); // 3,548 customers at 1,000 a month → 3.5 → 4
    expect(enrolmentMonths(500, 12_000)).toBe(1);
    expect(enrolmentMonths(500, 0)).toBeNull();
  });
});

describe("detectableEffect", () => {
  it("inverts customersPerArm", () => {
    const e = detectableEffect(0.1, 1774) as number;
    expect(e).toBeCloseTo(0.03, 4);
    expect(customersPerArm({ baseline: 0.1, mde: e })).toBeLessThanOrEqual(1774);
    expect(customersPerArm({ baseline: 0.1, mde: e - 1e-4 })).toBeGreaterThan(1774);
  });

  it("is null when no effect is detectable or inputs are invalid", () => {
    expect(detectableEffect(0.5, 0)).toBeNull();
    expect(detectableEffect(0.5, 2)).toBeNull();
    expect(detectableEffect(Number.NaN, 100)).toBeNull();
  });
});
