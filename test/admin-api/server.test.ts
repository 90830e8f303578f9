import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { unauthenticated } from "../../app/shopify.server";
import { ADMIN_ORDER_SELECTION } from "../../app/demo/admin-order";
import { BULK_QUERIES } from "../../app/sync/bulk-queries";
import { seedOfflineSession } from "../helpers";
import { routeAdminClientTo } from "./admin-client-fetch";
import { demoStore } from "./store";
import { startLocalAdminApi, type LocalAdminApi } from "./server";

const shop = "local-admin-api.myshopify.com";
const asOf = Date.UTC(2026, 10, 1);
let api: LocalAdminApi;
let restore: () => void;

async function graphql(query: string, variables?: Record<string, unknown>) {
  const { admin } = await unauthenticated.admin(shop);
  return admin.graphql(query, variables ? { variables } : undefined);
}

beforeAll(async () => {
  await seedOfflineSession(shop);
  api = await startLocalAdminApi({ store: demoStore({ asOf, orders: 300, seed: "server-test" }), accessToken: "test-offline-token" });
  restore = routeAdminClientTo(api);
});
afterAll(async () => {
  restore();
  await api.close();
});

describe("local Admin API through the real admin client", () => {
  it("refuses a query above the single-query cost limit, as Shopify does", async () => {
    await expect(graphql(`query Big { orders(first: 50) { nodes { ${ADMIN_ORDER_SELECTION} } } }`)).rejects.toMatchObject({
      body: { errors: { graphQLErrors: [{ extensions: { code: "MAX_COST_EXCEEDED" } }] } },
    });
  });

  it("pages orders and reports the cost", async () => {
    const query = `query Page($after: String) { orders(first: 50, after: $after) { nodes { id name lineItems(first: 5) { nodes { id quantity } } } pageInfo { hasNextPage endCursor } } }`;
    let after: string | null = null;
    const ids: string[] = [];
    for (;;) {
      const body = (await (await graphql(query, { after })).json()) as {
        data: { orders: { nodes: { id: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } };
        extensions: { cost: { requestedQueryCost: number; throttleStatus: { currentlyAvailable: number } } };
      };
      ids.push(...body.data.orders.nodes.map((o) => o.id));
      expect(body.extensions.cost.requestedQueryCost).toBeGreaterThan(50);
      if (!body.data.orders.pageInfo.hasNextPage) break;
      after = body.data.orders.pageInfo.endCursor;
    }
    expect(ids).toEqual(api.store.orders.map((o) => o.id));
    expect(new Set(ids).size).toBe(api.store.orders.length);
  });

  it("answers an order by id exactly as stored", async () => {
    const order = api.store.orders[7];
    const body = (await (await graphql(`query One($id: ID!) { order(id: $id) { id name customer { id } lineItems(first: 5) { nodes { id quantity } } } }`, { id: order.id })).json()) as {
      data: { order: { id: string; name: string; customer: { id: string } | null; lineItems: { nodes: { id: string }[] } } };
    };
    expect(body.data.order.id).toBe(order.id);
    expect(body.data.order.name).toBe(order.name);
    expect(body.data.order.customer).toEqual(order.customer);
  });

  it("rejects an invalid document with GraphQL errors, thrown by the client", async () => {
    await expect(graphql(`query Bad { orders(first: 1) { nodes { notAField } } }`)).rejects.toThrow(/notAField/);
  });

  it("rejects a bulk query that breaks the bulk rules", async () => {
    const res = await graphql(`mutation Run($q: String!) { bulkOperationRunQuery(query: $q, groupObjects: false) { bulkOperation { id } userErrors { field message } } }`, {
      q: `{ orders { edges { node { id fulfillments { events { edges { node { id } } } } } } } }`,
    });
    const body = (await res.json()) as { data: { bulkOperationRunQuery: { bulkOperation: null; userErrors: { message: string }[] } } };
    expect(body.data.bulkOperationRunQuery.bulkOperation).toBeNull();
    expect(body.data.bulkOperationRunQuery.userErrors[0].message).toMatch(/list/i);
  });

  it("runs the bulk orders query and serves Shopify-style JSONL", async () => {
    const run = (await (await graphql(`mutation Run($q: String!) { bulkOperationRunQuery(query: $q, groupObjects: false) { bulkOperation { id status } userErrors { message } } }`, { q: BULK_QUERIES.orders })).json()) as {
      data: { bulkOperationRunQuery: { bulkOperation: { id: string; status: string } } };
    };
    const id = run.data.bulkOperationRunQuery.bulkOperation.id;
    const poll = `query Poll($id: ID!) { bulkOperation(id: $id) { status url objectCount rootObjectCount errorCode } }`;
    const first = (await (await graphql(poll, { id })).json()) as { data: { bulkOperation: { status: string } } };
    expect(first.data.bulkOperation.status).toBe("RUNNING");
    const done = (await (await graphql(poll, { id })).json()) as { data: { bulkOperation: { status: string; url: string; rootObjectCount: string; objectCount: string } } };
    expect(done.data.bulkOperation.status).toBe("COMPLETED");
    expect(Number(done.data.bulkOperation.rootObjectCount)).toBe(api.store.orders.length);
    const lines = (await (await fetch(done.data.bulkOperation.url)).text()).trimEnd().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.length).toBe(Number(done.data.bulkOperation.objectCount));
    const roots = lines.filter((l) => !("__parentId" in l));
    expect(roots.map((r) => r.id)).toEqual(api.store.orders.map((o) => o.id));
    // Children point at an object seen earlier in the file; connections never stay inline.
    const seen = new Set<unknown>();
    for (const l of lines) {
      if ("__parentId" in l) expect(seen.has(l.__parentId)).toBe(true);
      seen.add(l.id);
      expect(l).not.toHaveProperty("lineItems");
    }
    const order = api.store.orders.find((o) => (o.lineItems as { nodes: unknown[] }).nodes.length > 1)!;
    expect(lines.filter((l) => l.__parentId === order.id && String(l.id).includes("/LineItem/")).length).toBe((order.lineItems as { nodes: unknown[] }).nodes.length);
  });

  it("throttles by cost and reports throttleStatus, as Shopify does", async () => {
    api.inject({ kind: "throttled" });
    await expect(graphql(`query Small { orders(first: 1) { nodes { id } } }`)).rejects.toMatchObject({
      body: { errors: { graphQLErrors: [{ extensions: { code: "THROTTLED" } }] }, extensions: { cost: { throttleStatus: { restoreRate: 100 } } } },
    });
  });

  it("injects HTTP 429 and 5xx", async () => {
    api.inject({ kind: "http429" }, { kind: "http5xx", status: 502 });
    await expect(graphql(`query Small { orders(first: 1) { nodes { id } } }`)).rejects.toMatchObject({ response: { code: 429 } });
    await expect(graphql(`query Small { orders(first: 1) { nodes { id } } }`)).rejects.toMatchObject({ response: { code: 502 } });
  });
});
