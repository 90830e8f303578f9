import fc from "fast-check";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { LineTooLongError, readLineBatches, readLines } from "./read-lines";

async function collect(input: Parameters<typeof readLines>[0], max?: number) {
  const out: { line: number; text: string }[] = [];
  for await (const l of readLines(input, max)) out.push(l);
  return out;
}

describe("readLines", () => {
  it("numbers lines from 1 across chunk boundaries, strips CR, keeps a last line without newline", async () => {
    expect(await collect(["{\"a\":", "1}\r\n{\"b\"", ":2}\n\n{\"c\":3}"])).toEqual([
      { line: 1, text: '{"a":1}' },
      { line: 2, text: '{"b":2}' },
      { line: 3, text: "" },
      { line: 4, text: '{"c":3}' },
    ]);
  });

  it("decodes UTF-8 characters split between byte chunks", async () => {
    const bytes = Buffer.from("Zoë→ü\nnext\n", "utf8");
    const chunks = [...bytes].map((b) => Uint8Array.of(b));
    expect(await collect(chunks)).toEqual([
      { line: 1, text: "Zoë→ü" },
      { line: 2, text: "next" },
    ]);
  });

  it("strips a CR that ends one byte chunk when the LF starts the next, and copies bytes a stream reuses", async () => {
    async function* reusing() {
      const buffer = Buffer.from("ab\r");
      yield buffer;
      buffer.fill(0x7a); // a stream may refill its buffer once the chunk is consumed
      yield Buffer.from("\ncd\r\nlast");
    }
    expect((await collect(reusing())).map((l) => l.text)).toEqual(["ab", "cd", "last"]);
  });

  it("refuses a byte line longer than the limit in characters, not bytes", async () => {
    await expect(collect([Buffer.from("ok\n"), Buffer.from("x".repeat(150))], 100)).rejects.toThrow(/line 2 is longer than 100/);
    expect((await collect([Buffer.from("é".repeat(80) + "\n")], 100)).map((l) => l.text.length)).toEqual([80]);
  });

  it("reads a Node stream", async () => {
    expect((await collect(Readable.from([Buffer.from("x\ny\n")]))).map((l) => l.text)).toEqual(["x", "y"]);
  });

  it("whatever the chunking, yields the same lines (property)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.string({ unit: "grapheme" }).map((s) => s.replace(/[\r\n]/g, "")), { maxLength: 20 }), fc.array(fc.nat(30), { maxLength: 10 }), async (lines, cuts) => {
        const text = lines.map((l) => `${l}\n`).join("");
        const bytes = Buffer.from(text, "utf8");
        const chunks: Uint8Array[] = [];
        let at = 0;
        for (const c of cuts) {
          chunks.push(bytes.subarray(at, Math.min(bytes.length, at + c)));
          at = Math.min(bytes.length, at + c);
        }
        chunks.push(bytes.subarray(at));
        expect((await collect(chunks)).map((l) => l.text)).toEqual(lines);
      }),
    );
  });

  it("refuses a line longer than the limit, naming it, instead of buffering without end", async () => {
    await expect(collect(["ok\n", "x".repeat(50), "y".repeat(60)], 100)).rejects.toThrow(LineTooLongError);
    await expect(collect(["ok\n", "x".repeat(200)], 100)).rejects.toThrow(/line 2 is longer than 100/);
  });

  it("gives one batch per chunk", async () => {
    const batches = [];
    for await (const b of readLineBatches(["a\nb\n", "c\n"])) batches.push(b);
    expect(batches).toEqual([
      { firstLine: 1, lines: ["a", "b"] },
      { firstLine: 3, lines: ["c"] },
    ]);
  });
});
