import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { at, order } from "../testing/order-builder";
import type { DeliveryPreferences, Order, ShippingSpeed } from "../types";
import { type CustomerProfile, gapStats } from "./customer-profile";
import {
  BEHAVIOUR_SEGMENT_CONFIG,
  type BehaviourSegment,
  behaviourRules,
  behaviourSegmentsFor,
  preferenceAgreement,
  preferenceAgreementSummary,
} from "./behaviour-segments";
import { applyOrderAndRefresh, createLiveSegments } from "./live-segments";
import { activeProfiles, applyOrder, buildProfiles, createProfile, createProfileBook } from "./profile-book";
import { rfmMemberships, scoreRfm } from "./rfm";
import { SEED_SEGMENT_CONFIG, assignSeedSegments } from "./seed-segments";

const prefs = (speedVsCost: DeliveryPreferences["speedVsCost"], iso = "2024-05-01"): DeliveryPreferences => ({
  speedVsCost,
  deliveryWindow: null,
  deliveryDays: null,
  notifications: null,
  giftPackaging: null,
  answeredAt: at(iso),
});

let seq = 0;
function profile(id: string, specs: Array<Partial<Order> & { on?: string }>): CustomerProfile {
  const p = createProfile(id);
  specs.forEach(({ on, ...rest }, k) =>
    applyOrder(p, order({ id: `${id}-${++seq}`, customer: id, at: on ?? `2024-01-${String(10 + k).padStart(2, "0")}`, shippingPrice: 5, ...rest })),
  );
  return p;
}
const speeds = (...list: ShippingSpeed[]) => list.map((shippingSpeed) => ({ shippingSpeed }));
const find = (p: CustomerProfile, s: BehaviourSegment) => behaviourSegmentsFor(p).find((m) => m.segment === s);

describe("speed-focused", () => {
  it("4 of 5 shipped orders Express", () => {
    const p = profile("a", speeds("express", "express", "express", "express", "standard"));
    expect(find(p, "speed_focused")).toEqual({
      segment: "speed_focused",
      label: "Speed-focused",
      rule: "At least 60% of shipped orders used Express (2+ shipped orders), or said at checkout they prefer speed over cost.",
      evidence: "4 of 5 shipped orders used Express (80% ≥ 60%).",
      basis: "observed",
    });
  });

  it("boundaries: 60% is in, 50% is out, one shipped order is not enough; pickup does not count as shipped", () => {
    expect(find(profile("a", speeds("express", "express", "express", "standard", "economy")), "speed_focused")).toBeDefined();
    expect(find(profile("b", speeds("express", "standard")), "speed_focused")).toBeUndefined();
    expect(find(profile("c", speeds("express", "pickup", "pickup")), "speed_focused")).toBeUndefined();
  });

  it("a stated speed preference is enough, and is shown as such", () => {
    const stated = profile("a", [{ shippingSpeed: "standard", preferences: prefs("speed") }]);
    expect(find(stated, "speed_focused")).toMatchObject({ basis: "stated", evidence: "Said they prefer speed over cost (answered 2024-05-01)." });
    const both = profile("b", [{ shippingSpeed: "express" }, { shippingSpeed: "express", preferences: prefs("speed") }]);
    expect(find(both, "speed_focused")).toMatchObject({
      basis: "observed_and_stated",
      evidence: "2 of 2 shipped orders used Express (100% ≥ 60%); also said they prefer speed over cost (answered 2024-05-01).",
    });
  });

  it("living segment: a speed-focused customer switching to economy leaves once the share drops below 60%", () => {
    const book = createProfileBook();
    const live = createLiveSegments((p) => behaviourSegmentsFor(p));
    const place = (k: number, shippingSpeed: ShippingSpeed) =>
      applyOrderAndRefresh(book, live, order({ id: `s${k}`, customer: "c1", at: `2024-02-${String(k).padStart(2, "0")}`, shippingSpeed, shippingPrice: 5 }));
    const history: Array<{ share: string; member: boolean; joined: string[]; left: string[] }> = [];
    const plan: ShippingSpeed[] = ["express", "express", "express", "economy", "economy", "economy"];
    plan.forEach((speed, k) => {
      const { changes } = place(k + 1, speed);
      const p = book.profiles.get("c1") as CustomerProfile;
      history.push({
        share: `${p.expressOrders}/${p.shippedOrders}`,
        member: live.members.get("speed_focused")?.has("c1") ?? false,
        joined: changes[0].joined,
        left: changes[0].left,
      });
    });
    expect(history).toEqual([
      { share: "1/1", member: false, joined: [], left: [] }, // one shipped order is not enough
      { share: "2/2", member: true, joined: ["speed_focused"], left: [] },
      { share: "3/3", member: true, joined: [], left: [] },
      { share: "3/4", member: true, joined: [], left: [] }, // 75%
      { share: "3/5", member: true, joined: [], left: [] }, // 60%: still in
      { share: "3/6", member: false, joined: [], left: ["speed_focused"] }, // 50%: out
    ]);
    expect(live.byCustomer.has("c1")).toBe(false);
  });

  it("living segment: only the updated customer is re-classified", () => {
    const book = createProfileBook();
    const calls: string[] = [];
    const live = createLiveSegments((p) => {
      calls.push(p.customerId);
      return behaviourSegmentsFor(p);
    });
    applyOrderAndRefresh(book, live, order({ id: "x1", customer: "c1", shippingSpeed: "express" }));
    applyOrderAndRefresh(book, live, order({ id: "x2", customer: "c2", shippingSpeed: "express" }));
    applyOrderAndRefresh(book, live, order({ id: "x2", customer: "c2", shippingSpeed: "express" })); // replay: nothing changes
    applyOrderAndRefresh(book, live, order({ id: "g", customer: null }));
    expect(calls).toEqual(["c1", "c2"]);
  });
});

