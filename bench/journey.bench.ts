/**
 * Journey audit, repeat behaviour and delivery→LTV link on 1,000,000 synthetic orders from
 * 300,000 customers (one core). The generator is a small seeded one kept here so the
 * benchmark does not depend on the demo store generator.
 */
import type { Fulfillment, FulfillmentEvent, LineItem, Order, ShippingSpeed } from "../app/engine/types";
import { auditJourney } from "../app/engine/journey/audit";
import { dedupeOrders } from "../app/engine/journey/dedupe-orders";
import { buildJourneyTable } from "../app/engine/journey/journey-table";
import { analyzeRepeat } from "../app/engine/repeat/analyze-repeat";
import { buildPurchaseHistory } from "../app/engine/repeat/purchase-history";
import { linkDeliveryToRepeat } from "../app/engine/link/delivery-ltv-link";

const ORDERS = 1_000_000;
const CUSTOMERS = 300_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const START = Date.UTC(2022, 0, 1);
const AS_OF = Date.UTC(2025, 0, 1);

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CARRIERS = ["UPS", "USPS", "FedEx", "DHL", "Canada Post"];
const CHANNELS = ["Online Store", "Online Store", "Online Store", "Shop", "Point of Sale"];
const REGIONS = ["US-CA", "US-NY", "US-TX", "US-FL", "US-WA", "CA-ON", "CA-BC", "GB-ENG", "DE-BE", "AU-NSW"];
const SERVICES: Array<[ShippingSpeed, string, number]> = [
  ["standard", "Standard (3-5 business days)", 5],
  ["express", "Express (1-2 business days)", 2],
  ["economy", "Economy (5-8 business days)", 8],
];
const EMPTY: never[] = [];

export function generateOrders(n = ORDERS, customers = CUSTOMERS, seed = 42): Order[] {
  const rnd = mulberry32(seed);
  const customerIds = Array.from({ length: customers }, (_, i) => `gid://shopify/Customer/${i + 1}`);
  const lineItemVariants: LineItem[][] = Array.from({ length: 32 }, (_, i) => [
    { quantity: 1 + (i % 3), unitPrice: 15 + i * 3, unitCost: i % 4 === 0 ? null : 6 + i, requiresShipping: true },
  ]);
  const orders: Order[] = new Array(n);
  for (let i = 0; i < n; i++) {
    // Skewed customers: a few buy often, most once; 10% guests.
    const guest = rnd() < 0.1;
    const u = rnd();
    const c = Math.floor(customers * u * u);
    const placed = START + Math.floor(rnd() * (AS_OF - START + 20 * DAY));
    const [speed, title, promiseDays] = SERVICES[Math.floor(rnd() * 3)];
    const channel = CHANNELS[Math.floor(rnd() * CHANNELS.length)];
    const pos = channel === "Point of Sale";
    const fulfillments: Fulfillment[] = [];
    if (!pos && rnd() < 0.97) {
      const created = placed + (4 + rnd() * 60) * HOUR;
      const carrier = rnd() < 0.06 ? null : CARRIERS[Math.floor(rnd() * CARRIERS.length)];
      const scans = carrier !== null && rnd() < 0.8;
      const pickup = created + (2 + rnd() * 30) * HOUR;
      const transit = pickup + (1 + rnd() * 4) * HOUR;
      const delivered = pickup + (24 + rnd() * (promiseDays + 3) * 24) * HOUR;
      const events: FulfillmentEvent[] = [];
      if (scans) {
        events.push({ status: "DELIVERED", happenedAt: delivered });
        events.push({ status: "CARRIER_PICKED_UP", happenedAt: pickup });
        events.push({ status: "IN_TRANSIT", happenedAt: transit });
        events.push({ status: "OUT_FOR_DELIVERY", happenedAt: delivered - 5 * HOUR });
        if (rnd() < 0.05) events.push({ status: "DELAYED", happenedAt: transit + DAY });
        if (rnd() < 0.02) events.push({ status: "ATTEMPTED_DELIVERY", happenedAt: delivered - DAY });
      }
      fulfillments.push({
        id: `f${i}`,
        createdAt: created,
        inTransitAt: scans ? transit : null,
        deliveredAt: scans || rnd() < 0.3 ? delivered : null,
        estimatedDeliveryAt: null,
        carrier,
        hasTracking: carrier !== null,
        events,
      });
    }
    const items = lineItemVariants[Math.floor(rnd() * lineItemVariants.length)];
    const total = items[0].quantity * items[0].unitPrice + 5;
    const refunded = rnd() < 0.04;
    orders[i] = {
      id: `gid://shopify/Order/${i + 1}`,
      customerId: guest ? null : customerIds[c],
      createdAt: placed,
      processedAt: placed,
      cancelledAt: rnd() < 0.02 ? placed + HOUR : null,
      updatedAt: placed,
      currency: "USD",
      totalPrice: total,
      subtotalPrice: total - 5,
      totalDiscounts: 0,
      shippingPrice: 5,
      channel,
      shippingTitle: pos ? null : title,
      shippingCode: null,
      shippingSpeed: pos ? "local" : speed,
      promisedDeliveryAt: pos || rnd() < 0.15 ? null : placed + promiseDays * DAY,
      destinationRegion: REGIONS[Math.floor(rnd() * REGIONS.length)],
      shipsToBillingAddress: true,
      isGift: false,
      discountCodeUsed: false,
      lineItems: items,
      fulfillments,
      refunds: refunded ? [{ createdAt: placed + 10 * DAY, amount: total / 2 }] : EMPTY,
      returns: refunded ? [{ createdAt: placed + 9 * DAY, reasons: ["arrived_late"] }] : EMPTY,
      preferences: null,
    };
  }
  return orders;
}

