/**
 * bullets, allocating: every shot makes a new bullet (a record, its game object, transform and
 * sprite) and every hit or miss throws it away for the garbage collector.
 */
import type { SceneInstance, World } from '../../src/index.ts';
import { Bullet, buildBattle, Gun } from './shared.ts';

/** The gun of the allocating variant: `new` per shot, destroy per hit. */
export class Turret extends Gun {
  protected override spawn(): Bullet {
    // ALLOC: a Bullet, a GameObject (with its Transform, two Vector2 and a component list) and a
    // Sprite per shot; the world and the live list keep them, so they escape and are really made.
    return new Bullet(this.world, true);
  }

  protected override despawn(bullet: Bullet): void {
    // ALLOC: the object graph made in spawn() becomes garbage once the world has destroyed it.
    bullet.go.destroy();
  }

  protected override maintain(): void {
    // Nothing to trim: dropped bullets are the garbage collector's to find.
  }
}

/** The scene's state, for tests: the gun with its counters. */
export interface BulletsInstance extends SceneInstance {
  readonly gun: Gun;
}

/** Builds the allocating variant: `size` is the number of bullets in flight. */
export function setup(world: World, size: number): BulletsInstance {
  const gun = buildBattle(world, size, Turret);
  return { gun, digest: () => gun.digest() };
}
