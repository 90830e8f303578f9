import { describe, expect, it } from "vitest";
import { parseMarkdown } from "./MarkdownView";

describe("plan Markdown subset", () => {
  it("reads headings, paragraphs, lists and tables (with escaped pipes)", () => {
    const md = ["# Plan", "", "First line", "continues.", "", "- one", "- **two**", "", "| A | B |", "| --- | --- |", "| 1 | x \\| y |", "| 2 | z |", "", "## Next"].join("\n");
    expect(parseMarkdown(md)).toEqual([
      { kind: "heading", level: 1, text: "Plan" },
      { kind: "paragraph", text: "First line continues." },
      { kind: "list", items: ["one", "**two**"] },
      { kind: "table", head: ["A", "B"], rows: [["1", "x | y"], ["2", "z"]] },
      { kind: "heading", level: 2, text: "Next" },
    ]);
  });
});
