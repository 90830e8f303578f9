import { describe, expect, it } from "vitest";
import { parseEnv } from "../app/env.server";

const valid = {
  SHOPIFY_API_KEY: "key",
  SHOPIFY_API_SECRET: "secret",
  SHOPIFY_APP_URL: "https://app.example.com",
};

describe("environment validation", () => {
  it("accepts a minimal configuration and applies defaults", () => {
    const env = parseEnv(valid);
    expect(env.DATABASE_URL).toBe("file:./prisma/dev.sqlite");
    expect(env.NODE_ENV).toBe("development");
    expect(env.DEMO_MODE).toBe(false);
  });

  it("names every missing variable and what it is for", () => {
    expect(() => parseEnv({})).toThrowError(/SHOPIFY_API_KEY[\s\S]*SHOPIFY_API_SECRET[\s\S]*SHOPIFY_APP_URL/);
  });

  it("rejects a malformed app URL and an unknown database", () => {
    expect(() => parseEnv({ ...valid, SHOPIFY_APP_URL: "not a url" })).toThrowError(/SHOPIFY_APP_URL/);
    expect(() => parseEnv({ ...valid, DATABASE_URL: "mysql://x" })).toThrowError(/DATABASE_URL: must start with "file:"/);
  });

  it("splits scopes", () => {
    expect(parseEnv({ ...valid, SCOPES: "read_orders, write_customers" }).SCOPES).toEqual(["read_orders", "write_customers"]);
  });

  it("refuses demo mode in production", () => {
    expect(parseEnv({ ...valid, DEMO_MODE: "1", NODE_ENV: "development" }).DEMO_MODE).toBe(true);
    expect(() => parseEnv({ ...valid, DEMO_MODE: "1", NODE_ENV: "production" })).toThrowError(
      /DEMO_MODE: demo mode .* cannot be enabled when NODE_ENV=production/,
    );
  });
});
