import type { GameObject } from './GameObject.ts';
import type { Transform } from './Transform.ts';
import type { World } from './World.ts';
import type { BehaviourType } from './BehaviourType.ts';
import type { Coroutine, CoroutineRoutine } from './Coroutine.ts';
import type { TagHandle } from './Tags.ts';
import type { EnginePhase } from './EngineError.ts';

/**
 * The base class of game logic, Unity's MonoBehaviour. Extend it, override the lifecycle methods
 * you need, and add it with `gameObject.addComponent(MyBehaviour)` (never `new`).
 *
 * Lifecycle, as in Unity:
 * - `awake()` once, when added to an active object (or when its object first becomes active);
 * - `onEnable()` / `onDisable()` whenever the behaviour becomes active-and-enabled or stops being so,
 *   through `enabled`, `gameObject.setActive` or a parent's activation;
 * - `start()` once, before its first `update()`, in the frame after it was added (behaviours added
 *   before the first tick start in the first frame);
 * - `update()` every frame, then coroutines resume, then `lateUpdate()`;
 * - `onDestroy()` at the end of the frame in which it or its object was destroyed (after onDisable).
 *
 * The engine calls `update`/`lateUpdate` only on classes that override them, so leaving them out
 * costs nothing. Exceptions thrown by any of these methods are reported to the World's error sink
 * and the frame goes on.
 *
 * @example
 * class Spinner extends Behaviour {
 *   speed = Math.PI;
 *   override update() {
 *     this.transform.rotation += this.speed * this.world.time.deltaTime;
 *   }
 * }
 * world.createGameObject('wheel').addComponent(Spinner);
 */
export class Behaviour {
  /** Set by `GameObject.addComponent` around the constructor call. */
  static _adding: GameObject | null = null;

  /**
   * Read for every behaviour in every update loop: declared first so that it sits next to the
   * object's map word, which the call reads anyway (one cache line instead of two).
   */
  _activeAndEnabled = false;
  /** The game object this behaviour is attached to (already set in the constructor). */
  readonly gameObject: GameObject;
  /** Shorthand for `gameObject.transform`. */
  readonly transform: Transform;
  /** The world the game object lives in (time, random, queries). */
  readonly world: World;
  /** Set by `addComponent` right after construction. */
  _type: BehaviourType | null = null;
  _enabled = true;
  _awoken = false;
  _started = false;
  _startQueued = false;
  _destroyQueued = false;
  _destroyed = false;
  /** Coroutines running on this behaviour, so disabling one without any skips the search. */
  _coroutineCount = 0;

  constructor() {
    const gameObject = Behaviour._adding;
    if (gameObject === null) {
      throw new Error('Behaviour: create behaviours with gameObject.addComponent(' + (new.target.name || 'Type') + '), not with new');
    }
    Behaviour._adding = null;
    this.gameObject = gameObject;
    this.transform = gameObject.transform;
    this.world = gameObject.world;
  }

  /** Called once when the behaviour is added to an active object, or when the object first activates. */
  awake(): void {}
  /** Called each time the behaviour becomes active and enabled. */
  onEnable(): void {}
  /** Called once, before the first `update`, in the frame after the behaviour was enabled. */
  start(): void {}
  /** Called every frame while active and enabled. */
  update(): void {}
  /** Called every frame after `update` and coroutines. */
  lateUpdate(): void {}
  /** Called each time the behaviour stops being active and enabled, and before `onDestroy`. */
  onDisable(): void {}
  /** Called once when the behaviour or its object is destroyed (at the end of that frame). */
  onDestroy(): void {}

  /** Whether the behaviour itself is enabled; setting it calls onEnable/onDisable when that changes the outcome. */
  get enabled(): boolean {
    return this._enabled;
  }

  set enabled(value: boolean) {
    if (this._enabled === value) return;
    this._enabled = value;
    this._refresh();
  }

  /** True when enabled and its game object is active in the hierarchy (and not destroyed). */
  get isActiveAndEnabled(): boolean {
    return this._activeAndEnabled;
  }

