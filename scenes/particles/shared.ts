/**
 * What both particle variants share: the fountain's constants, the random draws of a spawn, the
 * sprites that draw a bounded number of particles, and the digest format. Only how a particle is
 * stored differs between the variants.
 */
import { Sprite, STAGE_HEIGHT, STAGE_WIDTH, type World } from '../../src/index.ts';

/** Where particles are born, in world units. */
export const EMITTER_X = STAGE_WIDTH / 2;
export const EMITTER_Y = STAGE_HEIGHT - 40;
/** Downward acceleration, world units per second squared. */
export const GRAVITY = 420;
/** Particles bounce on this line, losing part of their speed. */
export const FLOOR_Y = STAGE_HEIGHT - 8;
export const BOUNCE = 0.55;
/** Horizontal speed kept per frame (a cheap drag that does not depend on dt). */
export const DRAG = 0.995;
/** Life span range in seconds: with a mean of 2 s (120 frames), about 0.8 x size particles are alive. */
export const LIFE_MIN = 1.5;
export const LIFE_MAX = 2.5;
/** Most particles drawn, however many are simulated: a browser renders these sprites. */
export const MAX_SPRITES = 1000;

const COLORS = [0xffd166, 0xef476f, 0x06d6a0, 0x118ab2, 0xf78c6b] as const;

/** Particles born per frame for a scene size: the fountain keeps about 0.8 x size alive. */
export function spawnsPerFrame(size: number): number {
  return Math.max(1, Math.round(size / 150));
}

/** The name a particle would carry; built on demand (outside frames) from its id. */
export function particleName(id: number): string {
  return 'spark#' + id;
}

/**
 * The random draws of one spawn, in a reused Float64Array (read with the SPAWN_* indices): a
 * typed array holds raw doubles, so writing and reading them never boxes a number, whichever
 * functions the JIT inlines (object fields of doubles were measured boxing here, 16 B per field).
 */
export type SpawnParams = Float64Array;
export const SPAWN_VX = 0;
export const SPAWN_VY = 1;
export const SPAWN_LIFE = 2;
export const SPAWN_SIZE = 3;
export const SPAWN_COLOR = 4;

/** A scratch record for `SpawnRandom.draw`. */
export function createSpawnParams(): SpawnParams {
  return new Float64Array(5);
}

/**
 * The fountain's own random stream (mulberry32, as the engine's `Random`), seeded from
 * `world.random` at setup so the world's seed still decides every spawn.
 *
 * Why not call `world.random.range()` per spawn: it returns a fresh double, and when V8 leaves
 * such a call un-inlined (measured in steady state: the per-spawn helpers stayed in the Maglev
 * tier) the double is boxed in a new 16 B HeapNumber per call. Here the generator steps return
 * 32-bit integers (small integers are never boxed) and the doubles are only ever written into
 * fields of `out`, so drawing allocates nothing whatever the JIT decides.
 */
export class SpawnRandom {
  private _state = 0;

  constructor(world: World) {
    this._state = world.random.int(1, 0x7fffffff) | 0;
  }

  /** Draws a spawn's velocity, life, size and color into `out`. */
  draw(out: SpawnParams): void {
    const angle = -Math.PI / 2 + ((this._int32() >>> 0) / 4294967296 - 0.5) * 0.9;
    const speed = 260 + ((this._int32() >>> 0) / 4294967296) * 260;
    out[SPAWN_VX] = Math.cos(angle) * speed;
    out[SPAWN_VY] = Math.sin(angle) * speed;
    out[SPAWN_LIFE] = LIFE_MIN + ((this._int32() >>> 0) / 4294967296) * (LIFE_MAX - LIFE_MIN);
    out[SPAWN_SIZE] = 2 + ((this._int32() >>> 0) % 5);
    out[SPAWN_COLOR] = COLORS[(this._int32() >>> 0) % COLORS.length]!;
  }

  /**
   * The next 32 random bits as a signed 32-bit integer (see `Random.next`). Signed on purpose: an
   * unsigned value above 2^31 - 1 is not a small integer in V8 and would be boxed when returned.
   */
  private _int32(): number {
    let t = (this._state = (this._state + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return t ^ (t >>> 14);
  }
}

/**
 * The sprites that draw particles: created once at setup, never more. Each frame a variant shows
 * its first `MAX_SPRITES` particles through `show` and hides the rest with `hideFrom`.
 */
export class ParticleView {
  readonly sprites: Sprite[] = [];

  constructor(world: World, count: number) {
    for (let i = 0; i < count; i++) {
      const sprite = world.createGameObject('particle-sprite').addComponent(Sprite);
      sprite.set('circle', 0xffffff, 4);
      sprite.alpha = 0;
      this.sprites.push(sprite);
    }
  }

  /**
   * Draws sprite `k` at a particle's position (rounded to whole world units), with its color and
   * size. Why rounded: the engine's Vector2 fields are declared without initializers, so they start
   * as `undefined` and V8 stores them as tagged values; every fractional number written there is
   * boxed in a new 16 B HeapNumber, while a whole number is stored as a small integer (no
   * allocation). A renderer draws whole pixels anyway.
   */
  show(k: number, x: number, y: number, color: number, size: number): void {
    const sprite = this.sprites[k]!;
    sprite.transform.position.set(Math.round(x), Math.round(y));
    sprite.color = color;
    sprite.width = size;
    sprite.height = size;
    sprite.alpha = 1;
  }

  /** Hides sprites from index `k` on (fewer particles than sprites). */
  hideFrom(k: number): void {
    const sprites = this.sprites;
    for (let i = k; i < sprites.length; i++) sprites[i]!.alpha = 0;
  }
}

/** Running totals the digest shows. */
export class ParticleStats {
  spawned = 0;
  died = 0;
  /** Spawns skipped because `size` particles were already alive. */
  skipped = 0;
}

/** The digest both variants build: counters, position sums in list order, and the first particle. */
export function formatDigest(
  stats: ParticleStats,
  count: number,
  sumX: number,
  sumY: number,
  firstId: number,
  firstX: number,
  firstY: number,
): string {
  const first = count > 0 ? particleName(firstId) + '@' + firstX.toFixed(6) + ',' + firstY.toFixed(6) : 'none';
  return [count, stats.spawned, stats.died, stats.skipped, sumX.toFixed(6), sumY.toFixed(6), first].join('|');
}
