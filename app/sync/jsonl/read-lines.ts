/**
 * Splits a byte or text stream into lines, numbered from 1, without holding more than one chunk
 * plus one partial line: memory does not depend on the file size. Lines come in arrays (one per
 * chunk) because an await per line costs more than parsing it on a million-line file.
 */
import { StringDecoder } from "node:string_decoder";

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
  const decoder = new StringDecoder("utf8");
  let partial = "";
  let next = 1;
  for await (const chunk of input as AsyncIterable<Chunk>) {
    const text = partial + (typeof chunk === "string" ? chunk : decoder.write(chunk));
    const parts = text.split("\n");
    partial = parts.pop()!;
    if (partial.length > maxLineChars) throw new LineTooLongError(next + parts.length, maxLineChars);
    if (parts.length === 0) continue;
    for (let i = 0; i < parts.length; i++) if (parts[i].endsWith("\r")) parts[i] = parts[i].slice(0, -1);
    yield { firstLine: next, lines: parts };
    next += parts.length;
  }
  const rest = partial + decoder.end();
  if (rest.length > 0) yield { firstLine: next, lines: [rest.endsWith("\r") ? rest.slice(0, -1) : rest] };
}

/** One line at a time, with its number. */
export async function* readLines(input: AsyncIterable<Chunk> | Iterable<Chunk>, maxLineChars = MAX_LINE_CHARS): AsyncGenerator<{ line: number; text: string }> {
  for await (const batch of readLineBatches(input, maxLineChars)) {
    for (let i = 0; i < batch.lines.length; i++) yield { line: batch.firstLine + i, text: batch.lines[i] };
  }
}
