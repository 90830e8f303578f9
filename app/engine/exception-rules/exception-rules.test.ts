import { describe, expect, it } from "vitest";
import { at, order } from "../testing/order-builder";
import { iterateOrders } from "../../demo/generate-store";
import { mapAdminOrder } from "../../sync/map-admin-order";
import { buildExceptionFacts, KIND_BIT, packExceptionFacts, unpackExceptionFacts } from "./exception-facts";
import { chooseBranch, countRuleTriggers, factsAt, priorSpendQuantile } from "./evaluate-rules";
import { defaultRules, exceptionRuleSchema, type ExceptionRule } from "./rule-schema";

const AS_OF = at("2024-06-01");

// Hand-made history: which exception each order had, who the customer was, what they had spent before.
const orders = [
  // c1: on time (100), then 2 days late (60, spent 100 before), then a carrier delay notice (50, spent 160 before).
  order({ customer: "c1", at: "2024-01-10", total: 100, promiseDays: 5, ship: { afterHours: 10, deliveredAfterHours: 48 } }),
  order({ customer: "c1", at: "2024-02-10", total: 60, promiseDays: 3, ship: { afterHours: 10, deliveredAfterHours: 120 } }),
  order({ customer: "c1", at: "2024-05-01", total: 50, promiseDays: 5, ship: { afterHours: 10, deliveredAfterHours: 72, exceptions: [["DELAYED", 30]] } }),
  // c2: first order 4 days late.
  order({ customer: "c2", at: "2024-03-01", total: 250, promiseDays: 2, ship: { afterHours: 10, deliveredAfterHours: 144 } }),
  // A guest's failed delivery.
  order({ customer: null, at: "2024-03-05", total: 40, promiseDays: 5, ship: { afterHours: 10, exceptions: [["FAILURE", 30]], deliveredAfterHours: 100 } }),
  // c3: first order on time, returned defective.
  order({
    customer: "c3",
    at: "2024-04-01",
    total: 300,
    promiseDays: 5,
    ship: { afterHours: 10, deliveredAfterHours: 48 },
    returns: [{ createdAt: at("2024-04-10"), reasons: ["defective"] }],
  }),
  // c4: tracking without carrier scans, promise long passed, no delivery: nobody knows.
  order({ customer: "c4", at: "2024-04-10", total: 80, promiseDays: 3, ship: { afterHours: 10, noEvents: true } }),
  // c5: a normal on-time order: no exception, no fact row.
  order({ customer: "c5", at: "2024-04-15", total: 70, promiseDays: 5, ship: { afterHours: 10, deliveredAfterHours: 50 } }),
];

const rule = (r: unknown): ExceptionRule => exceptionRuleSchema.parse(r);

const delayRule = rule({
  exception: "delay",
  enabled: true,
  definition: {
    branches: [
      { customer: "returning", minPriorSpend: 150, action: { type: "replacement" } },
      { customer: "returning", action: { type: "store_credit", creditAmount: 10 } },
      { customer: "first_order", minDaysLate: 3, action: { type: "store_credit", creditAmount: 5 } },
    ],
    otherwise: { type: "apology" },
  },
});

describe("exception facts", () => {
  const f = buildExceptionFacts(orders, { asOf: AS_OF });

  it("keeps one row per order with an exception, with its kinds", () => {
    expect(f.ordersScanned).toBe(8);
    expect(f.size).toBe(6);
    const kinds = Array.from(f.kinds);
    expect(kinds.filter((k) => k & KIND_BIT.delay)).toHaveLength(3);
    expect(kinds.filter((k) => k & KIND_BIT.failed_delivery)).toHaveLength(1);
    expect(kinds.filter((k) => k & KIND_BIT.damage)).toHaveLength(1);
    expect(kinds.filter((k) => k & KIND_BIT.unknown)).toHaveLength(1);
  });

  it("knows the customer type, spend before the order and days late", () => {
    const rows = Array.from({ length: f.size }, (_, r) => factsAt(f, r));
    const byValue = new Map(rows.map((x) => [x.orderValue, x]));
    expect(byValue.get(60)).toEqual({ customer: "returning", priorSpend: 100, orderValue: 60, daysLate: 2 });
    expect(byValue.get(50)).toEqual({ customer: "returning", priorSpend: 160, orderValue: 50, daysLate: null });
    expect(byValue.get(250)).toEqual({ customer: "first_order", priorSpend: 0, orderValue: 250, daysLate: 4 });
    expect(byValue.get(40)?.customer).toBe("guest");
    expect(byValue.get(300)?.customer).toBe("first_order");
  });

  it("packs into bytes and back unchanged", () => {
    const back = unpackExceptionFacts(packExceptionFacts(f));
    expect(back.size).toBe(f.size);
    expect(back.asOf).toBe(AS_OF);
    expect(back.ordersScanned).toBe(8);
    for (const k of ["kinds", "customer", "priorPurchases", "priorSpend", "orderValue", "daysLate", "placedAt"] as const) {
      expect(Array.from(back[k])).toEqual(Array.from(f[k]));
    }
  });

  it("refuses bytes that are not facts", () => {
    expect(() => unpackExceptionFacts(new Uint8Array(8))).toThrow(/truncated/);
    expect(() => unpackExceptionFacts(new Uint8Array(64))).toThrow(/unknown format/);
  });
});

