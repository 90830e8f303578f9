/**
 * Demo mode: the admin pages on a generated store, outside Shopify and without login, for
 * evaluation. env.server.ts refuses DEMO_MODE when NODE_ENV=production, and every demo loader
 * calls requireDemoMode(), so production can never serve it.
 */
import { env } from "../env.server";

export const DEMO_SHOP = "second-order-demo.myshopify.com";

export function demoModeEnabled(): boolean {
  const e = env();
  return e.DEMO_MODE && e.NODE_ENV !== "production";
}

export function requireDemoMode(): string {
  if (!demoModeEnabled()) throw new Response("Not found", { status: 404 });
  return DEMO_SHOP;
}
