/**
 * Particles, allocating variant: every particle is an object graph (the particle, two Vector2 and
 * a name string), born with `new` as older particles die, and kept in the live list until its life
 * ends. Each spawn allocates four heap objects, and every live one is one more thing the GC traces.
 */
import { Behaviour, Vector2, type SceneInstance, type World } from '../../src/index.ts';
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

/** One particle as an object with nested vectors and a name, the way game code often starts. */
class Particle {
  readonly id: number;
  readonly name: string;
  readonly position: Vector2;
  readonly velocity: Vector2;
  age = 0;
  readonly life: number;
  readonly size: number;
  readonly color: number;

  constructor(id: number, params: SpawnParams) {
    this.id = id;
    // ALLOC: a concatenated name string per particle, kept as long as the particle lives.
    this.name = 'spark#' + id;
    // ALLOC: two Vector2 objects per particle, referenced from the particle (more pointers to trace).
    this.position = new Vector2(EMITTER_X, EMITTER_Y);
    this.velocity = new Vector2(params[SPAWN_VX]!, params[SPAWN_VY]!);
    this.life = params[SPAWN_LIFE]!;
    this.size = params[SPAWN_SIZE]!;
    this.color = params[SPAWN_COLOR]!;
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
  /** Live particles at [0, count): an array of references, one object graph per slot. */
  live: (Particle | undefined)[] = [];

  init(size: number, view: ParticleView): void {
    this.capacity = size;
    this.spawnRate = spawnsPerFrame(size);
    this.view = view;
    this.live = new Array<Particle | undefined>(size).fill(undefined);
  }

  override update(): void {
    const dt = this.world.time.deltaTime;
    const live = this.live;
    let i = 0;
    while (i < this.count) {
      const p = live[i]!;
      p.age += dt;
      if (p.age >= p.life) {
        this.remove(i);
        this.stats.died++;
        continue; // slot i now holds the former last particle
      }
      const v = p.velocity;
      const pos = p.position;
      // ALLOC: the engine's Vector2 fields hold tagged values, so each fractional number written
      // into one is boxed in a new 16 B HeapNumber that the vector keeps: 4 per live particle per frame.
      v.x *= DRAG;
      v.y += GRAVITY * dt;
      pos.x += v.x * dt;
      pos.y += v.y * dt;
      if (pos.y > FLOOR_Y) {
        pos.y = FLOOR_Y;
        v.y = -v.y * BOUNCE;
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
      const p = live[k]!;
      view.show(k, p.position.x, p.position.y, p.color, p.size);
    }
    view.hideFrom(n);
  }

  spawn(params: SpawnParams): void {
    // ALLOC: a new Particle (plus its vectors and name) per spawn; it escapes into the live list.
    this.live[this.count++] = new Particle(this.nextId++, params);
    this.stats.spawned++;
  }

  /** Swap-remove: the last particle moves into the hole; the dead one is left for the GC. */
  remove(i: number): void {
    const last = --this.count;
    this.live[i] = this.live[last];
    this.live[last] = undefined;
  }

  digest(): string {
    let sumX = 0;
    let sumY = 0;
    for (let i = 0; i < this.count; i++) {
      const p = this.live[i]!;
      sumX += p.position.x;
      sumY += p.position.y;
    }
    const first = this.live[0];
    return formatDigest(this.stats, this.count, sumX, sumY, first?.id ?? 0, first?.position.x ?? 0, first?.position.y ?? 0);
  }
}

/** Builds the allocating particle fountain: up to `size` particles, `MAX_SPRITES` drawn. */
export function setupAllocating(world: World, size: number): SceneInstance {
  const view = new ParticleView(world, Math.min(size, MAX_SPRITES));
  const system = world.createGameObject('particles').addComponent(ParticleSystem);
  system.init(size, view);
  return { digest: () => system.digest() };
}
