/** The app and extension configuration the preference capture depends on. */
import { readFileSync } from "node:fs";
import { parse } from "smol-toml";
import { describe, expect, it } from "vitest";

const toml = (path: string) => parse(readFileSync(path, "utf8")) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe("delivery preference configuration", () => {
  const app = toml("shopify.app.toml");

  it("copies the cart metafield to the order and lets the customer account read and write the customer copy", () => {
    expect(app.order.metafields.app.delivery_preferences).toMatchObject({ type: "json", capabilities: { cart_to_order_copyable: true } });
    expect(app.customer.metafields.app.delivery_preferences).toMatchObject({ type: "json", access: { customer_account: "read_write" } });
    expect(app.access_scopes.scopes.split(",")).toEqual(expect.arrayContaining(["write_orders", "write_customers"]));
  });

  it("renders the account extension on the Profile page, on the checkout extension's API version", () => {
    const account = toml("extensions/account-preferences/shopify.extension.toml");
    const checkout = toml("extensions/delivery-preferences/shopify.extension.toml");
    expect(account.api_version).toBe(checkout.api_version);
    expect(account.extensions[0].targeting).toEqual([{ target: "customer-account.profile.block.render", module: "./src/Profile.tsx" }]);
  });

  it("type-checks the account extension with the project", () => {
    const pkg = JSON.parse(readFileSync("package.json", "utf8")) as { scripts: Record<string, string> };
    expect(pkg.scripts.typecheck).toContain("tsc -p extensions/account-preferences");
  });
});
