/**
 * Deterministic assignment: the variant of a unit is a function of (experiment id, unit id)
 * only, so re-running the sync, a webhook retry or a second server assigns the same variant
 * with no lookup. FNV-1a of the pair, then MurmurHash3's 32-bit finaliser: FNV alone mixes the
 * last characters poorly (ids that differ in their last digit land in neighbouring buckets),
 * the finaliser spreads every input bit over the output so variants balance and two
 * experiments' assignments are independent of each other.
 */
import { hashSeed } from "../../demo/random";

/** MurmurHash3 fmix32. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A uniform number in [0, 1) fixed by the experiment and the unit. */
export function assignmentPoint(experimentId: string, unitId: string): number {
  return fmix32(hashSeed(`${experimentId}\u0000${unitId}`)) / 4294967296;
}

/** The variant (an index into `variants`) for a unit; equal shares unless weights are given. */
export function assignVariantIndex(experimentId: string, unitId: string, variants: number, weights?: readonly number[]): number {
  if (!(variants >= 1)) throw new RangeError(`assignVariantIndex: ${variants} variants`);
  const u = assignmentPoint(experimentId, unitId);
  if (!weights) return Math.min(variants - 1, Math.floor(u * variants));
  if (weights.length !== variants || weights.some((w) => !(w >= 0))) throw new RangeError("assignVariantIndex: one non-negative weight per variant");
  const total = weights.reduce((a, b) => a + b, 0);
  let acc = 0;
  for (let i = 0; i < variants; i++) {
    acc += weights[i] / total;
    if (u < acc) return i;
  }
  return variants - 1;
}

export function assignVariant<T extends { key: string }>(experimentId: string, unitId: string, variants: readonly T[]): T {
  return variants[assignVariantIndex(experimentId, unitId, variants.length)];
}
