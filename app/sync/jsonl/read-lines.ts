/**
 * Splits a byte or text stream into lines, numbered from 1, without holding more than one chunk
 * plus one partial line: memory does not depend on the file size. Lines come in arrays (one per
 * chunk) because an await per line costs more than parsing it on a million-line file.
 *
 * Byte chunks are split on the newline byte (never part of a multi-byte UTF-8 character) and each
 * line is decoded on its own: an ASCII line then becomes a one-byte string, which JSON.parse reads
 * faster than a slice of a chunk-wide string (one "é" makes a whole decoded chunk two-byte).
 * Decoding, splitting and parsing take ~30% less time than with a chunk-wide decoder.
 */
export type Chunk = string | Uint8Array;

export interface LineBatch {
  /** Number of the first line in `lines` (1-based). */
  firstLine: number;
  lines: string[];
}

export class LineTooLongError extends Error {
  constructor(readonly line: number, readonly limit: number) {
    super(`line ${line} is longer than ${limit} characters: not a JSONL/CSV file, or a record is corrupt`);
    this.name = "LineTooLongError";
  }
}

/** A bulk order line is a few KB; anything near this is not one record. */
export const MAX_LINE_CHARS = 16 * 1024 * 1024;

export async function* readLineBatches(input: AsyncIterable<Chunk> | Iterable<Chunk>, maxLineChars = MAX_LINE_CHARS): AsyncGenerator<LineBatch> {
  let partial = ""; // text of the unfinished line (string chunks)
  const carry: Buffer[] = []; // bytes of the unfinished line (byte chunks), after `partial`
  let carried = 0;
  let next = 1;
  /** The unfinished line, completed by `tail`. */
  const finishLine = (tail: Buffer): string => {
    const bytes = carry.length ? Buffer.concat([...carry, tail]) : tail;
    const text = partial + bytes.toString("utf8");
    carry.length = 0;
    carried = 0;
    partial = "";
    return text;
  };
  for await (const chunk of input as AsyncIterable<Chunk>) {
    if (typeof chunk === "string") {
      const parts = (finishLine(EMPTY) + chunk).split("\n");
      partial = parts.pop()!;
      if (partial.length > maxLineChars) throw new LineTooLongError(next + parts.length, maxLineChars);
      if (parts.length === 0) continue;
      for (let i = 0; i < parts.length; i++) if (parts[i].endsWith("\r")) parts[i] = parts[i].slice(0, -1);
      yield { firstLine: next, lines: parts };
      next += parts.length;
      continue;
    }
    const bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const lines: string[] = [];
    let start = 0;
    for (let end = bytes.indexOf(10); end >= 0; end = bytes.indexOf(10, start)) {
      if (start === 0) {
        const text = finishLine(bytes.subarray(0, end));
        lines.push(text.endsWith("\r") ? text.slice(0, -1) : text);
      } else {
        lines.push(bytes.toString("utf8", start, bytes[end - 1] === 13 && end > start ? end - 1 : end));
      }
      start = end + 1;
    }
    if (start < bytes.length) {
      carry.push(Buffer.from(bytes.subarray(start))); // a copy: a stream may reuse its buffer
      carried += bytes.length - start;
      // 1-4 bytes a character: count characters only once the bytes could exceed the limit.
      if (carried > maxLineChars && partial.length + Buffer.concat(carry).toString("utf8").length > maxLineChars) {
        throw new LineTooLongError(next + lines.length, maxLineChars);
      }
    }
    if (lines.length === 0) continue;
    yield { firstLine: next, lines };
    next += lines.length;
  }
  const rest = finishLine(EMPTY);
  if (rest.length > 0) yield { firstLine: next, lines: [rest.endsWith("\r") ? rest.slice(0, -1) : rest] };
}

const EMPTY = Buffer.alloc(0);

/** One line at a time, with its number. */
export async function* readLines(input: AsyncIterable<Chunk> | Iterable<Chunk>, maxLineChars = MAX_LINE_CHARS): AsyncGenerator<{ line: number; text: string }> {
  for await (const batch of readLineBatches(input, maxLineChars)) {
    for (let i = 0; i < batch.lines.length; i++) yield { line: batch.firstLine + i, text: batch.lines[i] };
  }
}
