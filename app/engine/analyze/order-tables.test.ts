import { describe, expect, it } from "vitest";
import type { Order } from "../types";
import { at, DAY, HOUR, order } from "../testing/order-builder";
import { buildJourneyTable } from "../journey/journey-table";
import { buildOrderRows } from "../journey/order-rows";
import { OrderTablesBuilder } from "./order-tables";

const AS_OF = at("2025-06-01");

/** 2,500 orders: more than the builders' initial capacity, so streaming has to grow every column. */
function orders(): Order[] {
  const out: Order[] = [];
  for (let i = 0; i < 2500; i++) {
    const o = order({
        id: `o${i}`,
        customer: i % 9 === 0 ? null : `c${i % 700}`,
        at: AS_OF - (i % 400) * DAY - 3 * HOUR,
        total: 20 + (i % 37),
        channel: i % 5 === 0 ? "Shop" : "Online Store",
        promiseDays: 3,
        ship: i % 13 === 0 ? undefined : { afterHours: 10, carrier: i % 2 ? "UPS" : "DHL", deliveredAfterHours: 50 + (i % 60) },
      });
    if (i % 17 === 0) o.returns = [{ createdAt: o.createdAt + HOUR, reasons: ["Arrived damaged"] }];
    out.push(o);
  }
  return out;
}

describe("OrderTablesBuilder", () => {
  it("streamed without a size hint, builds the same tables as the array builders", () => {
    const input = orders();
    const b = new OrderTablesBuilder(AS_OF);
    for (const o of input) b.add(o);
    const { table, rows, inputOrders } = b.finish();
    expect(inputOrders).toBe(2500);
    const expectedTable = buildJourneyTable(input, AS_OF);
    const expectedRows = buildOrderRows(input, AS_OF);
    expect(table.size).toBe(2500);
    expect({ ...table }).toEqual({ ...expectedTable });
    expect({ ...rows }).toEqual({ ...expectedRows });
    expect(table.returnReasons.get("Arrived damaged")).toBe(148); // i = 0, 17, …, 2499
  });

  it("keeps the newest copy in the row where the id first appeared", () => {
    const a = order({ id: "x", customer: "c1", at: AS_OF - 10 * DAY, total: 10, updatedAt: AS_OF - 10 * DAY });
    const b = order({ id: "y", customer: "c2", at: AS_OF - 9 * DAY, total: 20 });
    const newer = { ...a, totalPrice: 30, customerId: "c3", updatedAt: AS_OF - 5 * DAY };
    const builder = new OrderTablesBuilder(AS_OF);
    for (const o of [a, b, newer, a]) builder.add(o);
    const { rows, inputOrders } = builder.finish();
    expect(inputOrders).toBe(4);
    expect(rows.size).toBe(2);
    expect(rows.totalPrice[0]).toBe(30);
    expect(rows.customerIds[rows.customer[0]]).toBe("c3");
    expect(rows.totalPrice[1]).toBe(20);
  });
});
