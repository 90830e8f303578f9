/**
 * Seeded pseudo-random numbers and the samplers the demo store needs.
 *
 * xoshiro128** (32-bit state words, period 2^128 - 1) is used rather than
 * mulberry32: a million-order store draws ~10^8 numbers, too close to
 * mulberry32's 2^32 period. Same seed => same sequence on every platform,
 * since only 32-bit integer ops and exact float conversions are involved.
 */

const TWO_POW_32 = 4294967296;

/** splitmix32: spreads a (possibly small, similar) seed over the 128-bit state. */
function splitmix32(state: number): [number, number] {
  const s = (state + 0x9e3779b9) | 0;
  let z = s;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  z ^= z >>> 16;
  return [s, z >>> 0];
}

/** Hashes a string seed (e.g. "demo-2026") to 32 bits (FNV-1a). */
export function hashSeed(seed: string | number): number {
  const text = String(seed);
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  /** Box-Muller produces normals in pairs; the second is kept for the next call. */
  private spareNormal = 0;
  private hasSpareNormal = false;

  constructor(seed: string | number) {
    let s = hashSeed(seed);
    let out: number;
    [s, out] = splitmix32(s);
    this.a = out;
    [s, out] = splitmix32(s);
    this.b = out;
    [s, out] = splitmix32(s);
    this.c = out;
    [s, out] = splitmix32(s);
    this.d = out;
    if ((this.a | this.b | this.c | this.d) === 0) this.d = 1; // all-zero state is a fixed point
  }

  /** A generator in an exact xoshiro128** state (for reference-vector tests). */
  static fromState(a: number, b: number, c: number, d: number): Random {
    const rng = new Random(0);
    rng.a = a >>> 0;
    rng.b = b >>> 0;
    rng.c = c >>> 0;
    rng.d = d >>> 0;
    return rng;
  }

  /** Uniform 32-bit unsigned integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.b, 5), 7), 9) >>> 0;
    const t = this.b << 9;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return result;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextUint32() / TWO_POW_32;
  }

  /** Uniform in (0, 1): safe for logarithms. */
  nextOpen(): number {
    return (this.nextUint32() + 0.5) / TWO_POW_32;
  }

  uniform(low: number, high: number): number {
    return low + (high - low) * this.next();
  }

  /** Integer in [low, high] inclusive. */
  int(low: number, high: number): number {
    return low + Math.floor(this.next() * (high - low + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** Index drawn from cumulative weights (see `cumulative`); linear scan suits the short tables used here. */
  pickIndex(cumulativeWeights: Float64Array): number {
    const last = cumulativeWeights.length - 1;
    const u = this.next() * cumulativeWeights[last];
    for (let i = 0; i < last; i++) if (u < cumulativeWeights[i]) return i;
    return last;
  }

  /** Standard normal (Box-Muller). */
  normal(): number {
    if (this.hasSpareNormal) {
      this.hasSpareNormal = false;
      return this.spareNormal;
    }
    const radius = Math.sqrt(-2 * Math.log(this.nextOpen()));
    const angle = 2 * Math.PI * this.next();
    this.spareNormal = radius * Math.sin(angle);
    this.hasSpareNormal = true;
    return radius * Math.cos(angle);
  }

  /** Log-normal parameterised by its median and log-scale sigma (medians are what the carrier tables state). */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  /** Exponential with the given rate (mean 1/rate). */
  exponential(rate: number): number {
    return -Math.log(this.nextOpen()) / rate;
  }

  /** Gamma(shape, scale), mean shape*scale (Marsaglia-Tsang; shape < 1 via the u^(1/shape) boost). */
  gamma(shape: number, scale: number): number {
    if (!(shape > 0) || !(scale > 0)) throw new RangeError(`gamma needs shape > 0 and scale > 0, got ${shape}, ${scale}`);
    if (shape < 1) return this.gamma(shape + 1, scale) * Math.pow(this.nextOpen(), 1 / shape);
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = this.normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = this.nextOpen();
      if (u < 1 - 0.0331 * x * x * x * x) return d * v * scale;
      if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v * scale;
    }
  }

  /** Beta(a, b), mean a/(a+b). */
  beta(a: number, b: number): number {
    const x = this.gamma(a, 1);
    const y = this.gamma(b, 1);
    return x / (x + y);
  }

  /** Poisson(mean); Knuth's product method, fine for the small means used here (< 30). */
  poisson(mean: number): number {
    if (!(mean >= 0)) throw new RangeError(`poisson needs mean >= 0, got ${mean}`);
    if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * this.normal()));
    const limit = Math.exp(-mean);
    let k = 0;
    let product = this.next();
    while (product > limit) {
      k++;
      product *= this.next();
    }
    return k;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** Running sums of weights, for `Random.pickIndex`. */
export function cumulative(weights: readonly number[]): Float64Array {
  const out = new Float64Array(weights.length);
  let sum = 0;
  for (let i = 0; i < weights.length; i++) {
    if (!(weights[i] >= 0)) throw new RangeError(`weight ${i} must be >= 0, got ${weights[i]}`);
    sum += weights[i];
    out[i] = sum;
  }
  if (!(sum > 0)) throw new RangeError("weights must not all be zero");
  return out;
}
