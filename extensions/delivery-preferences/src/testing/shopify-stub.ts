/**
 * A stand-in for the `shopify` global of checkout UI extensions (API 2026-07), for component tests.
 * Values are real Preact signals with `.value`/`.subscribe`, as the host provides them after
 * `@shopify/ui-extensions/preact` hands it `Signal`; each field is typed with the real API types so
 * the stub cannot drift from the typings. No official test harness exists for 2026.x extensions.
 */
import { signal, type Signal } from "@preact/signals";
import type {
  AppMetafieldEntry,
  CartInstructions,
  CheckoutSettings,
  Customer,
  DeliveryGroup,
  DeliveryGroupList,
  ExtensionSettings,
  MailingAddress,
  MetafieldChange,
  MetafieldChangeResult,
  PurchasingCompany,
  ShippingAddress,
  SubscribableSignalLike,
} from "@shopify/ui-extensions/checkout";
import { vi } from "vitest";
import en from "../../locales/en.default.json";

export type Subscribable<T> = Signal<T> & SubscribableSignalLike<T>;

export function subscribable<T>(value: T): Subscribable<T> {
  const s = signal(value) as Subscribable<T>;
  Object.defineProperty(s, "current", { get: () => s.value });
  Object.defineProperty(s, "destroy", { value: async () => undefined });
  return s;
}

type Messages = { [key: string]: string | Messages };

/** `i18n.translate` over a real locale file: dotted keys, `{{name}}` replacements; throws on a missing key. */
export function translator(messages: Messages) {
  return (key: string, options?: Record<string, string | number>): string => {
    let node: string | Messages | undefined = messages;
    for (const part of key.split(".")) node = typeof node === "object" ? node[part] : undefined;
    if (typeof node !== "string") throw new Error(`Missing translation "${key}"`);
    return node.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => String(options?.[name] ?? whole));
  };
}

export const SESSION_TOKEN = "header.payload.signature";
export const ORDER_ID = "gid://shopify/Order/5550001";
export const CHECKOUT_TOKEN = "c1-checkout-token";

export function createInstructions(canSetCartMetafields = true): CartInstructions {
  return {
    attributes: { canUpdateAttributes: true },
    delivery: { canSelectCustomAddress: true },
    discounts: { canUpdateDiscountCodes: true },
    lines: { canAddCartLine: true, canRemoveCartLine: true, canUpdateCartLine: true },
    metafields: { canSetCartMetafields, canDeleteCartMetafield: canSetCartMetafields },
    notes: { canUpdateNote: true },
  };
}

function memoryStorage() {
  const data = new Map<string, unknown>();
  return {
    data,
    read: vi.fn(async <T>(key: string) => (data.has(key) ? (structuredClone(data.get(key)) as T) : null)),
    write: vi.fn(async (key: string, value: unknown) => {
      data.set(key, structuredClone(value));
    }),
    delete: vi.fn(async (key: string) => {
      data.delete(key);
    }),
  };
}

export function createShopifyStub(target: "checkout" | "thank-you" = "checkout") {
  const oneTimeGroup: DeliveryGroup = {
    id: "dg-1",
    targetedCartLines: [{ id: "line-1" }],
    deliveryOptions: [],
    groupType: "oneTimePurchase",
    isDeliveryRequired: true,
  };
  return {
    extension: {
      apiVersion: "2026-07" as const,
      target:
        target === "checkout"
          ? ("purchase.checkout.shipping-option-list.render-after" as const)
          : ("purchase.thank-you.block.render" as const),
      editor: undefined as { type: "checkout" } | undefined,
      capabilities: subscribable(["network_access"] as const),
      rendered: subscribable(true),
      scriptUrl: "https://cdn.shopify.test/extension.js",
    },
    i18n: { translate: vi.fn(translator(en)) },
    instructions: subscribable<CartInstructions>(createInstructions(true)),
    applyMetafieldChange: vi.fn(
      async (_change: MetafieldChange): Promise<MetafieldChangeResult> => ({ type: "success" }),
    ),
    appMetafields: subscribable<AppMetafieldEntry[]>([]),
    buyerIdentity: {
      customer: subscribable<Customer | undefined>(undefined),
      email: subscribable<string | undefined>(undefined),
      phone: subscribable<string | undefined>(undefined),
      purchasingCompany: subscribable<PurchasingCompany | undefined>(undefined),
    },
    buyerJourney: {
      completed: subscribable(false),
      intercept: vi.fn(async () => () => undefined),
    },
    checkoutSettings: subscribable<CheckoutSettings>({
      orderSubmission: "ORDER",
      shippingAddress: { isEditable: true },
    }),
    checkoutToken: subscribable<string | undefined>(CHECKOUT_TOKEN),
    deliveryGroups: subscribable<DeliveryGroup[]>([oneTimeGroup]),
    /** ShippingOptionListApi.target (the delivery group list this instance renders after). */
    target: subscribable<DeliveryGroupList | undefined>({ groupType: "oneTimePurchase", deliveryGroups: [oneTimeGroup] }),
    shippingAddress: subscribable<ShippingAddress | undefined>(undefined),
    billingAddress: subscribable<MailingAddress | undefined>(undefined),
    settings: subscribable<ExtensionSettings>({}),
    storage: memoryStorage(),
    sessionToken: { get: vi.fn(async () => SESSION_TOKEN) },
    orderConfirmation: subscribable({ order: { id: ORDER_ID }, number: "R7KX2Q", isFirstOrder: false }),
  };
}

export type ShopifyStub = ReturnType<typeof createShopifyStub>;

export function installShopify(stub: ShopifyStub): ShopifyStub {
  (globalThis as unknown as { shopify: ShopifyStub }).shopify = stub;
  return stub;
}

export function uninstallShopify(): void {
  delete (globalThis as unknown as { shopify?: ShopifyStub }).shopify;
}

/** An `appMetafields` entry holding our metafield, as the host delivers it (value is a JSON string). */
export function preferencesEntry(owner: "customer" | "cart", value: unknown, id = `gid://shopify/Customer/42`): AppMetafieldEntry {
  return {
    target: { type: owner, id },
    metafield: {
      namespace: "$app",
      key: "delivery_preferences",
      value: typeof value === "string" ? value : JSON.stringify(value),
      valueType: "json_string",
      type: "json",
    },
  };
}
