import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  DAY_MS,
  HOUR_MS,
  addWorkingHours,
  alignToWorkingTime,
  isWeekend,
  isoSeconds,
  nextWeekdayStart,
  utcDate,
  utcDayOfWeek,
  utcMonthDay,
  wholeSecond,
} from "./calendar";

const at = (iso: string) => Date.parse(iso);

describe("calendar", () => {
  it("knows the weekday of known dates", () => {
    expect(utcDayOfWeek(at("1970-01-01T00:00:00Z"))).toBe(4); // Thursday
    expect(utcDayOfWeek(at("2025-11-28T23:59:59Z"))).toBe(5); // Black Friday 2025
    expect(utcDayOfWeek(at("2026-06-28T12:00:00Z"))).toBe(0); // Sunday
    expect(isWeekend(at("2026-06-27T08:00:00Z"))).toBe(true);
    expect(isWeekend(at("2026-06-29T08:00:00Z"))).toBe(false);
    expect(nextWeekdayStart(at("2026-06-26T15:00:00Z"))).toBe(at("2026-06-29T00:00:00Z")); // Friday -> Monday
  });

  it("adds warehouse working hours (Mon-Fri 08:00-18:00 UTC)", () => {
    // Within the day.
    expect(addWorkingHours(at("2026-06-22T10:00:00Z"), 3)).toBe(at("2026-06-22T13:00:00Z"));
    // Spills into the next morning: 2 h left today, 2 h tomorrow.
    expect(addWorkingHours(at("2026-06-22T16:00:00Z"), 4)).toBe(at("2026-06-23T10:00:00Z"));
    // Friday night + 4 h = Monday noon.
    expect(addWorkingHours(at("2026-06-26T20:00:00Z"), 4)).toBe(at("2026-06-29T12:00:00Z"));
    // Before opening, counts from 08:00; 25 h = 2.5 working days.
    expect(addWorkingHours(at("2026-06-22T05:00:00Z"), 25)).toBe(at("2026-06-24T13:00:00Z"));
    // Zero hours still waits for opening time.
    expect(addWorkingHours(at("2026-06-27T10:00:00Z"), 0)).toBe(at("2026-06-29T08:00:00Z"));
    expect(alignToWorkingTime(at("2026-06-22T12:34:00Z"))).toBe(at("2026-06-22T12:34:00Z"));
  });

  it("never lands outside working time and never goes back (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) }), fc.double({ min: 0, max: 200, noNaN: true }), (t, hours) => {
        const done = addWorkingHours(t, hours);
        const hour = (done - Math.floor(done / DAY_MS) * DAY_MS) / HOUR_MS;
        expect(done).toBeGreaterThanOrEqual(t);
        expect(isWeekend(done)).toBe(false);
        expect(hour).toBeGreaterThanOrEqual(8);
        expect(hour).toBeLessThanOrEqual(18);
      }),
    );
  });

  it("converts civil dates without Date objects, matching Date (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2200, 0, 1) }), (t) => {
        const d = new Date(t);
        expect(utcMonthDay(t)).toEqual({ year: d.getUTCFullYear(), month: d.getUTCMonth(), day: d.getUTCDate() });
        expect(utcDate(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate())).toBe(Math.floor(t / DAY_MS) * DAY_MS);
      }),
    );
  });

  it("prints ISO DateTime with whole seconds like the Admin API (property)", () => {
    expect(isoSeconds(at("2025-11-28T14:03:11.999Z"))).toBe("2025-11-28T14:03:11Z");
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 0, 1) }), (t) => {
        const text = isoSeconds(t);
        expect(text).toBe(new Date(t).toISOString().slice(0, 19) + "Z");
        expect(Date.parse(text)).toBe(wholeSecond(t));
      }),
    );
  });
});
