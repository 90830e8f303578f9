/**
 * Calendar arithmetic for the demo store, in UTC epoch milliseconds.
 *
 * The demo shop's timezone is UTC, so "business hours" and "days" are UTC ones;
 * no Date objects are created in the hot paths (ISO strings are built by hand).
 */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
export const WEEK_MS = 7 * DAY_MS;

/** Working day of the demo warehouse: orders are packed between these UTC hours, Monday to Friday. */
export const WORKDAY_OPEN_HOUR = 8;
export const WORKDAY_CLOSE_HOUR = 18;

export function startOfUtcDay(t: number): number {
  return Math.floor(t / DAY_MS) * DAY_MS;
}

/** 0 = Sunday ... 6 = Saturday (1970-01-01 was a Thursday). */
export function utcDayOfWeek(t: number): number {
  return (((Math.floor(t / DAY_MS) + 4) % 7) + 7) % 7;
}

export function isWeekend(t: number): boolean {
  const dow = utcDayOfWeek(t);
  return dow === 0 || dow === 6;
}

/** Start of the first weekday strictly after the day containing `t`. */
export function nextWeekdayStart(t: number): number {
  let day = startOfUtcDay(t) + DAY_MS;
  while (isWeekend(day)) day += DAY_MS;
  return day;
}

/** Moves `t` forward to the next moment the warehouse is working (unchanged if it is). */
export function alignToWorkingTime(t: number): number {
  const day = startOfUtcDay(t);
  const open = day + WORKDAY_OPEN_HOUR * HOUR_MS;
  if (isWeekend(day) || t >= day + WORKDAY_CLOSE_HOUR * HOUR_MS) return nextWeekdayStart(day) + WORKDAY_OPEN_HOUR * HOUR_MS;
  return t < open ? open : t;
}

/**
 * Adds warehouse working hours: time only runs Monday-Friday between the open
 * and close hours, so an order placed Friday night needing 4 hours of work is
 * packed on Monday at noon.
 */
export function addWorkingHours(t: number, hours: number): number {
  let remaining = Math.max(0, hours) * HOUR_MS;
  let now = alignToWorkingTime(t);
  for (;;) {
    const close = startOfUtcDay(now) + WORKDAY_CLOSE_HOUR * HOUR_MS;
    if (now + remaining <= close) return now + remaining;
    remaining -= close - now;
    now = nextWeekdayStart(now) + WORKDAY_OPEN_HOUR * HOUR_MS;
  }
}

/** Calendar month (0-11) and day of month (1-31) of a UTC instant, without a Date object. */
export function utcMonthDay(t: number): { year: number; month: number; day: number } {
  // Howard Hinnant's civil_from_days.
  const z = Math.floor(t / DAY_MS) + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 2 : mp - 10;
  const year = yoe + era * 400 + (month <= 1 ? 1 : 0);
  return { year, month, day };
}

/** Epoch ms of 00:00 UTC on the given civil date (month 0-11); inverse of `utcMonthDay`. */
export function utcDate(year: number, month: number, day: number): number {
  const y = month <= 1 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = month <= 1 ? month + 10 : month - 2;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return (era * 146097 + doe - 719468) * DAY_MS;
}

/** "YYYY-MM-DDT" as char codes, cached per day index for 1970-2189 (a plain array beats a Map here). */
const CACHED_DAYS = 80_000;
const dayCodes: Array<number[] | undefined> = new Array(CACHED_DAYS);

function codesOfDay(dayIndex: number): number[] {
  const cacheable = dayIndex >= 0 && dayIndex < CACHED_DAYS;
  let codes = cacheable ? dayCodes[dayIndex] : undefined;
  if (codes === undefined) {
    const { year, month, day } = utcMonthDay(dayIndex * DAY_MS);
    const text = `${String(year).padStart(4, "0")}-${String(month + 1).padStart(2, "0")}-${String(day).padStart(2, "0")}T`;
    codes = Array.from(text, (c) => c.charCodeAt(0));
    if (cacheable) dayCodes[dayIndex] = codes;
  }
  return codes;
}

/**
 * ISO-8601 UTC with whole seconds, as the Admin API prints `DateTime`
 * ("2025-11-28T14:03:11Z"). Milliseconds are truncated. Built with
 * `String.fromCharCode` so the result is a flat string (concatenation makes
 * ropes, which cost a flattening on every later character read).
 */
export function isoSeconds(t: number): string {
  const dayIndex = Math.floor(t / DAY_MS);
  const d = codesOfDay(dayIndex);
  const seconds = Math.floor((t - dayIndex * DAY_MS) / 1000);
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return String.fromCharCode(
    d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7], d[8], d[9], d[10],
    48 + Math.floor(h / 10), 48 + (h % 10), 58,
    48 + Math.floor(m / 10), 48 + (m % 10), 58,
    48 + Math.floor(s / 10), 48 + (s % 10), 90,
  );
}

/** Rounds down to a whole second, so that ISO strings parse back to the same number. */
export function wholeSecond(t: number): number {
  return Math.floor(t / 1000) * 1000;
}