function rssMb(): number {
  return Math.round(process.memoryUsage().rss / 1048576);
}

function time<T>(name: string, fn: () => T, rows: Array<{ name: string; ms: number; peakRssMb?: number; note?: string }>, note?: string): T {
  const t0 = performance.now();
  const out = fn();
  rows.push({ name, ms: Math.round(performance.now() - t0), peakRssMb: rssMb(), note });
  return out;
}

export async function run(): Promise<Array<{ name: string; ms: number; peakRssMb?: number; note?: string }>> {
  const rows: Array<{ name: string; ms: number; peakRssMb?: number; note?: string }> = [];
  const input = time("journey: generate 1M synthetic orders", () => generateOrders(), rows, "fixture, not part of the analysis");
  const { orders } = time("journey: dedupe 1M orders", () => dedupeOrders(input), rows);
  const table = time("journey: build journey table", () => buildJourneyTable(orders, AS_OF), rows);
  const audit = time("journey: auditJourney (table given)", () => auditJourney(orders, { asOf: AS_OF, table }), rows);
  const history = time("repeat: build purchase history", () => buildPurchaseHistory(orders, { asOf: AS_OF }), rows);
  const repeat = time("repeat: analyzeRepeat (history given)", () => analyzeRepeat(orders, { asOf: AS_OF, history }), rows);
  const link = time("link: linkDeliveryToRepeat (prepared)", () => linkDeliveryToRepeat(orders, { asOf: AS_OF, prepared: { table, history } }), rows);
  time("journey: auditJourney end to end", () => auditJourney(input, { asOf: AS_OF }), rows, "dedupe + table + audit");
  time("repeat: analyzeRepeat end to end", () => analyzeRepeat(input, { asOf: AS_OF }), rows, "dedupe + history + analysis");
  time("link: linkDeliveryToRepeat end to end", () => linkDeliveryToRepeat(input, { asOf: AS_OF }), rows, "dedupe + table + history + link");
  rows.push({
    name: "journey: sanity",
    ms: 0,
    note: `included=${audit.counts.included} onTime=${audit.overall.onTime.rate.value?.toFixed(3)} customers=${repeat.counts.customers} repeat=${repeat.repeatRate.value?.toFixed(3)} linkAnalysed=${link.counts.analysed}`,
  });
  return rows;
}
