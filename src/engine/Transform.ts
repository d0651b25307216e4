import { Vector2 } from './Vector2.ts';
import type { GameObject } from './GameObject.ts';

/**
 * Position, rotation and scale of a game object, relative to its parent, and its place in the
 * hierarchy. `position` and `scale` are vectors created once: change them in place.
 * Deactivating a parent deactivates its children (see `GameObject.activeInHierarchy`).
 *
 * @example
 * const turret = world.createGameObject('turret', { parent: tank });
 * turret.transform.position.set(0, 12);
 * turret.transform.getWorldPosition(scratch); // no allocation
 */
export class Transform {
  /** The game object this transform belongs to. */
  readonly gameObject: GameObject;
  /** Local position (relative to the parent). */
  readonly position = new Vector2();
  /** Local scale. */
  readonly scale = new Vector2(1, 1);
  /** Local rotation about z, in radians. */
  rotation = 0;
  private _parent: Transform | null = null;
  private readonly _children: Transform[] = [];

  /** Created with its game object; use `world.createGameObject`. */
  constructor(gameObject: GameObject) {
    this.gameObject = gameObject;
  }

  /** The parent transform, or null at the root. */
  get parent(): Transform | null {
    return this._parent;
  }

  /** Number of children. */
  get childCount(): number {
    return this._children.length;
  }

  /** The child at `index` (0-based), as Unity's `GetChild`. */
  getChild(index: number): Transform {
    const child = this._children[index];
    if (child === undefined)
      throw new RangeError('Transform.getChild: index ' + index + ' is out of range (' + this._children.length + ' children)');
    return child;
  }

  /**
   * Moves this transform under `parent` (or to the root with null), keeping local values. Updates
   * `activeInHierarchy` of the subtree, calling onEnable/onDisable where it changes.
   */
  setParent(parent: Transform | GameObject | null): void {
    const next = parent === null ? null : parent instanceof Transform ? parent : parent.transform;
    if (next === this._parent) return;
    for (let t = next; t !== null; t = t._parent) {
      if (t === this) throw new Error('Transform.setParent: "' + this.gameObject.name + '" cannot be a child of its own descendant');
    }
    if (next !== null && next.gameObject.world !== this.gameObject.world) {
      throw new Error('Transform.setParent: parent belongs to another World');
    }
    if (this._parent !== null) this._parent._removeChild(this);
    this._parent = next;
    if (next !== null) next._children.push(this);
    this.gameObject._refreshHierarchy();
  }

  /** True when `ancestor` is this transform's parent, grandparent... */
  isChildOf(ancestor: Transform): boolean {
    for (let t = this._parent; t !== null; t = t._parent) if (t === ancestor) return true;
    return false;
  }

  /** Rotation in world space: the sum of rotations up the hierarchy. */
  get worldRotation(): number {
    let r = this.rotation;
    for (let t = this._parent; t !== null; t = t._parent) r += t.rotation;
    return r;
  }

  /** Writes the position in world space into `out` and returns it. Allocates nothing. */
  getWorldPosition(out: Vector2): Vector2 {
    let x = this.position.x;
    let y = this.position.y;
    for (let t = this._parent; t !== null; t = t._parent) {
      const sx = x * t.scale.x;
      const sy = y * t.scale.y;
      const c = Math.cos(t.rotation);
      const s = Math.sin(t.rotation);
      x = sx * c - sy * s + t.position.x;
      y = sx * s + sy * c + t.position.y;
    }
    out.x = x;
    out.y = y;
    return out;
  }

  _removeChild(child: Transform): void {
    const children = this._children;
    const index = children.indexOf(child);
    if (index >= 0) children.splice(index, 1);
  }

  /** Detaches from the parent without refreshing activation (destroy path). */
  _detach(): void {
    if (this._parent !== null) this._parent._removeChild(this);
    this._parent = null;
  }
}
