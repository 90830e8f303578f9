/**
 * Query cost as Shopify's calculator estimates it (docs: "rate limits"): scalars and enums 0,
 * objects 1, connections 2 plus `first` (or `last`) times the cost of one node; mutations 10.
 * Plain lists are charged as one object (the docs size only connections). Shopify refuses a query
 * whose requested cost exceeds MAX_QUERY_COST whatever the bucket holds.
 */
import {
  getNamedType,
  isCompositeType,
  Kind,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from "graphql";

export const MAX_QUERY_COST = 1000;

const CONNECTION_PARTS = new Set(["edges", "node", "nodes", "pageInfo"]);

function intArg(value: ValueNode | undefined, variables: Record<string, unknown>): number | null {
  if (!value) return null;
  if (value.kind === Kind.INT) return Number(value.value);
  if (value.kind === Kind.VARIABLE) {
    const v = variables[value.name.value];
    return typeof v === "number" ? v : null;
  }
  return null;
}

export function queryCost(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
): number {
  const root = operation.operation === "mutation" ? schema.getMutationType()! : schema.getQueryType()!;
  const base = operation.operation === "mutation" ? 10 : 0;
  return base + selectionCost(root, operation.selectionSet);

  function selectionCost(parent: GraphQLCompositeType, set: SelectionSetNode): number {
    let total = 0;
    for (const sel of set.selections) {
      if (sel.kind === Kind.INLINE_FRAGMENT) {
        const type = sel.typeCondition ? (schema.getType(sel.typeCondition.name.value) as GraphQLCompositeType) : parent;
        total += selectionCost(type, sel.selectionSet);
      } else if (sel.kind === Kind.FRAGMENT_SPREAD) {
        const f = fragments[sel.name.value];
        if (f) total += selectionCost(schema.getType(f.typeCondition.name.value) as GraphQLCompositeType, f.selectionSet);
      } else if (sel.selectionSet && "getFields" in parent) {
        const def = parent.getFields()[sel.name.value];
        if (!def) continue;
        const named = getNamedType(def.type);
        if (!isCompositeType(named)) continue;
        const inner = selectionCost(named, sel.selectionSet);
        const page = intArg(sel.arguments?.find((a) => a.name.value === "first")?.value, variables)
          ?? intArg(sel.arguments?.find((a) => a.name.value === "last")?.value, variables);
        if (named.name.endsWith("Connection")) total += 2 + (page ?? 1) * inner;
        else if (CONNECTION_PARTS.has(sel.name.value) && parent.name.endsWith("Connection")) total += inner;
        else if (CONNECTION_PARTS.has(sel.name.value) && parent.name.endsWith("Edge")) total += inner;
        else total += 1 + inner;
      }
    }
    return total;
  }
}

/** Shopify's leaky bucket for one shop: `restoreRate` points per second up to `maximumAvailable`. */
export class LeakyBucket {
  private available: number;
  private at: number;

  constructor(
    readonly maximumAvailable: number,
    readonly restoreRate: number,
    private readonly clock: () => number,
  ) {
    this.available = maximumAvailable;
    this.at = clock();
  }

  currentlyAvailable(): number {
    const now = this.clock();
    this.available = Math.min(this.maximumAvailable, this.available + ((now - this.at) / 1000) * this.restoreRate);
    this.at = now;
    return this.available;
  }

  /** Takes `cost` points if there are enough; false (nothing taken) otherwise. */
  take(cost: number): boolean {
    if (this.currentlyAvailable() < cost) return false;
    this.available -= cost;
    return true;
  }

  /** Gives back the difference between the requested and the actual cost. */
  refund(points: number): void {
    this.available = Math.min(this.maximumAvailable, this.available + points);
  }

  status() {
    return { maximumAvailable: this.maximumAvailable, currentlyAvailable: Math.floor(this.currentlyAvailable()), restoreRate: this.restoreRate };
  }
}
