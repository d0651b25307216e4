import type { Behaviour } from './Behaviour.ts';
import { DenseList } from './DenseList.ts';
import type { World } from './World.ts';

function isDestroyed(b: Behaviour): boolean {
  return b._destroyed;
}

/**
 * The behaviour side of a world's frame: the queue of behaviours waiting for `start()` and the
 * lists of started behaviours whose class overrides `update` / `lateUpdate`, in the order they
 * started (insertion order for behaviours added together). The loops are indexed, skip behaviours
 * that are not active and enabled, and catch what a call throws without leaving the loop for
 * good; lists only grow in the Start phase and shrink by compaction at the end of the frame, so
 * nothing moves while they are iterated. Internal to the engine.
 */
export class UpdateLoop {
  private readonly _world: World;
  private readonly _startQueue = new DenseList<Behaviour>();
  private readonly _updateList = new DenseList<Behaviour>();
  private readonly _lateUpdateList = new DenseList<Behaviour>();

  constructor(world: World) {
    this._world = world;
  }

  /** Queues a behaviour that has just been enabled for the first time; it starts next Start phase. */
  queueStart(behaviour: Behaviour): void {
    this._startQueue.push(behaviour);
  }

  /** Forgets queued starts (world teardown). */
  clearStartQueue(): void {
    this._startQueue.clear();
  }

  /** Removes destroyed behaviours from every list (called between phases, never while iterating). */
  removeDestroyed(): void {
    this._startQueue.removeWhere(isDestroyed);
    this._updateList.removeWhere(isDestroyed);
    this._lateUpdateList.removeWhere(isDestroyed);
  }

  /** Adds the distinct update and lateUpdate methods that run each frame to `out` (allocates; outside frames). */
  _collectFrameFunctions(out: Set<unknown>): void {
    // The loops themselves: one V8 did not inline into World.tick runs in whatever tier it reached.
    const deep = this._world.deepProfile;
    out.add(deep ? UpdateLoop.prototype.runUpdateDeep : UpdateLoop.prototype.runUpdate);
    out.add(deep ? UpdateLoop.prototype.runLateUpdateDeep : UpdateLoop.prototype.runLateUpdate);
    for (let i = 0; i < this._updateList.count; i++) out.add(this._updateList.items[i]!.update);
    for (let i = 0; i < this._lateUpdateList.count; i++) out.add(this._lateUpdateList.items[i]!.lateUpdate);
  }

  /** True when behaviours wait for their start(): the Start phase has work. */
  get hasQueuedStarts(): boolean {
    return this._startQueue.count > 0;
  }

  /** Starts the behaviours queued before this frame; ones queued meanwhile wait for the next. */
  runStart(): void {
    const queue = this._startQueue;
    const n = queue.count;
    if (n === 0) return;
    const items = queue.items;
    const deep = this._world.deepProfile;
    let calls = 0;
    for (let i = 0; i < n; i++) {
      const b = items[i]!;
      b._startQueued = false;
      if (!b._activeAndEnabled || b._started) continue;
      b._started = true;
      const type = b._type!;
      if (type.hasStart) {
        calls++;
        if (deep) type.startMarker!.begin();
        try {
          b.start();
        } catch (error) {
          this._world._report(b, 'start', error);
        }
        if (deep) type.startMarker!.end();
      }
      if (type.hasUpdate) this._updateList.push(b);
      if (type.hasLateUpdate) this._lateUpdateList.push(b);
    }
    queue.removeFirst(n);
    this._world.stats.startCalls = calls;
  }

  /**
   * Calls update() on every started, active and enabled behaviour. The four run* loops are kept
   * as near-copies on purpose: a shared loop taking the method name would turn each direct call
   * into a keyed, megamorphic one on the hottest path of the engine.
   */
  runUpdate(): void {
    const items = this._updateList.items;
    const n = this._updateList.count;
    let skipped = 0;
    let i = 0;
    // One try per run of calls, re-entered after a throw: cheaper than a try per call.
    while (i < n) {
      try {
        for (; i < n; i++) {
          const b = items[i]!;
          if (b._activeAndEnabled) b.update();
          else skipped++;
        }
      } catch (error) {
        this._world._report(items[i]!, 'update', error);
        i++;
      }
    }
    this._world.stats.updateCalls = n - skipped;
  }

  /** Calls lateUpdate() on every started, active and enabled behaviour. */
  runLateUpdate(): void {
    const items = this._lateUpdateList.items;
    const n = this._lateUpdateList.count;
    let skipped = 0;
    let i = 0;
    while (i < n) {
      try {
        for (; i < n; i++) {
          const b = items[i]!;
          if (b._activeAndEnabled) b.lateUpdate();
          else skipped++;
        }
      } catch (error) {
        this._world._report(items[i]!, 'lateUpdate', error);
        i++;
      }
    }
    this._world.stats.lateUpdateCalls = n - skipped;
  }

  /** `runUpdate` with each call wrapped in its type's `${Type}.update` marker. */
  runUpdateDeep(): void {
    const items = this._updateList.items;
    const n = this._updateList.count;
    let calls = 0;
    let i = 0;
    while (i < n) {
      try {
        for (; i < n; i++) {
          const b = items[i]!;
          if (b._activeAndEnabled) {
            calls++;
            const marker = b._type!.updateMarker!;
            marker.begin();
            b.update();
            marker.end();
          }
        }
      } catch (error) {
        const b = items[i]!;
        b._type!.updateMarker!.end();
        this._world._report(b, 'update', error);
        i++;
      }
    }
    this._world.stats.updateCalls = calls;
  }

  /** `runLateUpdate` with each call wrapped in its type's `${Type}.lateUpdate` marker. */
  runLateUpdateDeep(): void {
    const items = this._lateUpdateList.items;
    const n = this._lateUpdateList.count;
    let calls = 0;
    let i = 0;
    while (i < n) {
      try {
        for (; i < n; i++) {
          const b = items[i]!;
          if (b._activeAndEnabled) {
            calls++;
            const marker = b._type!.lateUpdateMarker!;
            marker.begin();
            b.lateUpdate();
            marker.end();
          }
        }
      } catch (error) {
        const b = items[i]!;
        b._type!.lateUpdateMarker!.end();
        this._world._report(b, 'lateUpdate', error);
        i++;
      }
    }
    this._world.stats.lateUpdateCalls = calls;
  }
}
