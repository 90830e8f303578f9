import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { digamma, hyp2f1, lbeta, lgamma, logAddExp, logSumExp, oneMinusExpOverEps } from "./special";

const EULER_GAMMA = 0.5772156649015329;

describe("lgamma", () => {
  it.each([
    [0.5, 0.5 * Math.log(Math.PI)],
    [1, 0],
    [2, 0],
    [1.5, Math.log(Math.sqrt(Math.PI) / 2)],
    [10, Math.log(362880)],
    [20, Math.log(121645100408832000)],
    [100, 359.1342053695754],
    [0.1, 2.252712651734206],
    [1e-8, 18.420680738180209],
  ])("lgamma(%d)", (x, expected) => {
    expect(Math.abs(lgamma(x) - expected)).toBeLessThan(1e-13 * Math.max(1, Math.abs(expected)));
  });

  it("satisfies Γ(x+1) = xΓ(x) to ~1e-14", () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-6, max: 1e5, noNaN: true }), (x) => {
        const lhs = lgamma(x + 1) - lgamma(x);
        return Math.abs(lhs - Math.log(x)) <= 2e-14 * Math.max(1, Math.abs(lgamma(x + 1)));
      }),
    );
  });

  it("uses the reflection formula below 1/2 and is infinite at poles", () => {
    // Γ(−0.5) = −2√π
    expect(lgamma(-0.5)).toBeCloseTo(Math.log(2 * Math.sqrt(Math.PI)), 13);
    expect(lgamma(0)).toBe(Infinity);
    expect(lgamma(-3)).toBe(Infinity);
  });

  it("lbeta(a, b) matches B(2, 3) = 1/12", () => {
    expect(lbeta(2, 3)).toBeCloseTo(Math.log(1 / 12), 14);
  });
});

describe("digamma", () => {
  it.each([
    [1, -EULER_GAMMA],
    [0.5, -EULER_GAMMA - 2 * Math.LN2],
    [2, 1 - EULER_GAMMA],
    [10, 2.251752589066721],
    [1e-6, -1e6 - EULER_GAMMA + 1.6449340668 * 1e-6],
  ])("ψ(%d)", (x, expected) => {
    expect(Math.abs(digamma(x) - expected)).toBeLessThan(1e-12 * Math.max(1, Math.abs(expected)));
  });

  it("is the derivative of lgamma", () => {
    fc.assert(
      fc.property(fc.double({ min: 0.05, max: 500, noNaN: true }), (x) => {
        const h = 1e-5 * x;
        const numeric = (lgamma(x + h) - lgamma(x - h)) / (2 * h);
        return Math.abs(numeric - digamma(x)) <= 1e-6 * Math.max(1, Math.abs(digamma(x)));
      }),
    );
  });

  it("satisfies ψ(x+1) = ψ(x) + 1/x", () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-4, max: 1e4, noNaN: true }), (x) => Math.abs(digamma(x + 1) - digamma(x) - 1 / x) <= 1e-12 * (1 + 1 / x)),
    );
  });

  it("reflects for negative non-integers: ψ(−0.5) = ψ(1.5) + π cot(−π/2)… = 0.03649…", () => {
    expect(digamma(-0.5)).toBeCloseTo(0.03648997397857652, 12);
  });
});

describe("hyp2f1", () => {
  it("matches closed forms", () => {
    for (const z of [-0.9, -0.5, -0.1, 0.1, 0.5, 0.9, 0.99]) {
      expect(hyp2f1(1, 1, 2, z).value).toBeCloseTo(-Math.log(1 - z) / z, 12);
      const expected = Math.pow(1 - z, -2.5);
      expect(Math.abs(hyp2f1(2.5, 0.7, 0.7, z).value / expected - 1)).toBeLessThan(1e-13);
    }
    const w = 0.6;
    expect(hyp2f1(0.5, 0.5, 1.5, w * w).value).toBeCloseTo(Math.asin(w) / w, 13);
  });

  it("reports non-convergence instead of a wrong value, and rejects |z| ≥ 1", () => {
    expect(hyp2f1(1, 1, 2, 0.999999, 100).converged).toBe(false);
    expect(Number.isNaN(hyp2f1(1, 1, 2, 1).value)).toBe(true);
  });
});

describe("log-sum-exp helpers", () => {
  it("avoid overflow and underflow", () => {
    expect(logAddExp(1000, 1000)).toBeCloseTo(1000 + Math.LN2, 12);
    expect(logAddExp(-1000, -Infinity)).toBe(-1000);
    expect(logSumExp([-1e4, -1e4, -1e4])).toBeCloseTo(-1e4 + Math.log(3), 10);
    expect(logSumExp([])).toBe(-Infinity);
    expect(logSumExp([0, Math.log(2), Math.log(3)])).toBeCloseTo(Math.log(6), 14);
  });

  it("(1 − e^{εL})/ε is continuous through ε = 0", () => {
    const L = -0.7;
    expect(oneMinusExpOverEps(0, L)).toBe(0.7);
    expect(oneMinusExpOverEps(1e-10, L)).toBeCloseTo(0.7, 9);
    expect(oneMinusExpOverEps(0.5, L)).toBeCloseTo((1 - Math.exp(0.5 * L)) / 0.5, 15);
    expect(oneMinusExpOverEps(-0.5, L)).toBeCloseTo((1 - Math.exp(-0.5 * L)) / -0.5, 15);
  });
});
