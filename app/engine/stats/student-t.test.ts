import { describe, expect, it } from "vitest";
import { studentTCdf, studentTQuantile } from "./student-t";

describe("Student t", () => {
  it("matches textbook 97.5% critical values (R qt) to 1e-9", () => {
    const table: Array<[number, number]> = [
      [1, 12.706204736174698],
      [2, 4.302652729749464],
      [5, 2.570581835636314],
      [7, 2.364624251592785],
      [10, 2.228138851986274],
      [30, 2.042272456301238],
      [100, 1.983971518523552],
    ];
    for (const [df, t] of table) expect(studentTQuantile(0.975, df)).toBeCloseTo(t, 9);
  });
  it("is symmetric and inverts its CDF", () => {
    expect(studentTQuantile(0.025, 10)).toBeCloseTo(-2.228138851986274, 9);
    for (const df of [3, 8.5, 40]) for (const p of [0.05, 0.3, 0.9]) expect(studentTCdf(studentTQuantile(p, df), df)).toBeCloseTo(p, 12);
    expect(studentTCdf(0, 4)).toBeCloseTo(0.5, 15);
  });
});
