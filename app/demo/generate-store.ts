/**
 * The deterministic demo store: customers arrive over the period, buy by a
 * BG/NBD process, and every order comes out in the Admin GraphQL 2026-10 shape,
 * in creation order, as the shop looks at `asOf`.
 *
 * Streaming: customers are admitted in arrival order (sorted uniforms drawn
 * one at a time) and their next purchases wait in a min-heap, so memory grows
 * with the customers currently active, never with the number of orders.
 * Same options => byte-identical output (no clock, one seeded PRNG per stream).
 */
import type { AdminOrder } from "./admin-order";
import { DAY_MS, WEEK_MS, utcDate, utcMonthDay } from "./calendar";
import { buildPriceIndex } from "./catalog";
import { CHANNELS, CHANNEL_KEYS, GUEST_SHARE, LATE_FIRST_DELIVERY_EFFECT, PROFILES, SPEND, type ChannelKey } from "./customers";
import { buildOrder, type BuildContext, type CustomerSnapshot } from "./order-builder";
import { Random, cumulative } from "./random";
import { REGIONS, SHOP_REGION_INDEX } from "./regions";
import { buildDayTables, timeOfDay, type DayTables } from "./seasonality";

export const DEMO_DEFAULTS = {
  seed: "second-order-demo",
  orders: 20_000,
  periodDays: 730,
  shopDomain: "second-order-demo.myshopify.com",
  currency: "USD",
  /** Customers simulated to estimate orders per customer before the real run (fewer for tiny stores). */
  pilotCustomers: 4_000,
  minPilotCustomers: 1_000,
  /** Above this, `generateStore` refuses: stream with `iterateOrders` instead. */
  maxArrayOrders: 250_000,
} as const;

export interface DemoStoreOptions {
  /** The shop's "now" (epoch ms): nothing after it is visible. Required: the generator never reads the clock. */
  asOf: number;
  seed?: string | number;
  /** Approximate number of orders to generate. */
  orders?: number;
  /** First and last instants orders may be created at; default: the two years ending at `asOf`. */
  start?: number;
  end?: number;
  shopDomain?: string;
  currency?: string;
  /** Number of customers (guests included) to simulate; overrides the `orders` target when set. */
  customers?: number;
}

/** Options resolved, with the number of customers chosen to hit the order target. */
export interface DemoStorePlan {
  kind: "demo-store-plan";
  seed: string;
  asOf: number;
  start: number;
  end: number;
  orders: number;
  customers: number;
  shopDomain: string;
  currency: string;
}

export interface DemoStore {
  shop: { domain: string; currencyCode: string; ianaTimezone: "UTC" };
  plan: DemoStorePlan;
  orders: AdminOrder[];
}

export function resolveOptions(options: DemoStoreOptions): Omit<DemoStorePlan, "customers"> & { customers: number | null } {
  const { asOf } = options;
  if (!Number.isFinite(asOf)) throw new RangeError("asOf (epoch ms) is required: the demo store never reads the clock");
  const end = options.end ?? asOf;
  const start = options.start ?? end - DEMO_DEFAULTS.periodDays * DAY_MS;
  if (!Number.isFinite(start) || !Number.isFinite(end) || start >= end) throw new RangeError(`start (${start}) must be before end (${end})`);
  if (end > asOf) throw new RangeError(`end (${end}) must not be after asOf (${asOf})`);
  const orders = options.orders ?? DEMO_DEFAULTS.orders;
  if (!Number.isInteger(orders) || orders < 0) throw new RangeError(`orders must be a non-negative integer, got ${orders}`);
  const customers = options.customers ?? null;
  if (customers !== null && (!Number.isInteger(customers) || customers < 0)) throw new RangeError(`customers must be a non-negative integer, got ${customers}`);
  return {
    kind: "demo-store-plan",
    seed: String(options.seed ?? DEMO_DEFAULTS.seed),
    asOf,
    start,
    end,
    orders,
    customers,
    shopDomain: options.shopDomain ?? DEMO_DEFAULTS.shopDomain,
    currency: options.currency ?? DEMO_DEFAULTS.currency,
  };
}

/**
 * Chooses the number of customers: orders per customer depend on the period
 * and the season mix, so a pilot run (its own seed) measures them.
 */
