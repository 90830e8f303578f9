/** Requests as Shopify sends them: signed session tokens and HMAC-signed webhooks. */
import { createHmac, randomUUID } from "node:crypto";

const apiKey = () => process.env.SHOPIFY_API_KEY!;
const apiSecret = () => process.env.SHOPIFY_API_SECRET!;

const b64url = (s: string | Buffer) => Buffer.from(s).toString("base64url");

/** An App Bridge session token (HS256 JWT signed with the app secret), as the embedded admin sends. */
export function sessionToken(shop: string, { secret = apiSecret(), ttlSeconds = 60 } = {}): string {
  const now = Math.floor(Date.now() / 1000);
  const header = b64url(JSON.stringify({ alg: "HS256", typ: "JWT" }));
  const payload = b64url(
    JSON.stringify({
      iss: `https://${shop}/admin`,
      dest: `https://${shop}`,
      aud: apiKey(),
      sub: "42",
      exp: now + ttlSeconds,
      nbf: now - 5,
      iat: now - 5,
      jti: randomUUID(),
      sid: randomUUID(),
    }),
  );
  const signature = createHmac("sha256", secret).update(`${header}.${payload}`).digest("base64url");
  return `${header}.${payload}.${signature}`;
}

export function adminRequest(path: string, shop: string, init: { secret?: string; method?: string; body?: BodyInit } = {}) {
  const url = new URL(path, process.env.SHOPIFY_APP_URL);
  url.searchParams.set("shop", shop);
  url.searchParams.set("embedded", "1");
  return new Request(url, {
    method: init.method ?? "GET",
    body: init.body,
    headers: {
      Authorization: `Bearer ${sessionToken(shop, { secret: init.secret })}`,
      "User-Agent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/126.0 Safari/537.36",
    },
  });
}

export interface WebhookInit {
  topic: string;
  shop: string;
  payload: unknown;
  eventId?: string;
  secret?: string;
  omitHeaders?: string[];
}

export function webhookRequest({ topic, shop, payload, eventId = randomUUID(), secret = apiSecret(), omitHeaders = [] }: WebhookInit) {
  const body = JSON.stringify(payload);
  const headers: Record<string, string> = {
    "Content-Type": "application/json",
    "X-Shopify-Topic": topic,
    "X-Shopify-Shop-Domain": shop,
    "X-Shopify-API-Version": "2026-10",
    "X-Shopify-Webhook-Id": randomUUID(),
    "X-Shopify-Event-Id": eventId,
    "X-Shopify-Triggered-At": new Date().toISOString(),
    "X-Shopify-Hmac-Sha256": createHmac("sha256", secret).update(body).digest("base64"),
  };
  for (const h of omitHeaders) delete headers[h];
  return new Request(new URL("/webhooks", process.env.SHOPIFY_APP_URL), { method: "POST", body, headers });
}

/** Route handlers throw Responses for auth failures; turn them into values for assertions. */
export async function settle<T>(p: Promise<T>): Promise<T | Response> {
  try {
    return await p;
  } catch (e) {
    if (e instanceof Response) return e;
    throw e;
  }
}

/** Stores an offline session so authenticate.admin needs no token exchange (no network). */
export async function seedOfflineSession(shop: string) {
  const { default: prisma } = await import("../app/db.server");
  await prisma.session.upsert({
    where: { id: `offline_${shop}` },
    create: {
      id: `offline_${shop}`,
      shop,
      state: "",
      isOnline: false,
      scope: process.env.SCOPES,
      accessToken: "test-offline-token",
      expires: new Date(Date.now() + 3600_000),
      refreshToken: "test-refresh-token",
      refreshTokenExpires: new Date(Date.now() + 90 * 86400_000),
    },
    update: {},
  });
}
