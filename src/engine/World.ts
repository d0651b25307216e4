import { ProfilerMarker } from '../profiler/ProfilerMarker.ts';
import type { FrameProfiler } from '../profiler/FrameProfiler.ts';
import type { Behaviour } from './Behaviour.ts';
import { CoroutineScheduler } from './CoroutineScheduler.ts';
import { DenseList } from './DenseList.ts';
import { defaultErrorSink, type EngineErrorSink, type EnginePhase } from './EngineError.ts';
import { GameObject, type GameObjectOptions } from './GameObject.ts';
import * as queries from './Queries.ts';
import { Random } from './Random.ts';
import { Tags, type TagHandle } from './Tags.ts';
import { Time } from './Time.ts';
import { UpdateLoop } from './UpdateLoop.ts';
import { WorldStats } from './WorldStats.ts';

/** The phase markers, created once for the process (markers with one name share an id). */
const startMarker = new ProfilerMarker('Start');
const updateMarker = new ProfilerMarker('Update');
const coroutinesMarker = new ProfilerMarker('Coroutines');
const lateUpdateMarker = new ProfilerMarker('LateUpdate');
const endOfFrameMarker = new ProfilerMarker('EndOfFrame');

function isDeadBehaviour(b: Behaviour): boolean {
  return b._destroyed;
}

function isDeadObject(go: GameObject): boolean {
  return go._destroyed;
}

/** Options of `new World(options)`. */
export interface WorldOptions {
  /** Seed of `world.random` (default 1). */
  seed?: number;
  /** Called around each frame's phases (`beginFrame(dtMs, firstPhase)` / `endFrame(lastPhase)`), which it marks. */
  profiler?: FrameProfiler | null;
  /** Adds one marker per behaviour type and method, e.g. `Enemy.update` (default false). */
  deepProfile?: boolean;
  /** Receives exceptions thrown by behaviours and coroutines (default: one console.error line each). */
  errorSink?: EngineErrorSink;
}

/**
 * The scene root: owns game objects, behaviours, coroutines, time and the seeded random, and runs
 * one frame per `tick(dtMs)`, in Unity's order. The engine's own work in a frame allocates nothing.
 *
 * Frame phases, each under a profiler marker of that name when it has work (Update and LateUpdate
 * always): Start (start() of behaviours enabled since the last frame), Update, Coroutines (resumes
 * those whose wait is over; `yield null` resumes here, after Update), LateUpdate, EndOfFrame
 * (WaitForEndOfFrame coroutines, then deferred destroys).
 *
 * @example
 * const world = new World({ seed: 7 });
 * const player = world.createGameObject('player', { tag: 'Player' });
 * player.addComponent(PlayerController);
 * const clock = new ManualClock(world); // or a browser clock
 * clock.run(600);
 */
export class World {
  /** Frame timing. */
  readonly time = new Time();
  /** The world's seeded random numbers. */
  readonly random: Random;
  /** Counters of the last frame. */
  readonly stats = new WorldStats();
  /** True when each behaviour type's methods are marked separately. */
  readonly deepProfile: boolean;
  /** The profiler called around frames, or null. */
  profiler: FrameProfiler | null;
  private readonly _errorSink: EngineErrorSink;
  readonly _objects = new DenseList<GameObject>();
  readonly _behaviours = new DenseList<Behaviour>();
  private readonly _loop: UpdateLoop;
  private readonly _destroyObjects = new DenseList<GameObject>();
  private readonly _destroyBehaviours = new DenseList<Behaviour>();
  readonly _scheduler: CoroutineScheduler;
  _inFrame = false;
  _inEndOfFrame = false;
  private _dirty = false;
  private _disposed = false;

  constructor(options: WorldOptions = {}) {
    this.random = new Random(options.seed ?? 1);
    this.profiler = options.profiler ?? null;
    this.deepProfile = options.deepProfile ?? false;
    this._errorSink = options.errorSink ?? defaultErrorSink;
    this._scheduler = new CoroutineScheduler(this);
    this._loop = new UpdateLoop(this);
  }

  /** Creates a game object in this world (active, untagged, at the root unless options say otherwise). */
  createGameObject(name: string, options?: GameObjectOptions): GameObject {
    if (this._disposed) throw new Error('World.createGameObject: this world was destroyed');
    const go = new GameObject(this, name, options);
    this._objects.push(go);
    const parent = options?.parent ?? null;
    if (parent !== null) go.transform.setParent(parent);
    else go._refreshHierarchy();
    return go;
  }

