import { describe, expect, it } from "vitest";
import { DAY_MS } from "./calendar";
import { BFCM_BOOST, blackFriday, buildDayTables, isBfcm, isPeakSeason, timeOfDay } from "./seasonality";

describe("seasonality", () => {
  it("finds Black Friday (the day after the fourth Thursday of November)", () => {
    expect(blackFriday(2024)).toBe(Date.UTC(2024, 10, 29));
    expect(blackFriday(2025)).toBe(Date.UTC(2025, 10, 28));
    expect(blackFriday(2026)).toBe(Date.UTC(2026, 10, 27));
    expect(isBfcm(Date.UTC(2025, 11, 1, 20))).toBe(true); // Cyber Monday
    expect(isBfcm(Date.UTC(2025, 11, 2, 1))).toBe(false);
  });

  it("marks the peak season Nov 15 - Dec 24", () => {
    expect(isPeakSeason(Date.UTC(2025, 10, 14, 23))).toBe(false);
    expect(isPeakSeason(Date.UTC(2025, 10, 15))).toBe(true);
    expect(isPeakSeason(Date.UTC(2025, 11, 24, 23))).toBe(true);
    expect(isPeakSeason(Date.UTC(2025, 11, 25))).toBe(false);
  });

  it("maps uniforms to times of day monotonically, within the day, busier in the evening than at night", () => {
    let previous = -1;
    for (let u = 0; u < 1; u += 0.001) {
      const t = timeOfDay(u);
      expect(t).toBeGreaterThanOrEqual(previous);
      expect(t).toBeLessThan(DAY_MS);
      previous = t;
    }
    const hours = new Array(24).fill(0);
    for (let u = 0.0005; u < 1; u += 0.001) hours[Math.floor(timeOfDay(u) / 3_600_000)]++;
    expect(hours[20]).toBeGreaterThan(3 * hours[4]);
  });

  it("builds day tables: growth, Q4 peak and BFCM in acquisition, running sums increasing", () => {
    const start = Date.UTC(2024, 6, 1);
    const tables = buildDayTables(start, Date.UTC(2026, 6, 1));
    expect(tables.days).toBe(730);
    const cum = tables.acquisitionCumulative;
    for (let d = 0; d < tables.days; d++) expect(cum[d + 1]).toBeGreaterThan(cum[d]);
    const dayOf = (t: number) => Math.round((t - tables.firstDay) / DAY_MS);
    const weight = (t: number) => cum[dayOf(t) + 1] - cum[dayOf(t)];
    // Same weekday a year apart: growth of 45%.
    expect(weight(Date.UTC(2025, 8, 3)) / weight(Date.UTC(2024, 8, 4))).toBeCloseTo(1.45, 1);
    expect(tables.general[dayOf(blackFriday(2025))]).toBeCloseTo(1.45 * BFCM_BOOST, 6);
    expect(tables.gift[dayOf(Date.UTC(2025, 11, 10))]).toBeGreaterThan(3 * tables.gift[dayOf(Date.UTC(2025, 6, 10))]);
    expect(tables.maxGift).toBeGreaterThanOrEqual(tables.maxGeneral);
  });
});
