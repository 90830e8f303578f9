import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { unauthenticated } from "../shopify.server";
import { iterateOrders } from "../demo/generate-store";
import { ORDER_BY_ID_QUERY, type OrderByIdData } from "../sync/api/order-by-id";
import { seedOfflineSession } from "../../test/helpers";
import { routeAdminClientTo } from "../../test/admin-api/admin-client-fetch";
import { storeFromOrders } from "../../test/admin-api/store";
import { startLocalAdminApi, type LocalAdminApi } from "../../test/admin-api/server";
import { adminQuery, AdminGraphqlError, operationName, ThrottleBucket, type AdminGraphqlFn } from "./admin-graphql.server";

const shop = "admin-graphql.myshopify.com";
let api: LocalAdminApi;
let restore: () => void;
let graphql: AdminGraphqlFn;
// One clock for the server's bucket and the caller's sleeps: waiting really refills the bucket.
let clock = 0;
const sleeps: number[] = [];
const sleep = async (ms: number) => {
  sleeps.push(ms);
  clock += ms;
};
const options = { sleep, random: () => 1, now: () => clock, log: () => {} };

beforeAll(async () => {
  await seedOfflineSession(shop);
  const store = storeFromOrders(iterateOrders({ asOf: Date.UTC(2026, 10, 1), orders: 40, seed: "admin-graphql" }));
  api = await startLocalAdminApi({ store, accessToken: "test-offline-token", maximumAvailable: 1000, restoreRate: 50, clock: () => clock });
  restore = routeAdminClientTo(api);
  graphql = (await unauthenticated.admin(shop)).admin.graphql;
});
afterAll(async () => {
  restore();
  await api.close();
});

// Each test starts with a full bucket.
beforeEach(() => {
  clock += 60_000;
});

const orderId = () => api.store.orders[0].id;

describe("adminQuery", () => {
  it("names queries for logs and failures", () => {
    expect(operationName(ORDER_BY_ID_QUERY)).toBe("OrderForSync");
    expect(operationName("{ shop { id } }")).toBe("anonymous");
  });

  it("keeps the per-order query under Shopify's single-query cost limit", async () => {
    const r = await adminQuery<OrderByIdData>(graphql, ORDER_BY_ID_QUERY, { ...options, variables: { id: orderId() } });
    expect(r.data.order?.id).toBe(orderId());
    expect(r.cost!.requestedQueryCost).toBeLessThanOrEqual(1000);
    expect(r.attempts).toBe(1);
  });

  it("waits for the missing points when THROTTLED, then succeeds", async () => {
    sleeps.length = 0;
    api.inject({ kind: "throttled" });
    const r = await adminQuery<OrderByIdData>(graphql, ORDER_BY_ID_QUERY, { ...options, variables: { id: orderId() } });
    expect(r.attempts).toBe(2);
    // The bucket was empty: the wait is the query's cost at 50 points per second.
    expect(sleeps[0]).toBeCloseTo((r.cost!.requestedQueryCost / 50) * 1000, -2);
  });

  it("paces calls from the last throttleStatus instead of hitting THROTTLED", async () => {
    const bucket = new ThrottleBucket();
    const before = api.requests.length;
    for (let i = 0; i < 6; i++) await adminQuery(graphql, ORDER_BY_ID_QUERY, { ...options, bucket, variables: { id: orderId() } });
    expect(api.requests.slice(before).filter((q) => q.throttled)).toHaveLength(0);
  });

  it("retries 429 after Retry-After and 5xx with backoff", async () => {
    sleeps.length = 0;
    api.inject({ kind: "http429", retryAfterSeconds: 2 }, { kind: "http5xx", status: 500 });
    const r = await adminQuery(graphql, ORDER_BY_ID_QUERY, { ...options, baseDelayMs: 100, variables: { id: orderId() } });
    expect(r.attempts).toBe(3);
    expect(sleeps).toEqual([2000, 200]);
  });

  it("gives up after maxAttempts with a retryable error naming the query", async () => {
    api.inject({ kind: "http5xx" }, { kind: "http5xx" }, { kind: "http5xx" });
    const e = await adminQuery(graphql, ORDER_BY_ID_QUERY, { ...options, maxAttempts: 3, variables: { id: orderId() } }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(AdminGraphqlError);
    expect(e).toMatchObject({ queryName: "OrderForSync", retryable: true, attempts: 3 });
  });

  it("does not retry an invalid query", async () => {
    const before = api.requests.length;
    const e = await adminQuery(graphql, "query Broken { shop { notAField } }", options).catch((x: unknown) => x);
    expect(e).toMatchObject({ queryName: "Broken", retryable: false });
    expect(api.requests.length - before).toBe(1);
  });

  it("keeps data that came with field-level errors (fields the store has not approved)", async () => {
    const withFieldError: AdminGraphqlFn = async () => {
      const { GraphqlQueryError } = await import("@shopify/shopify-api");
      throw new GraphqlQueryError({
        message: "Access denied for customer field",
        response: {} as Record<string, unknown>,
        body: { data: { order: { id: "gid://shopify/Order/1", customer: null } }, errors: { graphQLErrors: [{ message: "Access denied", path: ["order", "customer"], extensions: { code: "ACCESS_DENIED" } }] } },
      });
    };
    const r = await adminQuery<{ order: { customer: null } }>(withFieldError, "query Q { order(id: 1) { id } }", options);
    expect(r.data.order.customer).toBeNull();
    expect(r.errors[0].extensions?.code).toBe("ACCESS_DENIED");
  });
});
