/**
 * Leaks, allocating (leaky) variants: the spawner of optimized.ts with the four classic JavaScript
 * leaks, each of which can be switched on alone (variants leak-global, leak-listener, leak-closure,
 * leak-detached; "allocating" has all four). Where a leak is off, the fixed code of optimized.ts
 * runs. Each leak keeps memory reachable frame after frame, so a GC cannot reclaim it:
 * - global: a spawn record per drone in a module-level registry used as a global, never removed;
 * - listener: a new closure per drone added to the long-lived alarm emitter, never removed;
 * - closure: the `replaceThing` pattern, where each new plan's method shares a scope with a
 *   closure over the previous plan, chaining every plan ever made;
 * - detached: drones created and destroyed as game objects, their sprites kept in a cache array.
 */
import { Behaviour, ObjectPool, type SceneInstance, type Sprite, type World } from '../../src/index.ts';
import {
  ALARM_PERIOD,
  DEBUG_PLANS,
  GameGlobals,
  LIFETIME,
  RoutePlan,
  SpawnTable,
  alarms,
  createDrone,
  formatDigest,
  logPlan,
  resetLeakState,
  routePoint,
  ROUTE_POINTS,
  type Drone,
  type DroneOwner,
  type Plan,
} from './shared.ts';

/** Leak kinds, as bit flags. */
export const LEAK_GLOBAL = 1;
export const LEAK_LISTENER = 2;
export const LEAK_CLOSURE = 4;
export const LEAK_DETACHED = 8;
export const ALL_LEAKS = LEAK_GLOBAL | LEAK_LISTENER | LEAK_CLOSURE | LEAK_DETACHED;

/** Spawns `perFrame` drones a frame, flies them for LIFETIME frames, fires the alarm now and then. */
class Spawner extends Behaviour implements DroneOwner {
  perFrame = 1;
  table: SpawnTable | null = null;
  pool: ObjectPool<Drone> | null = null;
  /** Live drones, oldest first, in a ring: head is the oldest. */
  ring: (Drone | null)[] = [];
  head = 0;
  count = 0;
  spawned = 0;
  despawned = 0;
  alerts = 0;
  alarmsFired = 0;
  lastSpawnId = -1;
  plan: Plan | null = null;
  private readonly reusablePlan = new RoutePlan();
  /** Which leaks are on. */
  leaks = 0;
  /** Sprites by spawn order, "for quick lookups": never pruned. */
  readonly spriteCache: Sprite[] = [];

  init(size: number): void {
    this.perFrame = size;
    this.table = new SpawnTable(this.world);
    this.ring = new Array<Drone | null>(size * LIFETIME + size + 1).fill(null);
    this.pool = new ObjectPool({ create: () => createDrone(this.world, this, false) });
    if ((this.leaks & LEAK_DETACHED) === 0) this.pool.prewarm(size * (LIFETIME + 1));
  }

  override update(): void {
    const frame = this.world.time.frameCount;
    while (this.count > 0 && this.ring[this.head]!.age >= LIFETIME) this.despawn();
    for (let k = 0; k < this.count; k++) this.ring[(this.head + k) % this.ring.length]!.step();
    for (let s = 0; s < this.perFrame; s++) this.spawn();
    if (frame % ALARM_PERIOD === 0) {
      this.alarmsFired++;
      alarms.emit();
    }
  }

  spawn(): void {
    const id = this.spawned++;
    const row = this.table!.row(id);
    const drone = this.acquireDrone();
    drone.launch(id, this.table!, row);
    this.listen(drone);
    this.makePlan(id, row);
    this.recordSpawn(drone);
    this.ring[(this.head + this.count) % this.ring.length] = drone;
    this.count++;
  }

  despawn(): void {
    const drone = this.ring[this.head]!;
    this.ring[this.head] = null;
    this.head = (this.head + 1) % this.ring.length;
    this.count--;
    drone.alive = false;
    this.unlisten(drone);
    this.releaseDrone(drone);
    this.despawned++;
  }

