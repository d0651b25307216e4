// What both vectors variants share: the vector type, the moving targets, the seekers' state and
// the digest. Only how a seeker does its vector math differs between the variants.
import { Behaviour, Sprite, STAGE_HEIGHT, STAGE_WIDTH, type World } from '../../src/index.ts';

/** Targets the seekers chase (seeker i chases target i % TARGETS). */
const TARGETS = 8;
/** Amplitudes of a target's curve, as fractions of the stage. */
const CURVE_X = 0.38;
const CURVE_Y = 0.36;

/** Steering: how fast a seeker turns its velocity toward the desired one (per second). */
export const STEER = 2.5;
/** Velocity lost per second to drag. */
export const DRAG = 0.35;
/** Random wander added to the desired velocity, world units per second. */
export const WANDER = 160;
const MIN_SPEED = 120;
const MAX_SPEED = 320;

/**
 * A mutable 2D vector with three.js-style methods that write into `this` and return it. The
 * scene's own vector type rather than the engine's `Vector2`: that one declares `x`/`y` without
 * an initializer, so standard class fields define them as `undefined` first and V8 keeps them as
 * tagged values, which makes every double stored into them a new 16 B heap number. Here the
 * fields start as numbers, so V8 stores doubles in place. Same method names as `Vector2`.
 */
export class Vec2 {
  x = 0;
  y = 0;

  constructor(x = 0, y = 0) {
    this.x = x;
    this.y = y;
  }

  /** Sets both components. */
  set(x: number, y: number): this {
    this.x = x;
    this.y = y;
    return this;
  }

  /** Copies another vector's components. */
  copy(v: Vec2): this {
    this.x = v.x;
    this.y = v.y;
    return this;
  }

  /** Adds another vector. */
  add(v: Vec2): this {
    this.x += v.x;
    this.y += v.y;
    return this;
  }

  /** Subtracts another vector. */
  sub(v: Vec2): this {
    this.x -= v.x;
    this.y -= v.y;
    return this;
  }

  /** Multiplies both components by `s`. */
  scale(s: number): this {
    this.x *= s;
    this.y *= s;
    return this;
  }

  /** Adds `v * s` (`this.x += v.x * s`). */
  addScaled(v: Vec2, s: number): this {
    this.x += v.x * s;
    this.y += v.y * s;
    return this;
  }

  /** Length of the vector. */
  length(): number {
    return Math.sqrt(this.x * this.x + this.y * this.y);
  }
}

/**
 * A point the seekers chase, running a Lissajous curve across the stage; each target starts at
 * its own phase. A behaviour of its own, so its update is called once per target per frame: with
 * a few targets it gets hot enough for V8 to optimise it early, getters and all (code that runs
 * once a frame can stay in a tier where `time.time`, a getter returning a double, costs 16 B).
 */
export class Target extends Behaviour {
  readonly point = new Vec2(STAGE_WIDTH / 2, STAGE_HEIGHT / 2);
  /** Seconds added to the clock, so targets spread out; a double from the start. */
  phase = 0.5;

  override update(): void {
    const t = this.world.time.time + this.phase;
    this.point.set(STAGE_WIDTH * (0.5 + CURVE_X * Math.sin(t * 0.7)), STAGE_HEIGHT * (0.5 + CURVE_Y * Math.sin(t * 1.1 + 0.5)));
    this.transform.position.set(Math.round(this.point.x) | 0, Math.round(this.point.y) | 0);
  }
}

/**
 * A seeker's state; each variant extends it with an `update` that steers it toward its target.
 * `position` and `velocity` are not readonly: the allocating variant replaces them every frame.
 */
export class SeekerState extends Behaviour {
  position = new Vec2();
  velocity = new Vec2();
  /** World units per second it wants to fly at; a double from the start. */
  maxSpeed = 0.5;
  target: Target | null = null;

  /**
   * Places the sprite, snapped to whole units (see Vec2 for why the engine's Vector2 gets no
   * doubles); `| 0` also turns a -0 from Math.round (a seeker just left of x = 0) into 0.
   */
  protected syncTransform(): void {
    this.transform.position.set(Math.round(this.position.x) | 0, Math.round(this.position.y) | 0);
  }
}

/** The state a variant builds: the targets, then the seekers, in update order. */
export class SwarmState {
  readonly targets: Target[] = [];
  readonly seekers: SeekerState[] = [];

  /** Creates TARGETS targets, then `count` seekers of class `type` spread over the stage. */
  constructor(world: World, count: number, type: new () => SeekerState) {
    for (let i = 0; i < TARGETS; i++) {
      const go = world.createGameObject('target');
      go.addComponent(Sprite).set('circle', 0xff5050, 14);
      const target = go.addComponent(Target);
      target.phase = (i * 2 * Math.PI) / TARGETS / 0.7;
      this.targets.push(target);
    }
    const random = world.random;
    for (let i = 0; i < count; i++) {
      const go = world.createGameObject('seeker');
      go.addComponent(Sprite).set('circle', 0x50c8ff, 5);
      const seeker = go.addComponent(type);
      seeker.target = this.targets[i % TARGETS]!;
      seeker.position.set(random.range(0, STAGE_WIDTH), random.range(0, STAGE_HEIGHT));
      seeker.maxSpeed = random.range(MIN_SPEED, MAX_SPEED);
      this.seekers.push(seeker);
    }
  }

  /** Every seeker's position and velocity to 1e-6. */
  digest(): string {
    const out: string[] = [];
    for (const s of this.seekers) {
      out.push(s.position.x.toFixed(6), s.position.y.toFixed(6), s.velocity.x.toFixed(6), s.velocity.y.toFixed(6));
    }
    return out.join(',');
  }
}
