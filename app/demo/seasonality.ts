/**
 * When the demo store sells: growth, months, Black Friday / Cyber Monday,
 * weekdays and hours. Factors are relative intensities (1 = an ordinary day).
 */
import { DAY_MS, utcDate, utcDayOfWeek, utcMonthDay } from "./calendar";
import { cumulative } from "./random";

/** New-customer acquisition grows this much per year. */
export const ANNUAL_GROWTH = 0.45;

/** Jan..Dec. Q4 peak for everyone; gift-givers also spike for Valentine's and Mother's Day. */
export const MONTH_FACTORS_GENERAL = [0.85, 0.8, 0.9, 0.95, 1.0, 0.95, 0.9, 0.95, 1.0, 1.05, 1.45, 1.6] as const;
export const MONTH_FACTORS_GIFT = [0.5, 1.1, 0.6, 0.6, 1.0, 0.8, 0.5, 0.5, 0.6, 0.8, 2.2, 3.2] as const;

/** Extra multiplier from Black Friday to Cyber Monday (4 days). */
export const BFCM_BOOST = 2.2;

/** Sunday..Saturday. */
export const WEEKDAY_FACTORS = [0.95, 1.1, 1.05, 1.0, 1.0, 0.95, 0.9] as const;

/** Orders per UTC hour of the day (shop time is UTC): lunch and evening peaks. */
export const HOUR_WEIGHTS = [
  0.8, 0.5, 0.3, 0.2, 0.2, 0.3, 0.6, 1.0, 1.4, 1.6, 1.7, 1.9, 2.2, 2.2, 1.9, 1.7, 1.7, 1.8, 2.0, 2.3, 2.5, 2.4, 1.9, 1.3,
] as const;

const HOUR_CUMULATIVE = cumulative([...HOUR_WEIGHTS]);

/** Peak season for the warehouse and carriers (and the holiday gift calendar): Nov 15 - Dec 24. */
export function isPeakSeason(t: number): boolean {
  const { month, day } = utcMonthDay(t);
  return (month === 10 && day >= 15) || (month === 11 && day <= 24);
}

/** Start of Black Friday (the day after the fourth Thursday of November). */
export function blackFriday(year: number): number {
  const november1 = utcDate(year, 10, 1);
  const firstThursday = november1 + (((4 - utcDayOfWeek(november1)) + 7) % 7) * DAY_MS;
  return firstThursday + 22 * DAY_MS;
}

export function isBfcm(t: number): boolean {
  const friday = blackFriday(utcMonthDay(t).year);
  return t >= friday && t < friday + 4 * DAY_MS;
}

/**
 * Turns a uniform draw into a time of day (ms after midnight) following `HOUR_WEIGHTS`;
 * monotone in `u`, so sorted draws give sorted times within a day.
 */
export function timeOfDay(u: number): number {
  const total = HOUR_CUMULATIVE[23];
  const target = u * total;
  let hour = 0;
  while (hour < 23 && target >= HOUR_CUMULATIVE[hour]) hour++;
  const before = hour === 0 ? 0 : HOUR_CUMULATIVE[hour - 1];
  const within = (target - before) / (HOUR_CUMULATIVE[hour] - before);
  return (hour + Math.min(0.999999, Math.max(0, within))) * 3_600_000;
}

/** Per-day intensities over the store's period, for acquisition sampling and repeat thinning. */
export interface DayTables {
  firstDay: number;
  days: number;
  /** Season factor for repeat purchases (no growth, no weekday effect). */
  general: Float64Array;
  gift: Float64Array;
  maxGeneral: number;
  maxGift: number;
  /** Running sum of acquisition intensity (growth x season x weekday); length days + 1, starts at 0. */
  acquisitionCumulative: Float64Array;
}

export function buildDayTables(start: number, end: number): DayTables {
  const firstDay = Math.floor(start / DAY_MS) * DAY_MS;
  const days = Math.max(1, Math.ceil((end - firstDay) / DAY_MS));
  const general = new Float64Array(days);
  const gift = new Float64Array(days);
  const acquisitionCumulative = new Float64Array(days + 1);
  let maxGeneral = 0;
  let maxGift = 0;
  for (let d = 0; d < days; d++) {
    const t = firstDay + d * DAY_MS;
    const { month } = utcMonthDay(t);
    const bfcm = isBfcm(t) ? BFCM_BOOST : 1;
    general[d] = MONTH_FACTORS_GENERAL[month] * bfcm;
    gift[d] = MONTH_FACTORS_GIFT[month] * bfcm;
    maxGeneral = Math.max(maxGeneral, general[d]);
    maxGift = Math.max(maxGift, gift[d]);
    const growth = Math.pow(1 + ANNUAL_GROWTH, (d * DAY_MS) / (365.25 * DAY_MS));
    acquisitionCumulative[d + 1] = acquisitionCumulative[d] + growth * general[d] * WEEKDAY_FACTORS[utcDayOfWeek(t)];
  }
  return { firstDay, days, general, gift, maxGeneral, maxGift, acquisitionCumulative };
}
