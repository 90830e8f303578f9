/**
 * The admin page pattern (docs/decisions/0005): a page is one loader function taking the shop,
 * in app/data/<page>-page.server.ts, and one component with plain props in app/pages/<page>/.
 * The /app route authenticates through Shopify and the /demo route serves the generated store;
 * both wrap the same loader with these two helpers, so the routes stay a few lines each.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { authenticate } from "../shopify.server";
import { requireDemoMode } from "./demo.server";

export type ShopLoader<T> = (shop: string, args: LoaderFunctionArgs) => Promise<T>;

/** Embedded admin: session-token auth, then the page's loader for the session's shop. */
export const adminPage =
  <T>(load: ShopLoader<T>) =>
  async (args: LoaderFunctionArgs): Promise<T> => {
    const { session } = await authenticate.admin(args.request);
    return load(session.shop, args);
  };

/** Demo: the same loader on the generated shop (404 unless demo mode is on). */
export const demoPage =
  <T>(load: ShopLoader<T>) =>
  async (args: LoaderFunctionArgs): Promise<T> =>
    load(requireDemoMode(), args);