export function planDemoStore(options: DemoStoreOptions): DemoStorePlan {
  const resolved = resolveOptions(options);
  if (resolved.customers !== null) return { ...resolved, customers: resolved.customers };
  if (resolved.orders === 0) return { ...resolved, customers: 0 };
  const pilotCustomers = Math.min(DEMO_DEFAULTS.pilotCustomers, Math.max(DEMO_DEFAULTS.minPilotCustomers, resolved.orders));
  const pilot = { ...resolved, seed: `${resolved.seed}/pilot`, customers: pilotCustomers };
  let pilotOrders = 0;
  for (const _ of simulateOrders(pilot)) pilotOrders++;
  const perCustomer = Math.max(1, pilotOrders) / pilotCustomers;
  return { ...resolved, customers: Math.max(1, Math.round(resolved.orders / perCustomer)) };
}

/**
 * Streams the store's orders in creation order; memory stays flat whatever the size.
 * Options are planned (and validated) at the call, not at the first `next()`.
 */
export function iterateOrders(options: DemoStoreOptions | DemoStorePlan): Generator<AdminOrder, void, undefined> {
  return simulateOrders(isPlan(options) ? options : planDemoStore(options));
}

/** Calls `visit` for every order; returns how many there were. */
export function forEachOrder(options: DemoStoreOptions | DemoStorePlan, visit: (order: AdminOrder, index: number) => void): number {
  let count = 0;
  for (const order of iterateOrders(options)) visit(order, count++);
  return count;
}

/** A whole (small) store in memory; use `iterateOrders` beyond `DEMO_DEFAULTS.maxArrayOrders`. */
export function generateStore(options: DemoStoreOptions): DemoStore {
  const plan = planDemoStore(options);
  if (plan.orders > DEMO_DEFAULTS.maxArrayOrders && options.customers === undefined) {
    throw new RangeError(`${plan.orders} orders do not belong in one array: stream them with iterateOrders()`);
  }
  const orders: AdminOrder[] = [];
  for (const order of simulateOrders(plan)) orders.push(order);
  return { shop: { domain: plan.shopDomain, currencyCode: plan.currency, ianaTimezone: "UTC" }, plan, orders };
}

function isPlan(options: DemoStoreOptions | DemoStorePlan): options is DemoStorePlan {
  return (options as DemoStorePlan).kind === "demo-store-plan";
}

// ---------------------------------------------------------------------------

const PROFILE_WEIGHTS = cumulative(PROFILES.map((p) => p.share));
const REGION_WEIGHTS = cumulative(REGIONS.map((r) => r.weight));
const CHANNEL_WEIGHTS = cumulative(CHANNEL_KEYS.map((k) => CHANNELS[k].homeShare));
const PROFILE_INDEX_FIRST_OF_MONTH = PROFILES.findIndex((p) => p.key === "first_of_month");

/** Customers waiting for their next purchase: struct-of-arrays slots, recycled on dropout. */
class ActiveCustomers {
  capacity = 0;
  number = new Int32Array(0);
  profile = new Uint8Array(0);
  guest = new Uint8Array(0);
  region = new Uint16Array(0);
  channel = new Uint8Array(0);
  orders = new Int32Array(0);
  ratePerMs = new Float64Array(0);
  dropout = new Float64Array(0);
  spendRate = new Float64Array(0);
  private free: number[] = [];
  private used = 0;

  allocate(): number {
    if (this.free.length > 0) return this.free.pop()!;
    if (this.used === this.capacity) this.grow();
    return this.used++;
  }

  release(slot: number): void {
    this.free.push(slot);
  }

  private grow(): void {
    const capacity = Math.max(1024, this.capacity * 2);
    const grow = <T extends Int32Array | Uint8Array | Uint16Array | Float64Array>(old: T, make: (n: number) => T): T => {
      const next = make(capacity);
      next.set(old);
      return next;
    };
    this.number = grow(this.number, (n) => new Int32Array(n));
    this.profile = grow(this.profile, (n) => new Uint8Array(n));
    this.guest = grow(this.guest, (n) => new Uint8Array(n));
    this.region = grow(this.region, (n) => new Uint16Array(n));
    this.channel = grow(this.channel, (n) => new Uint8Array(n));
    this.orders = grow(this.orders, (n) => new Int32Array(n));
    this.ratePerMs = grow(this.ratePerMs, (n) => new Float64Array(n));
    this.dropout = grow(this.dropout, (n) => new Float64Array(n));
    this.spendRate = grow(this.spendRate, (n) => new Float64Array(n));
    this.capacity = capacity;
  }
}

