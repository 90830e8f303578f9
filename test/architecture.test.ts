import { describe, expect, it } from "vitest";
import { ESLint } from "eslint";

const eslint = new ESLint();
async function problems(code: string, filePath: string) {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.map((m) => m.message);
}

describe("the analytics core stays pure (enforced by lint)", () => {
  it.each([
    ['import { PrismaClient } from "@prisma/client";', /must not touch the database/],
    ['import { authenticate } from "../shopify.server";', /must not import server modules/],
    ['import { ApiVersion } from "@shopify/shopify-api";', /must not depend on Shopify/],
    ['import { useState } from "react";', /must not depend on UI code/],
    ['import { readFileSync } from "node:fs";', /does no I\/O/],
  ])("rejects %s in app/engine", async (line, message) => {
    const found = await problems(`${line}\nexport const x = 1;\n`, "app/engine/metrics/example.ts");
    expect(found.join("\n")).toMatch(message);
  });

  it("rejects reading the clock in the engine and the demo generator", async () => {
    for (const file of ["app/engine/example.ts", "app/demo/example.ts"]) {
      const found = await problems("export const a = Date.now();\nexport const b = new Date();\n", file);
      expect(found.filter((m) => /No clock/.test(m))).toHaveLength(2);
    }
  });

  it("allows time passed in, and allows the same code outside the core", async () => {
    expect(await problems("export const at = (asOf: number) => new Date(asOf);\n", "app/engine/example.ts")).toEqual([]);
    expect(await problems("export const now = () => Date.now();\n", "app/services/example.server.ts")).toEqual([]);
  });
});