  /** Live game objects (destroyed ones leave at the end of their frame). */
  get gameObjectCount(): number {
    return this._objects.count;
  }

  /** The game object at `index` in creation order, for indexed loops up to `gameObjectCount`. */
  gameObjectAt(index: number): GameObject {
    if (index < 0 || index >= this._objects.count) throw new RangeError('World.gameObjectAt: index ' + index + ' is out of range');
    return this._objects.items[index]!;
  }

  /** Behaviours attached to live objects. */
  get behaviourCount(): number {
    return this._behaviours.count;
  }

  /** Coroutines running. */
  get coroutineCount(): number {
    return this._scheduler.running;
  }

  /**
   * Runs one frame of `dtMs` milliseconds (real time; `time.timeScale` scales it for behaviours).
   * Allocates nothing itself; what behaviours and generator coroutines allocate is theirs.
   */
  tick(dtMs: number): void {
    if (this._disposed) throw new Error('World.tick: this world was destroyed');
    if (this._inFrame) throw new Error('World.tick: called during a frame');
    if (!(dtMs >= 0)) throw new RangeError('World.tick: dtMs must be a number >= 0, got ' + String(dtMs));
    const profiler = this.profiler;
    // The engine's clock steps before the profiled frame opens: the frame spans the phases, the
    // first of which begins, and the last of which ends, with the frame (one reading serves both),
    // as each phase ends where the next begins.
    this.time._advance(dtMs);
    this.stats.reset();
    this._inFrame = true;
    let phase = this._loop.hasQueuedStarts ? startMarker : updateMarker;
    if (profiler !== null) profiler.beginFrame(dtMs, phase);
    else phase.begin();

    this._loop.runStart();
    phase = enterPhase(phase, updateMarker, true);
    if (this.deepProfile) this._loop.runUpdateDeep();
    else this._loop.runUpdate();
    phase = enterPhase(phase, coroutinesMarker, !this._scheduler.isEmpty);
    this._scheduler.run(false);
    phase = enterPhase(phase, lateUpdateMarker, true);
    if (this.deepProfile) this._loop.runLateUpdateDeep();
    else this._loop.runLateUpdate();
    phase = enterPhase(phase, endOfFrameMarker, this._hasEndOfFrameWork());
    this._inEndOfFrame = true;
    this._scheduler.run(true);
    this._processDestroys();
    this._inEndOfFrame = false;
    this._inFrame = false;
    if (profiler !== null) profiler.endFrame(phase);
    else phase.end();
  }

  /**
   * Behaviours of class `type` (or a subclass) on active objects, in a NEW array: allocates on
   * every call. In per-frame code, cache the result in start() or use `findObjectsOfTypeNonAlloc`.
   */
  findObjectsOfType<T>(type: abstract new (...args: any[]) => T): T[] {
    return queries.findObjectsOfType(this._behaviours, type);
  }

  /** Like `findObjectsOfType`, but fills `out` (up to `out.length`) and returns the count. Allocates nothing. */
  findObjectsOfTypeNonAlloc<T>(type: abstract new (...args: any[]) => T, out: T[]): number {
    return queries.findObjectsOfTypeNonAlloc(this._behaviours, type, out);
  }

  /** Active game objects tagged `tag`, in a NEW array (allocates; see `findGameObjectsWithTagNonAlloc`). */
  findGameObjectsWithTag(tag: TagHandle | string): GameObject[] {
    return queries.findGameObjectsWithTag(this._objects, Tags.resolve(tag));
  }

  /** Like `findGameObjectsWithTag`, but fills `out` (up to `out.length`) and returns the count. Allocates nothing. */
  findGameObjectsWithTagNonAlloc(tag: TagHandle | string, out: GameObject[]): number {
    return queries.findGameObjectsWithTagNonAlloc(this._objects, Tags.resolve(tag), out);
  }

  /** The first active game object tagged `tag`, or null. Allocates nothing. */
  findWithTag(tag: TagHandle | string): GameObject | null {
    return queries.findWithTag(this._objects, Tags.resolve(tag));
  }

  /** The first active game object named `name`, or null (Unity's `GameObject.Find`). Allocates nothing. */
  find(name: string): GameObject | null {
    return queries.findByName(this._objects, name);
  }

