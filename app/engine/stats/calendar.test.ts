import { describe, expect, it } from "vitest";
import { DAY_MS, DayCalendar, dayNumber, dayOfMonthOfDay, daysInMonth, firstDayOfMonth, monthIndexOfDay, monthLabel } from "./calendar";

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

describe("DayCalendar", () => {
  it("reads the same month index and day of month as the arithmetic, inside and outside its span", () => {
    const first = dayNumber(Date.UTC(1999, 11, 20));
    const last = dayNumber(Date.UTC(2004, 2, 5)); // spans 2000 (leap, divisible by 400) and 2004
    const calendar = new DayCalendar(first, last);
    for (let day = first - 40; day <= last + 40; day++) {
      expect(calendar.monthIndex(day)).toBe(monthIndexOfDay(day));
      expect(calendar.dayOfMonth(day)).toBe(dayOfMonthOfDay(day));
    }
  });

  it("computes every day when the span is empty, reversed or not finite", () => {
    for (const calendar of [new DayCalendar(Infinity, -Infinity), new DayCalendar(10, 5), new DayCalendar(0, 1e9)]) {
      expect(calendar.monthIndex(11_000)).toBe(monthIndexOfDay(11_000));
      expect(calendar.dayOfMonth(11_000)).toBe(dayOfMonthOfDay(11_000));
    }
  });
});
