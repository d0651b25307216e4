/**
 * What both bullets variants share: the stage layout, the bullet record, the enemies, the gun's
 * whole simulation and the digest. The variants only decide where a bullet comes from and where
 * it goes when it hits or leaves the stage (see `Gun.spawn` / `Gun.despawn`).
 */
import { Behaviour, Sprite, STAGE_HEIGHT, STAGE_WIDTH, hashText, type GameObject, type World } from '../../src/index.ts';

/** The gun sits at the bottom centre of the stage. */
export const GUN_X = STAGE_WIDTH / 2;
export const GUN_Y = STAGE_HEIGHT - 30;
export const BULLET_SPEED = 520;
export const BULLET_SIZE = 5;
export const ENEMY_COUNT = 14;
export const ENEMY_RADIUS = 26;
export const ENEMY_HP = 3;
/** The opening barrage: for this long the gun may keep twice as many bullets in flight. */
export const OVERDRIVE_SECONDS = 2;
/** Pooled bullets free for longer than this are given back to the GC (optimized variant). */
export const IDLE_SECONDS = 3;
/** IDLE_SECONDS in 60 Hz frames. */
export const IDLE_FRAMES = IDLE_SECONDS * 60;

const HIT_DISTANCE_SQ = (ENEMY_RADIUS + BULLET_SIZE / 2) * (ENEMY_RADIUS + BULLET_SIZE / 2);

/**
 * Shows a game object at (x, y) in whole world units. The simulation keeps its positions in its
 * own double fields; the engine's Vector2 fields are declared without an initialiser, so V8 keeps
 * them tagged and boxes every fractional number written there (a 16 B HeapNumber per write, even
 * in optimised code). Whole numbers are small integers and are stored without allocating.
 */
export function place(go: GameObject, x: number, y: number): void {
  go.transform.position.set(x | 0, y | 0);
}

/**
 * One bullet: its game object (a circle sprite) and its velocity. The allocating variant makes a
 * new one per shot; the optimized one recycles them through an ObjectPool.
 */
export class Bullet {
  readonly go: GameObject;
  x = 0.5;
  y = 0.5;
  vx = 0.5;
  vy = 0.5;
  /** Clock time of the last release into a pool; NaN starts the field as a double. */
  releasedAt = Number.NaN;
  /** True while the bullet waits in a pool (optimized variant). */
  pooled = false;

  /** Creates the bullet's game object, active or not (pooled bullets start inactive). */
  constructor(world: World, active: boolean) {
    this.go = world.createGameObject('bullet', { active });
    this.go.addComponent(Sprite).set('circle', 0xffd166, BULLET_SIZE);
  }

  /** Places the bullet at the gun, flying at `angle` (radians). */
  launch(angle: number): void {
    this.x = GUN_X;
    this.y = GUN_Y;
    place(this.go, GUN_X, GUN_Y);
    this.vx = Math.cos(angle) * BULLET_SPEED;
    this.vy = Math.sin(angle) * BULLET_SPEED;
  }
}

/**
 * A target drifting and bouncing in the upper part of the stage. Shot down, it pops back in at
 * the top edge with full health, keeping its heading.
 */
export class Enemy {
  readonly go: GameObject;
  x = 0.5;
  y = 0.5;
  vx = 0.5;
  vy = 0.5;
  hp = ENEMY_HP;

  constructor(world: World) {
    this.go = world.createGameObject('enemy');
    this.go.addComponent(Sprite).set('circle', 0xef476f, ENEMY_RADIUS * 2);
    const random = world.random;
    this.x = random.range(80, STAGE_WIDTH - 80);
    this.y = random.range(60, STAGE_HEIGHT * 0.5);
    const angle = random.range(0, Math.PI * 2);
    const speed = random.range(40, 120);
    this.vx = Math.cos(angle) * speed;
    this.vy = Math.sin(angle) * speed;
    place(this.go, this.x, this.y);
  }

  /**
   * Back at the top edge with full health. Only small integers are written here: this runs a few
   * times a second, too rarely to be optimised, and unoptimised code boxes every fractional number
   * it computes (16 B each), so doing math here would allocate in either variant.
   */
  respawn(): void {
    this.y = ENEMY_RADIUS;
    this.hp = ENEMY_HP;
  }

