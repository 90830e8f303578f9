import { describe, expect, it } from "vitest";
import { DAY_MS, HOUR_MS, isWeekend } from "./calendar";
import type { ServiceKey } from "./carriers";
import { Random } from "./random";
import { renderFulfillment, simulateShipment, type ShipmentTimeline } from "./shipment";

const ORDERED = Date.UTC(2026, 2, 3, 15, 20); // a Tuesday in March (off-peak)
const FAR_FUTURE = Date.UTC(2030, 0, 1);

function many(service: ServiceKey, n: number, peak = false, seed = "ship"): ShipmentTimeline[] {
  const rng = new Random(`${seed}-${service}`);
  return Array.from({ length: n }, () => simulateShipment(rng, { orderCreatedAt: ORDERED, service, zoneExtraDays: 0.5, peak }));
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

describe("simulateShipment", () => {
  const timelines = many("ups_ground", 3000);

  it("produces chronological journeys that end delivered or failed, picked up and delivered on weekdays", () => {
    for (const t of timelines) {
      expect(t.labelAt).toBeGreaterThanOrEqual(ORDERED);
      expect(t.pickedUpAt).toBeGreaterThan(t.labelAt);
      expect(isWeekend(t.pickedUpAt)).toBe(false);
      expect((t.pickedUpAt % DAY_MS) / HOUR_MS).toBeGreaterThanOrEqual(17);
      expect(t.inTransitAt).toBeGreaterThan(t.pickedUpAt);
      let previous = t.inTransitAt;
      for (const scan of t.transitScans) {
        expect(scan).toBeGreaterThan(previous);
        previous = scan;
      }
      if (t.delayedAt !== null) expect(t.delayedAt).toBeGreaterThan(t.pickedUpAt);
      for (const out of t.outForDeliveryAt) expect(out).toBeGreaterThan(previous);
      expect((t.deliveredAt === null) !== (t.failedAt === null)).toBe(true);
      if (t.attemptedAt !== null) {
        expect(t.attemptedAt).toBeGreaterThan(t.outForDeliveryAt[0]);
        expect(t.outForDeliveryAt[1]).toBeGreaterThan(t.attemptedAt);
      }
      if (t.deliveredAt !== null) {
        expect(isWeekend(t.deliveredAt)).toBe(false);
        expect(t.deliveredAt).toBeGreaterThan(t.outForDeliveryAt.at(-1)!);
      }
      for (const time of [t.labelAt, t.pickedUpAt, t.inTransitAt, t.deliveredAt ?? 0]) expect(time % 1000).toBe(0);
    }
  });

  it("makes a DELAYED parcel miss the carrier's first estimate", () => {
    const delayed = timelines.filter((t) => t.delayedAt !== null);
    expect(delayed.length).toBeGreaterThan(30);
    for (const t of delayed) expect(t.revisedEstimateAt!).toBeGreaterThan(t.estimateAt);
    for (const t of delayed) if (t.deliveredAt !== null && t.attemptedAt === null) expect(t.deliveredAt).toBeGreaterThan(t.estimateAt);
  });

  it("has exception rates near the service's parameters (UPS Ground: delay 3.5%, attempt 2.5%, failure 0.5%)", () => {
    const share = (f: (t: ShipmentTimeline) => boolean) => timelines.filter(f).length / timelines.length;
    expect(share((t) => t.delayedAt !== null)).toBeGreaterThan(0.02);
    expect(share((t) => t.delayedAt !== null)).toBeLessThan(0.055);
    expect(share((t) => t.attemptedAt !== null)).toBeGreaterThan(0.012);
    expect(share((t) => t.attemptedAt !== null)).toBeLessThan(0.045);
    expect(share((t) => t.failedAt !== null)).toBeLessThan(0.015);
  });

  it("is slower in the peak season and faster for next-day air", () => {
    const processing = (ts: ShipmentTimeline[]) => median(ts.map((t) => t.labelAt - ORDERED));
    const transit = (ts: ShipmentTimeline[]) => median(ts.filter((t) => t.deliveredAt).map((t) => t.deliveredAt! - t.pickedUpAt));
    const peak = many("ups_ground", 1500, true);
    expect(processing(peak)).toBeGreaterThan(processing(timelines));
    const air = many("ups_next_day_air", 1500);
    expect(transit(air)).toBeLessThan(transit(timelines));
    expect(transit(air)).toBeLessThan(1.5 * DAY_MS);
  });

  it("gives the regional carrier no event feed", () => {
    const regional = many("ontrac_ground", 400);
    expect(regional.every((t) => t.visibility === "milestones" || t.visibility === "label_only" || t.visibility === "untracked")).toBe(true);
    expect(regional.some((t) => t.visibility === "milestones")).toBe(true);
  });
});

describe("renderFulfillment", () => {
  const rng = new Random("render");
  const tracked = (): ShipmentTimeline => {
    for (;;) {
      const t = simulateShipment(rng, { orderCreatedAt: ORDERED, service: "usps_ground_advantage", zoneExtraDays: 1, peak: true });
      if (t.visibility === "events" && t.deliveredAt !== null) return t;
    }
  };

  it("shows nothing before the label exists", () => {
    const t = tracked();
    expect(renderFulfillment(t, "gid://shopify/Fulfillment/1", t.labelAt - 1000)).toBeNull();
  });

  it("shows the whole journey once it is over, events in order, status = last event", () => {
    const t = tracked();
    const f = renderFulfillment(t, "gid://shopify/Fulfillment/1", FAR_FUTURE)!;
    const times = f.events.nodes.map((e) => Date.parse(e.happenedAt));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(f.events.nodes[0].status).toBe("LABEL_PURCHASED");
    expect(f.events.nodes.at(-1)!.status).toBe("DELIVERED");
    expect(f.displayStatus).toBe("DELIVERED");
    expect(Date.parse(f.deliveredAt!)).toBe(t.deliveredAt);
    expect(Date.parse(f.inTransitAt!)).toBe(t.inTransitAt);
    expect(f.trackingInfo).toEqual([{ company: "USPS", number: t.trackingNumber }]);
  });

  it("cuts the journey at asOf: in transit, no delivery yet, the carrier's estimate shown", () => {
    const t = tracked();
    const asOf = t.inTransitAt + 1000;
    const f = renderFulfillment(t, "gid://shopify/Fulfillment/1", asOf)!;
    expect(f.deliveredAt).toBeNull();
    expect(f.displayStatus).toBe("IN_TRANSIT");
    expect(f.events.nodes.map((e) => e.status)).toEqual(["LABEL_PURCHASED", "CARRIER_PICKED_UP", "IN_TRANSIT"]);
    expect(Date.parse(f.estimatedDeliveryAt!)).toBe(t.estimateAt);
  });

  it("revises the estimate only once the delay is known", () => {
    let t = tracked();
    while (t.delayedAt === null) t = tracked();
    const before = renderFulfillment(t, "f", t.delayedAt - 1000)!;
    const after = renderFulfillment(t, "f", t.delayedAt)!;
    expect(Date.parse(before.estimatedDeliveryAt!)).toBe(t.estimateAt);
    expect(Date.parse(after.estimatedDeliveryAt!)).toBe(t.revisedEstimateAt);
    expect(after.displayStatus).toBe("DELAYED");
    expect(t.revisedEstimateAt!).toBeGreaterThan(t.estimateAt);
  });

  it("shows only milestones, or nothing, when the carrier sends no events", () => {
    const t = tracked();
    const milestones = renderFulfillment({ ...t, visibility: "milestones" }, "f", FAR_FUTURE)!;
    expect(milestones.events.nodes).toEqual([]);
    expect(Date.parse(milestones.deliveredAt!)).toBe(t.deliveredAt);
    expect(milestones.estimatedDeliveryAt).toBeNull();
    expect(milestones.displayStatus).toBe("DELIVERED");
    const labelOnly = renderFulfillment({ ...t, visibility: "label_only" }, "f", FAR_FUTURE)!;
    expect([labelOnly.inTransitAt, labelOnly.deliveredAt, labelOnly.displayStatus]).toEqual([null, null, "FULFILLED"]);
    expect(labelOnly.trackingInfo).toHaveLength(1);
    const untracked = renderFulfillment({ ...t, visibility: "untracked", trackingNumber: null }, "f", FAR_FUTURE)!;
    expect(untracked.trackingInfo).toEqual([]);
    expect(untracked.events.nodes).toEqual([]);
  });
});
