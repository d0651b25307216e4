/**
 * What both queries variants share: the orbs, the turrets' shield mesh with its copying `normals`
 * getter, the circle-overlap query in an allocating and a NonAlloc form, the layout and the digest.
 * The variants differ only in how they call these APIs.
 */
import { Behaviour, hashText, Sprite, STAGE_HEIGHT, STAGE_WIDTH, type World } from '../../src/index.ts';

/** Turrets see orbs within this distance (a whole number, so calls pass it without boxing). */
export const TURRET_RANGE = 150;
/** Speed added to a zapped orb, away from the turret. */
export const KICK = 160;
/** Frames a zapped orb stays lit. */
export const LIT_FRAMES = 10;
/** Turret positions, in whole units. */
export const TURRET_SPOTS: readonly (readonly [number, number])[] = [
  [320, 180],
  [640, 140],
  [960, 180],
  [320, 540],
  [640, 580],
  [960, 540],
];

const CENTRE_X = STAGE_WIDTH / 2;
const CENTRE_Y = STAGE_HEIGHT / 2;
const SWIRL = 0.35;
const PULL = 0.12;
const DRAG = 0.6;
const ORB_COLOR = 0x577590;
const LIT_COLOR = 0xf9c74f;

/** An orb of the swarm: a behaviour (so that findObjectsOfType finds it) holding its motion. */
export class Orb extends Behaviour {
  sprite!: Sprite;
  x = 0.5;
  y = 0.5;
  vx = 0.5;
  vy = 0.5;
  /** Frame of the last zap, for the lit color. */
  zapFrame = -LIT_FRAMES;

  /**
   * Swirls around the stage centre, slows down, bounces off the edges, and shows itself. Reads the
   * frame time itself: a fractional argument could be boxed by code V8 has not fully optimised.
   */
  move(frame: number): void {
    const dt = this.world.time.deltaTime;
    const dx = this.x - CENTRE_X;
    const dy = this.y - CENTRE_Y;
    let vx = this.vx + (-dy * SWIRL - dx * PULL) * dt;
    let vy = this.vy + (dx * SWIRL - dy * PULL) * dt;
    vx -= vx * DRAG * dt;
    vy -= vy * DRAG * dt;
    let x = this.x + vx * dt;
    let y = this.y + vy * dt;
    if (x < 0 || x > STAGE_WIDTH) {
      vx = -vx;
      x = x < 0 ? -x : 2 * STAGE_WIDTH - x;
    }
    if (y < 0 || y > STAGE_HEIGHT) {
      vy = -vy;
      y = y < 0 ? -y : 2 * STAGE_HEIGHT - y;
    }
    this.x = x;
    this.y = y;
    this.vx = vx;
    this.vy = vy;
    // Whole units on the transform: the engine's Vector2 fields box fractional numbers (16 B a write).
    this.transform.position.set(x | 0, y | 0);
    this.sprite.color = frame - this.zapFrame < LIT_FRAMES ? LIT_COLOR : ORB_COLOR;
  }
}

/**
 * A turret's shield: a regular polygon whose face normals are stored as [x0, y0, x1, y1, ...].
 * Like Unity's `Mesh.normals`, the `normals` getter returns a NEW copy on every read; read it once
 * and keep the array, or use `getNormals(out)`.
 */
export class ShieldMesh {
  private readonly _normals: number[] = [];

  constructor(sides: number) {
    for (let i = 0; i < sides; i++) {
      const angle = ((i + 0.5) / sides) * Math.PI * 2;
      this._normals.push(Math.cos(angle), Math.sin(angle));
    }
  }

  /** A copy of the normals, made on every read (allocates: see `getNormals`). */
  get normals(): number[] {
    return this._normals.slice();
  }

  /** Copies the normals into `out` from index 0 and returns how many numbers were written. */
  getNormals(out: number[]): number {
    const normals = this._normals;
    for (let i = 0; i < normals.length; i++) out[i] = normals[i]!;
    return normals.length;
  }
}

/**
 * The scene's physics queries over the orbs, as Unity's `Physics2D.OverlapCircleAll` and
 * `OverlapCircleNonAlloc`. Pass whole-number coordinates: fractional arguments may be boxed.
 */
