/**
 * bullets, optimized: bullets come from an ObjectPool prewarmed at load time and go back to it on
 * a hit or a miss; the pool gives bullets that stayed idle too long back to the GC.
 */
import { ObjectPool, type SceneInstance, type World } from '../../src/index.ts';
import { Bullet, buildBattle, Gun, IDLE_FRAMES, IDLE_SECONDS } from './shared.ts';

/** The gun of the optimized variant: `pool.get()` per shot, `pool.release()` per hit. */
export class Turret extends Gun {
  /** Set by setup before the first frame. */
  pool!: ObjectPool<Bullet>;
  /** Bullets dropped by trimIdle so far, and the calls that could drop some. */
  trimmed = 0;
  trimCalls = 0;
  /** Last frame that ended with no free bullet in the pool. */
  dryFrame = 0;

  protected override spawn(): Bullet {
    // FIX: a free bullet from the pool (created only when the pool is empty, i.e. during warm-up).
    return this.pool.get();
  }

  protected override despawn(bullet: Bullet): void {
    // FIX: back to the pool (deactivated, stamped with the release time), not to the GC.
    this.pool.release(bullet);
  }

  protected override maintain(): void {
    // FIX: bullets idle for IDLE_SECONDS go back to the GC, so a burst does not pin memory forever.
    // A pool that ran dry within that time holds no bullet idle for so long, so ask only otherwise
    // (frames are counted as integers: a fractional time computed here could be boxed).
    const frame = this.world.time.frameCount;
    if (this.pool.free === 0) this.dryFrame = frame;
    else if (frame - this.dryFrame >= IDLE_FRAMES) {
      this.trimCalls++;
      this.pool.trimIdle(IDLE_SECONDS);
    }
  }

  /** Pool callback: a bullet the pool dropped for the GC takes its game object with it (the world would keep it). */
  destroyDropped(bullet: Bullet): void {
    bullet.go.destroy();
    this.trimmed++;
  }
}

/** The scene's state, for tests: the gun with its counters and its pool. */
export interface BulletsInstance extends SceneInstance {
  readonly gun: Turret;
}

/** Builds the optimized variant: `size` is the number of bullets in flight (the prewarmed pool). */
export function setup(world: World, size: number): BulletsInstance {
  const gun = buildBattle(world, size, Turret);
  gun.pool = new ObjectPool<Bullet>({
    create: () => new Bullet(world, false),
    onGet: (bullet) => {
      bullet.pooled = false;
      bullet.go.setActive(true);
    },
    reset: (bullet) => {
      bullet.pooled = true;
      bullet.releasedAt = world.time.time;
      bullet.go.setActive(false);
    },
    onDrop: (bullet) => gun.destroyDropped(bullet),
    clock: world.time,
  });
  gun.pool.prewarm(size);
  return { gun, digest: () => gun.digest() };
}
