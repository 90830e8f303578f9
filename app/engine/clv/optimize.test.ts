import { describe, expect, it } from "vitest";
import { bfgs, centralDifferenceGradient, minimizePositive, nelderMead } from "./optimize";

describe("bfgs", () => {
  it("minimizes the Rosenbrock function from the classic start", () => {
    const f = (x: Float64Array, g: Float64Array | null) => {
      const [a, b] = x;
      if (g) {
        g[0] = -2 * (1 - a) - 400 * a * (b - a * a);
        g[1] = 200 * (b - a * a);
      }
      return (1 - a) ** 2 + 100 * (b - a * a) ** 2;
    };
    const res = bfgs(f, Float64Array.from([-1.2, 1]), { gradientTolerance: 1e-10, maxIterations: 500 });
    expect(res.converged).toBe(true);
    expect(res.theta[0]).toBeCloseTo(1, 6);
    expect(res.theta[1]).toBeCloseTo(1, 6);
  });
});

describe("minimizePositive", () => {
  // f(a, b) = 3a − 2 ln a + (ln b − ln 5)²: minimum at a = 2/3, b = 5.
  const value = (p: Float64Array) => 3 * p[0] - 2 * Math.log(p[0]) + (Math.log(p[1]) - Math.log(5)) ** 2;

  it("uses an analytic gradient given in natural parameters", () => {
    const res = minimizePositive(
      (p, g) => {
        if (g) {
          g[0] = 3 - 2 / p[0];
          g[1] = (2 * (Math.log(p[1]) - Math.log(5))) / p[1];
        }
        return value(p);
      },
      [10, 0.01],
      { analyticGradient: true },
    );
    expect(res.converged).toBe(true);
    expect(res.method).toBe("bfgs");
    expect(res.params[0]).toBeCloseTo(2 / 3, 8);
    expect(res.params[1]).toBeCloseTo(5, 7);
    expect(res.iterations).toBeGreaterThan(0);
  });

  it("falls back to central differences without a gradient", () => {
    const res = minimizePositive((p) => value(p), [1, 1]);
    expect(res.converged).toBe(true);
    expect(res.params[0]).toBeCloseTo(2 / 3, 6);
    expect(res.params[1]).toBeCloseTo(5, 5);
  });

  it("treats non-finite objective values as walls", () => {
    // Undefined (NaN) beyond p = 3; minimum of (p − 2.5)² inside.
    const res = minimizePositive((p) => (p[0] > 3 ? NaN : (p[0] - 2.5) ** 2), [0.1]);
    expect(res.converged).toBe(true);
    expect(res.params[0]).toBeCloseTo(2.5, 5);
  });

  it("reports failure, with a message, when the objective is never finite", () => {
    const res = minimizePositive(() => NaN, [1, 1]);
    expect(res.converged).toBe(false);
    expect(res.message).toMatch(/did not converge/);
    expect(res.value).toBe(Infinity);
  });

  it("gives up quickly, saying so, when the infimum is at infinity", () => {
    const res = minimizePositive(
      (p, g) => {
        if (g) g[0] = -1 / p[0];
        return -Math.log(p[0]);
      },
      [1],
      { analyticGradient: true },
    );
    expect(res.converged).toBe(false);
    expect(res.message).toMatch(/diverging/);
    expect(res.evaluations).toBeLessThan(200);
  });

  it("reaches the minimum of a kinked objective through the Nelder–Mead fallback", () => {
    const res = minimizePositive((p) => Math.abs(Math.log(p[0]) - 1) + Math.abs(Math.log(p[1]) + 2), [1, 1]);
    expect(res.params[0]).toBeCloseTo(Math.E, 4);
    expect(res.params[1]).toBeCloseTo(Math.exp(-2), 5);
  });
});

describe("nelderMead", () => {
  it("minimizes a smooth quadratic", () => {
    const res = nelderMead((x) => (x[0] - 1) ** 2 + 10 * (x[1] + 2) ** 2 + 3, Float64Array.from([0, 0]), { maxIterations: 2000 });
    expect(res.converged).toBe(true);
    expect(res.theta[0]).toBeCloseTo(1, 4);
    expect(res.theta[1]).toBeCloseTo(-2, 4);
    expect(res.value).toBeCloseTo(3, 8);
  });
});

describe("centralDifferenceGradient", () => {
  it("is accurate for smooth functions and one-sided at a domain edge", () => {
    const g = new Float64Array(2);
    centralDifferenceGradient((x) => Math.sin(x[0]) * Math.exp(x[1]), Float64Array.from([0.3, 0.2]), g);
    expect(g[0]).toBeCloseTo(Math.cos(0.3) * Math.exp(0.2), 8);
    expect(g[1]).toBeCloseTo(Math.sin(0.3) * Math.exp(0.2), 8);
    const edge = new Float64Array(1);
    centralDifferenceGradient((x) => (x[0] > 1 ? Infinity : 2 * x[0]), Float64Array.from([1]), edge);
    expect(edge[0]).toBeCloseTo(2, 6);
  });
});