/** Min-heap of (time, slot); equal times pop by slot number, so the order is deterministic. */
class EventHeap {
  private times = new Float64Array(1024);
  private slots = new Int32Array(1024);
  size = 0;

  peekTime(): number {
    return this.size > 0 ? this.times[0] : Infinity;
  }

  push(time: number, slot: number): void {
    if (this.size === this.times.length) {
      const times = new Float64Array(this.size * 2);
      times.set(this.times);
      this.times = times;
      const slots = new Int32Array(this.size * 2);
      slots.set(this.slots);
      this.slots = slots;
    }
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.earlier(parent, time, slot)) break;
      this.times[i] = this.times[parent];
      this.slots[i] = this.slots[parent];
      i = parent;
    }
    this.times[i] = time;
    this.slots[i] = slot;
  }

  /** Removes the earliest event and returns its slot (its time is `peekTime()`). */
  pop(): number {
    const top = this.slots[0];
    this.size--;
    if (this.size === 0) return top;
    const time = this.times[this.size];
    const slot = this.slots[this.size];
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= this.size) break;
      const right = child + 1;
      if (right < this.size && this.earlier(right, this.times[child], this.slots[child])) child = right;
      if (!this.earlier(child, time, slot)) break;
      this.times[i] = this.times[child];
      this.slots[i] = this.slots[child];
      i = child;
    }
    this.times[i] = time;
    this.slots[i] = slot;
    return top;
  }

  /** Does the entry at `index` come before (time, slot)? */
  private earlier(index: number, time: number, slot: number): boolean {
    return this.times[index] < time || (this.times[index] === time && this.slots[index] < slot);
  }
}

/** Arrival times of `count` customers, sorted, drawn one at a time from the acquisition curve. */
class Arrivals {
  private drawn = 0;
  private position = 0; // the last sorted uniform
  private day = 0;

  constructor(
    private readonly rng: Random,
    private readonly count: number,
    private readonly tables: DayTables,
  ) {}

  /** Next arrival (may fall outside [start, end] on the partial first/last day), or Infinity. */
  next(): number {
    if (this.drawn >= this.count) return Infinity;
    // Sequential sorted uniforms: U(k+1) = 1 - (1 - U(k)) * V^(1/(n-k)).
    this.position = 1 - (1 - this.position) * Math.pow(this.rng.nextOpen(), 1 / (this.count - this.drawn));
    this.drawn++;
    const cum = this.tables.acquisitionCumulative;
    const target = this.position * cum[this.tables.days];
    while (this.day < this.tables.days - 1 && cum[this.day + 1] <= target) this.day++;
    const within = (target - cum[this.day]) / (cum[this.day + 1] - cum[this.day]);
    return this.tables.firstDay + this.day * DAY_MS + timeOfDay(Math.min(1, Math.max(0, within)));
  }
}

