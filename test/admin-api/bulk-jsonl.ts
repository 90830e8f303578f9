/**
 * Turns the result of a bulk query into the JSONL Shopify serves (groupObjects: false), driven by
 * the query's AST and the schema, not by the query: every node of a connection becomes its own
 * line, with `__parentId` when it is nested; objects and lists stay inline on their parent's line.
 */
import {
  getNamedType,
  isCompositeType,
  Kind,
  type FieldNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";

type Obj = Record<string, unknown>;

function fieldsOf(set: SelectionSetNode): FieldNode[] {
  const out: FieldNode[] = [];
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) out.push(sel);
    else if (sel.kind === Kind.INLINE_FRAGMENT) out.push(...fieldsOf(sel.selectionSet));
  }
  return out;
}

const keyOf = (f: FieldNode) => f.alias?.value ?? f.name.value;

/** The node selection and the nodes of a connection value, whether it selects `edges { node }` or `nodes`. */
function connectionNodes(field: FieldNode, value: Obj | null): { selection: SelectionSetNode | null; nodes: Obj[] } {
  let selection: SelectionSetNode | null = null;
  const nodes: Obj[] = [];
  for (const part of fieldsOf(field.selectionSet!)) {
    const v = value?.[keyOf(part)];
    if (part.name.value === "nodes" && part.selectionSet) {
      selection = part.selectionSet;
      if (Array.isArray(v)) nodes.push(...(v as Obj[]));
    } else if (part.name.value === "edges" && part.selectionSet) {
      const nodeField = fieldsOf(part.selectionSet).find((f) => f.name.value === "node");
      if (nodeField?.selectionSet) selection = nodeField.selectionSet;
      if (Array.isArray(v) && nodeField) for (const edge of v as Obj[]) nodes.push(edge[keyOf(nodeField)] as Obj);
    }
  }
  return { selection, nodes };
}

export function* bulkLines(schema: GraphQLSchema, operation: OperationDefinitionNode, data: Obj): Generator<string> {
  const root = schema.getQueryType()!;
  for (const field of fieldsOf(operation.selectionSet)) {
    yield* connectionLines(root, field, data[keyOf(field)] as Obj | null, undefined);
  }

  function* connectionLines(parent: GraphQLCompositeType, field: FieldNode, value: Obj | null, parentId: string | undefined): Generator<string> {
    const def = "getFields" in parent ? parent.getFields()[field.name.value] : undefined;
    const connectionType = def ? getNamedType(def.type) : undefined;
    const nodeDef = connectionType && "getFields" in connectionType ? connectionType.getFields().nodes : undefined;
    const nodeType = nodeDef ? getNamedType(nodeDef.type) : undefined;
    const { selection, nodes } = connectionNodes(field, value);
    if (!selection || !nodeType || !isCompositeType(nodeType)) return;
    for (const node of nodes) yield* nodeLines(nodeType, selection, node, parentId);
  }

  function* nodeLines(type: GraphQLCompositeType, selection: SelectionSetNode, node: Obj, parentId: string | undefined): Generator<string> {
    const line: Obj = {};
    const nested: FieldNode[] = [];
    for (const f of fieldsOf(selection)) {
      const def = "getFields" in type ? type.getFields()[f.name.value] : undefined;
      if (def && getNamedType(def.type).name.endsWith("Connection")) nested.push(f);
      else if (keyOf(f) in node) line[keyOf(f)] = node[keyOf(f)];
    }
    if (parentId !== undefined) line.__parentId = parentId;
    yield JSON.stringify(line);
    const id = typeof node.id === "string" ? node.id : undefined;
    for (const f of nested) yield* connectionLines(type, f, node[keyOf(f)] as Obj | null, id);
  }
}
