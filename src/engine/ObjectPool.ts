/** A time source for `ObjectPool.trimIdle`: anything with `time` in seconds, such as `world.time`. */
export interface PoolClock {
  readonly time: number;
}

/** Options of `new ObjectPool(options)`. */
export interface ObjectPoolOptions<T extends object> {
  /** Makes a new object when the pool is empty. */
  create: () => T;
  /** Called on release, to put the object back in its initial state. */
  reset?: (obj: T) => void;
  /** Called on every `get`, before the object is handed out. */
  onGet?: (obj: T) => void;
  /** Called on every `release`, after `reset`. */
  onRelease?: (obj: T) => void;
  /**
   * Called for each object the pool drops for the GC (by `trimIdle`, `clear`, or a release beyond
   * `maxSize`): the place to free what the object owns, such as a game object the world would keep.
   */
  onDrop?: (obj: T) => void;
  /** Most free objects kept; objects released beyond it are dropped for the GC (default Infinity). */
  maxSize?: number;
  /** Time source for `trimIdle`, in seconds; pass `world.time` (or any `{ time }`). */
  clock?: PoolClock;
}

/** Membership states kept per object in a WeakMap (a number overwritten in place allocates nothing). */
const FREE = 1;
const USED = 2;
const DROPPED = 3;

/**
 * An object pool, as Unity's `ObjectPool<T>` and PixiJS's `Pool`: the free objects are an array
 * used as a stack, so `get` and `release` allocate nothing once the pool has grown to its peak
 * (`create` runs only when the stack is empty). Releasing an object twice, or one this pool did not
 * create, throws a clear error; membership is tracked in one WeakMap created with the pool.
 *
 * @example
 * const bullets = new ObjectPool({ create: () => new Bullet(), reset: (b) => b.reset(), maxSize: 500, clock: world.time });
 * bullets.prewarm(200);            // at load time
 * const b = bullets.get();         // per shot: no allocation
 * bullets.release(b);              // on hit
 * bullets.trimIdle(10);            // now and then: drop objects unused for 10 s
 */
export class ObjectPool<T extends object> {
  private readonly _create: () => T;
  private readonly _reset: ((obj: T) => void) | null;
  private readonly _onGet: ((obj: T) => void) | null;
  private readonly _onRelease: ((obj: T) => void) | null;
  private readonly _onDrop: ((obj: T) => void) | null;
  private readonly _maxSize: number;
  private readonly _clock: PoolClock | null;
  /**
   * Free objects at [0, _freeCount): a stack with its own count, because `Array.prototype.pop`
   * may shrink the backing store in V8 and the next push would then allocate.
   */
  private readonly _free: (T | undefined)[] = [];
  private _freeCount = 0;
  /** Release time (clock seconds) of each free object, parallel to `_free`. */
  private _freeSince = new Float64Array(16);
  private readonly _state = new WeakMap<T, number>();
  private _used = 0;
  private _created = 0;
  private _peak = 0;

  constructor(options: ObjectPoolOptions<T>) {
    if (typeof options?.create !== 'function') throw new TypeError('ObjectPool: options.create must be a function that makes an object');
    const maxSize = options.maxSize ?? Infinity;
    if (!(maxSize >= 0)) throw new RangeError('ObjectPool: maxSize must be >= 0, got ' + String(maxSize));
    this._create = options.create;
    this._reset = options.reset ?? null;
    this._onGet = options.onGet ?? null;
    this._onRelease = options.onRelease ?? null;
    this._onDrop = options.onDrop ?? null;
    this._maxSize = maxSize;
    this._clock = options.clock ?? null;
  }

  /** Free objects waiting in the pool. */
  get free(): number {
    return this._freeCount;
  }

  /** Objects handed out and not yet released. */
  get used(): number {
    return this._used;
  }

  /** Objects `create` has made so far. */
  get created(): number {
    return this._created;
  }

