/**
 * The Admin shape is checked against the real 2026-10 schema: the selection
 * must validate, and every generated order must be exactly what a server
 * would answer for it (same keys, nullability, enum values, scalar formats).
 */
import {
  Kind,
  isEnumType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  parse,
  validate,
  type GraphQLOutputType,
  type GraphQLSchema,
  type SelectionSetNode,
} from "graphql";
import { beforeAll, describe, expect, it } from "vitest";
import { adminSchema } from "../../test/admin-schema";
import { ADMIN_ORDER_SELECTION } from "./admin-order";
import { generateStore } from "./generate-store";

const QUERY = `query DemoOrders($cursor: String) { orders(first: 50, after: $cursor) { nodes { ${ADMIN_ORDER_SELECTION} } } }`;

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const DECIMAL = /^-?\d+\.\d+$/;

/** Problems found comparing `value` with what `type` + `selection` would produce. */
function conformance(value: unknown, type: GraphQLOutputType, selection: SelectionSetNode | undefined, path: string, problems: string[]): void {
  if (isNonNullType(type)) {
    if (value === null || value === undefined) problems.push(`${path}: null for non-null ${type}`);
    else conformance(value, type.ofType, selection, path, problems);
    return;
  }
  if (value === undefined) {
    problems.push(`${path}: missing (nullable fields must be null, not absent)`);
    return;
  }
  if (value === null) return;
  if (isListType(type)) {
    if (!Array.isArray(value)) problems.push(`${path}: expected a list`);
    else value.forEach((item, i) => conformance(item, type.ofType, selection, `${path}[${i}]`, problems));
    return;
  }
  if (isObjectType(type) || isInterfaceType(type)) {
    if (typeof value !== "object" || Array.isArray(value)) {
      problems.push(`${path}: expected an object of ${type.name}`);
      return;
    }
    const fields = type.getFields();
    const record = value as Record<string, unknown>;
    const selected = new Set<string>();
    for (const node of selection?.selections ?? []) {
      if (node.kind !== Kind.FIELD) continue;
      const key = node.alias?.value ?? node.name.value;
      selected.add(key);
      conformance(record[key], fields[node.name.value].type, node.selectionSet, `${path}.${key}`, problems);
    }
    for (const key of Object.keys(record)) if (!selected.has(key)) problems.push(`${path}.${key}: not in the selection`);
    return;
  }
  if (isEnumType(type)) {
    if (typeof value !== "string" || !type.getValue(value)) problems.push(`${path}: ${JSON.stringify(value)} is not a ${type.name}`);
    return;
  }
  if (isScalarType(type)) {
    const ok =
      type.name === "DateTime"
        ? typeof value === "string" && ISO_DATE_TIME.test(value)
        : type.name === "Decimal"
          ? typeof value === "string" && DECIMAL.test(value)
          : type.name === "Int"
            ? Number.isInteger(value)
            : type.name === "Boolean"
              ? typeof value === "boolean"
              : type.name === "JSON"
                ? true
                : typeof value === "string";
    if (!ok) problems.push(`${path}: ${JSON.stringify(value)} is not a valid ${type.name}`);
  }
}

describe("ADMIN_ORDER_SELECTION against the Admin GraphQL 2026-10 schema", () => {
  let schema: GraphQLSchema;
  beforeAll(() => {
    schema = adminSchema();
  });

  it("validates (every field exists, arguments are right, no deprecated-only gaps)", () => {
    expect(validate(schema, parse(QUERY)).map((e) => e.message)).toEqual([]);
  });

  it("uses no deprecated field", () => {
    const deprecated: string[] = [];
    const walk = (type: GraphQLOutputType, selection: SelectionSetNode | undefined, path: string) => {
      let named = type;
      while (isNonNullType(named) || isListType(named)) named = named.ofType;
      if (!(isObjectType(named) || isInterfaceType(named)) || !selection) return;
      for (const node of selection.selections) {
        if (node.kind !== Kind.FIELD) continue;
        const field = named.getFields()[node.name.value];
        if (field.deprecationReason) deprecated.push(`${path}.${node.name.value}`);
        walk(field.type, node.selectionSet, `${path}.${node.name.value}`);
      }
    };
    const orderSelection = (parse(`{ ${ADMIN_ORDER_SELECTION} }`).definitions[0] as { selectionSet: SelectionSetNode }).selectionSet;
    walk(schema.getType("Order") as GraphQLOutputType, orderSelection, "Order");
    expect(deprecated).toEqual([]);
  });

  it("is exactly the shape of every generated order", () => {
    const { orders } = generateStore({ asOf: Date.UTC(2026, 5, 30), orders: 3000, seed: "schema-shape" });
    const orderSelection = (parse(`{ ${ADMIN_ORDER_SELECTION} }`).definitions[0] as { selectionSet: SelectionSetNode }).selectionSet;
    const orderType = schema.getType("Order") as GraphQLOutputType;
    const problems: string[] = [];
    orders.forEach((order, i) => conformance(order, orderType, orderSelection, `orders[${i}]`, problems));
    expect(problems.slice(0, 10)).toEqual([]);
    // The shape check must bite: a wrong key and a bad enum are reported.
    const broken = { ...orders[0], displayFinancialStatus: "PAID_IN_FULL", colour: "red" };
    const found: string[] = [];
    conformance(broken, orderType, orderSelection, "broken", found);
    expect(found).toEqual(['broken.displayFinancialStatus: "PAID_IN_FULL" is not a OrderDisplayFinancialStatus', "broken.colour: not in the selection"]);
  });
});
