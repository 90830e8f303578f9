/**
 * Environment, read and validated once at start-up. A missing or malformed value stops the
 * server with a message naming the variable and what is expected.
 */
import { z } from "zod";
import { databaseKind } from "../prisma/database-url";

const csv = z
  .string()
  .min(1)
  .transform((s) => s.split(",").map((x) => x.trim()).filter(Boolean));

const EnvSchema = z
  .object({
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    SHOPIFY_API_KEY: z.string().min(1, "the app's client id from the Partner Dashboard (or `shopify app env show`)"),
    SHOPIFY_API_SECRET: z.string().min(1, "the app's client secret from the Partner Dashboard"),
    SHOPIFY_APP_URL: z.url("the public https URL the app is served on (the Shopify CLI sets it in `shopify app dev`)"),
    SCOPES: csv.optional(),
    DATABASE_URL: z
      .string()
      .default("file:./prisma/dev.sqlite")
      .refine(
        (u) => {
          try {
            databaseKind(u);
            return true;
          } catch {
            return false;
          }
        },
        { message: 'must start with "file:" (SQLite) or "postgresql://" (PostgreSQL)' },
      ),
    SHOP_CUSTOM_DOMAIN: z.string().optional(),
    /** Serves /demo with a generated store and no Shopify login. Never allowed in production. */
    DEMO_MODE: z
      .enum(["0", "1", "true", "false"])
      .default("0")
      .transform((v) => v === "1" || v === "true"),
  })
  .superRefine((env, ctx) => {
    if (env.DEMO_MODE && env.NODE_ENV === "production") {
      ctx.addIssue({
        code: "custom",
        path: ["DEMO_MODE"],
        message: "demo mode serves data without authentication and cannot be enabled when NODE_ENV=production",
      });
    }
  });

export type Env = z.infer<typeof EnvSchema>;

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = EnvSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  - ${i.path.join(".") || "(env)"}: ${i.message}`);
    throw new Error(`Invalid environment configuration:\n${lines.join("\n")}\nSee README.md → Configuration.`);
  }
  return result.data;
}

let cached: Env | undefined;
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
