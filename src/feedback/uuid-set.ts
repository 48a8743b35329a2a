// An exact set of UUIDs (128 bits each) in typed arrays with open addressing: a million entries in
// ~30 MB and no per-row allocation, where a Map of strings takes ~100 MB and keeps the GC busy.
// Each slot holds the four 32-bit words of a uuid and a 1-based value (0 = empty). It grows ×1.5 to
// stay under 70% full: doubling at 50% would take 42 MB for a million.

const WORDS = 4;
const MAX_LOAD = 0.7;

/** Hex digits to four 32-bit words, skipping dashes, without making any string. */
function words(uuid: string, out: Uint32Array): void {
  let word = 0;
  let digits = 0;
  for (let i = 0; i < uuid.length; i++) {
    const c = uuid.charCodeAt(i);
    if (c === 45) continue; // '-'
    const nibble = c <= 57 ? c - 48 : (c | 32) - 87; // 0-9, a-f / A-F
    word = (word << 4) | nibble;
    if (++digits % 8 === 0) out[digits / 8 - 1] = word >>> 0;
  }
}

function hash(w: Uint32Array): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < WORDS; i++) h = Math.imul(h ^ w[i], 0x01000193) ^ (h >>> 15);
  return h >>> 0;
}

export class UuidSet {
  private keys: Uint32Array;
  private values: Uint32Array;
  private count = 0;
  private readonly probe = new Uint32Array(WORDS);

  constructor(capacity = 1024) {
    const size = Math.max(16, Math.ceil(capacity / MAX_LOAD));
    this.keys = new Uint32Array(size * WORDS);
    this.values = new Uint32Array(size);
  }

  get size(): number {
    return this.count;
  }

  /** Adds the uuid (case-insensitive, with or without dashes) with `value` ≥ 0; returns the value it already had, or undefined. */
  add(uuid: string, value: number): number | undefined {
    words(uuid, this.probe);
    const existing = this.insert(this.probe, value + 1);
    if (existing !== 0) return existing - 1;
    if (++this.count > this.values.length * MAX_LOAD) this.grow();
    return undefined;
  }

  private insert(w: Uint32Array, value: number): number {
    const size = this.values.length;
    for (let slot = hash(w) % size; ; slot = slot + 1 === size ? 0 : slot + 1) {
      const stored = this.values[slot];
      const base = slot * WORDS;
      if (stored === 0) {
        this.keys.set(w, base);
        this.values[slot] = value;
        return 0;
      }
      if (this.keys[base] === w[0] && this.keys[base + 1] === w[1] && this.keys[base + 2] === w[2] && this.keys[base + 3] === w[3]) return stored;
    }
  }

  /** Makes room for `count` entries in all at once: growing step by step to a million copies the table 17 times and peaks at 1.7× its size. */
  reserve(count: number): void {
    const size = Math.ceil(count / MAX_LOAD);
    if (size > this.values.length) this.resize(size);
  }

  /**
   * Empties the set and frees its table now rather than at the next full GC: tables that lived long are in the old
   * generation, and the send pass may run without a full GC, keeping tens of MB it no longer needs.
   * Transferring a buffer hands its memory to a short-lived clone that the next young GC frees.
   */
  release(): void {
    const buffers = [this.keys.buffer as ArrayBuffer, this.values.buffer as ArrayBuffer];
    structuredClone(buffers, { transfer: buffers });
    this.keys = new Uint32Array(16 * WORDS);
    this.values = new Uint32Array(16);
    this.count = 0;
  }

  private grow(): void {
    this.resize(Math.ceil(this.values.length * 1.5));
  }

  private resize(size: number): void {
    const { keys, values } = this;
    this.keys = new Uint32Array(size * WORDS);
    this.values = new Uint32Array(size);
    for (let slot = 0; slot < values.length; slot++) {
      if (values[slot] !== 0) this.insert(keys.subarray(slot * WORDS, slot * WORDS + WORDS), values[slot]);
    }
  }
}
