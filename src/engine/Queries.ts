import type { Behaviour } from './Behaviour.ts';
import type { DenseList } from './DenseList.ts';
import type { GameObject } from './GameObject.ts';
import type { TagHandle } from './Tags.ts';

/**
 * The scene queries behind `World.findObjectsOfType` and friends, as plain functions over the
 * world's lists. Each walks the list with an indexed loop; the NonAlloc forms write into the
 * caller's array and allocate nothing. Only objects active in the hierarchy count, as in Unity.
 * Internal to the engine: call them through `World`.
 */

/** Behaviours that are instances of `type` on active, live objects, appended to a new array. */
export function findObjectsOfType<T>(behaviours: DenseList<Behaviour>, type: abstract new (...args: any[]) => T): T[] {
  const out: T[] = [];
  const items = behaviours.items;
  for (let i = 0; i < behaviours.count; i++) {
    const b = items[i]!;
    if (b instanceof type && !b._destroyed && b.gameObject._activeInHierarchy) out.push(b as T);
  }
  return out;
}

/** Same as `findObjectsOfType`, written into `out` up to `out.length`; returns the count written. */
export function findObjectsOfTypeNonAlloc<T>(behaviours: DenseList<Behaviour>, type: abstract new (...args: any[]) => T, out: T[]): number {
  const items = behaviours.items;
  const capacity = out.length;
  let n = 0;
  for (let i = 0; i < behaviours.count && n < capacity; i++) {
    const b = items[i]!;
    if (b instanceof type && !b._destroyed && b.gameObject._activeInHierarchy) out[n++] = b as T;
  }
  return n;
}

/** Active, live game objects with tag `tag`, appended to a new array. */
export function findGameObjectsWithTag(objects: DenseList<GameObject>, tag: TagHandle): GameObject[] {
  const out: GameObject[] = [];
  const items = objects.items;
  for (let i = 0; i < objects.count; i++) {
    const go = items[i]!;
    if (go._tag === tag && go._activeInHierarchy) out.push(go);
  }
  return out;
}

/** Same as `findGameObjectsWithTag`, written into `out` up to `out.length`; returns the count. */
export function findGameObjectsWithTagNonAlloc(objects: DenseList<GameObject>, tag: TagHandle, out: GameObject[]): number {
  const items = objects.items;
  const capacity = out.length;
  let n = 0;
  for (let i = 0; i < objects.count && n < capacity; i++) {
    const go = items[i]!;
    if (go._tag === tag && go._activeInHierarchy) out[n++] = go;
  }
  return n;
}

/** The first active, live game object with tag `tag`, or null. */
export function findWithTag(objects: DenseList<GameObject>, tag: TagHandle): GameObject | null {
  const items = objects.items;
  for (let i = 0; i < objects.count; i++) {
    const go = items[i]!;
    if (go._tag === tag && go._activeInHierarchy) return go;
  }
  return null;
}

/** The first active game object named `name`, or null (as Unity's `GameObject.Find`). */
export function findByName(objects: DenseList<GameObject>, name: string): GameObject | null {
  const items = objects.items;
  for (let i = 0; i < objects.count; i++) {
    const go = items[i]!;
    if (go.name === name && go._activeInHierarchy) return go;
  }
  return null;
}
