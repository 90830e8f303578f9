/**
 * Exact percentiles of one metric for many groups under several groupings at once
 * (overall, by carrier, by channel…), for a million rows, without sorting them.
 *
 * Two sequential passes: (1) a histogram per group over 2,048 square-root-spaced value buckets, which
 * tells in which bucket each wanted order statistic lies; (2) collect only the values of those
 * buckets and sort them. Histograms for ~100 groups fit in cache, so the passes run at memory
 * speed; random access and big sorts, which dominate at this size, are avoided. The result is
 * exact (type-7 interpolation between order statistics), not a sketch.
 */

export interface GroupPercentiles {
  n: number;
  mean: number | null;
  median: number | null;
  p75: number | null;
  p90: number | null;
  /**
   * Distribution-free ~95% interval for the median from order statistics (1-based ranks
   * ⌊n/2 − 1.96·√n/2⌋ and ⌈1 + n/2 + 1.96·√n/2⌉), used to grade how well the median is
   * pinned down.
   */
  medianLow: number | null;
  medianHigh: number | null;
}

const BUCKETS = 2048;
const NO_BUCKET = 0xffff;
const EMPTY: GroupPercentiles = { n: 0, mean: null, median: null, p75: null, p90: null, medianLow: null, medianHigh: null };

/** 0-based order statistics needed for a group of n values, in a fixed layout. */
function neededRanks(n: number, out: Int32Array): void {
  const h50 = (n - 1) * 0.5;
  const h75 = (n - 1) * 0.75;
  const h90 = (n - 1) * 0.9;
  const spread = (1.959963984540054 * Math.sqrt(n)) / 2;
  out[0] = Math.floor(h50);
  out[1] = Math.min(n - 1, out[0] + 1);
  out[2] = Math.floor(h75);
  out[3] = Math.min(n - 1, out[2] + 1);
  out[4] = Math.floor(h90);
  out[5] = Math.min(n - 1, out[4] + 1);
  out[6] = Math.max(0, Math.floor(n / 2 - spread) - 1);
  out[7] = Math.min(n - 1, Math.ceil(1 + n / 2 + spread) - 1);
}
const RANKS = 8;

function interpolate(lo: number, hi: number, h: number): number {
  const frac = h - Math.floor(h);
  return frac === 0 ? lo : lo + frac * (hi - lo);
}

/**
 * `packed[i · width + d]` is row i's group in grouping d (−1 = not in grouping d);
 * `groupCounts[d]` the number of groups of grouping d. Non-finite values are skipped.
 * Returns result[d][g].
 */
