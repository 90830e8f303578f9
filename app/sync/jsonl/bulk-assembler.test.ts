import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BulkAssembler, type AssemblyRejection, type BulkGroup, type JsonObject } from "./bulk-assembler";

function run(nodes: JsonObject[], options?: ConstructorParameters<typeof BulkAssembler>[0]) {
  const assembler = new BulkAssembler(options);
  const done: BulkGroup[] = [];
  const rejected: AssemblyRejection[] = [];
  const resume: number[] = [];
  nodes.forEach((node, i) => {
    assembler.push({ line: i + 1, node }, done, rejected);
    resume.push(assembler.safeResumeLine(i + 2));
  });
  assembler.finish(done, rejected);
  const shape = Object.fromEntries(done.map((g) => [g.root.node.id as string, g.descendants.map((d) => d.node.id as string).sort()]));
  return { done, rejected, shape, resume };
}

const order = (n: number) => ({ id: `gid://shopify/Order/${n}` });
const item = (n: number, parent: number) => ({ id: `gid://shopify/LineItem/${n}`, __parentId: `gid://shopify/Order/${parent}` });
const ret = (n: number, parent: number) => ({ id: `gid://shopify/Return/${n}`, __parentId: `gid://shopify/Order/${parent}` });
const retItem = (n: number, parent: number) => ({ id: `gid://shopify/ReturnLineItem/${n}`, __parentId: `gid://shopify/Return/${parent}` });

describe("BulkAssembler", () => {
  it("joins children and grandchildren by __parentId, not by line order", () => {
    const { shape, rejected } = run([order(1), order(2), item(10, 1), ret(20, 2), item(11, 2), retItem(30, 20), item(12, 1)]);
    expect(rejected).toEqual([]);
    expect(shape).toEqual({
      "gid://shopify/Order/1": ["gid://shopify/LineItem/10", "gid://shopify/LineItem/12"],
      "gid://shopify/Order/2": ["gid://shopify/LineItem/11", "gid://shopify/Return/20", "gid://shopify/ReturnLineItem/30"],
    });
  });

  it("holds children that arrive before their parent (and their own children) until it comes", () => {
    const { shape, rejected } = run([retItem(30, 20), ret(20, 1), item(10, 1), order(1)]);
    expect(rejected).toEqual([]);
    expect(shape).toEqual({ "gid://shopify/Order/1": ["gid://shopify/LineItem/10", "gid://shopify/Return/20", "gid://shopify/ReturnLineItem/30"] });
  });

  it("keeps at most `window` groups open; a child after its group was emitted is rejected with its line", () => {
    const { done, rejected } = run([order(1), order(2), order(3), item(10, 1)], { window: 2 });
    expect(done.map((g) => g.root.line)).toEqual([1, 2, 3]);
    expect(rejected).toEqual([{ line: 4, field: "__parentId", reason: "parent gid://shopify/Order/1 is not in the file (or came more than 2 records earlier)" }]);
  });

  it("bounds the orphan buffer: the oldest orphan is rejected when it overflows", () => {
    const { rejected, shape } = run([item(10, 7), item(11, 8), item(12, 9), order(8), order(9)], { orphanLimit: 2 });
    expect(rejected).toEqual([{ line: 1, field: "__parentId", reason: "parent gid://shopify/Order/7 not seen within 2 child lines" }]);
    expect(shape).toEqual({ "gid://shopify/Order/8": ["gid://shopify/LineItem/11"], "gid://shopify/Order/9": ["gid://shopify/LineItem/12"] });
  });

  it("rejects a second root with the same id", () => {
    expect(run([order(1), order(1)]).rejected).toEqual([{ line: 2, field: "id", reason: "duplicate object gid://shopify/Order/1 (already on line 1)" }]);
  });

  it("the resume line never passes a line still held", () => {
    const { resume } = run([order(1), item(10, 1), item(99, 5), order(2), order(5)], { window: 1 });
    // After line 1 the open order 1 holds line 1; the orphan on line 3 holds line 3 until order 5 arrives.
    expect(resume).toEqual([1, 1, 1, 3, 5]);
  });

  it("memory stays bounded on a long file: open groups <= window, orphans <= limit (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(40), fc.boolean()), { minLength: 1, maxLength: 300 }), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 0, max: 5 }), (steps, window, orphanLimit) => {
        const assembler = new BulkAssembler({ window, orphanLimit });
        const done: BulkGroup[] = [];
        const rejected: AssemblyRejection[] = [];
        let line = 0;
        let seq = 0;
        for (const [n, isRoot] of steps) {
          const node = isRoot ? order(n + 1000 * seq++) : item(seq++, n);
          assembler.push({ line: ++line, node }, done, rejected);
          expect(assembler.openGroups).toBeLessThanOrEqual(window);
          expect(assembler.pendingOrphans).toBeLessThanOrEqual(orphanLimit);
        }
        assembler.finish(done, rejected);
        // Every line ends in exactly one place: a group (root or descendant) or a rejection.
        const placed = done.reduce((s, g) => s + 1 + g.descendants.length, 0) + rejected.length;
        expect(placed).toBe(line);
      }),
    );
  });
});
