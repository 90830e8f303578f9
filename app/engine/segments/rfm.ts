/**
 * RFM: recency, frequency and monetary scores 1–5 by quintiles over the store's customers at
 * `asOf`, and the common named RFM segments.
 *
 * - Recency = whole days since the last purchase day (fewer is better).
 * - Frequency = distinct purchase days (two orders on one day are one visit).
 * - Monetary = revenue net of refunds.
 *
 * Score = 1 + floor(5 × share of customers with a strictly worse value). Without ties this is
 * exact quintiles (bottom 20% → 1 … top 20% → 5); with ties (typically most customers have
 * bought once) equal values always get the same score, and some scores stay empty rather than
 * splitting identical customers arbitrarily. One sort per dimension, then binary searches.
 *
 * Named segments come from R and FM = round-half-up((F + M) / 2), in the grid below (the
 * widely used R × F map, with F replaced by FM and "Lost" split out of "Hibernating"):
 *
 *   R \ FM |  1               2                  3                 4              5
 *   -------+--------------------------------------------------------------------------------
 *     5    |  New customers   Potential loyal.   Potential loyal.  Champions      Champions
 *     4    |  Promising       Potential loyal.   Potential loyal.  Loyal          Loyal
 *     3    |  About to sleep  About to sleep     Need attention    Loyal          Loyal
 *     2    |  Hibernating     Hibernating        At risk           At risk        Can't lose them
 *     1    |  Lost            Lost               At risk           At risk        Can't lose them
 */
import type { Confidence, EpochMs } from "../types";
import { type CustomerProfile, daysSinceLastOrder, storeDay } from "./customer-profile";
import { sortedWholeNumbers } from "./order-statistics";
import { type SegmentMembership, money, plural } from "./membership";

export const RFM_SEGMENTS = [
  "champions",
  "loyal",
  "potential_loyalists",
  "new_customers",
  "promising",
  "need_attention",
  "about_to_sleep",
  "at_risk",
  "cant_lose_them",
  "hibernating",
  "lost",
] as const;
export type RfmSegment = (typeof RFM_SEGMENTS)[number];

export interface RfmSegmentRule {
  segment: RfmSegment;
  label: string;
  /** Inclusive score ranges. */
  recency: readonly [number, number];
  frequencyMonetary: readonly [number, number];
  description: string;
}

/** The rule table of the grid above; every (R, FM) cell matches exactly one rule (tested). */
export const RFM_SEGMENT_RULES: readonly RfmSegmentRule[] = [
  { segment: "champions", label: "Champions", recency: [5, 5], frequencyMonetary: [4, 5], description: "Bought very recently, buy often and spend the most." },
  { segment: "loyal", label: "Loyal", recency: [3, 4], frequencyMonetary: [4, 5], description: "Buy often and spend well; last order not long ago." },
  { segment: "potential_loyalists", label: "Potential loyalists", recency: [4, 5], frequencyMonetary: [2, 3], description: "Recent customers with average frequency and spend." },
  { segment: "new_customers", label: "New customers", recency: [5, 5], frequencyMonetary: [1, 1], description: "Bought very recently, but rarely and for little so far." },
  { segment: "promising", label: "Promising", recency: [4, 4], frequencyMonetary: [1, 1], description: "Bought recently, but rarely and for little so far." },
  { segment: "need_attention", label: "Need attention", recency: [3, 3], frequencyMonetary: [3, 3], description: "Middle of the pack on recency, frequency and spend." },
  { segment: "about_to_sleep", label: "About to sleep", recency: [3, 3], frequencyMonetary: [1, 2], description: "Not bought for a while; buy rarely and spend little." },
  { segment: "at_risk", label: "At risk", recency: [1, 2], frequencyMonetary: [3, 4], description: "Used to buy often and spend well, but not for a long time." },
  { segment: "cant_lose_them", label: "Can't lose them", recency: [1, 2], frequencyMonetary: [5, 5], description: "Among the best buyers and spenders, but gone quiet for a long time." },
  { segment: "hibernating", label: "Hibernating", recency: [2, 2], frequencyMonetary: [1, 2], description: "Last bought long ago; buy rarely and spend little." },
  { segment: "lost", label: "Lost", recency: [1, 1], frequencyMonetary: [1, 2], description: "Lowest recency, frequency and spend." },
];

/** Segment index (into RFM_SEGMENTS) by [r − 1][fm − 1]. */
const GRID: number[][] = Array.from({ length: 5 }, (_, r) =>
  Array.from({ length: 5 }, (_, fm) => {
    const i = RFM_SEGMENT_RULES.findIndex(
      (rule) => r + 1 >= rule.recency[0] && r + 1 <= rule.recency[1] && fm + 1 >= rule.frequencyMonetary[0] && fm + 1 <= rule.frequencyMonetary[1],
    );
    return RFM_SEGMENTS.indexOf(RFM_SEGMENT_RULES[i].segment);
  }),
);

/** GRID as one row-major array (R − 1) × 5 + (FM − 1), for the store-wide loop. */
const FLAT_GRID = Uint8Array.from(GRID.flat());

