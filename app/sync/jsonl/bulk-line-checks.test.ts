import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { iterateOrders } from "../../demo/generate-store";
import { bulkJsonl } from "../testing/bulk-jsonl";
import * as checks from "./bulk-line-checks";
import { gidType, LINE_SCHEMAS } from "./bulk-records";

type CheckName = keyof typeof checks;
type Node = Record<string, unknown>;

const AS_OF = Date.UTC(2026, 5, 30, 12);
const store = [...iterateOrders({ asOf: AS_OF, orders: 300, seed: "line-checks" })];

/** The check that applies to a line, as bulk-records picks it (by query and gid type). */
function checkFor(kind: "orders" | "fulfillment-events", node: Node): CheckName | null {
  const type = gidType(node.id);
  if (node.__parentId === undefined) return kind === "orders" ? "isOrderLine" : "isEventsRootLine";
  if (kind === "orders") {
    if (type === "LineItem") return "isLineItemLine";
    if (type === "FulfillmentOrder") return "isFulfillmentOrderLine";
    if (type === "Return") return "isReturnLine";
    if (type === "ReturnLineItem") return "isReturnLineItemLine";
    return null;
  }
  if (type === "Fulfillment") return "isEventsFulfillmentLine";
  return "isEventLine";
}

const samples: { name: CheckName; node: Node }[] = [];
for (const kind of ["orders", "fulfillment-events"] as const) {
  for (const text of bulkJsonl(store, kind)) {
    const node = JSON.parse(text) as Node;
    const name = checkFor(kind, node);
    if (name) samples.push({ name, node });
  }
}

/** Every path of a JSON value (objects and arrays), for the mutations below. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== "object") return [];
  const keys: (string | number)[] = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  return keys.flatMap((k) => [[...prefix, k], ...paths((value as Record<string | number, unknown>)[k], [...prefix, k])]);
}

function replaced(node: Node, path: (string | number)[], value: unknown): Node {
  const copy = structuredClone(node);
  let target = copy as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) target = target[key] as Record<string | number, unknown>;
  if (value === undefined) delete target[path[path.length - 1]];
  else target[path[path.length - 1]] = value;
  return copy;
}

describe("fast line checks", () => {
  it("accept every line the demo store's bulk files hold (so zod only runs on bad lines)", () => {
    const names = new Set(samples.map((s) => s.name));
    expect([...names].sort()).toEqual(Object.keys(checks).sort());
    for (const { name, node } of samples) expect(checks[name](node), `${name} ${JSON.stringify(node)}`).toBe(true);
  });

  it("never accept a line the zod schema refuses (property, on mutated real lines)", () => {
    const replacement = fc.oneof(
      fc.constant(undefined),
      fc.constant(null),
      fc.boolean(),
      fc.integer(),
      fc.double(),
      fc.string(),
      fc.constantFrom("gid://shopify/Order/1", "gid://shopify/Fulfillment/1", "DELIVERED", "2026-01-01T00:00:00Z"),
      fc.constant({}),
      fc.constant([]),
      fc.constant([null]),
      fc.constant({ shopMoney: { amount: 1, currencyCode: "USD" } }),
    );
    fc.assert(
      fc.property(fc.nat(samples.length - 1), fc.nat(), fc.array(replacement, { minLength: 1, maxLength: 3 }), (at, pick, values) => {
        const { name, node } = samples[at];
        let mutated = node;
        for (const [i, value] of values.entries()) {
          const all = paths(mutated);
          if (all.length === 0) break;
          mutated = replaced(mutated, all[(pick + i * 7919) % all.length], value);
        }
        if (checks[name](mutated)) expect(LINE_SCHEMAS[name].safeParse(mutated).success).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
});
