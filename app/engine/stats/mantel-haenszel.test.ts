import { describe, expect, it } from "vitest";
import { mantelHaenszelRiskDifference } from "./mantel-haenszel";

describe("mantelHaenszelRiskDifference", () => {
  it("hand-computed two-stratum example", () => {
    // s1: a=3/10 vs c=1/10; s2: a=5/10 vs c=2/10. w = 10·10/20 = 5 each.
    // RD = [(3·10 − 1·10)/20 + (5·10 − 2·10)/20] / (5 + 5) = (1 + 1.5)/10 = 0.25
    // Sato P = [(100·1 − 100·3 + 0)/400] + [(100·2 − 100·5 + 0)/400] = −0.5 − 0.75 = −1.25
    // Sato Q = [(3·9 + 1·7)/40] + [(5·8 + 2·5)/40] = 0.85 + 1.25 = 2.1
    // Var = (0.25·(−1.25) + 2.1)/10² = 0.017875
    // GR = [(3·7·1000 + 1·9·1000) + (5·5·1000 + 2·8·1000)]/(100·400) / 10² = 0.01775
    const r = mantelHaenszelRiskDifference({
      exposedEvents: [3, 5],
      exposedTotal: [10, 10],
      unexposedEvents: [1, 2],
      unexposedTotal: [10, 10],
    });
    expect(r.estimate).toBeCloseTo(0.25, 12);
    expect(r.variance).toBeCloseTo(0.017875, 12);
    expect(r.varianceGreenlandRobins).toBeCloseTo(0.01775, 12);
    expect(r.low).toBeCloseTo(0.25 - 1.959964 * Math.sqrt(0.017875), 5);
    expect(r.strataUsed).toBe(2);
  });

  it("reproduces Agresti (2013, p. 226/231): 8 centres, RD 0.130, SE 0.050, CI 0.0313–0.2284", () => {
    const drug: Array<[number, number]> = [[11, 36], [16, 20], [14, 19], [2, 16], [6, 17], [1, 11], [1, 5], [4, 6]];
    const ctrl: Array<[number, number]> = [[10, 37], [22, 32], [7, 19], [1, 17], [0, 12], [0, 10], [1, 9], [6, 7]];
    const r = mantelHaenszelRiskDifference({
      exposedEvents: new Float64Array(drug.map((d) => d[0])),
      exposedTotal: new Float64Array(drug.map((d) => d[1])),
      unexposedEvents: new Float64Array(ctrl.map((d) => d[0])),
      unexposedTotal: new Float64Array(ctrl.map((d) => d[1])),
    });
    expect(r.estimate).toBeCloseTo(0.13, 3);
    expect(Math.sqrt(r.variance as number)).toBeCloseTo(0.05, 3);
    expect(r.low).toBeCloseTo(0.0313, 4);
    expect(r.high).toBeCloseTo(0.2284, 4);
  });

  it("ignores strata missing a group and returns nulls when none compare", () => {
    const r = mantelHaenszelRiskDifference({ exposedEvents: [1, 0], exposedTotal: [2, 0], unexposedEvents: [0, 1], unexposedTotal: [0, 3] });
    expect(r.estimate).toBeNull();
    expect(r.strataUsed).toBe(0);
  });

  it("equals the crude difference with a single stratum", () => {
    const r = mantelHaenszelRiskDifference({ exposedEvents: [30], exposedTotal: [100], unexposedEvents: [20], unexposedTotal: [100] });
    expect(r.estimate).toBeCloseTo(0.1, 12);
  });
});
