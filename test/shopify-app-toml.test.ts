import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "smol-toml";
import type { GraphQLEnumType } from "graphql";
import { ApiVersion } from "@shopify/shopify-app-remix/server";
import { ADMIN_API_VERSION } from "../app/shopify/api-version";
import { ALL_TOPICS, COMPLIANCE_TOPICS, topicKey } from "../app/services/webhook-topics";
import { pinnedApiVersion } from "../scripts/admin-schema.mjs";
import { adminSchema } from "./admin-schema";

type Subscription = { topics?: string[]; compliance_topics?: string[]; uri: string };
const toml = parse(readFileSync("shopify.app.toml", "utf8")) as {
  client_id: string;
  embedded: boolean;
  access_scopes: { scopes: string };
  webhooks: { api_version: string; subscriptions: Subscription[] };
};
const subscriptions = toml.webhooks.subscriptions;
const topics = subscriptions.flatMap((s) => s.topics ?? []);
const complianceTopics = subscriptions.flatMap((s) => s.compliance_topics ?? []);
const scopes = toml.access_scopes.scopes.split(",");

describe("one Admin API version everywhere", () => {
  it("is the newest dated version the Shopify library supports", () => {
    const dated = Object.values(ApiVersion).filter((v) => /^\d{4}-\d{2}$/.test(v)).sort();
    expect(ADMIN_API_VERSION).toBe(dated[dated.length - 1]);
  });

  it("is the same in the server config, shopify.app.toml and the schema the documents are validated against", () => {
    expect(toml.webhooks.api_version).toBe(ADMIN_API_VERSION);
    expect(pinnedApiVersion()).toBe(ADMIN_API_VERSION);
    expect(adminSchema().getQueryType()?.getFields().orders).toBeDefined();
  });
});

describe("shopify.app.toml", () => {
  it("is an embedded app with a 32-character client id placeholder", () => {
    expect(toml.embedded).toBe(true);
    expect(toml.client_id).toMatch(/^[0-9a-f]{32}$/);
  });

  it("declares the three mandatory compliance topics under compliance_topics", () => {
    expect(complianceTopics.sort()).toEqual(["customers/data_request", "customers/redact", "shop/redact"]);
    expect(complianceTopics.map(topicKey).sort()).toEqual([...COMPLIANCE_TOPICS].sort());
  });

  it("subscribes to exactly the topics the app handles, and every one exists in the Admin schema", () => {
    const handled = [...topics, ...complianceTopics].map(topicKey).sort();
    expect(handled).toEqual([...ALL_TOPICS].sort());
    const schemaTopics = (adminSchema().getType("WebhookSubscriptionTopic") as GraphQLEnumType).getValues().map((v) => v.name);
    // Compliance topics are not Admin API subscriptions; every other topic must be a real enum value.
    for (const topic of topics) expect(schemaTopics, topic).toContain(topicKey(topic));
  });

  it("routes every subscription to the HMAC-verifying webhook route", () => {
    for (const s of subscriptions) expect(s.uri).toBe("/webhooks");
    expect(readFileSync("app/routes/webhooks.tsx", "utf8")).toContain("authenticate.webhook(request)");
  });

  it("requests the full order history and only the write scopes a feature uses", () => {
    expect(scopes).toEqual(expect.arrayContaining(["read_all_orders", "read_fulfillments", "read_returns"]));
    expect(scopes.filter((s) => s.startsWith("write_")).sort()).toEqual(["write_customers", "write_orders"]);
  });
});
