// vectors, optimized variant: three.js-style math that writes into existing vectors: module
// scratch vectors for the temporaries, each seeker's own vectors changed in place. 0 B per frame.
import type { SceneInstance, World } from '../../src/index.ts';
import { DRAG, SeekerState, STEER, SwarmState, Vec2, WANDER } from './shared.ts';

/** Flies toward its target, with a little random wander. */
class Seeker extends SeekerState {
  override update(): void {
    const dt = this.world.time.deltaTime;
    const random = this.world.random;
    const target = this.target!.point;
    const wx = (random.next() - 0.5) * WANDER;
    const wy = (random.next() - 0.5) * WANDER;
    // FIX: temporaries are module scratch vectors, overwritten by every seeker's update:
    // valid only until it returns, never returned, never kept.
    const toTarget = _toTarget.copy(target).sub(this.position);
    const dist = toTarget.length();
    const desired = _desired
      .copy(toTarget)
      .scale(this.maxSpeed / (dist + 1))
      .add(_wander.set(wx, wy));
    const steer = _steer
      .copy(desired)
      .sub(this.velocity)
      .scale(STEER * dt);
    // FIX: this seeker's own velocity and position change in place (the same arithmetic in the
    // same order, so the same results to the last bit).
    this.velocity.add(steer).scale(1 - DRAG * dt);
    this.position.addScaled(this.velocity, dt);
    this.syncTransform();
  }
}

// Scratch vectors, private to this module, at the bottom of the file as three.js keeps them.
const _toTarget = new Vec2();
const _desired = new Vec2();
const _wander = new Vec2();
const _steer = new Vec2();

/** Sets up the optimized variant: eight moving targets and `size` seekers. */
export function setupOptimized(world: World, size: number): SceneInstance {
  return new SwarmState(world, size, Seeker);
}
