/**
 * Particles, optimized variant: struct-of-arrays. Each field is a typed-array column indexed by
 * slot, as bitECS stores components; a dead particle's slot is filled by the last one (swap-remove),
 * so slots are reused and spawning writes numbers into existing columns. No object per particle:
 * the GC sees a handful of typed arrays whatever the particle count, and a frame allocates 0 B.
 */
import { Behaviour, type SceneInstance, type World } from '../../src/index.ts';
import {
  BOUNCE,
  DRAG,
  EMITTER_X,
  EMITTER_Y,
  FLOOR_Y,
  GRAVITY,
  MAX_SPRITES,
  ParticleStats,
  ParticleView,
  SPAWN_COLOR,
  SPAWN_LIFE,
  SPAWN_SIZE,
  SPAWN_VX,
  SPAWN_VY,
  SpawnRandom,
  createSpawnParams,
  type SpawnParams,
  formatDigest,
  spawnsPerFrame,
} from './shared.ts';

/** Every particle field as one column, allocated once for `capacity` particles. */
class ParticleColumns {
  /** The id stands for the name: `particleName(id)` builds it when someone needs to read it. */
  readonly id: Uint32Array;
  /** Float64, not Float32: the same precision as the object variant's numbers, so digests match. */
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly vx: Float64Array;
  readonly vy: Float64Array;
  readonly age: Float64Array;
  readonly life: Float64Array;
  /** Small whole pixel sizes: exact in Float32, half the bytes. */
  readonly size: Float32Array;
  readonly color: Uint32Array;

  constructor(capacity: number) {
    // FIX: no name string per particle: the id stands for it (see particleName).
    this.id = new Uint32Array(capacity);
    // FIX: no Vector2 objects: position and velocity are four columns of raw doubles.
    this.x = new Float64Array(capacity);
    this.y = new Float64Array(capacity);
    this.vx = new Float64Array(capacity);
    this.vy = new Float64Array(capacity);
    this.age = new Float64Array(capacity);
    this.life = new Float64Array(capacity);
    this.size = new Float32Array(capacity);
    this.color = new Uint32Array(capacity);
  }
}

/** Moves, kills and spawns the particles, and syncs the sprites. */
class ParticleSystem extends Behaviour {
  capacity = 0;
  spawnRate = 1;
  count = 0;
  nextId = 0;
  readonly stats = new ParticleStats();
  readonly params = createSpawnParams();
  /** Seeded from world.random when the behaviour is added. */
  readonly random = new SpawnRandom(this.world);
  view: ParticleView | null = null;
  /** Live particles at slots [0, count) of every column. */
  live = new ParticleColumns(0);

  init(size: number, view: ParticleView): void {
    this.capacity = size;
    this.spawnRate = spawnsPerFrame(size);
    this.view = view;
    this.live = new ParticleColumns(size);
  }

  override update(): void {
    const dt = this.world.time.deltaTime;
    const { x, y, vx, vy, age, life } = this.live;
    let i = 0;
    while (i < this.count) {
      age[i] += dt;
      if (age[i]! >= life[i]!) {
        this.remove(i);
        this.stats.died++;
        continue; // slot i now holds the former last particle
      }
      // FIX: typed-array columns hold raw doubles, so these writes box nothing.
      vx[i] *= DRAG;
      vy[i] += GRAVITY * dt;
      x[i] += vx[i]! * dt;
      y[i] += vy[i]! * dt;
      if (y[i]! > FLOOR_Y) {
        y[i] = FLOOR_Y;
        vy[i] = -vy[i]! * BOUNCE;
      }
      i++;
    }
    for (let s = 0; s < this.spawnRate; s++) {
      this.random.draw(this.params);
      if (this.count >= this.capacity) this.stats.skipped++;
      else this.spawn(this.params);
    }
  }

  override lateUpdate(): void {
    const view = this.view!;
    const live = this.live;
    const n = Math.min(this.count, view.sprites.length);
    for (let k = 0; k < n; k++) {
      view.show(k, live.x[k]!, live.y[k]!, live.color[k]!, live.size[k]!);
    }
    view.hideFrom(n);
  }

  spawn(params: SpawnParams): void {
    // FIX: the next free slot of each column is written in place; nothing is created.
    const c = this.live;
    const i = this.count++;
    c.id[i] = this.nextId++;
    c.x[i] = EMITTER_X;
    c.y[i] = EMITTER_Y;
    c.vx[i] = params[SPAWN_VX]!;
    c.vy[i] = params[SPAWN_VY]!;
    c.age[i] = 0;
    c.life[i] = params[SPAWN_LIFE]!;
    c.size[i] = params[SPAWN_SIZE]!;
    c.color[i] = params[SPAWN_COLOR]!;
    this.stats.spawned++;
  }

  /** Swap-remove: the last particle's fields move into the hole, so slots stay dense and reused. */
  remove(i: number): void {
    const last = --this.count;
    const c = this.live;
    c.id[i] = c.id[last]!;
    c.x[i] = c.x[last]!;
    c.y[i] = c.y[last]!;
    c.vx[i] = c.vx[last]!;
    c.vy[i] = c.vy[last]!;
    c.age[i] = c.age[last]!;
    c.life[i] = c.life[last]!;
    c.size[i] = c.size[last]!;
    c.color[i] = c.color[last]!;
  }

  digest(): string {
    let sumX = 0;
    let sumY = 0;
    for (let i = 0; i < this.count; i++) {
      sumX += this.live.x[i]!;
      sumY += this.live.y[i]!;
    }
    const c = this.live;
    return formatDigest(this.stats, this.count, sumX, sumY, c.id[0] ?? 0, c.x[0] ?? 0, c.y[0] ?? 0);
  }
}

/** Builds the struct-of-arrays particle fountain: up to `size` particles, `MAX_SPRITES` drawn. */
export function setupOptimized(world: World, size: number): SceneInstance {
  const view = new ParticleView(world, Math.min(size, MAX_SPRITES));
  const system = world.createGameObject('particles').addComponent(ParticleSystem);
  system.init(size, view);
  return { digest: () => system.digest() };
}