function* simulateOrders(plan: DemoStorePlan): Generator<AdminOrder, void, undefined> {
  if (plan.customers === 0) return;
  const rng = new Random(plan.seed);
  const arrivalRng = new Random(`${plan.seed}/arrivals`);
  const tables = buildDayTables(plan.start, plan.end);
  const arrivals = new Arrivals(arrivalRng, plan.customers, tables);
  const active = new ActiveCustomers();
  const heap = new EventHeap();
  let fulfillmentNumber = 0;
  const ctx: BuildContext = {
    asOf: plan.asOf,
    currency: plan.currency,
    priceIndex: buildPriceIndex(),
    regionWeights: REGION_WEIGHTS,
    nextFulfillmentNumber: () => ++fulfillmentNumber,
  };
  const snapshot: CustomerSnapshot = {
    customerNumber: 0,
    guest: false,
    profile: PROFILES[0],
    spendRate: 1,
    regionIndex: 0,
    homeChannel: "online",
    orderNumber: 1,
  };

  let customerNumber = 0;
  let sequence = 0;
  let nextArrival = arrivals.next();
  for (;;) {
    while (nextArrival < plan.start || (nextArrival > plan.end && Number.isFinite(nextArrival))) nextArrival = arrivals.next();
    const nextRepeat = heap.peekTime();
    if (nextArrival === Infinity && nextRepeat === Infinity) return;

    let slot: number;
    let at: number;
    if (nextArrival <= nextRepeat) {
      at = nextArrival;
      slot = admit(rng, active, ++customerNumber);
      nextArrival = arrivals.next();
    } else {
      at = nextRepeat;
      slot = heap.pop();
    }

    const profile = PROFILES[active.profile[slot]];
    active.orders[slot]++;
    snapshot.customerNumber = active.number[slot];
    snapshot.guest = active.guest[slot] === 1;
    snapshot.profile = profile;
    snapshot.spendRate = active.spendRate[slot];
    snapshot.regionIndex = active.region[slot];
    snapshot.homeChannel = CHANNEL_KEYS[active.channel[slot]];
    snapshot.orderNumber = active.orders[slot];
    const built = buildOrder(rng, ctx, snapshot, at, ++sequence);

    // BG/NBD dropout after the purchase; a bad first delivery lowers the chance to stay.
    let stay = 1 - active.dropout[slot];
    if (snapshot.orderNumber === 1 && built.badDelivery) stay *= LATE_FIRST_DELIVERY_EFFECT.survivalMultiplier;
    const next = rng.chance(stay) ? nextPurchase(rng, active, slot, at, tables, plan.end) : Infinity;
    if (next <= plan.end) heap.push(next, slot);
    else active.release(slot);

    yield built.order;
  }
}

function admit(rng: Random, active: ActiveCustomers, customerNumber: number): number {
  const slot = active.allocate();
  const profileIndex = rng.pickIndex(PROFILE_WEIGHTS);
  const profile = PROFILES[profileIndex];
  const guest = rng.chance(GUEST_SHARE);
  let channel: ChannelKey = CHANNEL_KEYS[rng.pickIndex(CHANNEL_WEIGHTS)];
  if (guest && channel === "shop") channel = "online"; // Shop app checkouts are always signed in
  active.number[slot] = guest ? 0 : customerNumber;
  active.profile[slot] = profileIndex;
  active.guest[slot] = guest ? 1 : 0;
  active.region[slot] = channel === "pos" ? SHOP_REGION_INDEX : rng.pickIndex(REGION_WEIGHTS);
  active.channel[slot] = CHANNEL_KEYS.indexOf(channel);
  active.orders[slot] = 0;
  active.ratePerMs[slot] = rng.gamma(profile.purchaseRate.r, 1 / profile.purchaseRate.alpha) / WEEK_MS;
  active.dropout[slot] = rng.beta(profile.dropout.a, profile.dropout.b);
  active.spendRate[slot] = rng.gamma(SPEND.g, 1 / SPEND.gammaCents);
  return slot;
}

/**
 * Next purchase after `t`: a Poisson process thinned by the season table, so
 * purchases cluster in Q4 (and, for gift-givers, around gifting dates).
 * First-of-month buyers move the purchase to the 1st-3rd of the month.
 */
function nextPurchase(rng: Random, active: ActiveCustomers, slot: number, t: number, tables: DayTables, end: number): number {
  const profile = PROFILES[active.profile[slot]];
  const season = profile.season === "gift" ? tables.gift : tables.general;
  const max = profile.season === "gift" ? tables.maxGift : tables.maxGeneral;
  const rate = active.ratePerMs[slot] * max;
  let at = t;
  for (;;) {
    at += rng.exponential(rate);
    if (at > end) return Infinity;
    const day = Math.floor((at - tables.firstDay) / DAY_MS);
    if (rng.next() * max < season[day]) break;
  }
  if (active.profile[slot] === PROFILE_INDEX_FIRST_OF_MONTH) {
    const { year, month, day } = utcMonthDay(at);
    if (day > 3) {
      const nextMonth = month === 11 ? utcDate(year + 1, 0, 1) : utcDate(year, month + 1, 1);
      at = nextMonth + rng.int(0, 2) * DAY_MS + timeOfDay(rng.next());
    }
    if (at > end) return Infinity;
  }
  return at;
}
