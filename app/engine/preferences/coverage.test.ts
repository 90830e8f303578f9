import { describe, expect, it } from "vitest";
import { statedAnswer } from "../testing/fixtures";
import { at } from "../testing/order-builder";
import { statedCoverage } from "./coverage";
import { buildPreferenceProfiles } from "./profile";
import type { StatedAnswer } from "./types";

const T0 = at("2026-03-01T10:00:00Z");
const a = (customerId: string | null, orderId: string | null, extra: Partial<StatedAnswer> = {}) => statedAnswer(customerId, orderId, T0, extra);

describe("statedCoverage", () => {
  it("counts customers with a profile and distinct answered orders, guests included in orders", () => {
    const answers = [a("c1", "o1"), a("c1", "o1", { source: "thank_you" }), a("c1", "o2"), a(null, "o3"), a("c2", null), a("c3", null, { speedVsCost: null })];
    const c = statedCoverage({ profiles: buildPreferenceProfiles(answers), answers, customers: 10, orders: 20 });
    // c3 cleared everything in their account: no stated preference.
    expect(c).toMatchObject({ customersWithAnswers: 2, customerShare: 0.2, ordersWithAnswers: 3, orderShare: 0.15, accountAnswers: 2, confidence: "insufficient" });
  });

  it("reports null shares, not NaN, for an empty store", () => {
    const c = statedCoverage({ profiles: new Map(), answers: [], customers: 0, orders: 0 });
    expect(c.customerShare).toBeNull();
    expect(c.orderShare).toBeNull();
  });
});