/** Marks an unscored row (too few customers). */
export const RFM_UNSCORED = 255;

/** The named segment of an (R, F, M) triple. */
export function rfmSegmentOf(r: number, f: number, m: number): RfmSegment {
  return RFM_SEGMENTS[GRID[r - 1][Math.round((f + m) / 2) - 1]];
}

export interface RfmOptions {
  /** Below this many customers quintiles are meaningless: nobody is scored. Default 20. */
  minCustomers?: number;
}

/** Column-oriented RFM results: row i is `customerIds[i]`. */
export interface RfmTable {
  asOf: EpochMs;
  n: number;
  customerIds: string[];
  recencyDays: Int32Array;
  frequency: Int32Array;
  monetaryCents: Float64Array;
  /** Scores 1–5 (0 when unscored). */
  r: Uint8Array;
  f: Uint8Array;
  m: Uint8Array;
  /** Index into RFM_SEGMENTS, or RFM_UNSCORED. */
  segment: Uint8Array;
  /** Ascending distributions the scores were taken from (for scoring one customer later). */
  sorted: { recencyDays: Float64Array; frequency: Float64Array; monetaryCents: Float64Array };
  confidence: Confidence;
  caveats: string[];
}

export interface RfmRow {
  customerId: string;
  recencyDays: number;
  frequency: number;
  monetary: number;
  r: number;
  f: number;
  m: number;
  /** "543" style code, null when unscored. */
  code: string | null;
  segment: RfmSegment | null;
}

/** Count of values < v in an ascending array. */
function countBelow(sorted: Float64Array, v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Count of values > v in an ascending array. */
function countAbove(sorted: Float64Array, v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= v) lo = mid + 1;
    else hi = mid;
  }
  return sorted.length - lo;
}

function quintileScore(worse: number, n: number): number {
  return 1 + Math.min(4, Math.floor((5 * worse) / n));
}

function confidenceFor(n: number, minCustomers: number): Confidence {
  if (n < minCustomers) return "insufficient";
  if (n < 200) return "low";
  if (n < 1000) return "medium";
  return "high";
}

/** Scores the customers (profiles without counted orders are skipped). */
export function scoreRfm(profiles: Iterable<CustomerProfile>, asOf: EpochMs, options: RfmOptions = {}): RfmTable {
  const minCustomers = options.minCustomers ?? 20;
  const customers: CustomerProfile[] = [];
  for (const p of profiles) if (p.orderCount > 0) customers.push(p);
  const n = customers.length;

  const customerIds = new Array<string>(n);
  const recencyDays = new Int32Array(n);
  const frequency = new Int32Array(n);
  const monetaryCents = new Float64Array(n);
  // asOf's store day once per time zone rather than once per customer (as daysSinceLastOrder).
  let offset = Number.NaN;
  let today = 0;
  for (let i = 0; i < n; i++) {
    const p = customers[i];
    if (p.utcOffsetMs !== offset) {
      offset = p.utcOffsetMs;
      today = storeDay(asOf, offset);
    }
    customerIds[i] = p.customerId;
    recencyDays[i] = Math.max(0, today - (p.lastDay as number));
    frequency[i] = p.purchaseDays;
    monetaryCents[i] = p.netRevenueCents;
  }
  const sorted = {
    recencyDays: sortedWholeNumbers(recencyDays),
    frequency: sortedWholeNumbers(frequency),
    monetaryCents: Float64Array.from(monetaryCents).sort(),
  };

  const r = new Uint8Array(n);
  const f = new Uint8Array(n);
  const m = new Uint8Array(n);
  const segment = new Uint8Array(n).fill(RFM_UNSCORED);
  const confidence = confidenceFor(n, minCustomers);
  const caveats: string[] = [];

  if (n === 0) {
    caveats.push("No customers with orders yet.");
  } else if (confidence === "insufficient") {
    caveats.push(`Only ${n} customers with orders; RFM scores need at least ${minCustomers} to mean anything.`);
  } else {
    // quintileScore(worse, n) ≥ k + 1 ⇔ worse ≥ ⌈k·n/5⌉ ⇔ the value beats the ⌈k·n/5⌉-th worst one:
    // four comparisons per customer and dimension give the same score as the binary searches.
    const [c1, c2, c3, c4] = [1, 2, 3, 4].map((k) => Math.ceil((k * n) / 5));
    const rs = sorted.recencyDays;
    const [r1, r2, r3, r4] = [rs[n - c1], rs[n - c2], rs[n - c3], rs[n - c4]];
    const fs = sorted.frequency;
    const [f1, f2, f3, f4] = [fs[c1 - 1], fs[c2 - 1], fs[c3 - 1], fs[c4 - 1]];
    const ms = sorted.monetaryCents;
    const [m1, m2, m3, m4] = [ms[c1 - 1], ms[c2 - 1], ms[c3 - 1], ms[c4 - 1]];
    for (let i = 0; i < n; i++) {
      const rv = recencyDays[i];
      const fv = frequency[i];
      const mv = monetaryCents[i];
      const ri = 1 + +(rv < r1) + +(rv < r2) + +(rv < r3) + +(rv < r4);
      const fi = 1 + +(fv > f1) + +(fv > f2) + +(fv > f3) + +(fv > f4);
      const mi = 1 + +(mv > m1) + +(mv > m2) + +(mv > m3) + +(mv > m4);
      r[i] = ri;
      f[i] = fi;
      m[i] = mi;
      segment[i] = FLAT_GRID[(ri - 1) * 5 + Math.round((fi + mi) / 2) - 1];
    }
    addTieCaveat(caveats, "Recency", r);
    addTieCaveat(caveats, "Frequency", f);
    addTieCaveat(caveats, "Spend", m);
    if (confidence === "low") caveats.push(`Only ${n} customers: one order can move a customer between scores.`);
  }
  return { asOf, n, customerIds, recencyDays, frequency, monetaryCents, r, f, m, segment, sorted, confidence, caveats };
}