  /** Moves and bounces off the edges of its band. */
  move(dt: number): void {
    this.x += this.vx * dt;
    this.y += this.vy * dt;
    if (this.x < ENEMY_RADIUS || this.x > STAGE_WIDTH - ENEMY_RADIUS) this.vx = -this.vx;
    if (this.y < ENEMY_RADIUS || this.y > STAGE_HEIGHT * 0.6) this.vy = -this.vy;
    place(this.go, this.x, this.y);
  }
}

/**
 * The gun and the battle: moves enemies and bullets, resolves hits, and fires until `size`
 * bullets are in flight (twice that during the opening barrage), at most `size / 25` shots a frame.
 * The live bullets are an array with a count, so the gun's own bookkeeping never allocates;
 * subclasses (the variants) say how a bullet is made and dropped.
 */
export abstract class Gun extends Behaviour {
  /** Bullets in flight allowed after the opening barrage (the scene's size). */
  size = 1;
  readonly live: (Bullet | null)[] = [];
  liveCount = 0;
  readonly enemies: Enemy[] = [];
  shots = 0;
  hits = 0;
  kills = 0;
  misses = 0;

  /** Makes (or takes) a bullet that is active and ready to launch. */
  protected abstract spawn(): Bullet;
  /** Gets rid of a bullet that hit something or left the stage. */
  protected abstract despawn(bullet: Bullet): void;
  /** Housekeeping at the end of the gun's update (the pool's idle trim). */
  protected abstract maintain(): void;

  override update(): void {
    const time = this.world.time;
    const dt = time.deltaTime;
    const enemies = this.enemies;
    for (let e = 0; e < enemies.length; e++) enemies[e]!.move(dt);

    const live = this.live;
    for (let i = 0; i < this.liveCount; ) {
      const bullet = live[i]!;
      const x = (bullet.x += bullet.vx * dt);
      const y = (bullet.y += bullet.vy * dt);
      let gone = x < 0 || x > STAGE_WIDTH || y < 0 || y > STAGE_HEIGHT;
      if (gone) this.misses++;
      else {
        for (let e = 0; e < enemies.length; e++) {
          const enemy = enemies[e]!;
          const dx = x - enemy.x;
          const dy = y - enemy.y;
          if (dx * dx + dy * dy > HIT_DISTANCE_SQ) continue;
          this.hits++;
          if (--enemy.hp === 0) {
            this.kills++;
            enemy.respawn();
          }
          gone = true;
          break;
        }
      }
      if (!gone) {
        place(bullet.go, x, y);
        i++;
        continue;
      }
      // Swap-remove: the last live bullet takes this slot and is looked at next.
      const last = --this.liveCount;
      live[i] = live[last]!;
      live[last] = null;
      this.despawn(bullet);
    }

    const overdrive = time.time < OVERDRIVE_SECONDS;
    const cap = overdrive ? this.size * 2 : this.size;
    let budget = Math.ceil(this.size / 25) * (overdrive ? 2 : 1);
    const sweep = -Math.PI / 2 + 1.1 * Math.sin(time.time * 0.9);
    while (budget > 0 && this.liveCount < cap) {
      const bullet = this.spawn();
      bullet.launch(sweep + this.world.random.range(-0.12, 0.12));
      if (this.liveCount < live.length) live[this.liveCount] = bullet;
      else live.push(bullet);
      this.liveCount++;
      this.shots++;
      budget--;
    }
    this.maintain();
  }

  /** Counters, enemies and live bullets, rounded, hashed: equal in both variants. */
  digest(): string {
    const parts: string[] = [String(this.shots), String(this.hits), String(this.kills), String(this.misses), String(this.liveCount)];
    for (let e = 0; e < this.enemies.length; e++) {
      const enemy = this.enemies[e]!;
      parts.push(enemy.x.toFixed(6), enemy.y.toFixed(6), String(enemy.hp));
    }
    for (let i = 0; i < this.liveCount; i++) {
      const bullet = this.live[i]!;
      parts.push(bullet.x.toFixed(6), bullet.y.toFixed(6));
    }
    return parts.slice(0, 5).join('/') + ' #' + hashText(parts.join(','));
  }
}

/** Adds the gun object, its `Gun` subclass and the enemies to `world`. */
export function buildBattle<T extends Gun>(world: World, size: number, type: new () => T): T {
  const gunObject = world.createGameObject('gun');
  gunObject.transform.position.set(GUN_X, GUN_Y);
  gunObject.addComponent(Sprite).set('rect', 0x06d6a0, 28, 20);
  const gun = gunObject.addComponent(type);
  gun.size = size;
  for (let i = 0; i < ENEMY_COUNT; i++) gun.enemies.push(new Enemy(world));
  return gun;
}
