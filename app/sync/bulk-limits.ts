/**
 * Static check of a bulk query document against Shopify's bulk-operation rules
 * (https://shopify.dev/docs/api/usage/bulk-operations/queries, docs/decisions/0008-bulk-import-pipeline.md):
 * at least one connection, at most 5 connections, at most 2 levels of connections nested under the
 * top-level one, no top-level `node`/`nodes`, no connection inside a list field (Shopify rejects
 * `fulfillments { events { … } }` because `Order.fulfillments` is a list), no deprecated field.
 */
import {
  getNamedType,
  getNullableType,
  isListType,
  isObjectType,
  parse,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type GraphQLSchema,
} from "graphql";

export const BULK_MAX_CONNECTIONS = 5;
export const BULK_MAX_NESTED_DEPTH = 2;

export interface BulkQueryReport {
  connections: string[];
  /** Deepest connection nesting below the top-level connection (0 = no nested connection). */
  nestedDepth: number;
  problems: string[];
}

interface Frame {
  path: string;
  connection: boolean;
  /** A list field other than a connection's own `edges`/`nodes`. */
  list: boolean;
}

function isConnectionTypeName(name: string): boolean {
  return name.endsWith("Connection");
}

export function checkBulkQuery(schema: GraphQLSchema, document: string): BulkQueryReport {
  const ast = parse(document);
  const typeInfo = new TypeInfo(schema);
  const stack: Frame[] = [];
  const connections: string[] = [];
  const problems: string[] = [];
  let nestedDepth = 0;

  visit(
    ast,
    visitWithTypeInfo(typeInfo, {
      Field: {
        enter(node) {
          const def = typeInfo.getFieldDef();
          const parent = stack[stack.length - 1];
          const name = node.alias?.value ?? node.name.value;
          const path = parent ? `${parent.path}.${name}` : name;
          if (!def) {
            problems.push(`${path}: not in the schema`);
            stack.push({ path, connection: false, list: false });
            return;
          }
          if (def.deprecationReason) problems.push(`${path}: deprecated (${def.deprecationReason})`);
          const named = getNamedType(def.type);
          const connection = isObjectType(named) && isConnectionTypeName(named.name);
          const ownItems = parent?.connection === true && (name === "edges" || name === "nodes");
          const list = isListType(getNullableType(def.type)) && !ownItems;
          if (stack.length === 0 && (node.name.value === "node" || node.name.value === "nodes")) {
            problems.push(`${path}: top-level node/nodes is not allowed in a bulk query`);
          }
          if (connection) {
            const outer = stack.filter((f) => f.connection).length;
            connections.push(path);
            if (outer > 0) nestedDepth = Math.max(nestedDepth, outer);
            if (outer > BULK_MAX_NESTED_DEPTH) problems.push(`${path}: connection nested ${outer} levels deep (max ${BULK_MAX_NESTED_DEPTH})`);
            const listAbove = stack.find((f) => f.list);
            if (listAbove) problems.push(`${path}: connection inside the list field ${listAbove.path}`);
          }
          stack.push({ path, connection, list });
        },
        leave() {
          stack.pop();
        },
      },
    }),
  );
  if (connections.length === 0) problems.push("no connection: a bulk query needs at least one");
  if (connections.length > BULK_MAX_CONNECTIONS) problems.push(`${connections.length} connections (max ${BULK_MAX_CONNECTIONS})`);
  return { connections, nestedDepth, problems };
}
