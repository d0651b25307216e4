/**
 * An array with an explicit count, for the engine's per-frame lists (behaviours to update,
 * coroutines, queues). Emptying or compacting it never shrinks the backing array, so refilling it
 * allocates nothing once it has reached its peak size; `array.length = 0` would drop the backing
 * store in V8 and make the next push allocate. Slots past `count` hold undefined, so removed items
 * can be collected. Internal to the engine.
 */
export class DenseList<T> {
  /** Items at [0, count); read with an indexed loop up to `count`. */
  readonly items: (T | undefined)[] = [];
  /** Number of live items. */
  count = 0;

  /** Appends an item (allocates only when the backing array must grow). */
  push(item: T): void {
    const items = this.items;
    if (this.count < items.length) items[this.count] = item;
    else items.push(item);
    this.count++;
  }

  /**
   * Removes, keeping the order of the others, every item for which `drop` returns true; returns
   * how many were removed. Pass a module-level function: a closure made per call would allocate.
   * Never call it while the list is being iterated (the engine compacts between phases).
   */
  removeWhere(drop: (item: T) => boolean): number {
    const items = this.items;
    const n = this.count;
    let kept = 0;
    for (let i = 0; i < n; i++) {
      const item = items[i] as T;
      if (drop(item)) continue;
      if (kept !== i) items[kept] = item;
      kept++;
    }
    for (let i = kept; i < n; i++) items[i] = undefined;
    this.count = kept;
    return n - kept;
  }

  /** Removes the first `n` items, moving the rest to the front. */
  removeFirst(n: number): void {
    const items = this.items;
    const count = this.count;
    if (n <= 0) return;
    if (n > count) n = count;
    for (let i = n; i < count; i++) items[i - n] = items[i];
    for (let i = count - n; i < count; i++) items[i] = undefined;
    this.count = count - n;
  }

  /** Removes the first occurrence of `item` (keeping order); returns false when absent. */
  remove(item: T): boolean {
    const items = this.items;
    const n = this.count;
    for (let i = 0; i < n; i++) {
      if (items[i] === item) {
        for (let j = i + 1; j < n; j++) items[j - 1] = items[j];
        items[n - 1] = undefined;
        this.count = n - 1;
        return true;
      }
    }
    return false;
  }

  /** Empties the list, keeping its backing array. */
  clear(): void {
    const items = this.items;
    for (let i = 0; i < this.count; i++) items[i] = undefined;
    this.count = 0;
  }
}
