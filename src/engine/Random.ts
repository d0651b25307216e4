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
  private _seed: number;
  private _state: number;

  /** Starts a generator at `seed` (any number; it is truncated to a 32-bit integer). */
  constructor(seed = 1) {
    this._seed = seed | 0;
    this._state = this._seed;
  }

  /** The seed the generator started from; setting it restarts the sequence from that seed. */
  get seed(): number {
    return this._seed;
  }

  set seed(value: number) {
    this._seed = value | 0;
    this._state = this._seed;
  }

  /** A float in [0, 1). */
  next(): number {
    let t = (this._state = (this._state + 0x6d2b79f5) | 0);
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