  /**
   * Destroys every game object now (onDisable, then onDestroy) and stops every coroutine; the
   * world stays usable, with its time and random state. Call between frames.
   */
  clear(): void {
    if (this._inFrame) throw new Error('World.clear: call it between frames');
    const objects = this._objects;
    for (let i = 0; i < objects.count; i++) {
      const go = objects.items[i]!;
      if (go.transform.parent === null) go._destroyNow();
    }
    this._processDestroys();
    this._scheduler.stopEverything();
    this._loop.clearStartQueue();
    this._compact();
  }

  /** Tears the world down: clears it and refuses any further tick. */
  destroy(): void {
    if (this._disposed) return;
    this.clear();
    this._disposed = true;
    this.profiler = null;
  }

  /** True once `destroy()` has been called. */
  get destroyed(): boolean {
    return this._disposed;
  }

  /** Reports an exception caught from a behaviour (engine internal). */
  _report(behaviour: Behaviour, phase: EnginePhase, error: unknown): void {
    this.stats.errors++;
    this._errorSink({
      objectName: behaviour.gameObject.name,
      behaviourType: behaviour._type === null ? behaviour.constructor.name : behaviour._type.name,
      phase,
      error,
      frame: this.time.frameCount,
    });
  }

  _registerBehaviour(behaviour: Behaviour): void {
    this._behaviours.push(behaviour);
    if (this.deepProfile) behaviour._type!.ensureMarkers();
  }

  _queueStart(behaviour: Behaviour): void {
    this._loop.queueStart(behaviour);
  }

  _queueDestroyObject(go: GameObject): void {
    this._destroyObjects.push(go);
  }

  _queueDestroyBehaviour(behaviour: Behaviour): void {
    this._destroyBehaviours.push(behaviour);
  }

  /** Something was destroyed: lists are compacted at the end of the frame. */
  _markDirty(): void {
    this._dirty = true;
  }

  /**
   * The functions every frame runs: `tick` and the update and lateUpdate methods of the behaviours
   * now in the loop (for a warm-up that waits until V8 has optimised them; allocates).
   */
  _frameFunctions(): unknown[] {
    const functions = new Set<unknown>([World.prototype.tick]);
    this._loop._collectFrameFunctions(functions);
    return [...functions];
  }

  /** True when end of frame has coroutines to look at, or destroys and compaction to do. */
  private _hasEndOfFrameWork(): boolean {
    return !this._scheduler.isEmpty || this._destroyBehaviours.count > 0 || this._destroyObjects.count > 0 || this._dirty;
  }

  /** Runs the deferred destroys (and those their onDestroy queues), then compacts the lists. */
  private _processDestroys(): void {
    const behaviours = this._destroyBehaviours;
    const objects = this._destroyObjects;
    let destroyed = 0;
    while (behaviours.count > 0 || objects.count > 0) {
      for (let i = 0; i < behaviours.count; i++) {
        const b = behaviours.items[i]!;
        b._destroyQueued = false;
        if (!b._destroyed) {
          b._destroyNow();
          b.gameObject._components.splice(b.gameObject._components.indexOf(b), 1);
          this._dirty = true;
        }
      }
      behaviours.clear();
      for (let i = 0; i < objects.count; i++) {
        const go = objects.items[i]!;
        go._destroyQueued = false;
        if (!go._destroyed) {
          go._destroyNow();
          destroyed++;
        }
      }
      objects.clear();
    }
    this.stats.destroyedObjects = destroyed;
    if (this._dirty) this._compact();
  }

  /** Removes destroyed objects and behaviours from every list (never during iteration). */
  private _compact(): void {
    this._dirty = false;
    this._objects.removeWhere(isDeadObject);
    this._behaviours.removeWhere(isDeadBehaviour);
    this._loop.removeDestroyed();
  }
}

/**
 * Moves the frame's open phase marker on to `next`, and returns the marker now open. A phase with
 * nothing to run (`hasWork` false: no queued starts, no coroutines, nothing for end of frame) is
 * not marked: it takes no reading, and the few nanoseconds of finding it empty count in the phase
 * before it. Called at every boundary whatever the data, so that optimised code never meets a
 * call it has not seen run (a first call after warm-up would deoptimise World.tick).
 */
function enterPhase(open: ProfilerMarker, next: ProfilerMarker, hasWork: boolean): ProfilerMarker {
  if (!hasWork || open === next) return open;
  open.endAndBegin(next);
  return next;
}
