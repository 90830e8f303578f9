import { parse, validate, Kind, type GraphQLSchema, type SelectionSetNode } from "graphql";
import { beforeAll, describe, expect, it } from "vitest";
import { adminSchema } from "../../test/admin-schema";
import { ADMIN_ORDER_SELECTION } from "../demo/admin-order";
import { BULK_FULFILLMENT_EVENTS_QUERY, BULK_ORDERS_QUERY, BULK_QUERIES } from "./bulk-queries";
import { checkBulkQuery } from "./bulk-limits";
import { NOT_SYNCED, SYNC_ORDER_SELECTION } from "./sync-selection";

/** Leaf paths of a selection, connections' `edges.node`/`nodes` and `id` left out (bulk adds ids for joining). */
function leafPaths(selection: SelectionSetNode, prefix = ""): string[] {
  const out: string[] = [];
  for (const node of selection.selections) {
    if (node.kind !== Kind.FIELD) continue;
    const name = node.name.value;
    if (name === "edges" || name === "node" || name === "nodes") {
      out.push(...leafPaths(node.selectionSet!, prefix));
      continue;
    }
    const path = prefix ? `${prefix}.${name}` : name;
    if (node.selectionSet) out.push(...leafPaths(node.selectionSet, path));
    else out.push(path);
  }
  return out;
}

const selectionOf = (doc: string) => (parse(doc).definitions[0] as { selectionSet: SelectionSetNode }).selectionSet;

describe("bulk query documents against the Admin GraphQL 2026-10 schema", () => {
  let schema: GraphQLSchema;
  beforeAll(() => {
    schema = adminSchema();
  });

  it.each(Object.entries(BULK_QUERIES))("%s validates and keeps to the bulk limits, with no deprecated field", (_kind, query) => {
    expect(validate(schema, parse(query)).map((e) => e.message)).toEqual([]);
    const report = checkBulkQuery(schema, query);
    expect(report.problems).toEqual([]);
    expect(report.connections.length).toBeLessThanOrEqual(5);
    expect(report.nestedDepth).toBeLessThanOrEqual(2);
  });

  it("orders: 5 connections, returnLineItems 2 levels below orders", () => {
    const report = checkBulkQuery(schema, BULK_ORDERS_QUERY);
    expect(report.connections).toEqual([
      "orders",
      "orders.edges.node.lineItems",
      "orders.edges.node.fulfillmentOrders",
      "orders.edges.node.returns",
      "orders.edges.node.returns.edges.node.returnLineItems",
    ]);
    expect(report.nestedDepth).toBe(2);
  });

  it("fulfillment events come through fulfillment orders: 3 connections, 2 levels", () => {
    const report = checkBulkQuery(schema, BULK_FULFILLMENT_EVENTS_QUERY);
    expect(report.connections).toHaveLength(3);
    expect(report.nestedDepth).toBe(2);
  });

  it("the sync selection is the generator's shape without exactly the NOT_SYNCED fields", () => {
    const all = leafPaths(selectionOf(`{ ${ADMIN_ORDER_SELECTION} }`));
    const synced = leafPaths(selectionOf(`{ ${SYNC_ORDER_SELECTION} }`));
    const dropped = NOT_SYNCED.map((p) => p.replace(".nodes.", "."));
    // Each NOT_SYNCED path names a field of the shape (a leaf, or an object whose leaves all go).
    for (const path of dropped) expect(all.some((p) => p === path || p.startsWith(`${path}.`)), path).toBe(true);
    expect(synced.sort()).toEqual(all.filter((p) => !dropped.some((d) => p === d || p.startsWith(`${d}.`))).sort());
    expect(validate(schema, parse(`{ order(id: "gid://shopify/Order/1") { ${SYNC_ORDER_SELECTION} } }`)).map((e) => e.message)).toEqual([]);
  });

  it("the orders query selects what SYNC_ORDER_SELECTION selects, except the events it cannot nest", () => {
    const single = leafPaths(selectionOf(`{ ${SYNC_ORDER_SELECTION} }`));
    const bulk = leafPaths((selectionOf(BULK_ORDERS_QUERY).selections[0] as { selectionSet: SelectionSetNode }).selectionSet).filter(
      (p) => !p.endsWith(".id") || p === "customer.id" || p === "fulfillments.id",
    );
    const expected = single.filter((p) => !p.startsWith("fulfillments.events."));
    expect([...bulk].sort()).toEqual([...expected].sort());
    // …and the events query brings exactly what was left out.
    expect(single.filter((p) => p.startsWith("fulfillments.events."))).toEqual(["fulfillments.events.status", "fulfillments.events.happenedAt"]);
    expect(BULK_FULFILLMENT_EVENTS_QUERY).toMatch(/events \{\s*edges \{\s*node \{ id status happenedAt \}/);
  });

  it("asks for no protected customer data beyond the customer id", () => {
    for (const query of Object.values(BULK_QUERIES)) {
      const paths = leafPaths(selectionOf(query));
      expect(paths.filter((p) => /email|phone|firstName|lastName|address1|address2|zip|city|displayName/i.test(p))).toEqual([]);
    }
  });
});

describe("checkBulkQuery bites", () => {
  let schema: GraphQLSchema;
  beforeAll(() => {
    schema = adminSchema();
  });

  it("refuses events under the fulfillments list, too many connections, 3 levels, top-level node, deprecated fields", () => {
    const naive = `{ orders { edges { node { id
      fulfillments { id events { edges { node { status } } } }
      lineItems { edges { node { id } } }
      refunds { refundLineItems { edges { node { quantity } } } }
      returns { edges { node { returnLineItems { edges { node { id } } } } } }
    } } } }`;
    const report = checkBulkQuery(schema, naive);
    expect(report.problems).toEqual([
      "orders.edges.node.fulfillments.events: connection inside the list field orders.edges.node.fulfillments",
      "orders.edges.node.refunds.refundLineItems: connection inside the list field orders.edges.node.refunds",
      "6 connections (max 5)",
    ]);
    const deep = `{ fulfillmentOrders { edges { node { fulfillments { edges { node {
      fulfillmentOrders { edges { node { lineItems { edges { node { id } } } } } } } } } } } } }`;
    expect(checkBulkQuery(schema, deep).problems).toEqual([
      "fulfillmentOrders.edges.node.fulfillments.edges.node.fulfillmentOrders.edges.node.lineItems: connection nested 3 levels deep (max 2)",
    ]);
    const deeper = `{ orders { edges { node { returns { edges { node { returnLineItems { edges { node {
      ... on ReturnLineItem { fulfillmentLineItem { lineItem { id } } } } } } } } } } } } }`;
    expect(checkBulkQuery(schema, deeper).problems).toEqual([]);
    expect(checkBulkQuery(schema, `{ node(id: "gid://shopify/Order/1") { id } }`).problems).toEqual([
      "node: top-level node/nodes is not allowed in a bulk query",
      "no connection: a bulk query needs at least one",
    ]);
    expect(checkBulkQuery(schema, `{ orders { edges { node { id returnStatus } } } }`).problems).toEqual([]);
    expect(checkBulkQuery(schema, `{ currentBulkOperation { id } orders { edges { node { id } } } }`).problems[0]).toMatch(/^currentBulkOperation: deprecated/);
  });
});
