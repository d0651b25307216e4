/**
 * A seeded, deterministic random number generator (mulberry32: 32-bit state, integer math only),
 * so two runs with one seed make the same choices. Each call allocates nothing once optimised.
 *
 * @example
 * const random = new Random(42);
 * const angle = random.range(0, Math.PI * 2);
 * const lane = random.int(0, 3); // 0, 1 or 2
 */
export class Random {
  /**
   * [seed, state] as 32-bit integers. A typed array rather than two number fields: where V8
   * compresses pointers (Chromium), a small integer has only 31 bits, so half of all 32-bit
   * states would be stored in a field as a new 12 B heap number on every call.
   */
  private readonly _words = new Int32Array(2);

  /** Starts a generator at `seed` (any number; it is truncated to a 32-bit integer). */
  constructor(seed = 1) {
    this.seed = seed;
  }

  /** The seed the generator started from; setting it restarts the sequence from that seed. */
  get seed(): number {
    return this._words[0]!;
  }

  set seed(value: number) {
    this._words[0] = value | 0;
    this._words[1] = value | 0;
  }

  /** A float in [0, 1). */
  next(): number {
    const words = this._words;
    let t = (words[1] = (words[1]! + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** A float in [min, max). */
  range(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** An integer in [min, maxExclusive). */
  int(min: number, maxExclusive: number): number {
    return min + Math.floor((maxExclusive - min) * this.next());
  }

  /** True with probability `p` (default one half). */
  chance(p = 0.5): boolean {
    return this.next() < p;
  }
}