  /** Shorthand for `gameObject.compareTag(tag)`; allocates nothing. */
  compareTag(tag: TagHandle | string): boolean {
    return this.gameObject.compareTag(tag);
  }

  /** Shorthand for `gameObject.getComponent(Type)`. */
  getComponent<T>(type: abstract new (...args: any[]) => T): T | null {
    return this.gameObject.getComponent(type);
  }

  /**
   * Starts a coroutine: runs `routine` now up to its first `yield`, then resumes it each frame its
   * yield instruction is done (see `Coroutine`). Throws when the behaviour is not active and enabled.
   *
   * Coroutines stop when their behaviour stops being active and enabled (its object or a parent
   * deactivated, or `enabled = false`) and when either is destroyed; re-enabling does not restart
   * them. Unity stops them on deactivation of the GameObject too, but keeps them running when only
   * `enabled` is set to false; here a disabled behaviour runs no code at all, coroutines included.
   * As in Unity, a stopped generator is dropped, not returned: its `finally` blocks do not run.
   *
   * Allocates a small `Coroutine` handle (and your generator allocates itself): prefer one long-lived
   * coroutine to one started per event.
   *
   * @example
   * this.startCoroutine(this.blink());
   * *blink() {
   *   const wait = new WaitForSeconds(0.5); // created once, reused every loop
   *   while (true) { this.visible = !this.visible; yield wait; }
   * }
   */
  startCoroutine(routine: CoroutineRoutine): Coroutine {
    return this.world._scheduler.start(this, routine);
  }

  /** Stops a coroutine started by this behaviour (a finished or foreign handle is ignored). */
  stopCoroutine(coroutine: Coroutine): void {
    this.world._scheduler.stop(this, coroutine);
  }

  /** Stops every coroutine running on this behaviour. */
  stopAllCoroutines(): void {
    if (this._coroutineCount > 0) this.world._scheduler.stopAll(this);
  }

  /** Removes this behaviour at the end of the frame (onDisable, then onDestroy), as `Object.Destroy(component)`. */
  destroy(): void {
    if (this._destroyed || this._destroyQueued) return;
    this._destroyQueued = true;
    this.world._queueDestroyBehaviour(this);
  }

  /** Brings the enabled state in line with `enabled` and the object's activation, calling hooks. */
  _refresh(): void {
    if (this._destroyed) return;
    const active = this.gameObject._activeInHierarchy;
    if (active && !this._awoken) {
      this._awoken = true;
      this._call('awake');
    }
    const want = this.gameObject._activeInHierarchy && this._enabled && !this._destroyed;
    if (want === this._activeAndEnabled) return;
    this._activeAndEnabled = want;
    if (want) {
      this._call('onEnable');
      if (!this._started && !this._startQueued && this._activeAndEnabled) {
        this._startQueued = true;
        this.world._queueStart(this);
      }
    } else {
      if (this._coroutineCount > 0) this.world._scheduler.stopAll(this);
      this._call('onDisable');
    }
  }

  /** Destroys the behaviour now (end-of-frame processing): onDisable if enabled, then onDestroy. */
  _destroyNow(): void {
    if (this._destroyed) return;
    if (this._activeAndEnabled) {
      this._activeAndEnabled = false;
      if (this._coroutineCount > 0) this.world._scheduler.stopAll(this);
      this._call('onDisable');
    }
    this._destroyed = true;
    if (this._awoken) this._call('onDestroy');
  }

  /** Calls a lifecycle method, reporting what it throws. */
  _call(phase: EnginePhase): void {
    try {
      switch (phase) {
        case 'awake':
          this.awake();
          break;
        case 'onEnable':
          this.onEnable();
          break;
        case 'onDisable':
          this.onDisable();
          break;
        case 'onDestroy':
          this.onDestroy();
          break;
      }
    } catch (error) {
      this.world._report(this, phase, error);
    }
  }
}
