/**
 * End to end on the demo store: Admin-shaped orders from the generator, mapped by the sync
 * layer, analysed. The generator hides a known effect (a bad first delivery lowers the chance
 * to buy again by 30% relative); the analysis must find it, with the right sign and an
 * interval that excludes no effect.
 */
import { describe, expect, it } from "vitest";
import { iterateOrders } from "../../demo/generate-store";
import { DEMO_TRUTH } from "../../demo/truth";
import { mapAdminOrder } from "../../sync/map-admin-order";
import type { Order } from "../types";
import { EXPERIENCE } from "../link/first-delivery-experience";
import { analyzeStore } from "./analyze-store";

const AS_OF = Date.UTC(2026, 5, 30, 12);

describe("analyzeStore on a generated demo store", () => {
  const orders: Order[] = [];
  for (const admin of iterateOrders({ asOf: AS_OF, orders: 12_000, seed: "analyze-e2e" })) orders.push(mapAdminOrder(admin));
  const a = analyzeStore(orders, { asOf: AS_OF, currency: "USD" });

  it("recovers the generator's late-first-delivery effect: fewer repeats, interval excluding zero", () => {
    expect(DEMO_TRUTH.lateFirstDeliveryEffect.relativeRepeatReduction).toBe(0.3);
    const late = a.delivery.lateAny!;
    expect(a.delivery.windowDays).toBe(180);
    expect(late.repeatGap.value).toBeLessThan(0);
    expect(late.repeatGap.high).toBeLessThan(0);
    // As a relative drop against on-time customers, in the range the generator documents for its raw data.
    const w = a.link.windows.indexOf(a.delivery.windowDays!);
    const onTimeRate = a.link.groups[EXPERIENCE.ON_TIME].windows[w].rate.value!;
    const relative = -late.repeatGap.value! / onTimeRate;
    const [lo, hi] = DEMO_TRUTH.targets.observedRepeatReductionAfterBadFirstDelivery;
    expect(relative).toBeGreaterThan(lo);
    expect(relative).toBeLessThan(hi);
  });

  it("names a late delivery band as the biggest friction, with money at stake", () => {
    const b = a.delivery.biggest!;
    expect(["late_1_2_days", "late_3_plus_days"]).toContain(b.problem);
    expect(b.repeatGap.value).toBeLessThan(0);
    expect(b.revenueAtStake.value).toBeGreaterThan(0);
    expect(b.confidence).not.toBe("insufficient");
  });

  it("lands the headline figures in the generator's documented ranges", () => {
    const [lateLo, lateHi] = DEMO_TRUTH.targets.lateRate;
    expect(a.headline.lateRate.value).toBeGreaterThan(lateLo);
    expect(a.headline.lateRate.value).toBeLessThan(lateHi);
    const [repLo, repHi] = DEMO_TRUTH.targets.repeaterShare;
    expect(a.headline.repeatRate.value).toBeGreaterThan(repLo);
    expect(a.headline.repeatRate.value).toBeLessThan(repHi);
    expect(a.clv.models.transactions?.kind).toBe("bgnbd");
    expect(a.clv.holdout?.percentError).not.toBeNull();
  });
});
