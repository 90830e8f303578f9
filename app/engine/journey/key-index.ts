/**
 * Dense integer ids for string keys (order ids, customer ids, channel names), as an
 * open-addressing hash table over typed arrays. At a million keys this is several times
 * faster than a Map<string, number> and leaves the garbage collector almost nothing to do,
 * which matters when the heap already holds a million order objects.
 */
export class KeyIndex {
  readonly keys: string[] = [];
  /** Interleaved [id, hash] per slot (id −1 = empty): one cache line answers most probes. */
  private slots: Int32Array;
  private mask: number;
  /** Keys from this id on were appended (`append`) and are not in the hash table yet. */
  private indexed = 0;

  constructor(expectedKeys = 16) {
    let size = 16;
    while (size < expectedKeys * 2) size *= 2;
    this.slots = new Int32Array(size * 2).fill(-1);
    this.mask = size - 1;
  }

  get size(): number {
    return this.keys.length;
  }

  /** The id of `key`, or −1 when it has not been added. */
  indexOf(key: string): number {
    if (this.indexed < this.keys.length) this.flush();
    const h = hashOf(key);
    const slots = this.slots;
    const mask = this.mask;
    for (let p = h & mask; ; p = (p + 1) & mask) {
      const j = slots[2 * p];
      if (j < 0) return -1;
      if (slots[2 * p + 1] === h && this.keys[j] === key) return j;
    }
  }

  /** The id of `key`, adding it (with the next id) when new. */
  add(key: string): number {
    if (this.indexed < this.keys.length) this.flush();
    const h = hashOf(key);
    const slots = this.slots;
    const mask = this.mask;
    let p = h & mask;
    for (; ; p = (p + 1) & mask) {
      const j = slots[2 * p];
      if (j < 0) break;
      if (slots[2 * p + 1] === h && this.keys[j] === key) return j;
    }
    const id = this.keys.length;
    this.keys.push(key);
    this.indexed = id + 1;
    slots[2 * p] = id;
    slots[2 * p + 1] = h;
    if (this.keys.length * 2 > mask + 1) this.grow();
    return id;
  }

  /**
   * Gives `key`, which the caller knows is not in the index, the next id without hashing it
   * now: appended keys enter the hash table at the next lookup, in one batch whose cache misses
   * overlap (a bulk load whose lookups come later, or never, pays for no probe in its loop).
   */
  append(key: string): number {
    this.keys.push(key);
    return this.keys.length - 1;
  }

  private flush(): void {
    const keys = this.keys;
    for (let id = this.indexed; id < keys.length; id++) {
      const h = hashOf(keys[id]);
      const slots = this.slots;
      const mask = this.mask;
      let p = h & mask;
      while (slots[2 * p] >= 0) p = (p + 1) & mask;
      slots[2 * p] = id;
      slots[2 * p + 1] = h;
      if ((id + 1) * 2 > mask + 1) this.grow();
    }
    this.indexed = keys.length;
  }

  private grow(): void {
    const old = this.slots;
    const size = (this.mask + 1) * 2;
    const slots = new Int32Array(size * 2).fill(-1);
    const mask = size - 1;
    for (let q = 0; q < old.length; q += 2) {
      const id = old[q];
      if (id < 0) continue;
      const h = old[q + 1];
      let p = h & mask;
      while (slots[2 * p] >= 0) p = (p + 1) & mask;
      slots[2 * p] = id;
      slots[2 * p + 1] = h;
    }
    this.slots = slots;
    this.mask = mask;
  }
}

// No memo of recent hashes: comparing a fresh id with a remembered one of the same length
// costs about as much as hashing it (the store analysis hashes each id once: the profile book
// takes the order tables' codes).
const hashOf = hashString;

/**
 * FNV-1a over the last 24 UTF-16 code units, two at a time, and the length, with a final
 * avalanche so sequential ids spread well. Shopify ids share long prefixes
 * ("gid://shopify/Customer/"): their distinguishing part is at the end, so hashing only the
 * tail is as good and faster. Equal hashes are always confirmed by comparing the strings.
 */
export function hashString(s: string): number {
  const n = s.length;
  let h = 0x811c9dc5 ^ n;
  let i = n > 24 ? n - 24 : 0;
  for (; i + 1 < n; i += 2) h = Math.imul(h ^ (s.charCodeAt(i) | (s.charCodeAt(i + 1) << 16)), 0x01000193);
  if (i < n) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h | 0;
}
