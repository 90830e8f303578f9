/**
 * Segments benchmark: customer profiles from 1,000,000 orders of 300,000 customers (arriving in
 * time order, interleaved across customers, as an initial sync would), then RFM, seed and
 * behaviour segments and the summary over all of them, then analyzeSegments' store-wide pass
 * with per-customer predictions (through maps, then through the model's columns aligned by slot),
 * then single-customer incremental update timing (applyOrder + living-segment refresh), median of many.
 *
 * Orders are generated in chunks outside the timed sections and the generator's garbage is
 * collected before each timed section, so only engine work (and its own GC) is measured.
 * A calibration row (1M Map.set of order-id strings) shows how fast the machine was at the time.
 */
import v8 from "node:v8";
import vm from "node:vm";
import {
  BEHAVIOUR_SEGMENTS,
  BEHAVIOUR_SEGMENT_LABELS,
  behaviourSegmentMask,
  behaviourSegmentsFor,
  preferenceAgreementSummary,
} from "../app/engine/segments/behaviour-segments";
import type { CustomerProfile } from "../app/engine/segments/customer-profile";
import { applyOrderAndRefresh, createLiveSegments } from "../app/engine/segments/live-segments";
import { activeProfiles, applyOrderToBook, createProfileBook } from "../app/engine/segments/profile-book";
import { RFM_SEGMENTS, RFM_UNSCORED, rfmSegmentCounts, scoreRfm } from "../app/engine/segments/rfm";
import { SEED_SEGMENTS, SEED_SEGMENT_LABELS, assignSeedSegments, seedSegmentContext, seedSegmentMask } from "../app/engine/segments/seed-segments";
import { alignPredictions, alignPredictionsByIds, maskLookup, summarizeSegments } from "../app/engine/segments/segment-summary";
import type { Order, ShippingSpeed } from "../app/engine/types";

type Result = { name: string; ms: number; peakRssMb?: number; note?: string };

const CUSTOMERS = 300_000;
const ORDERS = 1_000_000;
const CHUNK = 50_000;
const DAY = 86_400_000;
const START = Date.UTC(2022, 0, 1);
const AS_OF = Date.UTC(2024, 6, 1);
const SPAN = AS_OF - START;

/** A full GC between untimed generation and timed engine work (no-op if unavailable). */
const collectGarbage: () => void = (() => {
  try {
    v8.setFlagsFromString("--expose-gc");
    return vm.runInNewContext("gc") as () => void;
  } catch {
    return () => {};
  }
})();

