/**
 * What every leaks variant shares: the drones (pooled or not), the spawn table, the long-lived
 * alarm emitter and the module-level registry the leaky code misuses as a global, the route plan,
 * the reset that clears module-level state, and the digest.
 *
 * The simulation uses whole numbers only: code that runs a few times a frame may stay
 * unoptimised, and unoptimised V8 code boxes every double it touches, which would blur a 0 B reading.
 */
import { Behaviour, Sprite, STAGE_HEIGHT, STAGE_WIDTH, type World } from '../../src/index.ts';

/** Frames a drone lives; with `size` spawns per frame, size x LIFETIME drones are alive. */
export const LIFETIME = 90;
/** Every ALARM_PERIOD frames the alarm emitter fires; live drones turn red once. */
export const ALARM_PERIOD = 60;
/** Points of a route plan (the plan's "big" part, a few hundred bytes). */
export const ROUTE_POINTS = 32;
/** Spawn parameters drawn at setup and used in turn, so no random draw happens in a frame. */
const SPAWN_TABLE = 256;
/** Debug output of route plans: off, as it is in a shipped game. */
export const DEBUG_PLANS = false;

const DRONE_COLOR = 0x06d6a0;
const ALERT_COLOR = 0xef476f;

/**
 * A module-level object that the leaky code uses as a global registry, standing in for `window` /
 * `globalThis` (which a test process should not pollute). Anything stored here stays reachable
 * for the life of the process, whatever happens to the world that stored it.
 */
export const GameGlobals: Record<string, unknown> = {};

/** A long-lived event emitter with add/remove; remove swaps with the last listener (no allocation). */
export class Signal {
  private readonly _listeners: ((() => void) | null)[] = [];
  private _count = 0;

  get listenerCount(): number {
    return this._count;
  }

  add(listener: () => void): void {
    if (this._count < this._listeners.length) this._listeners[this._count] = listener;
    else this._listeners.push(listener);
    this._count++;
  }

  remove(listener: () => void): void {
    const listeners = this._listeners;
    for (let i = 0; i < this._count; i++) {
      if (listeners[i] !== listener) continue;
      listeners[i] = listeners[this._count - 1]!;
      listeners[--this._count] = null;
      return;
    }
  }

  emit(): void {
    const listeners = this._listeners;
    for (let i = 0; i < this._count; i++) listeners[i]!();
  }

  /** Drops every listener, releasing the backing array too (teardown only). */
  clear(): void {
    this._listeners.length = 0;
    this._count = 0;
  }
}

/** The game's alarm: lives as long as the process, like a `window` event or a global event bus. */
export const alarms = new Signal();

/** Clears module-level state (the registry and the alarm's listeners): at setup and at world teardown. */
export function resetLeakState(): void {
  for (const key of Object.keys(GameGlobals)) delete GameGlobals[key];
  alarms.clear();
}

/** Velocity, start point and look of spawn number k, from a table drawn at setup. */
export class SpawnTable {
  readonly vx = new Int32Array(SPAWN_TABLE);
  readonly vy = new Int32Array(SPAWN_TABLE);
  readonly x = new Int32Array(SPAWN_TABLE);
  readonly y = new Int32Array(SPAWN_TABLE);

  constructor(world: World) {
    const random = world.random;
    for (let i = 0; i < SPAWN_TABLE; i++) {
      this.vx[i] = random.int(-4, 5) || 1;
      this.vy[i] = random.int(-4, 5) || -1;
      this.x[i] = random.int(STAGE_WIDTH / 2 - 200, STAGE_WIDTH / 2 + 200);
      this.y[i] = random.int(STAGE_HEIGHT / 2 - 120, STAGE_HEIGHT / 2 + 120);
    }
  }

  /** The table row of spawn number `k`. */
  row(k: number): number {
    return k % SPAWN_TABLE;
  }
}

/** What a drone reports to: its spawner's counters. */
export interface DroneOwner {
  alerts: number;
}

/** A drone: a game object with a Sprite and this behaviour; moved by its spawner. */
export class Drone extends Behaviour {
  id = 0;
  x = 0;
  y = 0;
  vx = 0;
  vy = 0;
  age = 0;
  alive = false;
  alerted = false;
  owner: DroneOwner | null = null;
  sprite: Sprite | null = null;
  /** The drone's alarm listener, made once with the drone, so adding and removing it allocates nothing. */
  readonly alarmListener = (): void => this.onAlarm();

  /** Starts a new life from spawn row `row` of `table`. */
  launch(id: number, table: SpawnTable, row: number): void {
    this.id = id;
    this.x = table.x[row]!;
    this.y = table.y[row]!;
    this.vx = table.vx[row]!;
    this.vy = table.vy[row]!;
    this.age = 0;
    this.alive = true;
    this.alerted = false;
    this.sprite!.color = DRONE_COLOR;
    this.transform.position.set(this.x, this.y);
  }

  /** One frame of flight, bouncing off the stage's edges. */
  step(): void {
    this.age++;
    this.x += this.vx;
    this.y += this.vy;
    if (this.x < 0 || this.x > STAGE_WIDTH) this.vx = -this.vx;
    if (this.y < 0 || this.y > STAGE_HEIGHT) this.vy = -this.vy;
    this.transform.position.set(this.x, this.y);
  }

  /** Turns the drone red, once per life; a listener left behind by a past life changes nothing. */
  onAlarm(): void {
    if (!this.alive || this.alerted) return;
    this.alerted = true;
    this.sprite!.color = ALERT_COLOR;
    this.owner!.alerts++;
  }
}

/** Makes a drone: a game object with a Sprite and a Drone, active or not. */
export function createDrone(world: World, owner: DroneOwner, active: boolean): Drone {
  const go = world.createGameObject('drone', { active });
  const sprite = go.addComponent(Sprite).set('circle', DRONE_COLOR, 8);
  const drone = go.addComponent(Drone);
  drone.owner = owner;
  drone.sprite = sprite;
  return drone;
}

/** A route plan: points computed per spawn, and a description for debug output. */
export interface Plan {
  readonly route: ArrayLike<number>;
  describe(): string;
}

/** The plan's points for spawn `id` from row `row` (both variants compute the same ones). */
export function routePoint(table: SpawnTable, row: number, id: number, i: number): number {
  return (table.x[row]! + i * table.vx[row]! + id) | 0;
}

/** A plan whose route is a typed array filled in place (used by the fixed code). */
export class RoutePlan implements Plan {
  readonly route = new Int32Array(ROUTE_POINTS);
  id = 0;

  describe(): string {
    return 'plan ' + this.id + ' via ' + Array.from(this.route).join(',');
  }
}

/** What a debug build would print about a plan. */
export function logPlan(plan: Plan): void {
  if (DEBUG_PLANS) console.log(plan.describe());
}

/** The digest every variant builds. */
export function formatDigest(
  counters: { spawned: number; despawned: number; alerts: number; alarmsFired: number; lastSpawnId: number },
  alive: readonly Drone[],
  plan: Plan | null,
): string {
  const drones = alive.map((d) => d.id + '@' + d.x + ',' + d.y + (d.alerted ? '!' : '')).join(' ');
  return [
    'spawned ' + counters.spawned,
    'despawned ' + counters.despawned,
    'alarms ' + counters.alarmsFired,
    'alerts ' + counters.alerts,
    'last ' + counters.lastSpawnId,
    plan === null ? 'no plan' : plan.describe(),
    drones,
  ].join('|');
}
