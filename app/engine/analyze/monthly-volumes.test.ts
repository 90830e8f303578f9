import { describe, expect, it } from "vitest";
import { buildJourneyTable } from "../journey/journey-table";
import { at, DAY, order } from "../testing/order-builder";
import { monthlyVolumes } from "./monthly-volumes";

const AS_OF = at("2025-01-01");

describe("monthlyVolumes", () => {
  it("averages the last twelve months of delivery problems", () => {
    const orders = [
      // 400 days ago: outside the year.
      order({ at: AS_OF - 400 * DAY, promiseDays: 2, ship: { afterHours: 5, deliveredAfterHours: 200 } }),
      // On time.
      order({ at: AS_OF - 300 * DAY, promiseDays: 4, ship: { afterHours: 5, pickupAfterHours: 10, deliveredAfterHours: 60 } }),
      // 3+ days late with a carrier delay notice.
      order({ at: AS_OF - 200 * DAY, promiseDays: 2, ship: { afterHours: 5, pickupAfterHours: 10, deliveredAfterHours: 130, exceptions: [["DELAYED", 40]] } }),
      // 1 day late after a missed attempt, returned.
      order({
        at: AS_OF - 100 * DAY,
        promiseDays: 2,
        ship: { afterHours: 5, pickupAfterHours: 10, deliveredAfterHours: 60, exceptions: [["ATTEMPTED_DELIVERY", 45]] },
        returns: [{ createdAt: AS_OF - 90 * DAY, reasons: ["arrived_late"] }],
      }),
      // Failed delivery, shipped without tracking on a second order.
      order({ at: AS_OF - 50 * DAY, promiseDays: 3, ship: { afterHours: 5, pickupAfterHours: 10, deliveredAfterHours: 70, exceptions: [["FAILURE", 50]] } }),
      order({ at: AS_OF - 20 * DAY, promiseDays: 3, ship: { afterHours: 5, carrier: null } }),
      // Pickup: not a shipment.
      order({ at: AS_OF - 10 * DAY, shippingSpeed: "pickup" }),
    ];
    const v = monthlyVolumes(buildJourneyTable(orders, AS_OF));
    expect(v.months).toBe(12);
    expect(v.totals).toMatchObject({ shipments: 5, late: 2, late3PlusDays: 1, carrierDelay: 1, missedAttempt: 1, failedDelivery: 1, noTracking: 1, returns: 1 });
    expect(v.perMonth.late).toBeCloseTo(2 / 12, 12);
  });

  it("covers only the history there is, and is empty without shipments", () => {
    const v = monthlyVolumes(buildJourneyTable([order({ at: AS_OF - (365.25 / 12) * 3 * DAY, promiseDays: 3, ship: { afterHours: 5 } })], AS_OF));
    expect(v.months).toBeCloseTo(3, 10);
    expect(v.perMonth.shipments).toBeCloseTo(1 / 3, 10);
    const none = monthlyVolumes(buildJourneyTable([], AS_OF));
    expect(none.months).toBe(0);
    expect(none.perMonth.late).toBeNull();
  });
});