describe("price-sensitive shipping", () => {
  it("economy or free shipping on 3 of 5 shipped orders (60%)", () => {
    const p = profile("a", [
      { shippingSpeed: "economy" },
      { shippingSpeed: "economy" },
      { shippingSpeed: "standard", shippingPrice: 0 },
      { shippingSpeed: "express" },
      { shippingSpeed: "standard" },
    ]);
    expect(find(p, "price_sensitive_shipping")?.evidence).toBe("3 of 5 shipped orders went economy or with free shipping (60% ≥ 60%).");
    const below = profile("b", [{ shippingSpeed: "economy" }, { shippingSpeed: "express" }, { shippingSpeed: "standard" }]);
    expect(find(below, "price_sensitive_shipping")).toBeUndefined();
  });

  it("a stated cost preference is enough", () => {
    const p = profile("a", [{ shippingSpeed: "express", preferences: prefs("cost") }]);
    expect(find(p, "price_sensitive_shipping")).toMatchObject({ basis: "stated", evidence: "Said they prefer lower cost over speed (answered 2024-05-01)." });
    expect(find(p, "speed_focused")).toBeUndefined();
  });
});

describe("gift-givers", () => {
  const gift = { isGift: true };
  const other = { shipsToBillingAddress: false };
  const plain = {};

  it("3 of 10 orders (30%), one among the last 3", () => {
    const p = profile("a", [gift, other, plain, plain, plain, plain, plain, plain, gift, plain]);
    expect(find(p, "gift_giver")?.evidence).toBe("3 of 10 orders were gifts or went to another address (30% ≥ 30%), including 1 of the last 3.");
  });

  it("out when no recent order was a gift, or when the share is below 30%", () => {
    expect(find(profile("a", [gift, gift, other, plain, plain, plain, plain, plain, plain, plain]), "gift_giver")).toBeUndefined();
    expect(find(profile("b", [gift, plain, plain, plain, plain, plain, plain, plain, plain, other]), "gift_giver")).toBeUndefined();
  });

  it("a single gift order counts (100%, and it is the latest)", () => {
    expect(find(profile("a", [other]), "gift_giver")?.evidence).toBe(
      "1 of 1 order was a gift or went to another address (100% ≥ 30%), including the latest order.",
    );
  });
});

