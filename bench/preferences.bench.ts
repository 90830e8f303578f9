/**
 * Preferences benchmark: 400,000 stated answers (300,000 on orders, 100,000 customer-account edits)
 * of 300,000 customers merged into profiles, then coverage and stated vs observed against the
 * observed shipping of every customer. Answers are generated outside the timed sections with a
 * fixed seed; only engine work is timed. A calibration row (1M Map.set of order-id strings, as in
 * segments.bench.ts) shows how fast the machine was at the time.
 */
import { buildPreferenceProfiles, statedCoverage, statedVsObserved, type ObservedShipping, type StatedAnswer } from "../app/engine/preferences";

type Result = { name: string; ms: number; peakRssMb?: number; note?: string };

const CUSTOMERS = 300_000;
const ORDER_ANSWERS = 300_000;
const ACCOUNT_ANSWERS = 100_000;
const START = Date.UTC(2024, 0, 1);
const DAY = 86_400_000;

function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

const SPEEDS = [null, "speed", "balanced", "cost"] as const;
const WINDOWS = [null, "morning", "afternoon", "evening", "any"] as const;

function answers(): StatedAnswer[] {
  const r = rng(17);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  const out: StatedAnswer[] = [];
  for (let i = 0; i < ORDER_ANSWERS + ACCOUNT_ANSWERS; i++) {
    const account = i >= ORDER_ANSWERS;
    out.push({
      customerId: `gid://shopify/Customer/${Math.floor(r() * CUSTOMERS)}`,
      orderId: account ? null : `gid://shopify/Order/${i}`,
      source: account ? "customer_account" : r() < 0.3 ? "thank_you" : "checkout",
      answeredAt: START + Math.floor(r() * 700) * DAY,
      speedVsCost: pick(SPEEDS),
      deliveryWindow: pick(WINDOWS),
      deliveryDays: null,
      notifications: r() < 0.5 ? "key_only" : null,
      giftPackaging: r() < 0.1 ? true : null,
    });
  }
  return out;
}

function observed(): ObservedShipping[] {
  const r = rng(29);
  return Array.from({ length: CUSTOMERS }, (_, i) => {
    const shippedOrders = 1 + Math.floor(r() * 6);
    const expressOrders = Math.floor(r() * (shippedOrders + 1));
    return { customerId: `gid://shopify/Customer/${i}`, shippedOrders, expressOrders, economyOrFreeOrders: Math.floor(r() * (shippedOrders - expressOrders + 1)) };
  });
}

const time = <T>(f: () => T): [T, number] => {
  const t0 = performance.now();
  const value = f();
  return [value, performance.now() - t0];
};
const rss = () => Math.round(process.memoryUsage().rss / 2 ** 20);

export async function run(): Promise<Result[]> {
  const [, calibrationMs] = time(() => {
    const m = new Map<string, number>();
    for (let i = 0; i < 1_000_000; i++) m.set(`gid://shopify/Order/${i}`, i);
    return m.size;
  });
  const all = answers();
  const shipping = observed();
  const [profiles, mergeMs] = time(() => buildPreferenceProfiles(all));
  const [, coverageMs] = time(() => statedCoverage({ profiles, answers: all, customers: CUSTOMERS, orders: 1_000_000 }));
  const [, agreementMs] = time(() => statedVsObserved(profiles, shipping));
  return [
    { name: "calibration, Map.set of 1M order ids", ms: Math.round(calibrationMs), note: "machine speed reference" },
    { name: `merge ${all.length.toLocaleString("en")} answers into ${profiles.size.toLocaleString("en")} profiles`, ms: Math.round(mergeMs), peakRssMb: rss() },
    { name: "coverage (customers, orders)", ms: Math.round(coverageMs) },
    { name: `stated vs observed over ${CUSTOMERS.toLocaleString("en")} customers`, ms: Math.round(agreementMs), peakRssMb: rss() },
  ];
}
