/**
 * Order statistics of store-wide columns without sorting hundreds of thousands of values:
 * counts for small whole numbers (days, purchase days), O(n + range), and selection of one
 * order statistic of other values, O(n) (quantiles by selection: `quantileInPlace`). Both give
 * exactly the values a sort would: the same sorted order and the same type-7 quantiles.
 */
import { quantileSorted, selectKth } from "../stats/quantile";

/** Above this value counting would waste memory: callers sort instead. */
const MAX_COUNTED_VALUE = 1 << 20;

export class DayCounts {
  private counts = new Int32Array(1024);
  /** Number of values added. */
  total = 0;

  /** Adds a whole number in [0, 2^20]; false (and nothing added) for anything else. */
  add(value: number): boolean {
    if (!(value >= 0 && value <= MAX_COUNTED_VALUE) || value !== Math.floor(value)) return false;
    if (value >= this.counts.length) {
      const grown = new Int32Array(Math.max(this.counts.length * 2, value + 1));
      grown.set(this.counts);
      this.counts = grown;
    }
    this.counts[value]++;
    this.total++;
    return true;
  }

  /** The k-th smallest value (0-based, k < total). */
  nth(k: number): number {
    const counts = this.counts;
    let seen = 0;
    for (let v = 0; v < counts.length; v++) {
      seen += counts[v];
      if (seen > k) return v;
    }
    throw new RangeError(`DayCounts.nth: ${k} ≥ ${this.total} values`);
  }

  /** `quantileSorted(sorted values, p)`, without the sorted values. */
  quantile(p: number): number {
    const n = this.total;
    if (n < 2) return quantileSorted(this.sorted(), p); // its errors and edge cases
    if (!(p >= 0 && p <= 1)) throw new RangeError(`quantileSorted: p=${p} outside [0, 1]`);
    const h = (n - 1) * p;
    const lo = Math.floor(h);
    const frac = h - lo;
    const a = this.nth(lo);
    return frac === 0 || lo + 1 >= n ? a : a + frac * (this.nth(lo + 1) - a);
  }

  /** All values in ascending order. */
  sorted(): Float64Array {
    const out = new Float64Array(this.total);
    const counts = this.counts;
    let o = 0;
    for (let v = 0; v < counts.length; v++) for (let c = counts[v]; c > 0; c--) out[o++] = v;
    return out;
  }
}

/** The values counted, or null when one is not a small whole number (then sort instead). */
export function countWholeNumbers(values: ArrayLike<number>): DayCounts | null {
  const counts = new DayCounts();
  for (let i = 0; i < values.length; i++) if (!counts.add(values[i])) return null;
  return counts;
}

/** The values in ascending order, as a Float64Array: counted when they are small whole numbers. */
export function sortedWholeNumbers(values: ArrayLike<number>): Float64Array {
  return countWholeNumbers(values)?.sorted() ?? Float64Array.from(values).sort();
}

/**
 * The k-th smallest value (0-based) of `a`, which is reordered so that a[i] ≤ a[k] ≤ a[j] for
 * i < k < j (the shared Hoare selection of `quantileInPlace`). No NaN in `a`.
 */
export function nthSmallest(a: Float64Array, k: number): number {
  if (!(k >= 0 && k < a.length)) throw new RangeError(`nthSmallest: ${k} outside 0..${a.length - 1}`);
  selectKth(a, k, 0, a.length - 1);
  return a[k];
}

