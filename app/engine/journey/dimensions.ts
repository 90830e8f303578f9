/**
 * The audit's breakdowns (overall, carrier, speed, service, channel, region, month) as one
 * group index per order and breakdown, packed row-major so a row's groups share a cache
 * line. Built from the journey table alone (the order objects are not read again).
 */
import { dayNumber, monthIndexOfDay, monthLabel } from "../stats/calendar";
import { DIM_COUNT, OTHER_KEY, SCOPE, type JourneyTable } from "./journey-table";

export const JOURNEY_DIMENSIONS = ["carrier", "speed", "service", "channel", "region", "month"] as const;
export type JourneyDimension = (typeof JOURNEY_DIMENSIONS)[number];
/** Breakdown 0 is "all" (one group); the others follow JOURNEY_DIMENSIONS. */
export const BREAKDOWNS = ["all", ...JOURNEY_DIMENSIONS] as const;
export type Breakdown = (typeof BREAKDOWNS)[number];

export interface EncodedBreakdowns {
  /** packed[i · width + d] = group of row i in breakdown d, −1 when the row is not included. */
  packed: Int16Array;
  width: number;
  keys: string[][];
  counts: Int32Array[];
}

const WIDTH = BREAKDOWNS.length;
const MONTH = BREAKDOWNS.indexOf("month");

/**
 * Beyond `maxGroups` distinct keys, the smallest groups of a breakdown are folded into
 * "(other)" so it stays readable; months stay chronological and are never folded.
 */
export function encodeBreakdowns(table: JourneyTable, maxGroups: number, utcOffsetMinutes = 0): EncodedBreakdowns {
  const n = table.size;
  const limit = Math.min(Math.max(2, maxGroups), 10_000);
  // Count raw codes per dimension, then decide each dimension's final group ids.
  const rawCounts = table.dimKeys.map((k) => new Int32Array(k.length));
  const monthOf = new Int32Array(n);
  let minMonth = Infinity;
  let maxMonth = -Infinity;
  for (let i = 0; i < n; i++) {
    if (table.scope[i] !== SCOPE.INCLUDED) continue;
    const base = i * DIM_COUNT;
    for (let k = 0; k < DIM_COUNT; k++) rawCounts[k][table.dimCodes[base + k]]++;
    const m = monthIndexOfDay(dayNumber(table.placedAt[i], utcOffsetMinutes));
    monthOf[i] = m;
    if (m < minMonth) minMonth = m;
    if (m > maxMonth) maxMonth = m;
  }
  if (maxMonth - minMonth > 30_000) throw new RangeError("encodeBreakdowns: order dates span more than 2,500 years");
  const remaps: Int32Array[] = [];
  const keys: string[][] = [["all"]];
  for (let k = 0; k < DIM_COUNT; k++) {
    const { remap, kept } = foldPlan(table.dimKeys[k], rawCounts[k], limit);
    remaps.push(remap);
    keys.push(kept);
  }
  const months = minMonth === Infinity ? 0 : maxMonth - minMonth + 1;
  keys.push(Array.from({ length: months }, (_, m) => monthLabel(minMonth + m)));

  const packed = new Int16Array(n * WIDTH).fill(-1);
  const counts = keys.map((k) => new Int32Array(k.length));
  for (let i = 0; i < n; i++) {
    if (table.scope[i] !== SCOPE.INCLUDED) continue;
    const out = i * WIDTH;
    const base = i * DIM_COUNT;
    packed[out] = 0;
    counts[0][0]++;
    for (let k = 0; k < DIM_COUNT; k++) {
      const g = remaps[k][table.dimCodes[base + k]];
      packed[out + 1 + k] = g;
      counts[1 + k][g]++;
    }
    const m = monthOf[i] - minMonth;
    packed[out + MONTH] = m;
    counts[MONTH][m]++;
  }
  return { packed, width: WIDTH, keys, counts };
}

/** Keep keys in first-seen order, or the (limit − 1) largest plus "(other)" when too many. */
function foldPlan(raw: string[], counts: Int32Array, limit: number): { remap: Int32Array; kept: string[] } {
  const remap = new Int32Array(raw.length);
  if (raw.length <= limit) {
    for (let c = 0; c < raw.length; c++) remap[c] = c;
    return { remap, kept: raw.slice() };
  }
  const byCount = raw.map((_, c) => c).sort((a, b) => counts[b] - counts[a] || (raw[a] < raw[b] ? -1 : 1));
  const keep = limit - 1;
  const kept: string[] = [];
  byCount.forEach((c, rank) => {
    if (rank < keep && raw[c] !== OTHER_KEY) {
      remap[c] = kept.length;
      kept.push(raw[c]);
    } else remap[c] = -2; // folded, resolved below
  });
  const other = kept.length;
  kept.push(OTHER_KEY);
  for (let c = 0; c < raw.length; c++) if (remap[c] === -2) remap[c] = other;
  return { remap, kept };
}
