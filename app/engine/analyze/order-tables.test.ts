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

  it("hands the consumer every written order in the order added, older copies skipped, across batches and by finish", () => {
    // 300 adds (several batches, the last one partial) of 120 ids: copies come back newer, older or equal.
    const adds: Order[] = [];
    for (let i = 0; i < 300; i++) {
      const id = i % 120;
      const version = i < 120 ? 10 : (i * 7919) % 3 === 0 ? 5 : (i * 7919) % 3 === 1 ? 10 : 20 + i;
      adds.push(order({ id: `o${id}`, customer: id % 4 === 0 ? null : `c${id % 30}`, at: AS_OF - DAY, updatedAt: AS_OF - 100 * DAY + version }));
    }
    const seen: [string, number, number][] = [];
    const builder = new OrderTablesBuilder(AS_OF, 0, (o, row, customer) => seen.push([o.id, row, customer]));
    for (const o of adds) builder.add(o);
    const { rows, inputOrders } = builder.finish();
    // The same decisions made one order at a time.
    const newest = new Map<string, number>();
    const rowOf = new Map<string, number>();
    const customers: string[] = [];
    const expected: [string, number, number][] = [];
    for (const o of adds) {
      const last = newest.get(o.id);
      if (last !== undefined && last > o.updatedAt) continue;
      newest.set(o.id, o.updatedAt);
      if (!rowOf.has(o.id)) rowOf.set(o.id, rowOf.size);
      let code = -1;
      if (o.customerId !== null) {
        code = customers.indexOf(o.customerId);
        if (code < 0) code = customers.push(o.customerId) - 1;
      }
      expected.push([o.id, rowOf.get(o.id)!, code]);
    }
    expect(seen).toEqual(expected);
    expect(inputOrders).toBe(300);
    expect(rows.customerIds).toEqual(customers);
  });
});
