/**
 * A stand-in for the `shopify` global of the customer account profile target (API 2026-07),
 * typed with the real API so it cannot drift, plus a stand-in for the Customer Account API that
 * `fetch("shopify://customer-account/api/…")` reaches: it keeps the customer's metafields, answers
 * the extension's query and applies `metafieldsSet` as Shopify does (value stored as sent,
 * compare-and-set on `compareDigest`: null means "must not exist yet"; STALE_OBJECT otherwise).
 */
import type { Api } from "@shopify/ui-extensions/customer-account.profile.block.render";
import { vi } from "vitest";
import { subscribable, translator } from "../../../delivery-preferences/src/testing/shopify-stub";
import en from "../../locales/en.default.json";

export const CUSTOMER_ID = "gid://shopify/Customer/8801";

export function createAccountStub({ signedIn = true } = {}) {
  const stub = {
    extension: { target: "customer-account.profile.block.render" as const, apiVersion: "2026-07" as const },
    authenticatedAccount: {
      customer: subscribable<{ id: string } | undefined>(signedIn ? { id: CUSTOMER_ID } : undefined),
      purchasingCompany: subscribable(undefined),
    },
    i18n: {
      translate: vi.fn(translator(en)),
      formatDate: vi.fn((date: Date, options?: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat("en", { ...options, timeZone: "UTC" }).format(date)),
    } satisfies Pick<Api["i18n"], "formatDate"> & { translate: unknown },
    toast: { show: vi.fn(async (_message: string) => ({ hide: () => undefined })) } satisfies Api["toast"],
  };
  return stub;
}

export type AccountStub = ReturnType<typeof createAccountStub>;

export function installShopify(stub: AccountStub): AccountStub {
  (globalThis as unknown as { shopify: AccountStub }).shopify = stub;
  return stub;
}

export function uninstallShopify(): void {
  delete (globalThis as unknown as { shopify?: AccountStub }).shopify;
}

interface MetafieldInput {
  ownerId: string;
  namespace: string;
  key: string;
  type: string;
  value: string;
  compareDigest?: string | null;
}

/** Any stable digest of the value will do for the stand-in (Shopify's is opaque to the client). */
function digestOf(value: string): string {
  let h = 0;
  for (let i = 0; i < value.length; i++) h = (Math.imul(h, 31) + value.charCodeAt(i)) | 0;
  return `d${(h >>> 0).toString(16)}-${value.length}`;
}

/** The Customer Account API as the extension sees it, for one signed-in customer. */
export function createCustomerAccountApi(customerId = CUSTOMER_ID) {
  const metafields = new Map<string, string>();
  const calls: Array<{ operation: string; variables: Record<string, unknown> }> = [];
  const state = { failNext: null as null | "network" | "user_error", beforeNextWrite: null as null | (() => void) };
  const fetchImpl = vi.fn(async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = String(input);
    if (!url.startsWith("shopify://customer-account/api/2026-07/graphql.json")) return new Response("not found", { status: 404 });
    const { query, variables = {} } = JSON.parse(String(init?.body)) as { query: string; variables?: Record<string, unknown> };
    const operation = /^(query|mutation)\s+(\w+)/.exec(query.trim())?.[2] ?? "anonymous";
    calls.push({ operation, variables });
    const failure = state.failNext;
    state.failNext = null;
    if (failure === "network") throw new TypeError("Failed to fetch");
    if (/^query/.test(query.trim())) {
      const value = metafields.get(`${customerId}|${variables.namespace}|${variables.key}`);
      return Response.json({ data: { customer: { id: customerId, metafield: value === undefined ? null : { value, compareDigest: digestOf(value) } } } });
    }
    const staged = state.beforeNextWrite;
    state.beforeNextWrite = null;
    staged?.();
    const inputs = variables.metafields as MetafieldInput[];
    const error = (code: string, message: string) => Response.json({ data: { metafieldsSet: { metafields: null, userErrors: [{ field: ["metafields", "0"], message, code }] } } });
    if (failure === "user_error" || inputs.some((m) => m.ownerId !== customerId)) return error("APP_NOT_AUTHORIZED", "Access denied");
    for (const m of inputs) {
      if (!("compareDigest" in m)) continue;
      const current = metafields.get(`${m.ownerId}|${m.namespace}|${m.key}`);
      if ((current === undefined ? null : digestOf(current)) !== m.compareDigest) return error("STALE_OBJECT", "The metafield was changed since it was loaded.");
    }
    for (const m of inputs) metafields.set(`${m.ownerId}|${m.namespace}|${m.key}`, m.value);
    return Response.json({ data: { metafieldsSet: { metafields: inputs.map((m) => ({ compareDigest: digestOf(m.value) })), userErrors: [] } } });
  });
  return {
    fetchImpl: fetchImpl as unknown as typeof fetch,
    calls,
    state,
    saved(): unknown {
      const v = metafields.get(`${customerId}|$app|delivery_preferences`);
      return v === undefined ? null : JSON.parse(v);
    },
    seed(value: unknown) {
      metafields.set(`${customerId}|$app|delivery_preferences`, typeof value === "string" ? value : JSON.stringify(value));
    },
  };
}
