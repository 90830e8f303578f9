/**
 * Quantiles and distribution summaries over plain or typed arrays.
 *
 * Quantiles use linear interpolation between order statistics (Hyndman & Fan type 7,
 * the default of R and NumPy), so results match what an analyst would get in a notebook.
 */

/**
 * The p-quantile (0 ≤ p ≤ 1) of an ascending-sorted, non-empty array (type 7).
 * Throws on an empty array: callers decide what "no data" means for them.
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) throw new RangeError("quantileSorted: empty array");
  if (!(p >= 0 && p <= 1)) throw new RangeError(`quantileSorted: p=${p} outside [0, 1]`);
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const frac = h - lo;
  const a = sorted[lo];
  return frac === 0 || lo + 1 >= n ? a : a + frac * (sorted[lo + 1] - a);
}

/** Finite values copied into an ascending Float64Array (NaN/±Infinity dropped). */
export function sortedFinite(values: ArrayLike<number>): Float64Array {
  let count = 0;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) count++;
  const out = new Float64Array(count);
  let j = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isFinite(v)) out[j++] = v;
  }
  return out.sort();
}

/** Median of the finite values, or null when there are none. */
export function median(values: ArrayLike<number>): number | null {
  const sorted = sortedFinite(values);
  return sorted.length === 0 ? null : quantileSorted(sorted, 0.5);
}

export interface DistributionSummary {
  /** Number of finite values summarized. */
  n: number;
  mean: number | null;
  p10: number | null;
  p25: number | null;
  median: number | null;
  p75: number | null;
  p90: number | null;
  p95: number | null;
}

/** Summary of an ascending-sorted array of finite values (no copy). */
export function summarizeSorted(sorted: ArrayLike<number>): DistributionSummary {
  const n = sorted.length;
  if (n === 0) {
    return { n: 0, mean: null, p10: null, p25: null, median: null, p75: null, p90: null, p95: null };
  }
  let sum = 0;
  for (let i = 0; i < n; i++) sum += sorted[i];
  return {
    n,
    mean: sum / n,
    p10: quantileSorted(sorted, 0.1),
    p25: quantileSorted(sorted, 0.25),
    median: quantileSorted(sorted, 0.5),
    p75: quantileSorted(sorted, 0.75),
    p90: quantileSorted(sorted, 0.9),
    p95: quantileSorted(sorted, 0.95),
  };
}

/** n, mean and the usual percentiles of the finite values (unsorted input is fine). */
export function summarizeDistribution(values: ArrayLike<number>): DistributionSummary {
  return summarizeSorted(sortedFinite(values));
}

/**
 * The p-quantile (type 7) of an unsorted array in O(n) by selection, reordering the array.
 * For one-off medians of big scratch buffers, where a full sort would dominate.
 */
export function quantileInPlace(a: Float64Array, p: number): number {
  const n = a.length;
  if (n === 0) throw new RangeError("quantileInPlace: empty array");
  if (!(p >= 0 && p <= 1)) throw new RangeError(`quantileInPlace: p=${p} outside [0, 1]`);
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  selectKth(a, lo, 0, n - 1);
  const x = a[lo];
  const frac = h - lo;
  if (frac === 0 || lo + 1 >= n) return x;
  // After selection everything right of lo is ≥ a[lo]; the next order statistic is their minimum.
  let next = Infinity;
  for (let i = lo + 1; i < n; i++) if (a[i] < next) next = a[i];
  return x + frac * (next - x);
}

/** Hoare-style quickselect with median-of-three pivots: puts the k-th smallest at a[k]. */
export function selectKth(a: Float64Array, k: number, left: number, right: number): void {
  while (right > left) {
    const mid = (left + right) >> 1;
    // Median of three to a[mid].
    if (a[mid] < a[left]) swap(a, mid, left);
    if (a[right] < a[left]) swap(a, right, left);
    if (a[right] < a[mid]) swap(a, right, mid);
    const pivot = a[mid];
    let i = left;
    let j = right;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        swap(a, i, j);
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return;
  }
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}
