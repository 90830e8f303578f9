/**
 * Renders the plan's Markdown (headings, paragraphs, bullet lists, tables, **bold**) with Polaris
 * text styles, so the page and the downloaded file are the same document. Only this small
 * subset is supported: the engine's renderer writes nothing else, and no HTML passes through.
 */
import { Fragment, type ReactNode } from "react";
import { BlockStack, List, Text } from "@shopify/polaris";

type Block =
  | { kind: "heading"; level: number; text: string }
  | { kind: "paragraph"; text: string }
  | { kind: "list"; items: string[] }
  | { kind: "table"; head: string[]; rows: string[][] };

const splitRow = (line: string) =>
  line
    .replace(/^\|\s?/, "")
    .replace(/\s?\|$/, "")
    .split(/(?<!\\)\|/)
    .map((c) => c.trim().replace(/\\\|/g, "|"));

export function parseMarkdown(md: string): Block[] {
  const blocks: Block[] = [];
  const lines = md.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === "") continue;
    const h = /^(#{1,6})\s+(.*)$/.exec(line);
    if (h) {
      blocks.push({ kind: "heading", level: h[1].length, text: h[2] });
    } else if (line.startsWith("|")) {
      const head = splitRow(line);
      const rows: string[][] = [];
      i += 1; // the --- separator
      while (i + 1 < lines.length && lines[i + 1].startsWith("|")) rows.push(splitRow(lines[++i]));
      blocks.push({ kind: "table", head, rows });
    } else if (/^\s*[-*]\s+/.test(line)) {
      const items = [line.replace(/^\s*[-*]\s+/, "")];
      while (i + 1 < lines.length && /^\s*[-*]\s+/.test(lines[i + 1])) items.push(lines[++i].replace(/^\s*[-*]\s+/, ""));
      blocks.push({ kind: "list", items });
    } else {
      const text = [line];
      while (i + 1 < lines.length && lines[i + 1].trim() !== "" && !/^(#|\||\s*[-*]\s)/.test(lines[i + 1])) text.push(lines[++i]);
      blocks.push({ kind: "paragraph", text: text.join(" ") });
    }
  }
  return blocks;
}

/** **bold** spans; everything else is text. */
function inline(text: string): ReactNode {
  return text.split(/(\*\*[^*]+\*\*)/).map((part, i) =>
    part.startsWith("**") && part.endsWith("**") ? <b key={i}>{part.slice(2, -2)}</b> : <Fragment key={i}>{part}</Fragment>,
  );
}

const VARIANT = { 1: "headingXl", 2: "headingLg", 3: "headingMd" } as const;

export function MarkdownView({ markdown }: { markdown: string }) {
  return (
    <BlockStack gap="300">
      {parseMarkdown(markdown).map((b, i) => {
        switch (b.kind) {
          case "heading":
            return (
              <Text key={i} as={`h${Math.min(6, b.level + 1)}` as "h2"} variant={VARIANT[b.level as 1 | 2 | 3] ?? "headingSm"}>
                {b.text}
              </Text>
            );
          case "paragraph":
            return (
              <Text key={i} as="p">
                {inline(b.text)}
              </Text>
            );
          case "list":
            return (
              <List key={i} type="bullet">
                {b.items.map((item, j) => (
                  <List.Item key={j}>{inline(item)}</List.Item>
                ))}
              </List>
            );
          case "table":
            return (
              <div key={i} className="so-md-table">
                <table>
                  <thead>
                    <tr>
                      {b.head.map((h, j) => (
                        <th key={j} scope="col">
                          {inline(h)}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {b.rows.map((r, j) => (
                      <tr key={j}>
                        {r.map((c, k) => (
                          <td key={k}>{inline(c)}</td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            );
        }
      })}
    </BlockStack>
  );
}
