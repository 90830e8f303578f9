/**
 * A store analysis with hand-set figures for plan tests: a real analysis of a small seeded
 * store, with the figures the plan reads replaced by round numbers, so every plan figure can
 * be traced by hand.
 */
import type { Order } from "../../types";
import type { Figure } from "../../analyze/figure";
import type { JourneyGroupStats } from "../../journey/audit";
import { analyzeStore, type StoreAnalysis } from "../../analyze/analyze-store";
import { at, DAY, HOUR, order } from "../../testing/order-builder";

export const AS_OF = at("2025-01-01");

export const fig = (value: number | null, low: number | null = null, high: number | null = null, confidence: Figure["confidence"] = "high"): Figure => ({
  value,
  low,
  high,
  n: 1000,
  confidence,
  caveats: [],
  source: "data",
});

/** 120 customers over 600 days: deliveries with promises, some late, some repeats, two carriers. */
export function seededStore(): Order[] {
  let seed = 5;
  const rnd = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
  const out: Order[] = [];
  for (let c = 0; c < 120; c++) {
    let t = AS_OF - 600 * DAY + Math.floor(rnd() * 560) * DAY + 10 * HOUR;
    for (let k = 0; t <= AS_OF && k < 5; k++) {
      out.push(
        order({
          id: `c${c}-${k}`,
          customer: `c${c}`,
          at: t,
          total: 50,
          promiseDays: 4,
          ship: { afterHours: 12, carrier: c % 2 === 0 ? "UPS" : "FedEx", pickupAfterHours: 20, deliveredAfterHours: rnd() < 0.15 ? 150 : 80 },
        }),
      );
      if (rnd() < 0.5) break;
      t += Math.ceil(30 + rnd() * 100) * DAY;
    }
  }
  return out;
}

function carrier(base: JourneyGroupStats, key: string, orders: number, judged: number, late: number): JourneyGroupStats {
  return { ...base, key, orders, onTime: { ...base.onTime, judged, onTime: judged - late, late1to2Days: late, late3PlusDays: 0 } };
}

/**
 * Hand-set figures: late rate 12%, exception rate 5%; 1,000 new delivery customers a year
 * (2,000 new customers in all); late first deliveries 10% of them, repeat gap −10 points
 * (CI −15 to −5) over 180 days; exceptions 5%, gap −4 points (CI −9 to +1); a returning
 * customer brings $200 within 180 days and $100 within 90; revenue $100,000 a year; no unit
 * costs; carriers UPS (6% late) and FedEx (20% late); 500 dormant customers at $80 an order;
 * a 20% chance of a second order within 90 days; 10 late deliveries a month, 5 carrier delays,
 * 5 missed attempts, 2 failures, 8 untracked shipments, 20 returns.
 */
export function constructedAnalysis(): StoreAnalysis {
  const base = analyzeStore(seededStore(), { asOf: AS_OF, currency: "USD" });
  const perMonth = { shipments: 500, late: 10, late3PlusDays: 3, overdueUndelivered: 0, carrierDelay: 5, failedDelivery: 2, missedAttempt: 5, readyForPickup: 0, noTracking: 8, returns: 20 };
  const exceptionFriction = base.delivery.frictions.find((f) => f.problem === "exception")!;
  const late12 = base.delivery.frictions.find((f) => f.problem === "late_1_2_days")!;
  const valueAt = (days: number, v: number) => ({ days, eligible: 1000, returning: 300, meanRepeatRevenue: fig(v, v * 0.9, v * 1.1) });
  const seedSegments = base.segments.seed.summary.segments.map((r) => (r.segment === "dormant" ? { ...r, customers: 500, orders: 700, averageOrderValue: 80 } : r));
  return {
    ...base,
    headline: { ...base.headline, lateRate: fig(0.12, 0.11, 0.13), exceptionRate: fig(0.05, 0.045, 0.055), repeatRate: fig(0.3, 0.28, 0.32) },
    delivery: {
      ...base.delivery,
      windowDays: 180,
      newDeliveryCustomersPerYear: fig(1000),
      lateAny: { share: fig(0.1), repeatGap: fig(-0.1, -0.15, -0.05, "medium") },
      frictions: [
        { ...exceptionFriction, share: fig(0.05), repeatGap: fig(-0.04, -0.09, 0.01, "low") },
        { ...late12, share: fig(0.06), repeatGap: fig(-0.08, -0.14, -0.02, "medium") },
      ],
    },
    economics: {
      ...base.economics,
      newCustomersPerYear: fig(2000),
      revenuePerYear: fig(100_000),
      averageOrderValue: fig(70, 68, 72),
      repeatCustomerValue: [valueAt(90, 100), valueAt(180, 200), valueAt(365, 300)],
    },
    margin: { rate: null, source: null, confidence: "insufficient", knownCostShare: 0, measuredRate: null, merchantRate: null, note: "No unit costs in Shopify and no gross margin given." },
    volumes: { months: 12, totals: Object.fromEntries(Object.entries(perMonth).map(([k, v]) => [k, v * 12])) as typeof perMonth, perMonth },
    journey: {
      ...base.journey,
      overall: { ...base.journey.overall, carrierEventCoverage: 0.9 },
      breakdowns: { ...base.journey.breakdowns, carrier: [carrier(base.journey.overall, "UPS", 600, 500, 30), carrier(base.journey.overall, "FedEx", 400, 400, 80)] },
    },
    repeat: {
      ...base.repeat,
      timeToSecondOrder: { ...base.repeat.timeToSecondOrder, probabilityWithin: [{ days: 90, estimate: fig(0.2, 0.18, 0.22) }] },
    },
    segments: { ...base.segments, seed: { ...base.segments.seed, summary: { ...base.segments.seed.summary, segments: seedSegments } } },
  };
}
