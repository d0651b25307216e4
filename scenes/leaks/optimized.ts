/**
 * Leaks, optimized (fixed) variant: the same spawner without the four leaks. Spawn records live in
 * the spawner's own fields, each drone's alarm listener is made once and removed when the drone
 * despawns, one route plan is refilled in place with no closure over the previous one, and drones
 * are pooled game objects, deactivated instead of destroyed, so nothing points at dead objects.
 * Retained memory stays flat, and a frame allocates 0 B.
 */
import { Behaviour, ObjectPool, type SceneInstance, type World } from '../../src/index.ts';
import {
  ALARM_PERIOD,
  LIFETIME,
  RoutePlan,
  SpawnTable,
  alarms,
  createDrone,
  formatDigest,
  resetLeakState,
  routePoint,
  ROUTE_POINTS,
  type Drone,
  type DroneOwner,
  type Plan,
} from './shared.ts';

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

  init(size: number): void {
    this.perFrame = size;
    this.table = new SpawnTable(this.world);
    this.ring = new Array<Drone | null>(size * LIFETIME + size + 1).fill(null);
    this.pool = new ObjectPool({ create: () => createDrone(this.world, this, false) });
    this.pool.prewarm(size * (LIFETIME + 1));
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
    // FIX: the record is a field of the spawner, overwritten per spawn: nothing global, nothing kept.
    this.lastSpawnId = drone.id;
  }

  /** Subscribes a new drone to the alarm. */
  listen(drone: Drone): void {
    // FIX: the drone's own listener, made once with the drone; adding it again allocates nothing.
    alarms.add(drone.alarmListener);
  }

  /** Unsubscribes a despawning drone. */
  unlisten(drone: Drone): void {
    // FIX: removed when the drone despawns, so the long-lived emitter holds only live drones.
    alarms.remove(drone.alarmListener);
  }

  /** Computes the new drone's route plan. */
  makePlan(id: number, row: number): void {
    // FIX: one plan object refilled in place; no closure captures the previous plan.
    const plan = this.reusablePlan;
    plan.id = id;
    for (let i = 0; i < ROUTE_POINTS; i++) plan.route[i] = routePoint(this.table!, row, id, i);
    this.plan = plan;
  }

  /** A drone for a new spawn. */
  acquireDrone(): Drone {
    // FIX: a pooled drone, reactivated; no game object is created.
    const drone = this.pool!.get();
    drone.gameObject.setActive(true);
    return drone;
  }

  /** Takes a despawned drone off the stage. */
  releaseDrone(drone: Drone): void {
    // FIX: deactivated and returned to the pool, not destroyed: no reference to a dead object remains.
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

/** Builds the fixed spawner: `size` drones a frame, each living LIFETIME frames. */
export function setupOptimized(world: World, size: number): SceneInstance {
  resetLeakState();
  const spawner = world.createGameObject('spawner').addComponent(Spawner);
  spawner.init(size);
  return { digest: () => formatDigest(spawner, spawner.liveDrones(), spawner.plan) };
}
