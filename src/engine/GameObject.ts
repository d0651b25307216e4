import { Behaviour } from './Behaviour.ts';
import { behaviourTypeOf } from './BehaviourType.ts';
import { Tags, type TagHandle } from './Tags.ts';
import { Transform } from './Transform.ts';
import type { World } from './World.ts';

/** Options of `world.createGameObject(name, options)`. */
export interface GameObjectOptions {
  /** Tag name or handle (default 'Untagged'); an unknown name throws. */
  tag?: TagHandle | string;
  /** Parent object or transform (default: none, a root object). */
  parent?: GameObject | Transform | null;
  /** activeSelf (default true). */
  active?: boolean;
}

/**
 * An entity of the scene: a name, a tag, a transform, an active flag and behaviours. Create one
 * with `world.createGameObject(name)`.
 *
 * @example
 * const enemyTag = Tags.get('Enemy');
 * const enemy = world.createGameObject('enemy', { tag: enemyTag });
 * enemy.transform.position.set(100, 0);
 * const ai = enemy.addComponent(EnemyAI);
 * if (enemy.compareTag(enemyTag)) ai.alert();
 */
export class GameObject {
  /** The world this object lives in. */
  readonly world: World;
  /** Its name (Unity's `name`); free to change. */
  name: string;
  /** Position, rotation, scale and hierarchy. */
  readonly transform: Transform;
  _tag: TagHandle;
  _activeSelf: boolean;
  _activeInHierarchy = false;
  _destroyQueued = false;
  _destroyed = false;
  readonly _components: Behaviour[] = [];

  /** Use `world.createGameObject(name, options)`, which registers the object with its world. */
  constructor(world: World, name: string, options?: GameObjectOptions) {
    this.world = world;
    this.name = name;
    this.transform = new Transform(this);
    this._tag = options?.tag === undefined ? Tags.untagged : Tags.resolve(options.tag);
    this._activeSelf = options?.active ?? true;
  }

  /**
   * The tag's name as a NEW string on every read, as Unity's `GameObject.tag` getter allocates a
   * managed string each call. Comparing `go.tag === 'Enemy'` in a loop is the classic per-frame
   * garbage: use `compareTag(handle)`, which allocates nothing. Setting it takes a name or a handle
   * (an unknown name throws).
   */
  get tag(): string {
    return this._tag._padded.slice(1);
  }

  set tag(value: TagHandle | string) {
    this._tag = Tags.resolve(value);
  }

  /** The tag's interned handle (no allocation). */
  get tagHandle(): TagHandle {
    return this._tag;
  }

  /**
   * True when this object's tag is `tag`, a handle or a name. Allocates nothing: handles are
   * compared by identity, a name is looked up in the registry's Map. An unknown name throws.
   */
  compareTag(tag: TagHandle | string): boolean {
    if (typeof tag === 'string') return Tags.resolve(tag) === this._tag;
    return tag === this._tag;
  }

  /** The object's own active flag (Unity's `activeSelf`). */
  get active(): boolean {
    return this._activeSelf;
  }

  /** Same as `active`. */
  get activeSelf(): boolean {
    return this._activeSelf;
  }

  /** True when this object and all its parents are active (and it is not destroyed). */
  get activeInHierarchy(): boolean {
    return this._activeInHierarchy;
  }

  /** True once the object has been destroyed (at the end of the frame `destroy()` was called in). */
  get destroyed(): boolean {
    return this._destroyed;
  }

  /**
   * Activates or deactivates the object; behaviours of it and its children get onEnable/onDisable
   * where their active-and-enabled state changes. Deactivation stops their coroutines.
   */
  setActive(value: boolean): void {
    if (this._activeSelf === value) return;
    this._activeSelf = value;
    this._refreshHierarchy();
  }

  /**
   * Creates a behaviour of class `type` on this object (constructor arguments follow the type)
   * and returns it. On an active object, `awake` and `onEnable` run before this returns; `start`
   * runs at the next frame's Start phase.
   */
  addComponent<T extends Behaviour, A extends unknown[]>(type: new (...args: A) => T, ...args: A): T {
    if (this._destroyed) throw new Error('GameObject.addComponent: "' + this.name + '" has been destroyed');
    if (typeof type !== 'function' || (type !== (Behaviour as unknown) && !(type.prototype instanceof Behaviour))) {
      throw new TypeError('GameObject.addComponent: expected a class that extends Behaviour');
    }
    const kind = behaviourTypeOf(type);
    const previous = Behaviour._adding;
    Behaviour._adding = this;
    let behaviour: T;
    try {
      behaviour = new type(...args);
    } finally {
      Behaviour._adding = previous;
    }
    behaviour._type = kind;
    this._components.push(behaviour);
    this.world._registerBehaviour(behaviour);
    behaviour._refresh();
    return behaviour;
  }

  /** The first behaviour that is an instance of `type`, or null. Allocates nothing. */
  getComponent<T>(type: abstract new (...args: any[]) => T): T | null {
    const components = this._components;
    for (let i = 0; i < components.length; i++) {
      const c = components[i]!;
      if (c instanceof type && !c._destroyed) return c;
    }
    return null;
  }

  /**
   * Every behaviour that is an instance of `type`, written into `out` from index 0 (its length is
   * set to the count), or into a new array when `out` is left out (allocates).
   */
  getComponents<T>(type: abstract new (...args: any[]) => T, out: T[] = []): T[] {
    const components = this._components;
    let n = 0;
    for (let i = 0; i < components.length; i++) {
      const c = components[i]!;
      if (c instanceof type && !c._destroyed) out[n++] = c;
    }
    if (out.length !== n) out.length = n;
    return out;
  }

  /** Number of behaviours attached. */
  get componentCount(): number {
    return this._components.length;
  }

  /**
   * Destroys the object, its children and their behaviours at the end of the current frame, as
   * Unity's `Object.Destroy`: they still update for the rest of this frame; then each enabled
   * behaviour gets onDisable, then onDestroy. Calling it again is harmless.
   */
  destroy(): void {
    if (this._destroyed || this._destroyQueued) return;
    this._destroyQueued = true;
    this.world._queueDestroyObject(this);
  }

  /** Recomputes activeInHierarchy and propagates a change to behaviours and children. */
  _refreshHierarchy(): void {
    const parent = this.transform.parent;
    const next = this._activeSelf && !this._destroyed && (parent === null || parent.gameObject._activeInHierarchy);
    if (next === this._activeInHierarchy) return;
    this._activeInHierarchy = next;
    const components = this._components;
    for (let i = 0; i < components.length; i++) components[i]!._refresh();
    const transform = this.transform;
    for (let i = 0; i < transform.childCount; i++) transform.getChild(i).gameObject._refreshHierarchy();
  }

  /** Destroys now (end-of-frame processing): disables the subtree, then destroys children and behaviours. */
  _destroyNow(): void {
    if (this._destroyed) return;
    this._destroyed = true;
    this._refreshHierarchy();
    const components = this._components;
    for (let i = 0; i < components.length; i++) components[i]!._destroyNow();
    const transform = this.transform;
    while (transform.childCount > 0) {
      const child = transform.getChild(transform.childCount - 1);
      child._detach();
      child.gameObject._destroyNow();
    }
    transform._detach();
    this.world._markDirty();
  }

  /** The object's name (for logs). */
  toString(): string {
    return 'GameObject("' + this.name + '")';
  }
}
