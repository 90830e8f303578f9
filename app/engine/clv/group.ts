/**
 * Collapsing customers with identical (x, tx, T) into weighted groups. Real stores record
 * purchases by day, so a million customers share far fewer distinct triples; the likelihood
 * and the forecasts then cost one evaluation per group instead of per customer.
 */

/** Customer data as the models consume it: frequency, recency and age, in model units. */
export interface RfmColumns {
  x: ArrayLike<number>;
  tx: ArrayLike<number>;
  T: ArrayLike<number>;
  /** Optional multiplicity of each row (default 1). */
  weight?: ArrayLike<number>;
}

export interface RfmGroups {
  x: Float64Array;
  tx: Float64Array;
  T: Float64Array;
  /** Customers (total weight) in each group. */
  w: Float64Array;
  /** Group of each input row. */
  groupOf: Int32Array;
  /** Sum of weights. */
  totalWeight: number;
}

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);

function mixDouble(h: number, v: number): number {
  f64[0] = v + 0; // −0 → +0
  h = Math.imul(h ^ u32[0], 0x9e3779b1);
  h = Math.imul(h ^ (h >>> 15) ^ u32[1], 0x85ebca6b);
  return h ^ (h >>> 13);
}

function tableSize(n: number): number {
  let size = 16;
  while (size < 2 * n) size <<= 1;
  return size;
}

/** Groups identical (x, tx, T) rows; group order is first appearance. */
export function groupRfm(data: RfmColumns): RfmGroups {
  const n = data.x.length;
  const { x, tx, T, weight } = data;
  // The table and the keys grow with the groups found, not the rows: real stores have several
  // customers per group, so they stay small (cache-resident, little memory to allocate and collect).
  let capacity = Math.max(1, Math.min(n, 4096));
  let mask = tableSize(capacity) - 1;
  let table = new Int32Array(mask + 1).fill(-1);
  // Keys interleaved (x, tx, T) so a probe's comparison touches one cache line.
  let keys = new Float64Array(3 * capacity);
  let gw = new Float64Array(capacity);
  const groupOf = new Int32Array(n);
  let groups = 0;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const xi = x[i] + 0; // −0 → +0
    const txi = tx[i] + 0;
    const Ti = T[i] + 0;
    const wi = weight ? weight[i] : 1;
    total += wi;
    const hash = hashRfm(xi, txi, Ti);
    let slot = hash & mask;
    for (;;) {
      const g = table[slot];
      if (g === -1) break;
      const k = 3 * g;
      if (keys[k] === xi && keys[k + 1] === txi && keys[k + 2] === Ti) break;
      slot = (slot + 1) & mask;
    }
    const g = table[slot];
    if (g !== -1) {
      gw[g] += wi;
      groupOf[i] = g;
      continue;
    }
    if (groups === capacity) {
      capacity = Math.min(n, 2 * capacity);
      keys = grown(keys, 3 * capacity);
      gw = grown(gw, capacity);
      mask = tableSize(capacity) - 1;
      table = new Int32Array(mask + 1).fill(-1);
      for (let q = 0; q < groups; q++) table[freeSlot(table, hashRfm(keys[3 * q], keys[3 * q + 1], keys[3 * q + 2]) & mask, mask)] = q;
      slot = freeSlot(table, hash & mask, mask);
    }
    table[slot] = groups;
    const k = 3 * groups;
    keys[k] = xi;
    keys[k + 1] = txi;
    keys[k + 2] = Ti;
    gw[groups] = wi;
    groupOf[i] = groups++;
  }
  const gx = new Float64Array(groups);
  const gtx = new Float64Array(groups);
  const gT = new Float64Array(groups);
  for (let g = 0; g < groups; g++) {
    gx[g] = keys[3 * g];
    gtx[g] = keys[3 * g + 1];
    gT[g] = keys[3 * g + 2];
  }
  return { x: gx, tx: gtx, T: gT, w: gw.slice(0, groups), groupOf, totalWeight: total };
}

function hashRfm(x: number, tx: number, T: number): number {
  return mixDouble(mixDouble(mixDouble(0x12345, x), tx), T);
}

function freeSlot(table: Int32Array, slot: number, mask: number): number {
  while (table[slot] !== -1) slot = (slot + 1) & mask;
  return slot;
}

function grown<A extends Float64Array | Int32Array>(a: A, length: number): A {
  const out = new (a.constructor as new (n: number) => A)(length);
  out.set(a);
  return out;
}

/** The caller's `groupRfm(data)` when given (checked to describe as many rows), else fresh groups. */
export function groupsFor(data: RfmColumns, groups?: RfmGroups): RfmGroups {
  if (groups === undefined) return groupRfm(data);
  if (groups.groupOf.length !== data.x.length) throw new RangeError(`groups describe ${groups.groupOf.length} rows but the data has ${data.x.length}`);
  return groups;
}

/** Distinct values of `values` and the index of each element into them. */
export function uniqueValues(values: ArrayLike<number>): { values: Float64Array; index: Int32Array } {
  const n = values.length;
  // As in groupRfm, the table grows with the distinct values, which are usually few.
  let capacity = Math.max(1, Math.min(n, 1024));
  let mask = tableSize(capacity) - 1;
  let table = new Int32Array(mask + 1).fill(-1);
  let uniq = new Float64Array(capacity);
  const index = new Int32Array(n);
  let count = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i] + 0; // −0 → +0
    let slot = mixDouble(0x2545f491, v) & mask;
    for (;;) {
      const u = table[slot];
      if (u === -1 || uniq[u] === v) break;
      slot = (slot + 1) & mask;
    }
    const u = table[slot];
    if (u !== -1) {
      index[i] = u;
      continue;
    }
    if (count === capacity) {
      capacity = Math.min(n, 2 * capacity);
      uniq = grown(uniq, capacity);
      mask = tableSize(capacity) - 1;
      table = new Int32Array(mask + 1).fill(-1);
      for (let q = 0; q < count; q++) table[freeSlot(table, mixDouble(0x2545f491, uniq[q]) & mask, mask)] = q;
      slot = freeSlot(table, mixDouble(0x2545f491, v) & mask, mask);
    }
    table[slot] = count;
    uniq[count] = v;
    index[i] = count++;
  }
  return { values: uniq.slice(0, count), index };
}
