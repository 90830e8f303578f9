/**
 * Calendar arithmetic on epoch milliseconds without allocating Dates (hot loops over
 * millions of orders). A fixed UTC offset stands in for the shop's time zone, which is
 * enough for day and month buckets (DST shifts move at most an hour of orders).
 */

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** Whole days since 1970-01-01 in the shop's local time. */
export function dayNumber(epochMs: number, utcOffsetMinutes = 0): number {
  return Math.floor((epochMs + utcOffsetMinutes * 60_000) / DAY_MS);
}

/**
 * Month index (year·12 + month0) of a day number, from Hinnant's civil-from-days
 * algorithm: exact for the proleptic Gregorian calendar.
 */
export function monthIndexOfDay(day: number): number {
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const month0 = mp < 10 ? mp + 2 : mp - 10;
  const year = yoe + era * 400 + (month0 <= 1 ? 1 : 0);
  return year * 12 + month0;
}

/** Day of month (1–31) of a day number. */
export function dayOfMonthOfDay(day: number): number {
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  return doy - Math.floor((153 * mp + 2) / 5) + 1;
}

/**
 * Month index and day of month of every day in [firstDay, lastDay], for loops over many
 * purchases in a short span (a store's history is a few thousand days): one table read per
 * purchase instead of the civil-from-days arithmetic. Days outside the span are computed.
 */
export class DayCalendar {
  private readonly months: Int32Array;
  private readonly days: Uint8Array;

  constructor(readonly firstDay: number, lastDay: number) {
    const span = Number.isFinite(firstDay) && Number.isFinite(lastDay) && lastDay >= firstDay ? lastDay - firstDay + 1 : 0;
    const length = span <= MAX_TABLE_DAYS ? span : 0;
    this.months = new Int32Array(length);
    this.days = new Uint8Array(length);
    if (length === 0) return;
    let month = monthIndexOfDay(firstDay);
    let dayOfMonth = dayOfMonthOfDay(firstDay);
    let monthLength = daysInMonth(month);
    for (let i = 0; i < length; i++) {
      if (dayOfMonth > monthLength) {
        month++;
        dayOfMonth = 1;
        monthLength = daysInMonth(month);
      }
      this.months[i] = month;
      this.days[i] = dayOfMonth++;
    }
  }

  monthIndex(day: number): number {
    const i = day - this.firstDay;
    return i >= 0 && i < this.months.length ? this.months[i] : monthIndexOfDay(day);
  }

  dayOfMonth(day: number): number {
    const i = day - this.firstDay;
    return i >= 0 && i < this.days.length ? this.days[i] : dayOfMonthOfDay(day);
  }
}

/** Longest span tabled by DayCalendar (about 270 years). */
const MAX_TABLE_DAYS = 100_000;

/** Number of days in the month with the given month index. */
export function daysInMonth(monthIndex: number): number {
  return firstDayOfMonth(monthIndex + 1) - firstDayOfMonth(monthIndex);
}

/** Day number of the first day of a month index (inverse of monthIndexOfDay). */
export function firstDayOfMonth(monthIndex: number): number {
  let y = Math.floor(monthIndex / 12);
  const m = monthIndex - y * 12 + 1; // 1..12
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = m > 2 ? m - 3 : m + 9;
  const doy = Math.floor((153 * mp + 2) / 5);
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** "2024-03" for a month index. */
export function monthLabel(monthIndex: number): string {
  const y = Math.floor(monthIndex / 12);
  const m = monthIndex - y * 12 + 1;
  return `${y}-${m < 10 ? "0" : ""}${m}`;
}
