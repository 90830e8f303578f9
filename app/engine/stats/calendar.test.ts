import { describe, expect, it } from "vitest";
import { DAY_MS, dayNumber, dayOfMonthOfDay, daysInMonth, firstDayOfMonth, monthIndexOfDay, monthLabel } from "./calendar";

describe("calendar", () => {
  it("agrees with Date for every day 1999–2031", () => {
    const from = dayNumber(Date.UTC(1999, 0, 1));
    const to = dayNumber(Date.UTC(2031, 11, 31));
    for (let d = from; d <= to; d++) {
      const date = new Date(d * DAY_MS);
      const m = date.getUTCFullYear() * 12 + date.getUTCMonth();
      expect(monthIndexOfDay(d)).toBe(m);
      expect(dayOfMonthOfDay(d)).toBe(date.getUTCDate());
      if (date.getUTCDate() === 1) expect(firstDayOfMonth(m)).toBe(d);
    }
  });
  it("applies the shop offset and handles leap years", () => {
    // 2024-03-01T02:00Z is still Feb 29 in UTC−5.
    const t = Date.UTC(2024, 2, 1, 2);
    expect(dayOfMonthOfDay(dayNumber(t, -300))).toBe(29);
    expect(dayOfMonthOfDay(dayNumber(t))).toBe(1);
    expect(daysInMonth(2024 * 12 + 1)).toBe(29);
    expect(daysInMonth(2023 * 12 + 1)).toBe(28);
    expect(monthLabel(2024 * 12 + 2)).toBe("2024-03");
  });
});