describe("rule triggers", () => {
  const f = buildExceptionFacts(orders, { asOf: AS_OF });

  it("sends each past delay down the first branch it matches (hand-computed)", () => {
    const c = countRuleTriggers(delayRule, f, 365);
    expect(c.orders).toBe(3);
    // spent 160 → replacement; spent 100 → credit 10; first order 4 days late → credit 5.
    expect(c.branches.map((b) => b.orders)).toEqual([1, 1, 1]);
    expect(c.branches.map((b) => b.credit)).toEqual([0, 10, 5]);
    expect(c.otherwise.orders).toBe(0);
    expect(c.lastYear).toBe(3);
    expect(c.perMonth).toBeCloseTo(3 / (365 / 30.4375), 6);
  });

  it("falls back when no branch matches, and a first order only 1-2 days late does not get credit", () => {
    const strict = rule({ ...delayRule, definition: { ...delayRule.definition, branches: [delayRule.definition.branches[2]] } });
    const late2 = { customer: "first_order" as const, priorSpend: 0, orderValue: 20, daysLate: 2 };
    expect(chooseBranch(strict, late2)).toBe(-1);
    expect(chooseBranch(strict, { ...late2, daysLate: null })).toBe(-1);
    expect(chooseBranch(strict, { ...late2, daysLate: 3 })).toBe(0);
    const c = countRuleTriggers(strict, f, null);
    expect(c.branches[0].orders).toBe(1);
    expect(c.otherwise.orders).toBe(2);
    expect(c.perMonth).toBeNull();
  });

  it("counts only the rule's own exception", () => {
    const [, damage, failed, unknown] = defaultRules(null);
    expect(countRuleTriggers(damage, f, 365)).toMatchObject({ orders: 1, branches: [{ orders: 1 }], otherwise: { orders: 0 } }); // 300 ≥ 200 → a person
    expect(countRuleTriggers(failed, f, 365)).toMatchObject({ orders: 1, otherwise: { orders: 1 } });
    expect(countRuleTriggers(unknown, f, 365)).toMatchObject({ orders: 1, otherwise: { orders: 1 } });
  });

  it("leaves orders placed more than a year before asOf out of the last-year count", () => {
    const later = buildExceptionFacts(orders, { asOf: at("2025-02-15") });
    const c = countRuleTriggers(delayRule, later, 400);
    expect(c.orders).toBe(3);
    expect(c.lastYear).toBe(2); // the 2024-02-10 order is older than a year
  });

  it("the fast count agrees with the readable per-order choice on a generated store", () => {
    const asOf = Date.UTC(2025, 11, 31);
    const demo = Array.from(iterateOrders({ asOf, orders: 3000, seed: "rules" }), mapAdminOrder);
    const g = buildExceptionFacts(demo, { asOf });
    expect(g.size).toBeGreaterThan(50);
    const vip = priorSpendQuantile(g, 0.9);
    for (const r of defaultRules(vip)) {
      const c = countRuleTriggers(r, g, 700);
      const expected = new Array(r.definition.branches.length + 1).fill(0);
      for (let i = 0; i < g.size; i++) {
        if ((g.kinds[i] & KIND_BIT[r.exception]) === 0) continue;
        const b = chooseBranch(r, factsAt(g, i));
        expected[b < 0 ? expected.length - 1 : b]++;
      }
      expect([...c.branches.map((b) => b.orders), c.otherwise.orders]).toEqual(expected);
    }
  });
});

describe("rule validation", () => {
  it("asks for a credit amount on store credit, with the field's path", () => {
    const r = exceptionRuleSchema.safeParse({ exception: "delay", enabled: true, definition: { branches: [], otherwise: { type: "store_credit" } } });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]).toMatchObject({ path: ["definition", "otherwise", "creditAmount"], message: "Enter a credit amount above 0" });
  });

  it("refuses days late outside delay rules and negative amounts", () => {
    const r = exceptionRuleSchema.safeParse({
      exception: "damage",
      enabled: true,
      definition: { branches: [{ customer: "any", minDaysLate: 2, minOrderValue: -5, action: { type: "refund" } }], otherwise: { type: "replacement" } },
    });
    expect(r.success).toBe(false);
    const issues = r.error!.issues.map((i) => [i.path.join("."), i.message]);
    expect(issues).toContainEqual(["definition.branches.0.minOrderValue", "Order value cannot be negative"]);
  });

  it("refuses days late on a damage rule", () => {
    const r = exceptionRuleSchema.safeParse({
      exception: "damage",
      enabled: true,
      definition: { branches: [{ customer: "any", minDaysLate: 2, action: { type: "refund" } }], otherwise: { type: "replacement" } },
    });
    expect(r.error!.issues[0]).toMatchObject({ path: ["definition", "branches", 0, "minDaysLate"], message: "Days late applies to delay rules only" });
  });

  it("default rules are valid, and include a VIP branch only with a threshold", () => {
    for (const r of defaultRules(420.4)) expect(exceptionRuleSchema.parse(r)).toEqual(r);
    expect(defaultRules(420.4)[0].definition.branches[0]).toMatchObject({ minPriorSpend: 420, action: { type: "replacement" } });
    expect(defaultRules(null)[0].definition.branches).toHaveLength(2);
  });
});
