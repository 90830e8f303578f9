import { describe, expect, it } from "vitest";
import { createLatestWriter } from "./latest-writer";

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe("createLatestWriter", () => {
  it("writes one value at a time and skips values superseded while a write was in flight", async () => {
    const gates: Array<ReturnType<typeof deferred>> = [];
    const written: number[] = [];
    const writer = createLatestWriter<number>(async (value) => {
      written.push(value);
      const gate = deferred();
      gates.push(gate);
      await gate.promise;
    });
    writer.push(1);
    writer.push(2);
    writer.push(3);
    expect(written).toEqual([1]);
    gates[0].resolve();
    await Promise.resolve();
    await Promise.resolve();
    expect(written).toEqual([1, 3]);
    gates[1].resolve();
    await writer.idle();
    expect(written).toEqual([1, 3]);
  });

  it("keeps writing after a failed write", async () => {
    const written: number[] = [];
    const writer = createLatestWriter<number>(async (value) => {
      written.push(value);
      if (value === 1) throw new Error("refused");
    });
    writer.push(1);
    await writer.idle();
    writer.push(2);
    await writer.idle();
    expect(written).toEqual([1, 2]);
  });
});