export function groupedPercentiles(values: ArrayLike<number>, packed: Int16Array | Int32Array, width: number, groupCounts: ArrayLike<number>): GroupPercentiles[][] {
  const rows = values.length;
  if (packed.length < rows * width) throw new RangeError("groupedPercentiles: packed groups too short");
  const cellOf = new Int32Array(width + 1);
  for (let d = 0; d < width; d++) cellOf[d + 1] = cellOf[d] + groupCounts[d];
  const cells = cellOf[width];

  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < rows; i++) {
    const v = values[i];
    if (v < min) min = v; // NaN compares false and is skipped
    if (v > max) max = v;
  }
  if (min === -Infinity || max === Infinity) {
    // Infinite values are not measurements: recompute over finite ones only.
    min = Infinity;
    max = -Infinity;
    for (let i = 0; i < rows; i++) {
      const v = values[i];
      if (v === v && v !== Infinity && v !== -Infinity) {
        if (v < min) min = v;
        if (v > max) max = v;
      }
    }
  }
  const result: GroupPercentiles[][] = [];
  if (min === Infinity) {
    for (let d = 0; d < width; d++) result.push(Array.from({ length: groupCounts[d] }, () => ({ ...EMPTY })));
    return result;
  }
  // Square-root-spaced buckets: delivery times are skewed, most values sit near the low end
  // (a square root costs a fraction of a logarithm; any increasing spacing gives exact results).
  const span = Math.sqrt(max - min);
  const scale = span > 0 ? (BUCKETS - 1) / span : 0;

  // Pass 1: histograms, counts and sums per (grouping, group). Each row's bucket is kept for
  // pass 2 (NO_BUCKET marks skipped values). Histograms
  // are laid out bucket-major (hist[b · cells + c]): a row's groups share a bucket, so its
  // increments land close together instead of one cache miss per grouping.
  const hist = new Int32Array(cells * BUCKETS);
  const count = new Int32Array(cells);
  const sum = new Float64Array(cells);
  const bucketOf = new Uint16Array(rows);
  for (let i = 0; i < rows; i++) {
    const v = values[i];
    if (!(v >= min && v <= max)) {
      bucketOf[i] = NO_BUCKET;
      continue;
    }
    let b = Math.floor(Math.sqrt(v - min) * scale);
    if (b >= BUCKETS) b = BUCKETS - 1;
    bucketOf[i] = b;
    const base = i * width;
    for (let d = 0; d < width; d++) {
      const g = packed[base + d];
      if (g < 0) continue;
      const c = cellOf[d] + g;
      hist[b * cells + c]++;
      count[c]++;
      sum[c] += v;
    }
  }

  // Locate each wanted rank: its bucket, and its position among that bucket's values.
  const ranks = new Int32Array(cells * RANKS);
  const rankBucket = new Int32Array(cells * RANKS);
  const rankOffset = new Int32Array(cells * RANKS); // rank − values in earlier buckets
  const slotOf = new Int32Array(cells * BUCKETS).fill(-1); // bucket-major, like hist
  const bucketTargeted = new Uint8Array(BUCKETS);
  const slotStart: number[] = [];
  let total = 0;
  const tmp = new Int32Array(RANKS);
  for (let c = 0; c < cells; c++) {
    const n = count[c];
    if (n === 0) continue;
    neededRanks(n, tmp);
    for (let r = 0; r < RANKS; r++) ranks[c * RANKS + r] = tmp[r];
    let before = 0;
    let b = 0;
    for (let r = 0; r < RANKS; r++) {
      const want = tmp[r];
      // Ranks are not monotone across the layout: restart the walk when needed.
      if (want < before) {
        before = 0;
        b = 0;
      }
      while (before + hist[b * cells + c] <= want) before += hist[b++ * cells + c];
      rankBucket[c * RANKS + r] = b;
      rankOffset[c * RANKS + r] = want - before;
      const cell = b * cells + c;
      if (slotOf[cell] < 0) {
        slotOf[cell] = slotStart.length;
        slotStart.push(total);
        total += hist[cell];
        bucketTargeted[b] = 1;
      }
    }
  }

  // Pass 2: gather the values of the targeted buckets only.
  const slots = slotStart.length;
  const cursor = Int32Array.from(slotStart);
  const gathered = new Float64Array(total);
  for (let i = 0; i < rows; i++) {
    const b = bucketOf[i];
    if (b === NO_BUCKET || bucketTargeted[b] === 0) continue;
    const v = values[i];
    const base = i * width;
    const row = b * cells;
    for (let d = 0; d < width; d++) {
      const g = packed[base + d];
      if (g < 0) continue;
      const s = slotOf[row + cellOf[d] + g];
      if (s >= 0) gathered[cursor[s]++] = v;
    }
  }
  for (let s = 0; s < slots; s++) gathered.subarray(slotStart[s], s + 1 < slots ? slotStart[s + 1] : total).sort();

  const at = (c: number, r: number) => gathered[slotStart[slotOf[rankBucket[c * RANKS + r] * cells + c]] + rankOffset[c * RANKS + r]];
  for (let d = 0; d < width; d++) {
    const row: GroupPercentiles[] = [];
    for (let g = 0; g < groupCounts[d]; g++) {
      const c = cellOf[d] + g;
      const n = count[c];
      if (n === 0) {
        row.push({ ...EMPTY });
        continue;
      }
      row.push({
        n,
        mean: sum[c] / n,
        median: interpolate(at(c, 0), at(c, 1), (n - 1) * 0.5),
        p75: interpolate(at(c, 2), at(c, 3), (n - 1) * 0.75),
        p90: interpolate(at(c, 4), at(c, 5), (n - 1) * 0.9),
        medianLow: at(c, 6),
        medianHigh: at(c, 7),
      });
    }
    result.push(row);
  }
  return result;
}
