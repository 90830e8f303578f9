import { describe, expect, it } from "vitest";
import { DAY, at, order } from "../testing/order-builder";
import type { Order } from "../types";
import type { CustomerProfile } from "./customer-profile";
import { applyOrder, createProfile } from "./profile-book";
import { SEED_SEGMENT_CONFIG, type SeedSegment, assignSeedSegments, seedSegmentContext, seedSegmentsFor } from "./seed-segments";

const AS_OF = at("2024-06-01T12:00");
const daysAgo = (d: number) => AS_OF - d * DAY;

function profile(id: string, specs: Array<Partial<Order> & { ago: number }>): CustomerProfile {
  const p = createProfile(id);
  specs.forEach(({ ago, ...rest }, k) => applyOrder(p, order({ id: `${id}-${k}`, customer: id, at: daysAgo(ago), shippingPrice: 5, ...rest })));
  return p;
}

const segmentsOf = (p: CustomerProfile, profiles: CustomerProfile[] = [p], options = {}) =>
  seedSegmentsFor(p, seedSegmentContext(profiles, AS_OF, options));
const keys = (ms: { segment: SeedSegment }[]) => ms.map((m) => m.segment);
const find = (ms: { segment: SeedSegment; evidence: string }[], s: SeedSegment) => ms.find((m) => m.segment === s);

describe("new customers", () => {
  it("first order exactly 30 days ago is new; 31 days is not", () => {
    const at30 = profile("a", [{ ago: 30 }]);
    expect(find(segmentsOf(at30), "new")?.evidence).toBe("First order 30 days ago.");
    expect(keys(segmentsOf(profile("b", [{ ago: 31 }])))).not.toContain("new");
    expect(find(segmentsOf(profile("c", [{ ago: 0 }])), "new")?.evidence).toBe("First order today.");
  });
});

describe("VIP", () => {
  const store = Array.from({ length: 20 }, (_, i) => profile(`c${i + 1}`, [{ ago: 5, totalPrice: 100 * (i + 1) }]));

  it("top 10% by net revenue: 2 of 20 customers", () => {
    const ctx = seedSegmentContext(store, AS_OF, { currency: "USD" });
    expect(ctx.vip).toEqual({ basis: "net_revenue", threshold: 1900, eligible: 20 });
    const vips = store.filter((p) => keys(seedSegmentsFor(p, ctx)).includes("vip")).map((p) => p.customerId);
    expect(vips).toEqual(["c19", "c20"]);
    expect(find(seedSegmentsFor(store[18], ctx), "vip")?.evidence).toBe("Spent 1,900.00 USD net of refunds; the top 10% starts at 1,900.00 USD.");
  });

  it("ties at the threshold are all in", () => {
    const tied = [...store, profile("twin", [{ ago: 5, totalPrice: 1900 }])];
    const ctx = seedSegmentContext(tied, AS_OF);
    // 21 customers → k = ceil(2.1) = 3 → third best is 1,900 (c19 and twin tie).
    const vips = tied.filter((p) => keys(seedSegmentsFor(p, ctx)).includes("vip")).map((p) => p.customerId);
    expect(vips.sort()).toEqual(["c19", "c20", "twin"]);
  });

  it("top 10% of 30 customers is 3 (no floating-point rounding up)", () => {
    const thirty = Array.from({ length: 30 }, (_, i) => profile(`t${i}`, [{ ago: 5, totalPrice: 10 * (i + 1) }]));
    expect(seedSegmentContext(thirty, AS_OF).vip?.threshold).toBe(280);
  });

  it("ranks by predicted CLV when given; customers without a prediction are not ranked", () => {
    const clv = new Map(store.slice(0, 10).map((p, i) => [p.customerId, 1000 - i * 10]));
    const ctx = seedSegmentContext(store, AS_OF, { predictedClv: clv });
    expect(ctx.vip).toEqual({ basis: "predicted_clv", threshold: 1000, eligible: 10 });
    const vips = store.filter((p) => keys(seedSegmentsFor(p, ctx)).includes("vip")).map((p) => p.customerId);
    expect(vips).toEqual(["c1"]);
    expect(find(seedSegmentsFor(store[0], ctx), "vip")?.evidence).toBe("Predicted lifetime value 1,000.00; the top 10% starts at 1,000.00.");
  });

  it("fewer than 10 customers: no VIP, with a reason", () => {
    const ctx = seedSegmentContext(store.slice(0, 9), AS_OF);
    expect(ctx.vip).toBeNull();
    expect(ctx.caveats[0]).toMatch(/VIP needs at least 10 customers/);
  });
});