describe("first-of-month buyers", () => {
  it("Jan 1, Feb 2, Mar 1, Apr 3: gaps 32, 28, 33 days", () => {
    const p = profile("a", [{ on: "2024-01-01T10:00" }, { on: "2024-02-02T10:00" }, { on: "2024-03-01T10:00" }, { on: "2024-04-03T10:00" }]);
    // mean 31, std √(14/3) = 2.16, variation 7%.
    expect(find(p, "first_of_month")?.evidence).toBe(
      "4 of 4 orders placed on the 1st–3rd of the month (100% ≥ 60%); an order about every 31 days, give or take 2.2 (7% ≤ 35%).",
    );
  });

  it("boundary: 3 of 5 orders early in the month (60%) with a monthly rhythm is in; 2 of 5 is out", () => {
    const days = ["2024-01-01", "2024-02-01", "2024-03-01", "2024-04-10", "2024-05-10"];
    expect(find(profile("a", days.map((on) => ({ on }))), "first_of_month")).toBeDefined();
    const fewer = ["2024-01-01", "2024-02-01", "2024-03-05", "2024-04-10", "2024-05-10"];
    expect(find(profile("b", fewer.map((on) => ({ on }))), "first_of_month")).toBeUndefined();
  });

  it("out: only two purchase days; several orders in the same early-month days; irregular rhythm", () => {
    expect(find(profile("a", [{ on: "2024-01-01" }, { on: "2024-02-01" }]), "first_of_month")).toBeUndefined();
    const burst = ["2024-01-01", "2024-01-02", "2024-01-03", "2024-02-01", "2024-02-02", "2024-02-03"];
    expect(find(profile("b", burst.map((on) => ({ on }))), "first_of_month")).toBeUndefined();
    // All on the 1st–3rd, mean gap 30.3 days, but gaps 2, 59, 30 vary by 77% (> 35%).
    const irregular = ["2024-01-01", "2024-01-03", "2024-03-02", "2024-04-01"];
    const c = profile("c", irregular.map((on) => ({ on })));
    expect(gapStats(c)?.meanDays).toBeCloseTo(91 / 3, 10);
    expect(gapStats(c)?.variation).toBeGreaterThan(0.35);
    expect(find(c, "first_of_month")).toBeUndefined();
  });
});

describe("stated vs observed", () => {
  it("speed said, Express bought: agrees; not bought: disagrees", () => {
    const agrees = profile("a", [...speeds("express", "express", "express", "standard")].map((s, k) => (k === 0 ? { ...s, preferences: prefs("speed") } : s)));
    expect(preferenceAgreement(agrees)).toMatchObject({
      stated: "speed",
      verdict: "agrees",
      expressShare: 0.75,
      explanation: "Said they prefer speed, and 3 of 4 shipped orders used Express (75%).",
    });
    const disagrees = profile("b", [{ shippingSpeed: "express", preferences: prefs("speed") }, ...speeds("economy", "economy", "standard")]);
    expect(preferenceAgreement(disagrees)).toMatchObject({
      verdict: "disagrees",
      explanation: "Said they prefer speed, but 1 of 4 shipped orders used Express (25%).",
    });
  });

  it("cost said, half economy/free: agrees at the 50% boundary", () => {
    const p = profile("a", [{ shippingSpeed: "economy", preferences: prefs("cost") }, ...speeds("express")]);
    expect(preferenceAgreement(p).verdict).toBe("agrees");
  });

  it("balanced agrees when neither extreme dominates", () => {
    const p = profile("a", [{ shippingSpeed: "standard", preferences: prefs("balanced") }, ...speeds("express", "standard", "economy")]);
    expect(preferenceAgreement(p).verdict).toBe("agrees");
    const q = profile("b", [{ shippingSpeed: "express", preferences: prefs("balanced") }, ...speeds("express")]);
    expect(preferenceAgreement(q).verdict).toBe("disagrees");
  });

  it("no answer, or nothing shipped yet", () => {
    expect(preferenceAgreement(profile("a", speeds("express"))).verdict).toBe("no_stated_preference");
    expect(preferenceAgreement(profile("b", [{ shippingSpeed: "pickup", preferences: prefs("speed") }]))).toMatchObject({
      verdict: "not_enough_orders",
      expressShare: null,
    });
  });

  it("summarizes agreement per stated preference", () => {
    const summary = preferenceAgreementSummary([
      profile("a", [{ shippingSpeed: "express", preferences: prefs("speed") }]),
      profile("b", [{ shippingSpeed: "economy", preferences: prefs("speed") }]),
      profile("c", [{ shippingSpeed: "pickup", preferences: prefs("speed") }]),
      profile("d", [{ shippingSpeed: "economy", preferences: prefs("cost") }]),
      profile("e", speeds("express")),
      createProfile("empty"),
    ]);
    expect(summary.speed).toEqual({ stated: 3, agrees: 1, disagrees: 1, notEnoughOrders: 1, agreementRate: 0.5 });
    expect(summary.cost).toEqual({ stated: 1, agrees: 1, disagrees: 0, notEnoughOrders: 0, agreementRate: 1 });
    expect(summary.balanced.agreementRate).toBeNull();
  });
});