  /** Records the latest spawn for debug displays. */
  recordSpawn(drone: Drone): void {
    if (this.leaks & LEAK_GLOBAL) {
      // ALLOC: a record object and a key string per spawn, stored in a module-level registry (a
      // global in all but name) under a new key, never deleted: reachable for the process's life.
      GameGlobals['drone' + drone.id] = { id: drone.id, frame: this.world.time.frameCount };
    }
    this.lastSpawnId = drone.id;
  }

  /** Subscribes a new drone to the alarm. */
  listen(drone: Drone): void {
    if (this.leaks & LEAK_LISTENER) {
      // ALLOC: a new closure per spawn on the long-lived emitter; nothing removes it, so it keeps
      // itself and the drone reachable, and every alarm calls it again.
      alarms.add(() => drone.onAlarm());
      return;
    }
    alarms.add(drone.alarmListener);
  }

  /** Unsubscribes a despawning drone. */
  unlisten(drone: Drone): void {
    if (this.leaks & LEAK_LISTENER) return; // the forgotten listener: never removed
    alarms.remove(drone.alarmListener);
  }

  /** Computes the new drone's route plan. */
  makePlan(id: number, row: number): void {
    if (this.leaks & LEAK_CLOSURE) {
      const previous = this.plan;
      // ALLOC: replaceThing. `unused` refers to `previous`, so `previous` lives in this call's
      // context object; `describe` below shares that context, so each plan keeps the previous
      // plan (and its route array) alive: a chain of every plan ever made.
      const unused = (): void => {
        if (previous !== null) logPlan(previous);
      };
      if (DEBUG_PLANS) unused();
      const route: number[] = [];
      for (let i = 0; i < ROUTE_POINTS; i++) route.push(routePoint(this.table!, row, id, i));
      this.plan = { route, describe: () => 'plan ' + id + ' via ' + route.join(',') };
      return;
    }
    const plan = this.reusablePlan;
    plan.id = id;
    for (let i = 0; i < ROUTE_POINTS; i++) plan.route[i] = routePoint(this.table!, row, id, i);
    this.plan = plan;
  }

  /** A drone for a new spawn. */
  acquireDrone(): Drone {
    if (this.leaks & LEAK_DETACHED) {
      // ALLOC: a new game object with a Transform, a Sprite and a Drone per spawn, and its sprite
      // goes into a cache that is never pruned.
      const drone = createDrone(this.world, this, true);
      this.spriteCache.push(drone.sprite!);
      return drone;
    }
    const drone = this.pool!.get();
    drone.gameObject.setActive(true);
    return drone;
  }

  /** Takes a despawned drone off the stage. */
  releaseDrone(drone: Drone): void {
    if (this.leaks & LEAK_DETACHED) {
      // The leak: destroyed (gone from the world and the renderer) but still in spriteCache, so the
      // whole detached object graph stays reachable.
      drone.gameObject.destroy();
      return;
    }
    drone.gameObject.setActive(false);
    this.pool!.release(drone);
  }

  override onDestroy(): void {
    resetLeakState();
  }

  liveDrones(): Drone[] {
    const out: Drone[] = [];
    for (let k = 0; k < this.count; k++) out.push(this.ring[(this.head + k) % this.ring.length]!);
    return out;
  }
}

/** A setup for the leaky spawner with the `leaks` flags on. */
function setupLeaky(leaks: number): (world: World, size: number) => SceneInstance {
  return (world, size) => {
    resetLeakState();
    const spawner = world.createGameObject('spawner').addComponent(Spawner);
    spawner.leaks = leaks;
    spawner.init(size);
    return { digest: () => formatDigest(spawner, spawner.liveDrones(), spawner.plan) };
  };
}

/** All four leaks at once. */
export const setupAllocating = setupLeaky(ALL_LEAKS);
/** Only the accidental global. */
export const setupLeakGlobal = setupLeaky(LEAK_GLOBAL);
/** Only the forgotten listener. */
export const setupLeakListener = setupLeaky(LEAK_LISTENER);
/** Only the shared-closure leak. */
export const setupLeakClosure = setupLeaky(LEAK_CLOSURE);
/** Only the detached display objects. */
export const setupLeakDetached = setupLeaky(LEAK_DETACHED);
