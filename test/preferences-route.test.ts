/**
 * POST /api/checkout/preferences end to end: a real checkout session token, the real route and
 * shopify-app-remix authentication, and a local Admin API that runs the documents on the pinned
 * schema (test/preferences-admin-stub.ts).
 */
import { createHmac, randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parse, validate } from "graphql";
import { adminSchema } from "./admin-schema";
import { AdminStub } from "./preferences-admin-stub";
import { seedOfflineSession, settle } from "./helpers";
import { PREFERENCE_TARGET_QUERY, SET_PREFERENCES_MUTATION } from "../app/services/preferences-metafields.server";
import type { DeliveryPreferences } from "../extensions/delivery-preferences/src/preferences";
// Types only: the modules themselves load after fetch is routed to the stand-in (see beforeAll).
import type * as RouteModule from "../app/routes/api.checkout.preferences";
import type PrismaClient from "../app/db.server";

const shop = "preferences-route.myshopify.com";
const stub = new AdminStub();
const realFetch = globalThis.fetch;
let route: typeof RouteModule;
let prisma: typeof PrismaClient;

/** A checkout extension session token: `dest` is the shop domain, `sub` the signed-in customer. */
function checkoutToken({ sub, secret = process.env.SHOPIFY_API_SECRET!, dest = shop }: { sub?: string; secret?: string; dest?: string } = {}) {
  const now = Math.floor(Date.now() / 1000);
  const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
  const head = enc({ alg: "HS256", typ: "JWT" });
  const body = enc({ iss: `https://${dest}`, dest, aud: process.env.SHOPIFY_API_KEY, ...(sub ? { sub } : {}), exp: now + 300, nbf: now - 5, iat: now - 5, jti: randomUUID() });
  return `${head}.${body}.${createHmac("sha256", secret).update(`${head}.${body}`).digest("base64url")}`;
}

