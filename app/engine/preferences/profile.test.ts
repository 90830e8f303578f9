import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { at, DAY } from "../testing/order-builder";
import { buildPreferenceProfiles, mergeProfile, oneAnswerPerOrder } from "./profile";
import type { StatedAnswer } from "./types";

const T0 = at("2026-03-01T10:00:00Z");

function answer(spec: Partial<StatedAnswer> = {}): StatedAnswer {
  return {
    customerId: "gid://shopify/Customer/1",
    orderId: "gid://shopify/Order/1",
    source: "checkout",
    answeredAt: T0,
    speedVsCost: null,
    deliveryWindow: null,
    deliveryDays: null,
    notifications: null,
    giftPackaging: null,
    ...spec,
  };
}

describe("mergeProfile", () => {
  it("lets the latest answer win as a whole, the way the segments read it", () => {
    const p = mergeProfile("c", [
      answer({ orderId: "o2", answeredAt: T0 + 30 * DAY, speedVsCost: "cost" }),
      answer({ orderId: "o1", answeredAt: T0, speedVsCost: "speed", deliveryWindow: "evening" }),
    ]);
    expect(p).toMatchObject({ speedVsCost: "cost", deliveryWindow: null, deliveryDays: null, answeredAt: T0 + 30 * DAY, answeredOrders: 2 });
    expect(p?.history.map((a) => a.orderId)).toEqual(["o1", "o2"]);
  });

  it("skips a later answer with gift choices only", () => {
    const p = mergeProfile("c", [
      answer({ orderId: "o1", speedVsCost: "speed" }),
      answer({ orderId: "o2", answeredAt: T0 + DAY, giftPackaging: true }),
    ]);
    expect(p).toMatchObject({ speedVsCost: "speed", answeredAt: T0, answeredOrders: 2 });
  });

  it("counts a customer-account edit even when it clears everything", () => {
    const p = mergeProfile("c", [
      answer({ orderId: "o1", speedVsCost: "speed", deliveryWindow: "evening" }),
      answer({ orderId: null, source: "customer_account", answeredAt: T0 + DAY }),
    ]);
    expect(p).toMatchObject({ speedVsCost: null, deliveryWindow: null, source: "customer_account", answeredOrders: 1 });
  });

  it("keeps the checkout answer of an order over a later thank-you answer for the same order", () => {
    const kept = oneAnswerPerOrder([
      answer({ source: "checkout", speedVsCost: "speed" }),
      answer({ source: "thank_you", answeredAt: T0 + 60_000, speedVsCost: "cost" }),
    ]);
    expect(kept).toHaveLength(1);
    expect(kept[0]).toMatchObject({ source: "checkout", speedVsCost: "speed" });
    const p = mergeProfile("c", [answer({ source: "thank_you", answeredAt: T0 + 60_000, speedVsCost: "cost" }), answer({ speedVsCost: "speed" })]);
    expect(p?.speedVsCost).toBe("speed");
  });

  it("keeps the later of two thank-you answers for one order", () => {
    const p = mergeProfile("c", [
      answer({ source: "thank_you", answeredAt: T0 + 5, notifications: "key_only" }),
      answer({ source: "thank_you", answeredAt: T0, notifications: "every_milestone" }),
    ]);
    expect(p).toMatchObject({ notifications: "key_only", answeredOrders: 1 });
    expect(p?.history).toHaveLength(1);
  });

  it("has no profile when only gift questions were answered", () => {
    expect(mergeProfile("c", [answer({ giftPackaging: true })])).toBeNull();
    expect(mergeProfile("c", [])).toBeNull();
  });

  it("leaves guests out of the profiles", () => {
    const profiles = buildPreferenceProfiles([answer({ customerId: null, speedVsCost: "speed" }), answer({ customerId: "c2", orderId: "o9", speedVsCost: "cost" })]);
    expect([...profiles.keys()]).toEqual(["c2"]);
  });

  it("does not depend on the order the answers arrive in", () => {
    const sources = ["checkout", "thank_you", "customer_account"] as const;
    const speeds = [null, "speed", "cost", "balanced"] as const;
    const arb = fc.array(
      fc.record({
        orderId: fc.constantFrom(null, "o1", "o2", "o3"),
        source: fc.constantFrom(...sources),
        answeredAt: fc.integer({ min: 0, max: 5 }).map((d) => T0 + d * DAY),
        speedVsCost: fc.constantFrom(...speeds),
      }),
      { maxLength: 8 },
    );
    fc.assert(
      fc.property(arb, fc.nat(), (specs, seed) => {
        const answers = specs.map((s) => answer({ ...s, orderId: s.source === "customer_account" ? null : (s.orderId ?? "o1") }));
        const shuffled = [...answers].sort((a, b) => ((answers.indexOf(a) * 7919 + seed) % 13) - ((answers.indexOf(b) * 7919 + seed) % 13));
        expect(mergeProfile("c", shuffled)).toEqual(mergeProfile("c", answers));
      }),
    );
  });
});
