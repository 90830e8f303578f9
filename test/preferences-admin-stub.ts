/**
 * A local stand-in for the Admin GraphQL API, for the preference tests: a real HTTP server that
 * executes every document against the pinned Admin schema (so an invalid query fails as it would
 * on Shopify) over a small in-memory store of orders, customers and metafields, with
 * metafieldsSet's compare-and-set rules (compareDigest null = "must not exist yet"; atomic).
 * `routeAdminFetch` sends the app's `https://<shop>/admin/api/...` requests to it.
 */
import { createHash } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { graphql } from "graphql";
import { adminSchema } from "./admin-schema";

export interface StubOrder {
  id: string;
  createdAt: string;
  customerId: string | null;
}

interface StoredMetafield {
  value: string;
  type: string;
}

const digest = (value: string) => createHash("sha256").update(value).digest("hex");

export class AdminStub {
  readonly orders = new Map<string, StubOrder>();
  /** `${ownerId}|${namespace}|${key}` → metafield. */
  readonly metafields = new Map<string, StoredMetafield>();
  /** Runs once just before the next metafieldsSet is applied (to stage a concurrent writer). */
  beforeNextWrite: (() => void) | null = null;
  readonly requests: Array<{ path: string; query: string; variables: Record<string, unknown> }> = [];
  private server: Server | null = null;
  private port = 0;

  metafield(ownerId: string, namespace = "$app", key = "delivery_preferences"): unknown {
    const m = this.metafields.get(`${ownerId}|${namespace}|${key}`);
    return m ? JSON.parse(m.value) : null;
  }

  setMetafield(ownerId: string, value: unknown, namespace = "$app", key = "delivery_preferences"): void {
    this.metafields.set(`${ownerId}|${namespace}|${key}`, { value: JSON.stringify(value), type: "json" });
  }

  private metafieldObject(ownerId: string, namespace: string, key: string) {
    const m = this.metafields.get(`${ownerId}|${namespace}|${key}`);
    if (!m) return null;
    return { id: `gid://shopify/Metafield/${digest(ownerId + namespace + key).slice(0, 8)}`, namespace, key, type: m.type, value: m.value, jsonValue: JSON.parse(m.value), compareDigest: digest(m.value) };
  }

  private root() {
    const customer = (id: string) => ({ id, metafield: ({ namespace, key }: { namespace: string; key: string }) => this.metafieldObject(id, namespace, key) });
    return {
      order: ({ id }: { id: string }) => {
        const o = this.orders.get(id);
        if (!o) return null;
        return {
          id: o.id,
          createdAt: o.createdAt,
          customer: o.customerId ? customer(o.customerId) : null,
          metafield: ({ namespace, key }: { namespace: string; key: string }) => this.metafieldObject(o.id, namespace, key),
        };
      },
      metafieldsSet: ({ metafields }: { metafields: Array<{ ownerId: string; namespace: string; key: string; type?: string; value: string; compareDigest?: string | null }> }) => {
        const staged = this.beforeNextWrite;
        this.beforeNextWrite = null;
        staged?.();
        const userErrors = metafields.flatMap((m, i) => {
          if (!("compareDigest" in m)) return [];
          const current = this.metafields.get(`${m.ownerId}|${m.namespace}|${m.key}`);
          const currentDigest = current ? digest(current.value) : null;
          return currentDigest === (m.compareDigest ?? null)
            ? []
            : [{ field: ["metafields", String(i)], message: "The resource has been updated since it was loaded. Try again with an updated `compareDigest` value.", code: "STALE_OBJECT" }];
        });
        if (userErrors.length > 0) return { metafields: [], userErrors };
        for (const m of metafields) this.metafields.set(`${m.ownerId}|${m.namespace}|${m.key}`, { value: m.value, type: m.type ?? "json" });
        return { metafields: metafields.map((m) => this.metafieldObject(m.ownerId, m.namespace, m.key)), userErrors: [] };
      },
    };
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", async () => {
        const { query, variables = {} } = JSON.parse(body) as { query: string; variables?: Record<string, unknown> };
        this.requests.push({ path: req.url ?? "", query, variables });
        const result = await graphql({ schema: adminSchema(), source: query, variableValues: variables, rootValue: this.root() });
        res.writeHead(200, { "Content-Type": "application/json" });
        res.end(JSON.stringify(result));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** A fetch that sends Admin API calls for `*.myshopify.com` to this server and the rest to `real`. */
  fetch(real: typeof fetch): typeof fetch {
    return async (input, init) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      if (url.hostname.endsWith(".myshopify.com") && url.pathname.startsWith("/admin/api/")) {
        return real(`http://127.0.0.1:${this.port}${url.pathname}`, init);
      }
      return real(input, init);
    };
  }
}
