/**
 * Is the delivery experience the same whichever channel a customer buys through? Per sales
 * channel: processing time, on-time and exception rates (shipping orders), and the repeat
 * rate of the customers it acquired. A channel is flagged only when it differs from the rest
 * of the store by a margin that matters and that chance alone is unlikely to explain.
 */
import { proportionDifferenceEstimate, proportionEstimate } from "../stats/estimates";
import type { JourneyAudit, JourneyGroupStats } from "../journey/audit";
import type { PurchaseHistory } from "../repeat/purchase-history";
import { fromEstimate, type Figure } from "./figure";

export interface ChannelRow {
  channel: string;
  /** Counted orders (shipped or not). */
  orders: number;
  /** Shipping orders (the base of the delivery figures). */
  shippingOrders: number;
  /** Median hours from order to fulfillment; null without shipping orders. */
  processingHoursMedian: number | null;
  processingOrders: number;
  onTimeRate: Figure | null;
  exceptionRate: Figure | null;
  /** Customers whose first order came through this channel. */
  newCustomers: number;
  repeatRate: Figure;
  /** Differences from the rest of the store worth acting on. */
  flags: ChannelFlag[];
}

export interface ChannelFlag {
  metric: "processing" | "on_time" | "exceptions" | "repeat";
  /** Worse than the rest of the store (false: better, worth learning from). */
  worse: boolean;
  message: string;
}

export interface ChannelConsistency {
  channels: ChannelRow[];
  /** Channels worse than the rest of the store on at least one figure. */
  flagged: number;
}

/** Smallest gap (in rate points) worth flagging. */
export const MIN_FLAG_POINTS = 0.03;
/** Processing is flagged at this multiple of the store's median. */
export const SLOW_PROCESSING_FACTOR = 1.5;
const MIN_PROCESSING_ORDERS = 30;

/** The journey audit's channel key for an order's channel. */
export function channelKey(channel: string | null): string {
  const t = channel === null ? "" : channel.trim();
  return t === "" ? "(unknown)" : t;
}

const points = (x: number) => `${(Math.abs(x) * 100).toFixed(1)} points`;

/** Flag when `x/n` differs from the rest of the store (`X − x` of `N − n`) clearly and by enough. */
function flagRate(metric: ChannelFlag["metric"], what: string, x: number, n: number, X: number, N: number, higherIsBetter: boolean, out: ChannelFlag[]): void {
  if (n <= 0 || N - n <= 0) return;
  const d = proportionDifferenceEstimate(x, n, X - x, N - n, { unit: "orders" });
  if (d.value === null || d.low == null || d.high == null) return;
  const clear = d.low > 0 || d.high < 0;
  if (!clear || Math.abs(d.value) < MIN_FLAG_POINTS) return;
  const worse = higherIsBetter ? d.value < 0 : d.value > 0;
  out.push({ metric, worse, message: `${what} ${points(d.value)} ${d.value > 0 ? "higher" : "lower"} than the rest of the store (${worse ? "worse" : "better"}).` });
}

export function channelConsistency(h: PurchaseHistory, journey: JourneyAudit, ordersByChannel: ReadonlyMap<string, number>): ChannelConsistency {
  // Repeat rate by the channel of the first order.
  const acquired = new Map<string, { customers: number; repeaters: number }>();
  let repeatersAll = 0;
  const customers = h.customerIds.length;
  for (let c = 0; c < customers; c++) {
    const rows = h.rows;
    const key = channelKey(rows.channels[rows.channel[h.firstOrderIndex[c]]]);
    let a = acquired.get(key);
    if (a === undefined) acquired.set(key, (a = { customers: 0, repeaters: 0 }));
    a.customers++;
    if (h.start[c + 1] - h.start[c] >= 2) {
      a.repeaters++;
      repeatersAll++;
    }
  }
  const counted = new Map<string, number>();
  for (const [name, n] of ordersByChannel) counted.set(channelKey(name), (counted.get(channelKey(name)) ?? 0) + n);
  const shipping = new Map<string, JourneyGroupStats>(journey.breakdowns.channel.map((g) => [g.key, g]));
  const overall = journey.overall;
  const storeProcessing = overall.processingHours.median;
  const exceptionCount = (g: JourneyGroupStats) => Math.round((g.exceptions.any.value ?? 0) * g.exceptions.any.n);
  const allExceptions = exceptionCount(overall);

  const names = new Set<string>([...counted.keys(), ...shipping.keys(), ...acquired.keys()]);
  const rows: ChannelRow[] = [];
  for (const channel of names) {
    const g = shipping.get(channel) ?? null;
    const a = acquired.get(channel) ?? { customers: 0, repeaters: 0 };
    const flags: ChannelFlag[] = [];
    if (g !== null) {
      const p = g.processingHours;
      if (p.median !== null && storeProcessing !== null && p.n >= MIN_PROCESSING_ORDERS && p.median >= SLOW_PROCESSING_FACTOR * storeProcessing && p.median - storeProcessing >= 4) {
        flags.push({ metric: "processing", worse: true, message: `Takes ${p.median.toFixed(0)} hours to ship (median) vs ${storeProcessing.toFixed(0)} for the store.` });
      }
      flagRate("on_time", "On-time rate", g.onTime.onTime, g.onTime.judged, overall.onTime.onTime, overall.onTime.judged, true, flags);
      flagRate("exceptions", "Exception rate", exceptionCount(g), g.exceptions.any.n, allExceptions, overall.exceptions.any.n, false, flags);
    }
    flagRate("repeat", "Repeat rate", a.repeaters, a.customers, repeatersAll, customers, true, flags);
    rows.push({
      channel,
      orders: counted.get(channel) ?? 0,
      shippingOrders: g?.orders ?? 0,
      processingHoursMedian: g?.processingHours.median ?? null,
      processingOrders: g?.processingHours.n ?? 0,
      onTimeRate: g ? fromEstimate(g.onTime.rate) : null,
      exceptionRate: g ? fromEstimate(g.exceptions.any) : null,
      newCustomers: a.customers,
      repeatRate: fromEstimate(proportionEstimate(a.repeaters, a.customers, { unit: "customers" })),
      flags,
    });
  }
  rows.sort((x, y) => y.orders - x.orders || (x.channel < y.channel ? -1 : 1));
  return { channels: rows, flagged: rows.filter((r) => r.flags.some((f) => f.worse)).length };
}
