/** Every GraphQL document the sync sends validates against the pinned Admin schema, with no deprecated field. */
import { describe, expect, it } from "vitest";
import { NoDeprecatedCustomRule, parse, specifiedRules, validate } from "graphql";
import { adminSchema } from "../../../test/admin-schema";
import { BULK_OPERATION_STATUS, RUN_BULK_QUERY } from "../../services/bulk-sync.server";
import { SYNC_ORDER_SELECTION } from "../sync-selection";
import { ORDER_BY_ID_QUERY, ORDER_PAGE_SIZES, withPageSizes } from "./order-by-id";
import { CUSTOMER_PREFERENCES_QUERY } from "./customer-preferences";

const documents = { RUN_BULK_QUERY, BULK_OPERATION_STATUS, ORDER_BY_ID_QUERY, CUSTOMER_PREFERENCES_QUERY };

describe("sync GraphQL documents", () => {
  for (const [name, doc] of Object.entries(documents)) {
    it(`${name} is valid on the pinned schema and uses no deprecated field`, () => {
      const errors = validate(adminSchema(), parse(doc), [...specifiedRules, NoDeprecatedCustomRule]);
      expect(errors.map((e) => e.message)).toEqual([]);
    });
  }

  it("reads an order with the same fields as the rest of the sync, only smaller pages", () => {
    const strip = (s: string) => s.replace(/\(first: \d+\)/g, "").replace(/\s+/g, " ").trim();
    expect(strip(ORDER_BY_ID_QUERY)).toContain(strip(SYNC_ORDER_SELECTION));
    expect(ORDER_BY_ID_QUERY).toContain("lineItems(first: 50)");
    expect(() => withPageSizes("x(first: 5) { id }", ORDER_PAGE_SIZES)).toThrow(/no page size for x/);
  });
});