export class OrbPhysics {
  readonly orbs: Orb[] = [];

  /** The orbs within `radius` of (x, y), in a NEW array (allocates: see `overlapCircleNonAlloc`). */
  overlapCircleAll(x: number, y: number, radius: number): Orb[] {
    const found: Orb[] = [];
    const orbs = this.orbs;
    const r2 = radius * radius;
    for (let i = 0; i < orbs.length; i++) {
      const orb = orbs[i]!;
      const dx = orb.x - x;
      const dy = orb.y - y;
      if (dx * dx + dy * dy <= r2) found.push(orb);
    }
    return found;
  }

  /**
   * The same orbs written into `out` from index 0, at most `out.length` of them (as Unity's
   * NonAlloc queries, the rest is left out); returns how many were written. Allocates nothing.
   */
  overlapCircleNonAlloc(x: number, y: number, radius: number, out: Orb[]): number {
    const orbs = this.orbs;
    const r2 = radius * radius;
    const capacity = out.length;
    let n = 0;
    for (let i = 0; i < orbs.length && n < capacity; i++) {
      const orb = orbs[i]!;
      const dx = orb.x - x;
      const dy = orb.y - y;
      if (dx * dx + dy * dy <= r2) out[n++] = orb;
    }
    return n;
  }
}

/** A turret's state: its place, its shield, and what it has seen and hit. */
export class TurretBase extends Behaviour {
  physics!: OrbPhysics;
  readonly mesh = new ShieldMesh(8);
  /** Zaps per shield face. */
  readonly hits: number[] = [0, 0, 0, 0, 0, 0, 0, 0];
  /** Orbs within range in the last frame. */
  seen = 0;
  x = 0;
  y = 0;
}

/** Builds the swarm (the variant's `Swarm`), `size` orbs and six turrets of the variant's class. */
export function buildArena<S extends Behaviour, T extends TurretBase>(
  world: World,
  size: number,
  swarmType: new () => S,
  turretType: new () => T,
): { swarm: S; turrets: T[]; physics: OrbPhysics } {
  const swarm = world.createGameObject('swarm').addComponent(swarmType);
  const physics = new OrbPhysics();
  const random = world.random;
  for (let i = 0; i < size; i++) {
    const go = world.createGameObject('orb');
    const sprite = go.addComponent(Sprite).set('circle', ORB_COLOR, 7);
    const orb = go.addComponent(Orb);
    orb.sprite = sprite;
    orb.x = random.range(0, STAGE_WIDTH);
    orb.y = random.range(0, STAGE_HEIGHT);
    orb.vx = random.range(-60, 60);
    orb.vy = random.range(-60, 60);
    physics.orbs.push(orb);
  }
  const turrets: T[] = [];
  for (let i = 0; i < TURRET_SPOTS.length; i++) {
    const go = world.createGameObject('turret');
    const [x, y] = TURRET_SPOTS[i]!;
    go.transform.position.set(x, y);
    go.addComponent(Sprite).set('rect', 0x43aa8b, 22);
    const turret = go.addComponent(turretType);
    turret.physics = physics;
    turret.x = x;
    turret.y = y;
    turrets.push(turret);
  }
  return { swarm, turrets, physics };
}

/** Every orb's motion and every turret's counters, rounded and hashed: equal in both variants. */
export function digestArena(physics: OrbPhysics, turrets: readonly TurretBase[]): string {
  const parts: string[] = [];
  let zaps = 0;
  let seen = 0;
  for (let i = 0; i < turrets.length; i++) {
    parts.push(turrets[i]!.hits.join(':'));
    for (let k = 0; k < turrets[i]!.hits.length; k++) zaps += turrets[i]!.hits[k]!;
    seen += turrets[i]!.seen;
  }
  for (let i = 0; i < physics.orbs.length; i++) {
    const orb = physics.orbs[i]!;
    parts.push(orb.x.toFixed(6), orb.y.toFixed(6), orb.vx.toFixed(6), orb.vy.toFixed(6));
  }
  return zaps + '/' + seen + ' #' + hashText(parts.join(','));
}