describe("config and degenerate inputs", () => {
  it("thresholds live in one config object and drive the rule text", () => {
    const strict = { ...BEHAVIOUR_SEGMENT_CONFIG, speedFocused: { minExpressShare: 0.9, minShippedOrders: 3 } };
    expect(behaviourRules(strict).speed_focused).toContain("At least 90% of shipped orders used Express (3+ shipped orders)");
    const p = profile("a", speeds("express", "express", "express", "express", "standard"));
    expect(behaviourSegmentsFor(p, strict).map((m) => m.segment)).not.toContain("speed_focused");
  });

  it("a profile without orders is in no segment", () => {
    expect(behaviourSegmentsFor(createProfile("x"))).toEqual([]);
    expect(preferenceAgreement(createProfile("x")).verdict).toBe("no_stated_preference");
  });
});

describe("explanations never show broken numbers (property)", () => {
  it("seed, behaviour and RFM evidence over random small stores", () => {
    const speedArb = fc.constantFrom<ShippingSpeed>("express", "standard", "economy", "pickup", "local", "unknown");
    const orderArb = fc.record({
      customer: fc.constantFrom("a", "b", "c", "d", "e", null),
      day: fc.integer({ min: 0, max: 400 }),
      total: fc.integer({ min: 0, max: 20_000 }).map((c) => c / 100),
      speed: speedArb,
      free: fc.boolean(),
      gift: fc.boolean(),
      discount: fc.boolean(),
      returned: fc.boolean(),
      cost: fc.option(fc.integer({ min: 0, max: 20_000 }).map((c) => c / 100)),
      stated: fc.option(fc.constantFrom<DeliveryPreferences["speedVsCost"]>("speed", "cost", "balanced", null)),
    });
    const asOf = at("2025-03-01");
    fc.assert(
      fc.property(fc.array(orderArb, { maxLength: 40 }), (specs) => {
        const book = buildProfiles(
          specs.map((o, i) =>
            order({
              id: `p${i}`,
              customer: o.customer,
              at: asOf - o.day * 86_400_000,
              total: o.total,
              shippingSpeed: o.speed,
              shippingPrice: o.free ? 0 : 5,
              isGift: o.gift,
              discountCodeUsed: o.discount,
              returns: o.returned ? [{ createdAt: asOf, reasons: ["other"] }] : [],
              lineItems: [{ quantity: 1, unitPrice: o.total, unitCost: o.cost, requiresShipping: true }],
              preferences: o.stated === null ? null : prefs(o.stated),
            }),
          ),
        );
        const profiles = activeProfiles(book);
        const seed = assignSeedSegments(profiles, asOf, { config: { ...SEED_SEGMENT_CONFIG, vip: { topShare: 0.2, minCustomers: 1 }, dormant: { ...SEED_SEGMENT_CONFIG.dormant, minStoreGaps: 1 }, margin: { ...SEED_SEGMENT_CONFIG.margin, minCustomersWithCost: 1 } } });
        const rfm = rfmMemberships(scoreRfm(profiles, asOf, { minCustomers: 1 }));
        const texts: string[] = [...seed.context.caveats];
        for (const p of profiles) {
          for (const m of [...(seed.memberships.get(p.customerId) ?? []), ...behaviourSegmentsFor(p), ...(rfm.get(p.customerId) ?? [])]) texts.push(m.rule, m.evidence);
          texts.push(preferenceAgreement(p).explanation);
        }
        for (const t of texts) expect(t).not.toMatch(/NaN|undefined|null|Infinity|\[object/);
      }),
      { numRuns: 150 },
    );
  });
});