describe("dormant / at risk", () => {
  it("own rhythm: more than 2× the usual gap (strictly)", () => {
    // Purchase days 60 days apart in pairs of 30 → mean gap 30; limit 60.
    const gone61 = profile("a", [{ ago: 121 }, { ago: 91 }, { ago: 61 }]);
    const gone60 = profile("b", [{ ago: 120 }, { ago: 90 }, { ago: 60 }]);
    expect(find(segmentsOf(gone61), "dormant")?.evidence).toBe(
      "No order for 61 days; they usually order every 30 days (61 > 2 × 30 = 60).",
    );
    expect(keys(segmentsOf(gone60))).not.toContain("dormant");
    expect(find(segmentsOf(gone61), "dormant")).toMatchObject({
      label: "Dormant / at risk",
      rule:
        "No order for more than 2× their usual gap between orders (customers with 3+ purchase days); " +
        "for others, no order for longer than 90% of the gaps between orders in this store.",
    });
  });

  it("others: longer than the store's p90 gap", () => {
    // 20 two-day customers with gaps 10..29 days (all ordered yesterday): p90 (type 7) = 27 + 0.1 × 1 = 27.1 days.
    const repeaters = Array.from({ length: 20 }, (_, i) => profile(`r${i}`, [{ ago: 1 + 10 + i }, { ago: 1 }]));
    const gone28 = profile("a", [{ ago: 28 }]);
    const gone27 = profile("b", [{ ago: 27 }]);
    const all = [...repeaters, gone28, gone27];
    const ctx = seedSegmentContext(all, AS_OF);
    expect(ctx.storeGap?.gaps).toBe(20);
    expect(ctx.storeGap?.days).toBeCloseTo(27.1, 10);
    expect(find(seedSegmentsFor(gone28, ctx), "dormant")?.evidence).toBe(
      "No order for 28 days, longer than 90% of the gaps between orders in this store (27.1 days).",
    );
    expect(keys(seedSegmentsFor(gone27, ctx))).not.toContain("dormant");
    expect(repeaters.some((p) => keys(seedSegmentsFor(p, ctx)).includes("dormant"))).toBe(false);
  });

  it("too few repeat purchases in the store: one-time buyers are not judged", () => {
    const ctx = seedSegmentContext([profile("a", [{ ago: 400 }])], AS_OF);
    expect(ctx.storeGap).toBeNull();
    expect(ctx.caveats.some((c) => c.includes("cannot be judged dormant"))).toBe(true);
  });
});

describe("price-sensitive", () => {
  it("discount codes on at least half the orders (2+ orders)", () => {
    const half = profile("a", [{ ago: 1, discountCodeUsed: true }, { ago: 2, discountCodeUsed: true }, { ago: 3 }, { ago: 4 }]);
    expect(find(segmentsOf(half), "price_sensitive")?.evidence).toBe("Used a discount code on 2 of 4 orders (50% ≥ 50%).");
    const quarter = profile("b", [{ ago: 1, discountCodeUsed: true }, { ago: 2 }, { ago: 3 }, { ago: 4 }]);
    expect(keys(segmentsOf(quarter))).not.toContain("price_sensitive");
    expect(keys(segmentsOf(profile("c", [{ ago: 1, discountCodeUsed: true }])))).not.toContain("price_sensitive");
  });

  it("economy or free shipping on at least 60% of shipped orders", () => {
    const p = profile("a", [
      { ago: 1, shippingSpeed: "economy" },
      { ago: 2, shippingSpeed: "economy" },
      { ago: 3, shippingSpeed: "standard", shippingPrice: 0 },
      { ago: 4, shippingSpeed: "express" },
      { ago: 5, shippingSpeed: "standard" },
    ]);
    expect(find(segmentsOf(p), "price_sensitive")?.evidence).toBe("3 of 5 shipped orders went economy or with free shipping (60% ≥ 60%).");
    const below = profile("b", [
      { ago: 1, shippingSpeed: "economy" },
      { ago: 2, shippingSpeed: "economy" },
      { ago: 4, shippingSpeed: "express" },
      { ago: 5, shippingSpeed: "standard" },
      { ago: 6, shippingSpeed: "standard" },
    ]);
    expect(keys(segmentsOf(below))).not.toContain("price_sensitive");
  });

  it("lists both reasons when both hold", () => {
    const p = profile("a", [
      { ago: 1, shippingSpeed: "economy", discountCodeUsed: true },
      { ago: 2, shippingSpeed: "economy", discountCodeUsed: true },
    ]);
    expect(find(segmentsOf(p), "price_sensitive")?.evidence).toBe(
      "Used a discount code on 2 of 2 orders (100% ≥ 50%); 2 of 2 shipped orders went economy or with free shipping (100% ≥ 60%).",
    );
  });
});

