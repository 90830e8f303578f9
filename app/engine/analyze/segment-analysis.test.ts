import { describe, expect, it } from "vitest";
import type { DeliveryPreferences, Order } from "../types";
import { activeProfiles, buildProfiles } from "../segments/profile-book";
import { RFM_SEGMENT_RULES, rfmMemberships, scoreRfm } from "../segments/rfm";
import { summarizeSegments } from "../segments/segment-summary";
import { SEED_SEGMENTS, SEED_SEGMENT_LABELS, assignSeedSegments } from "../segments/seed-segments";
import { BEHAVIOUR_SEGMENTS, BEHAVIOUR_SEGMENT_LABELS, behaviourSegmentsFor, preferenceAgreement } from "../segments/behaviour-segments";
import { iterateOrders } from "../../demo/generate-store";
import { mapAdminOrder } from "../../sync/map-admin-order";
import { at, DAY, order } from "../testing/order-builder";
import { buildPurchaseHistory } from "../repeat/purchase-history";
import { analyzeClv, customerActivity, predictedRevenueById } from "./clv-analysis";
import { resolveMargin } from "./margin";
import { orderTotals } from "./order-totals";
import { analyzeSegments } from "./segment-analysis";

const AS_OF = at("2025-01-01");
const DEMO_AS_OF = at("2026-06-30");
const prefs = (p: Partial<DeliveryPreferences>): DeliveryPreferences => ({
  speedVsCost: null,
  deliveryWindow: null,
  deliveryDays: null,
  notifications: null,
  giftPackaging: null,
  answeredAt: AS_OF - 100 * DAY,
  ...p,
});

function store(): Order[] {
  const out: Order[] = [];
  for (let c = 0; c < 60; c++) {
    const first = AS_OF - (20 + c * 9) * DAY;
    const speed = c % 3 === 0 ? "express" : "standard";
    out.push(
      order({
        id: `c${c}-1`,
        customer: `c${c}`,
        at: first,
        total: 20 + c,
        shippingSpeed: speed,
        preferences: c < 10 ? prefs({ speedVsCost: c < 6 ? "speed" : "cost", deliveryWindow: c < 3 ? "evening" : "any", notifications: "key_only", giftPackaging: c === 0 }) : null,
      }),
    );
    if (c % 2 === 0) out.push(order({ id: `c${c}-2`, customer: `c${c}`, at: first + 15 * DAY, total: 30, shippingSpeed: speed }));
  }
  return out;
}