function addTieCaveat(caveats: string[], dimension: string, scores: Uint8Array): void {
  const used = [false, false, false, false, false, false];
  for (let i = 0; i < scores.length; i++) used[scores[i]] = true;
  const list = [1, 2, 3, 4, 5].filter((s) => used[s]);
  if (list.length < 5) {
    caveats.push(`${dimension}: many customers share the same value, so only scores ${list.join(", ")} are used.`);
  }
}

/** One row of the table as a plain object. */
export function rfmRow(table: RfmTable, i: number): RfmRow {
  const scored = table.segment[i] !== RFM_UNSCORED;
  return {
    customerId: table.customerIds[i],
    recencyDays: table.recencyDays[i],
    frequency: table.frequency[i],
    monetary: table.monetaryCents[i] / 100,
    r: table.r[i],
    f: table.f[i],
    m: table.m[i],
    code: scored ? `${table.r[i]}${table.f[i]}${table.m[i]}` : null,
    segment: scored ? RFM_SEGMENTS[table.segment[i]] : null,
  };
}

/**
 * Scores one (possibly just updated) customer against the table's distributions, without
 * re-sorting the store: living RFM between full rescorings. Null when the table is unscored
 * or the customer has no orders.
 */
export function scoreCustomerRfm(table: RfmTable, profile: CustomerProfile, asOf: EpochMs): RfmRow | null {
  const n = table.n;
  const recency = daysSinceLastOrder(profile, asOf);
  if (recency === null || n === 0 || table.confidence === "insufficient") return null;
  const r = quintileScore(countAbove(table.sorted.recencyDays, recency), n);
  const f = quintileScore(countBelow(table.sorted.frequency, profile.purchaseDays), n);
  const m = quintileScore(countBelow(table.sorted.monetaryCents, profile.netRevenueCents), n);
  return {
    customerId: profile.customerId,
    recencyDays: recency,
    frequency: profile.purchaseDays,
    monetary: profile.netRevenueCents / 100,
    r,
    f,
    m,
    code: `${r}${f}${m}`,
    segment: rfmSegmentOf(r, f, m),
  };
}

/** Customers per named segment (unscored customers are not counted). */
export function rfmSegmentCounts(table: RfmTable): Record<RfmSegment, number> {
  const counts = Object.fromEntries(RFM_SEGMENTS.map((s) => [s, 0])) as Record<RfmSegment, number>;
  for (let i = 0; i < table.n; i++) {
    const s = table.segment[i];
    if (s !== RFM_UNSCORED) counts[RFM_SEGMENTS[s]]++;
  }
  return counts;
}

/**
 * Memberships for the scored customers, with the rule and evidence in merchant language,
 * so RFM segments can be summarized and explained like the other segments.
 */
export function rfmMemberships(table: RfmTable, currency?: string | null): Map<string, SegmentMembership<RfmSegment>[]> {
  const out = new Map<string, SegmentMembership<RfmSegment>[]>();
  const rules = new Map(RFM_SEGMENT_RULES.map((rule) => [rule.segment, rule]));
  for (let i = 0; i < table.n; i++) {
    const s = table.segment[i];
    if (s === RFM_UNSCORED) continue;
    const rule = rules.get(RFM_SEGMENTS[s]) as RfmSegmentRule;
    const days = table.recencyDays[i];
    out.set(table.customerIds[i], [
      {
        segment: rule.segment,
        label: rule.label,
        rule: `${rule.description} (recency score ${range(rule.recency)}, frequency-and-spend score ${range(rule.frequencyMonetary)}, out of 5.)`,
        evidence:
          `Last order ${days === 0 ? "today" : `${plural(days, "day")} ago`} (recency ${table.r[i]}/5), ` +
          `bought on ${plural(table.frequency[i], "day")} (frequency ${table.f[i]}/5), ` +
          `spent ${money(table.monetaryCents[i], currency)} (spend ${table.m[i]}/5).`,
        basis: "observed",
      },
    ]);
  }
  return out;
}

function range([lo, hi]: readonly [number, number]): string {
  return lo === hi ? `${lo}` : `${lo}–${hi}`;
}