describe("return risk", () => {
  const returned = [{ createdAt: 0, reasons: ["size_too_small"] }];
  it("returned at least 30% of orders with 2+ orders", () => {
    const p = profile("a", [{ ago: 1, returns: returned }, { ago: 2 }, { ago: 3 }]);
    expect(find(segmentsOf(p), "return_risk")?.evidence).toBe("Returned items from 1 of 3 orders (33% ≥ 30%).");
    expect(keys(segmentsOf(profile("b", [{ ago: 1, returns: returned }, { ago: 2 }, { ago: 3 }, { ago: 4 }])))).not.toContain("return_risk");
    expect(keys(segmentsOf(profile("c", [{ ago: 1, returns: returned }])))).not.toContain("return_risk");
  });
});

describe("margin quality", () => {
  const withCost = (id: string, costPerHundred: number) =>
    profile(id, [{ ago: 1, lineItems: [{ quantity: 1, unitPrice: 100, unitCost: costPerHundred, requiresShipping: true }] }]);
  // Margin rates 0%, 1%, …, 20%: p25 = 5% and p75 = 15% exactly (type 7 on 21 values).
  const store = Array.from({ length: 21 }, (_, i) => withCost(`m${i}`, 100 - i));

  it("top and bottom quarters, boundaries included", () => {
    const ctx = seedSegmentContext(store, AS_OF);
    expect(ctx.margin).toEqual({ low: 0.05, high: 0.15, eligible: 21 });
    const tier = (p: CustomerProfile) => keys(seedSegmentsFor(p, ctx)).find((k) => k.startsWith("margin")) ?? "none";
    expect(store.map(tier)).toEqual([
      ...Array(6).fill("margin_low"), // 0%..5%
      ...Array(9).fill("none"), // 6%..14%
      ...Array(6).fill("margin_high"), // 15%..20%
    ]);
    expect(find(seedSegmentsFor(store[15], ctx), "margin_high")?.evidence).toBe(
      "Margin 15% on 100.00 of products with known cost; the top 25% starts at 15%.",
    );
  });

  it("unknown where costs cover less than half of what they bought", () => {
    const partial = profile("p", [
      {
        ago: 1,
        lineItems: [
          { quantity: 1, unitPrice: 40, unitCost: 10, requiresShipping: true },
          { quantity: 1, unitPrice: 60, unitCost: null, requiresShipping: true },
        ],
      },
    ]);
    const none = profile("n", [{ ago: 1 }]);
    const ctx = seedSegmentContext([...store, partial, none], AS_OF);
    expect(find(seedSegmentsFor(partial, ctx), "margin_unknown")?.evidence).toBe("Unit costs are known for 40% of what they bought.");
    expect(find(seedSegmentsFor(none, ctx), "margin_unknown")?.evidence).toBe("No unit costs are set for the products they bought.");
    const half = profile("h", [
      {
        ago: 1,
        lineItems: [
          { quantity: 1, unitPrice: 50, unitCost: 40, requiresShipping: true },
          { quantity: 1, unitPrice: 50, unitCost: null, requiresShipping: true },
        ],
      },
    ]);
    // Exactly 50% of revenue has a cost: enough to judge; margin 20% on that half → top quarter.
    expect(find(seedSegmentsFor(half, ctx), "margin_high")?.evidence).toBe(
      "Margin 20% on 50.00 of products with known cost; the top 25% starts at 15%.",
    );
  });

  it("too few customers with costs: no tiers, with a reason", () => {
    const ctx = seedSegmentContext(store.slice(0, 5), AS_OF);
    expect(ctx.margin).toBeNull();
    expect(ctx.caveats.some((c) => c.includes("Margin tiers need unit costs for at least 20 customers; found 5"))).toBe(true);
    expect(keys(seedSegmentsFor(store[0], ctx)).filter((k) => k.startsWith("margin"))).toEqual([]);
  });
});

describe("degenerate inputs", () => {
  it("no customers", () => {
    const result = assignSeedSegments([], AS_OF);
    expect(result.memberships.size).toBe(0);
    expect(result.context.vip).toBeNull();
    expect(result.context.storeGap).toBeNull();
    expect(result.context.margin).toBeNull();
  });

  it("a customer with no counted orders is in no segment", () => {
    const p = profile("x", [{ ago: 1, cancelledAt: daysAgo(1) }]);
    expect(segmentsOf(p)).toEqual([]);
  });

  it("single customer: only the absolute rules apply", () => {
    const result = assignSeedSegments([profile("a", [{ ago: 3 }])], AS_OF);
    expect(keys(result.memberships.get("a") ?? [])).toEqual(["new", "margin_unknown"]);
  });

  it("every rule text is plain and complete", () => {
    const p = profile("a", [{ ago: 3 }]);
    for (const m of segmentsOf(p)) {
      expect(m.rule.length).toBeGreaterThan(20);
      expect(m.evidence).not.toMatch(/NaN|undefined|null/);
    }
    expect(SEED_SEGMENT_CONFIG.vip.topShare).toBe(0.1);
  });
});
