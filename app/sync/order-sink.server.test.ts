import { describe, expect, it } from "vitest";
import type { OrderRow, OrderWriter } from "../data/order-writer.server";
import { order } from "../../test/order-fixture";
import { MAX_UNSETTLED, OrderSink, WRITES_IN_FLIGHT } from "./order-sink.server";

/** A writer whose upserts finish when the test says so, or at once (`instant`). */
function heldWriter(instant = false) {
  const held: Array<{ rows: OrderRow[]; finish: () => void; fail: (e: Error) => void }> = [];
  const writer: OrderWriter = {
    upsert: (rows) => (instant ? Promise.resolve(rows.length) : new Promise<number>((resolve, reject) => held.push({ rows, finish: () => resolve(rows.length), fail: reject }))),
    read: async () => new Map(),
    close: async () => undefined,
  };
  return { writer, held };
}

/** Guest orders: no customer, so no hooks run and no database is needed beyond the sink's start-up reads. */
const guestOrder = (i: number) => ({ name: `#${i}`, order: order({ id: `gid://shopify/Order/sink${i}`, customerId: null }) });
/** Whether `p` settles within `ms` (generous where it should: the sink's first commit reads the database). */
const settled = async <T>(p: Promise<T>, ms: number) => Promise.race([p.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), ms))]);
const returns = <T>(p: Promise<T>) => settled(p, 5000);
const waits = async <T>(p: Promise<T>) => !(await settled(p, 100));

describe("OrderSink pipelining", () => {
  it(`keeps up to ${WRITES_IN_FLIGHT} writes in flight and reports checkpoints in batch order, once stored`, async () => {
    const { writer, held } = heldWriter();
    const sink = new OrderSink("sink-pipeline.myshopify.com", "test", new Date(0), 1, writer);
    const done: number[] = [];
    const commitBatch = (i: number) => {
      sink.add(guestOrder(i));
      return sink.commit(() => void done.push(i));
    };
    // The first commits return while nothing is written: parsing goes on.
    for (let i = 1; i <= WRITES_IN_FLIGHT; i++) expect(await returns(commitBatch(i))).toBe(true);
    expect(held).toHaveLength(WRITES_IN_FLIGHT);
    // One more waits until the oldest batch is written…
    const blocked = commitBatch(WRITES_IN_FLIGHT + 1);
    expect(await waits(blocked)).toBe(true);
    // …and a later batch written first is not reported before the earlier one.
    held[1].finish();
    expect(await waits(blocked)).toBe(true);
    expect(done).toEqual([]);
    held[0].finish();
    expect(await returns(blocked)).toBe(true);
    held[2].finish();
    await sink.flush();
    // Batches stored together are reported together: by the latest checkpoint, in order.
    expect(done.length).toBeGreaterThan(0);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(done.at(-1)).toBe(3);
    expect(sink.recordsWritten).toBe(3);
    await sink.close();
  });

  it(`lets at most ${MAX_UNSETTLED} batches wait for their side effects`, async () => {
    const { writer } = heldWriter(true);
    const sink = new OrderSink("sink-lag.myshopify.com", "test", new Date(0), 1, writer);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const done: number[] = [];
    const commitBatch = (i: number) => {
      sink.add(guestOrder(i));
      return sink.commit(async () => {
        done.push(i);
        if (i === 1) await gate; // a slow checkpoint holds every later batch's side effects
      });
    };
    for (let i = 1; i <= MAX_UNSETTLED; i++) expect(await returns(commitBatch(i)), `batch ${i}`).toBe(true);
    const blocked = commitBatch(MAX_UNSETTLED + 1);
    expect(await waits(blocked)).toBe(true);
    release();
    expect(await returns(blocked)).toBe(true);
    await sink.flush();
    expect(done[0]).toBe(1);
    expect(done.at(-1)).toBe(MAX_UNSETTLED + 1);
    // The batches that waited were reported in one go, by the latest of them.
    expect(done.length).toBeLessThan(MAX_UNSETTLED + 1);
    await sink.close();
  });

  it("surfaces a failed write at a later commit or flush, and reports no batch after it", async () => {
    const { writer, held } = heldWriter();
    const sink = new OrderSink("sink-failure.myshopify.com", "test", new Date(0), 1, writer);
    const done: number[] = [];
    for (let i = 1; i <= WRITES_IN_FLIGHT; i++) {
      sink.add(guestOrder(i));
      await sink.commit(() => void done.push(i));
    }
    held[0].fail(new Error("disk full"));
    held[1].finish();
    await expect(sink.flush()).rejects.toThrow("disk full");
    sink.add(guestOrder(9));
    await expect(sink.commit(() => void done.push(9))).rejects.toThrow("disk full");
    expect(done).toEqual([]);
    await sink.close();
  });
});