describe("analyzeSegments", () => {
  const orders = store();
  const s = analyzeSegments(orders, { asOf: AS_OF, currency: "USD" });

  it("summarizes RFM segments exactly as the per-customer memberships would", () => {
    const profiles = activeProfiles(buildProfiles(orders));
    const reference = summarizeSegments(profiles, rfmMemberships(scoreRfm(profiles, AS_OF), "USD"), {
      segments: RFM_SEGMENT_RULES.map((r) => ({ segment: r.segment, label: r.label })),
    });
    expect(s.rfm.summary).toEqual(reference);
    expect(s.customers).toBe(60);
    expect(Object.values(s.rfm.counts).reduce((a, b) => a + b, 0)).toBe(60);
  });

  it("counts who told us their delivery preferences, and what they said", () => {
    const p = s.preferences;
    expect(p.customersWithAnswers).toBe(10);
    expect(p.customerShare).toBeCloseTo(10 / 60, 12);
    expect(p.ordersWithAnswers).toBe(10);
    expect(p.orderShare).toBeCloseTo(10 / 90, 12);
    expect(p.speedVsCost).toEqual({ speed: 6, cost: 4, balanced: 0 });
    expect(p.deliveryWindow).toEqual({ morning: 0, afternoon: 0, evening: 3, any: 7 });
    expect(p.notifications).toEqual({ every_milestone: 0, key_only: 10 });
    expect(p.giftPackaging).toBe(1);
  });

  it("lists every seed and behaviour segment, empty ones included", () => {
    expect(s.seed.summary.segments.map((r) => r.segment)).toEqual(["new", "vip", "dormant", "price_sensitive", "return_risk", "margin_high", "margin_low", "margin_unknown"]);
    expect(s.behaviour.summary.segments.map((r) => r.segment)).toEqual(["speed_focused", "price_sensitive_shipping", "gift_giver", "first_of_month"]);
    // Speed: express buyers with 2 shipped orders (c ≡ 0 mod 6: 10) plus those who said so and aren't counted yet (c = 1…5).
    expect(s.behaviour.summary.segments[0].customers).toBe(15);
  });

  it("ignores orders after asOf and handles no customers", () => {
    const later = analyzeSegments([...orders, order({ id: "late", customer: "z", at: AS_OF + DAY })], { asOf: AS_OF });
    expect(later.customers).toBe(60);
    const none = analyzeSegments([], { asOf: AS_OF });
    expect(none.customers).toBe(0);
    expect(none.preferences.customerShare).toBeNull();
    expect(none.rfm.confidence).toBe("insufficient");
  });

  it("summarizes seed and behaviour segments exactly as the per-customer memberships (with evidence) would", () => {
    const demo = Array.from(iterateOrders({ asOf: DEMO_AS_OF, orders: 4000, seed: "segment-masks" }), mapAdminOrder);
    const fast = analyzeSegments(demo, { asOf: DEMO_AS_OF, currency: "USD" });
    const profiles = activeProfiles(buildProfiles(demo));
    const seed = assignSeedSegments(profiles, DEMO_AS_OF, { currency: "USD" });
    const seedRefs = SEED_SEGMENTS.map((k) => ({ segment: k, label: SEED_SEGMENT_LABELS[k] }));
    expect(fast.seed.summary).toEqual(summarizeSegments(profiles, seed.memberships, { segments: seedRefs }));
    const behaviour = new Map(profiles.map((p) => [p.customerId, behaviourSegmentsFor(p)]));
    const behaviourRefs = BEHAVIOUR_SEGMENTS.map((k) => ({ segment: k, label: BEHAVIOUR_SEGMENT_LABELS[k] }));
    expect(fast.behaviour.summary).toEqual(summarizeSegments(profiles, behaviour, { segments: behaviourRefs }));
    // The fixture must exercise the segments, or the comparison proves little.
    const populated = [...fast.seed.summary.segments, ...fast.behaviour.summary.segments].filter((r) => r.customers > 0).map((r) => r.segment);
    expect(populated).toEqual(expect.arrayContaining(["new", "vip", "dormant", "price_sensitive", "speed_focused", "gift_giver"]));
    // Stated-vs-observed counts agree with the per-customer verdicts.
    const verdicts = profiles.map((p) => preferenceAgreement(p)).filter((a) => a.stated === "speed");
    expect(fast.preferences.agreement.speed.agrees).toBe(verdicts.filter((a) => a.verdict === "agrees").length);
    expect(fast.preferences.agreement.speed.disagrees).toBe(verdicts.filter((a) => a.verdict === "disagrees").length);
  });

  it("gives the same summaries from the forecast's columns as from the maps", () => {
    const demo = Array.from(iterateOrders({ asOf: DEMO_AS_OF, orders: 3000, seed: "segment-columns" }), mapAdminOrder);
    const history = buildPurchaseHistory(demo, { asOf: DEMO_AS_OF });
    const clv = analyzeClv(history, { horizonMonths: 12, discountRateMonthly: 0.01, unitDays: 7 }, resolveMargin(orderTotals(demo, DEMO_AS_OF)));
    expect(clv.perCustomer).not.toBeNull();
    const predictedClv = predictedRevenueById(clv);
    const viaMaps = analyzeSegments(demo, { asOf: DEMO_AS_OF, currency: "USD", predictedClv, activity: customerActivity(clv) });
    const viaColumns = analyzeSegments(demo, { asOf: DEMO_AS_OF, currency: "USD", predictedClv, perCustomer: clv.perCustomer! });
    expect(viaColumns).toEqual(viaMaps);
    expect(viaColumns.seed.summary.segments.find((r) => r.segment === "vip")?.averagePredictedClv).toBeGreaterThan(0);
  });
});