const ORIGIN = "https://extensions.shopifycdn.com";
function post(body: unknown, token: string | null = checkoutToken({ sub: CUSTOMER })) {
  return new Request(new URL("/api/checkout/preferences", process.env.SHOPIFY_APP_URL), {
    method: "POST",
    headers: { Origin: ORIGIN, "Content-Type": "application/json", ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

async function send(req: Request): Promise<Response> {
  const r = await settle(route.action({ request: req, params: {}, context: {} }));
  return r as Response;
}

const CUSTOMER = "gid://shopify/Customer/7001";
const ORDER = "gid://shopify/Order/9001";
function answer(extra: Partial<DeliveryPreferences> = {}): DeliveryPreferences {
  return {
    speedVsCost: "speed",
    deliveryWindow: "evening",
    deliveryDays: null,
    notifications: "key_only",
    giftPackaging: true,
    giftNote: "Happy birthday!",
    answeredAt: new Date(Date.now() - 60_000).toISOString(),
    source: "thank_you",
    version: 1,
    ...extra,
  };
}

beforeAll(async () => {
  await stub.start();
  // Before the app loads: the Shopify API library keeps the fetch it finds at import.
  globalThis.fetch = stub.fetch(realFetch);
  route = await import("../app/routes/api.checkout.preferences");
  prisma = (await import("../app/db.server")).default;
  await seedOfflineSession(shop);
});

afterAll(async () => {
  globalThis.fetch = realFetch;
  await stub.stop();
});

beforeEach(async () => {
  stub.orders.clear();
  stub.metafields.clear();
  stub.requests.length = 0;
  stub.orders.set(ORDER, { id: ORDER, createdAt: new Date(Date.now() - 10 * 60_000).toISOString(), customerId: CUSTOMER });
  await prisma.preferenceAnswer.deleteMany({ where: { shop } });
  await prisma.customerPreference.deleteMany({ where: { shop } });
});

describe("GraphQL documents", () => {
  it("validate against the pinned Admin schema", () => {
    for (const doc of [PREFERENCE_TARGET_QUERY, SET_PREFERENCES_MUTATION]) expect(validate(adminSchema(), parse(doc))).toEqual([]);
  });
});

describe("POST /api/checkout/preferences", () => {
  it("answers the CORS preflight without a token", async () => {
    const r = await settle(route.loader({ request: new Request(new URL("/api/checkout/preferences", process.env.SHOPIFY_APP_URL), { method: "OPTIONS", headers: { Origin: ORIGIN } }), params: {}, context: {} }));
    expect((r as Response).status).toBe(204);
    expect((r as Response).headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect((r as Response).headers.get("Access-Control-Allow-Headers")).toContain("Authorization");
  });

  it("rejects a missing or forged token with 401, readable cross-origin", async () => {
    for (const token of [null, checkoutToken({ secret: "not-the-secret" })]) {
      const r = await send(post({ orderId: ORDER, preferences: answer() }, token));
      expect(r.status).toBe(401);
      expect(r.headers.get("Access-Control-Allow-Origin")).toBe("*");
    }
    expect(stub.requests).toHaveLength(0);
  });

  it("writes the order and (gift-free) customer metafields, and records the answer", async () => {
    const r = await send(post({ orderId: ORDER, preferences: answer() }));
    expect(r.status).toBe(200);
    expect(r.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect(await r.json()).toEqual({ ok: true, order: "written", customer: "written" });
    expect(stub.metafield(ORDER)).toEqual(answer({ answeredAt: (stub.metafield(ORDER) as DeliveryPreferences).answeredAt }));
    expect(stub.metafield(CUSTOMER)).toMatchObject({ speedVsCost: "speed", giftPackaging: null, giftNote: null, source: "thank_you" });
    expect(stub.requests.every((q) => q.path === "/admin/api/2026-10/graphql.json")).toBe(true);
    const set = stub.requests.find((q) => q.query.includes("metafieldsSet"));
    expect((set?.variables.metafields as Array<{ compareDigest: unknown }>).map((m) => m.compareDigest)).toEqual([null, null]);
    const stored = await prisma.customerPreference.findUnique({ where: { shop_customerId: { shop, customerId: CUSTOMER } } });
    expect(stored).toMatchObject({ speedVsCost: "speed", deliveryWindow: "evening", source: "thank_you", answers: 1, answeredOrders: 1 });
    const history = await prisma.preferenceAnswer.findMany({ where: { shop } });
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ orderId: ORDER, customerId: CUSTOMER, giftPackaging: true });
  });

  it("never overwrites the checkout's answer on the order", async () => {
    const checkout = answer({ source: "checkout", speedVsCost: "cost", answeredAt: new Date(Date.now() - 5 * 60_000).toISOString() });
    stub.setMetafield(ORDER, checkout);
    const r = await send(post({ orderId: ORDER, preferences: answer() }));
    expect(await r.json()).toMatchObject({ ok: true, order: "kept_checkout" });
    expect(stub.metafield(ORDER)).toEqual(checkout);
    expect(await prisma.preferenceAnswer.count({ where: { shop } })).toBe(0);
  });

  it("keeps a newer answer the customer already has and updates it with the digest otherwise", async () => {
    const newer = answer({ source: "customer_account", speedVsCost: "balanced", giftPackaging: null, giftNote: null, answeredAt: new Date(Date.now() - 1000).toISOString() });
    stub.setMetafield(CUSTOMER, newer);
    expect(await (await send(post({ orderId: ORDER, preferences: answer() }))).json()).toMatchObject({ order: "written", customer: "kept_newer" });
    expect(stub.metafield(CUSTOMER)).toEqual(newer);

    const older = answer({ answeredAt: new Date(Date.now() - 3_600_000).toISOString(), giftPackaging: null, giftNote: null });
    stub.setMetafield(CUSTOMER, older);
    stub.metafields.delete(`${ORDER}|$app|delivery_preferences`);
    await send(post({ orderId: ORDER, preferences: answer() }));
    const set = stub.requests.filter((q) => q.query.includes("metafieldsSet")).at(-1);
    const digests = (set?.variables.metafields as Array<{ ownerId: string; compareDigest: string | null }>).map((m) => [m.ownerId, m.compareDigest]);
    expect(digests[0]).toEqual([ORDER, null]);
    expect(digests[1][0]).toBe(CUSTOMER);
    expect(digests[1][1]).toMatch(/^[0-9a-f]{64}$/);
  });

  it("writes no customer metafield for a buyer the token does not vouch for", async () => {
    const r = await send(post({ orderId: ORDER, preferences: answer() }, checkoutToken()));
    expect(await r.json()).toMatchObject({ order: "written", customer: "not_verified" });
    expect(stub.metafield(CUSTOMER)).toBeNull();
  });

  it("refuses another customer's order, an unknown order and an old one", async () => {
    expect((await send(post({ orderId: ORDER, preferences: answer() }, checkoutToken({ sub: "gid://shopify/Customer/1" })))).status).toBe(403);
    expect((await send(post({ orderId: "gid://shopify/Order/404", preferences: answer() }))).status).toBe(404);
    stub.orders.set(ORDER, { id: ORDER, createdAt: new Date(Date.now() - 3 * 86_400_000).toISOString(), customerId: CUSTOMER });
    expect((await send(post({ orderId: ORDER, preferences: answer() }))).status).toBe(403);
    expect(stub.metafield(ORDER)).toBeNull();
  });

  it("reports a concurrent write as 409 and overwrites nothing", async () => {
    const interloper = answer({ speedVsCost: "cost", answeredAt: new Date(Date.now() - 120_000).toISOString() });
    // Another writer lands between the route's read and its write.
    stub.beforeNextWrite = () => stub.setMetafield(ORDER, interloper);
    const r = await send(post({ orderId: ORDER, preferences: answer() }));
    expect(r.status).toBe(409);
    expect(stub.metafield(ORDER)).toEqual(interloper);
    expect(stub.metafield(CUSTOMER)).toBeNull();
    expect(await prisma.preferenceAnswer.count({ where: { shop } })).toBe(0);
  });

  it("answers 502 with CORS headers when the shop has no offline session", async () => {
    const r = await send(post({ orderId: ORDER, preferences: answer() }, checkoutToken({ sub: CUSTOMER, dest: "not-installed.myshopify.com" })));
    expect(r.status).toBe(502);
    expect(r.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect(stub.requests).toHaveLength(0);
  });

  it("answers bad bodies with 400 and the field at fault", async () => {
    const cases: Array<[unknown, string]> = [
      ["{not json", "body"],
      [{ preferences: answer() }, "orderId"],
      [{ orderId: "9001", preferences: answer() }, "orderId"],
      [{ orderId: ORDER, preferences: answer({ speedVsCost: "fastest" as never }) }, "preferences.speedVsCost"],
      [{ orderId: ORDER, preferences: { ...answer(), extra: 1 } }, "preferences.extra"],
      [{ orderId: ORDER, preferences: answer({ source: "checkout" }) }, "preferences.source"],
      [{ orderId: ORDER, preferences: answer({ answeredAt: new Date(Date.now() + 86_400_000).toISOString() }) }, "preferences.answeredAt"],
    ];
    for (const [body, field] of cases) {
      const r = await send(post(body));
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.headers.get("Access-Control-Allow-Origin")).toBe("*");
      const json = (await r.json()) as { errors: Array<{ field: string; message: string }> };
      expect(json.errors.map((e) => e.field)).toContain(field);
    }
    expect(stub.requests).toHaveLength(0);
  });
});
