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
  /** Every bullet the pool has made and not dropped, to destroy the game objects it drops. */
  readonly made: (Bullet | null)[] = [];
  madeCount = 0;
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
      const dropped = this.pool.trimIdle(IDLE_SECONDS);
      if (dropped > 0) this.destroyDropped(dropped);
    }
  }

  /**
   * The pool has no hook for objects it drops, but a bullet owns a game object that the world
   * would keep: find the dropped ones by the pool's own rule (free for more than IDLE_SECONDS by
   * the same clock) and destroy their game objects. Runs only in frames where trimIdle dropped some.
   */
  private destroyDropped(dropped: number): void {
    const now = this.world.time.time;
    const made = this.made;
    for (let i = 0; i < this.madeCount && dropped > 0; ) {
      const bullet = made[i]!;
      if (bullet.pooled && now - bullet.releasedAt > IDLE_SECONDS) {
        bullet.go.destroy();
        const last = --this.madeCount;
        made[i] = made[last]!;
        made[last] = null;
        this.trimmed++;
        dropped--;
      } else i++;
    }
  }

  /** Pool callback: a new, inactive bullet, remembered so it can be destroyed if dropped. */
  createBullet(): Bullet {
    const bullet = new Bullet(this.world, false);
    bullet.pooled = true;
    bullet.releasedAt = this.world.time.time;
    if (this.madeCount < this.made.length) this.made[this.madeCount] = bullet;
    else this.made.push(bullet);
    this.madeCount++;
    return bullet;
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
    create: () => gun.createBullet(),
    onGet: (bullet) => {
      bullet.pooled = false;
      bullet.go.setActive(true);
    },
    reset: (bullet) => {
      bullet.pooled = true;
      bullet.releasedAt = world.time.time;
      bullet.go.setActive(false);
    },
    clock: world.time,
  });
  gun.pool.prewarm(size);
  return { gun, digest: () => gun.digest() };
}