  /** Most objects in use at once so far. */
  get peak(): number {
    return this._peak;
  }

  /** Most free objects kept. */
  get maxSize(): number {
    return this._maxSize;
  }

  /** Creates objects until `n` are free (bounded by maxSize). Call at load time. */
  prewarm(n: number): void {
    const target = Math.min(n, this._maxSize);
    while (this._freeCount < target) {
      const obj = this._make();
      this._state.set(obj, FREE);
      this._push(obj);
    }
  }

  /** A free object, or a new one when none is free. */
  get(): T {
    let obj: T;
    if (this._freeCount > 0) {
      const index = --this._freeCount;
      obj = this._free[index]!;
      this._free[index] = undefined;
    } else {
      obj = this._make();
    }
    this._state.set(obj, USED);
    const used = ++this._used;
    if (used > this._peak) this._peak = used;
    if (this._onGet !== null) this._onGet(obj);
    return obj;
  }

  /**
   * Returns an object to the pool (reset, then kept, or dropped for the GC beyond maxSize).
   * Throws when the object is already free or was not made by this pool.
   */
  release(obj: T): void {
    const state = this._state.get(obj);
    if (state !== USED) {
      if (state === FREE || state === DROPPED) {
        throw new Error(
          'ObjectPool.release: this object was already released (double release)' +
            (state === DROPPED ? '; it was dropped because the pool was full' : ''),
        );
      }
      throw new Error('ObjectPool.release: this object was not created by this pool');
    }
    this._used--;
    if (this._reset !== null) this._reset(obj);
    if (this._onRelease !== null) this._onRelease(obj);
    if (this._freeCount >= this._maxSize) {
      this._drop(obj);
      return;
    }
    this._state.set(obj, FREE);
    this._push(obj);
  }

  /**
   * Drops free objects that have been idle (free) for more than `seconds`, keeping the others in
   * order; returns how many were dropped. Needs the `clock` option.
   */
  trimIdle(seconds: number): number {
    if (this._clock === null)
      throw new Error('ObjectPool.trimIdle: the pool needs a clock, e.g. new ObjectPool({ create, clock: world.time })');
    const now = this._clock.time;
    const free = this._free;
    const since = this._freeSince;
    const n = this._freeCount;
    let kept = 0;
    for (let i = 0; i < n; i++) {
      const obj = free[i]!;
      if (now - since[i]! > seconds) {
        this._drop(obj);
        continue;
      }
      free[kept] = obj;
      since[kept] = since[i]!;
      kept++;
    }
    for (let i = kept; i < n; i++) free[i] = undefined;
    this._freeCount = kept;
    return n - kept;
  }

  /** Drops every free object (used ones stay valid to release). */
  clear(): void {
    const free = this._free;
    for (let i = 0; i < this._freeCount; i++) {
      this._drop(free[i]!);
      free[i] = undefined;
    }
    this._freeCount = 0;
  }

  private _drop(obj: T): void {
    this._state.set(obj, DROPPED);
    if (this._onDrop !== null) this._onDrop(obj);
  }

  private _make(): T {
    const obj = this._create();
    if (obj === null || typeof obj !== 'object') throw new TypeError('ObjectPool: create() must return an object');
    this._created++;
    return obj;
  }

  /**
   * Pushes a free object, stamped with the clock's time. The time is read here and stored straight
   * into the Float64Array: a double passed to or returned from a call that V8 did not inline is
   * boxed (12 B per release, seen while `release` ran in Maglev code).
   */
  private _push(obj: T): void {
    const index = this._freeCount++;
    if (index >= this._freeSince.length) {
      const grown = new Float64Array(this._freeSince.length * 2);
      grown.set(this._freeSince);
      this._freeSince = grown;
    }
    this._freeSince[index] = this._clock === null ? 0 : this._clock.time;
    if (index < this._free.length) this._free[index] = obj;
    else this._free.push(obj);
  }
}