function peakRssMb(): number | undefined {
  const p = (globalThis as { process?: { resourceUsage?: () => { maxRSS: number } } }).process;
  return p?.resourceUsage ? Math.round(p.resourceUsage().maxRSS / 1024) : undefined;
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const SPEEDS: ShippingSpeed[] = ["express", "standard", "standard", "standard", "economy", "economy", "pickup", "unknown"];

/** Compact plan of the order stream: customer index and time of each order, sorted by time. */
function planOrders(random: () => number): { customer: Int32Array; createdAt: Float64Array } {
  const customer = new Int32Array(ORDERS);
  const createdAt = new Float64Array(ORDERS);
  // Every customer orders once; the remaining orders go to a skewed subset (repeaters),
  // each repeat some weeks after a customer-specific first order.
  const first = new Float64Array(CUSTOMERS);
  for (let c = 0; c < CUSTOMERS; c++) {
    first[c] = START + random() * SPAN * 0.9;
    customer[c] = c;
    createdAt[c] = first[c];
  }
  for (let i = CUSTOMERS; i < ORDERS; i++) {
    const c = Math.floor(CUSTOMERS * random() * random()); // low indices repeat more
    customer[i] = c;
    createdAt[i] = Math.min(AS_OF - 1, first[c] + random() * (AS_OF - first[c]));
  }
  const order = new Uint32Array(ORDERS).map((_, i) => i).sort((a, b) => createdAt[a] - createdAt[b]);
  return { customer: order.map((i) => customer[i]) as unknown as Int32Array, createdAt: Float64Array.from(order, (i) => createdAt[i]) };
}

function makeOrder(random: () => number, id: string, customerId: string, createdAt: number): Order {
  const lines = 1 + Math.floor(random() * 3);
  const lineItems = [];
  let subtotal = 0;
  for (let l = 0; l < lines; l++) {
    const unitPrice = Math.round(500 + random() * 9500) / 100;
    const quantity = 1 + Math.floor(random() * 2);
    subtotal += unitPrice * quantity;
    lineItems.push({ quantity, unitPrice, unitCost: random() < 0.7 ? Math.round(unitPrice * (30 + random() * 40)) / 100 : null, requiresShipping: true });
  }
  const speed = SPEEDS[Math.floor(random() * SPEEDS.length)];
  const shippingPrice = speed === "express" ? 14.95 : random() < 0.4 ? 0 : 4.95;
  const total = Math.round((subtotal + shippingPrice) * 100) / 100;
  return {
    id,
    customerId,
    createdAt,
    processedAt: createdAt,
    cancelledAt: random() < 0.02 ? createdAt + 3_600_000 : null,
    updatedAt: createdAt + 60_000,
    currency: "USD",
    totalPrice: total,
    subtotalPrice: subtotal,
    totalDiscounts: 0,
    shippingPrice,
    channel: "Online Store",
    shippingTitle: speed,
    shippingCode: speed,
    shippingSpeed: speed,
    promisedDeliveryAt: null,
    destinationRegion: "US-CA",
    shipsToBillingAddress: random() < 0.06 ? false : true,
    isGift: random() < 0.05,
    discountCodeUsed: random() < 0.2,
    lineItems,
    fulfillments: [],
    refunds: random() < 0.05 ? [{ createdAt: createdAt + 10 * DAY, amount: Math.round(total * 50) / 100 }] : [],
    returns: random() < 0.06 ? [{ createdAt: createdAt + 12 * DAY, reasons: ["size_too_small"] }] : [],
    preferences:
      random() < 0.1
        ? { speedVsCost: random() < 0.5 ? "speed" : "cost", deliveryWindow: null, deliveryDays: null, notifications: null, giftPackaging: null, answeredAt: createdAt }
        : null,
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export async function run(): Promise<Result[]> {
  const results: Result[] = [];
  const random = mulberry32(20240701);

  // Calibration: the same primitive the store leans on, to read the other rows against.
  const calibrationIds = JSON.parse(JSON.stringify(Array.from({ length: ORDERS }, (_, i) => `gid://shopify/Order/${9_000_000 + i}`))) as string[];
  collectGarbage();
  const c0 = performance.now();
  const calibration = new Map<string, number>();
  for (let i = 0; i < calibrationIds.length; i++) calibration.set(calibrationIds[i], i);
  results.push({ name: "segments: calibration, Map.set of 1M order ids", ms: performance.now() - c0, note: "machine speed reference" });
  calibration.clear();
  calibrationIds.length = 0;

  const customerIds = Array.from({ length: CUSTOMERS }, (_, i) => `gid://shopify/Customer/${1_000_000 + i}`);
  const plan = planOrders(random);

  // 1. Profiles from 1M orders, in chunks (generation not timed).
  const book = createProfileBook({ utcOffsetMinutes: -300 });
  let applyMs = 0;
  const chunk: Order[] = new Array(CHUNK);
  for (let start = 0; start < ORDERS; start += CHUNK) {
    const end = Math.min(ORDERS, start + CHUNK);
    for (let i = start; i < end; i++) chunk[i - start] = makeOrder(random, `gid://shopify/Order/${5_000_000 + i}`, customerIds[plan.customer[i]], plan.createdAt[i]);
    // Through JSON, as orders arrive from the Admin API: flat strings and parser-shaped objects.
    const parsed = JSON.parse(JSON.stringify(chunk.slice(0, end - start))) as Order[];
    for (let i = 0; i < parsed.length; i++) chunk[i] = parsed[i];
    collectGarbage();
    const t0 = performance.now();
    for (let i = 0; i < end - start; i++) applyOrderToBook(book, chunk[i]);
    applyMs += performance.now() - t0;
  }
  const profiles = activeProfiles(book);
  results.push({
    name: "segments: profiles from 1M orders / 300k customers",
    ms: applyMs,
    peakRssMb: peakRssMb(),
    note: `${profiles.length} customers with orders; ${(applyMs * 1000 / ORDERS).toFixed(2)} µs/order`,
  });

  // 2. Replaying the last chunk (webhook retries): all duplicates.
  let t0 = performance.now();
  let duplicates = 0;
  for (let i = 0; i < chunk.length; i++) if (applyOrderToBook(book, chunk[i]).result === "duplicate") duplicates++;
  results.push({ name: "segments: replay 50k already-applied orders", ms: performance.now() - t0, note: `${duplicates} duplicates ignored` });

  // 3. RFM.
  collectGarbage();
  t0 = performance.now();
  const rfm = scoreRfm(profiles, AS_OF);
  const counts = rfmSegmentCounts(rfm);
  results.push({
    name: "segments: RFM scores + named segments, 300k customers",
    ms: performance.now() - t0,
    peakRssMb: peakRssMb(),
    note: `champions ${counts.champions}, lost ${counts.lost}, confidence ${rfm.confidence}`,
  });

  // 4. Seed segments.
  t0 = performance.now();
  const seed = assignSeedSegments(profiles, AS_OF, { currency: "USD" });
  results.push({
    name: "segments: seed segments (context + classify), 300k customers",
    ms: performance.now() - t0,
    peakRssMb: peakRssMb(),
    note: `${seed.memberships.size} customers in ≥ 1 seed segment; store p90 gap ${seed.context.storeGap?.days.toFixed(1)} days`,
  });

  // 5. Behaviour segments (living index).
  t0 = performance.now();
  const live = createLiveSegments((p: CustomerProfile) => behaviourSegmentsFor(p), profiles);
  const sizes = [...live.members].map(([k, s]) => `${k} ${s.size}`).join(", ");
  results.push({ name: "segments: behaviour segments (living index), 300k customers", ms: performance.now() - t0, peakRssMb: peakRssMb(), note: sizes });

  // 6. Summary.
  t0 = performance.now();
  const summary = summarizeSegments(profiles, seed.memberships);
  summarizeSegments(profiles, live.byCustomer);
  results.push({
    name: "segments: summaries (seed + behaviour), 300k customers",
    ms: performance.now() - t0,
    note: `${summary.segments.length} seed segments; repeat rate ${(summary.all.repeatRate ?? 0).toFixed(3)}`,
  });

  // 6b. The store-wide path of analyzeSegments: decisions as bit masks, no evidence text.
  collectGarbage();
  t0 = performance.now();
  const seedContext = seedSegmentContext(profiles, AS_OF, { currency: "USD" });
  const seedRefs = SEED_SEGMENTS.map((k) => ({ segment: k, label: SEED_SEGMENT_LABELS[k] }));
  const behaviourRefs = BEHAVIOUR_SEGMENTS.map((k) => ({ segment: k, label: BEHAVIOUR_SEGMENT_LABELS[k] }));
  const masked = summarizeSegments(profiles, maskLookup(seedRefs, (p) => seedSegmentMask(p, seedContext)), { segments: seedRefs });
  summarizeSegments(profiles, maskLookup(behaviourRefs, (p) => behaviourSegmentMask(p)), { segments: behaviourRefs });
  results.push({
    name: "segments: seed + behaviour as masks (context + summaries, no evidence), 300k customers",
    ms: performance.now() - t0,
    peakRssMb: peakRssMb(),
    note: `the analyzeSegments path; same counts as rows 4–6: ${masked.segments.map((r) => r.customers).join("/")}`,
  });

  // 6c. The whole post-profile part of analyzeSegments with per-customer predictions, twice:
  // through maps keyed by customer id, and through the model's columns aligned by slot.
  const ids = profiles.map((p) => p.customerId);
  const clvColumn = Float64Array.from(ids, (_, i) => 20 + ((i * 7919) % 50_000) / 100);
  const pAlive = Float64Array.from(ids, (_, i) => ((i * 104_729) % 1000) / 1000);
  const expectedOrders = Float64Array.from(pAlive, (x) => 3 * x);
  const predictedClv = new Map(ids.map((id, i) => [id, clvColumn[i]]));
  const activity = { row: new Map(ids.map((id, i) => [id, i])), pAlive, expectedOrders };
  const rfmRefs = RFM_SEGMENTS.map((k) => ({ segment: k, label: k }));
  const segmentPass = (byColumns: boolean) => {
    const aligned = byColumns
      ? alignPredictionsByIds(profiles, ids, { clv: clvColumn, pAlive, expectedOrders })
      : alignPredictions(profiles, predictedClv, activity);
    const table = scoreRfm(profiles, AS_OF);
    summarizeSegments(profiles, maskLookup(rfmRefs, (_, i) => (table.segment[i] === RFM_UNSCORED ? 0 : 1 << table.segment[i])), { aligned });
    const context = seedSegmentContext(profiles, AS_OF, { predictedClv, alignedClv: byColumns ? aligned.clv : null, currency: "USD" });
    const seedCounts = summarizeSegments(profiles, maskLookup(seedRefs, (p) => seedSegmentMask(p, context)), { aligned, segments: seedRefs });
    summarizeSegments(profiles, maskLookup(behaviourRefs, (p) => behaviourSegmentMask(p)), { aligned, segments: behaviourRefs });
    preferenceAgreementSummary(profiles);
    return seedCounts.segments.map((r) => r.customers).join("/");
  };
  for (const byColumns of [false, true]) {
    collectGarbage();
    t0 = performance.now();
    const counts = segmentPass(byColumns);
    results.push({
      name: `segments: RFM + seed + behaviour summaries with predictions ${byColumns ? "aligned by slot (alignPredictionsByIds, alignedClv)" : "through maps (alignPredictions)"}, 300k customers`,
      ms: performance.now() - t0,
      peakRssMb: peakRssMb(),
      note: `seed counts ${counts}`,
    });
  }

  // 7. Single-customer incremental update: new order or newer version, + living refresh.
  const samples: number[] = [];
  const N = 20_000;
  for (let k = 0; k < N; k++) {
    const c = Math.floor(random() * CUSTOMERS);
    const o =
      k % 2 === 0
        ? makeOrder(random, `gid://shopify/Order/bench-${k}`, customerIds[c], AS_OF - Math.floor(random() * 30) * DAY)
        : { ...chunk[k % CHUNK], updatedAt: AS_OF + k, refunds: [{ createdAt: AS_OF, amount: 1 }] };
    const s = performance.now();
    applyOrderAndRefresh(book, live, o);
    samples.push(performance.now() - s);
  }
  const sorted = [...samples].sort((a, b) => a - b);
  results.push({
    name: "segments: single-customer applyOrder + refresh (median of 20k)",
    ms: median(samples),
    note: `p99 ${(sorted[Math.floor(N * 0.99)] * 1000).toFixed(1)} µs, max ${(sorted[N - 1] * 1000).toFixed(0)} µs`,
  });
  return results;
}
