// vectors, allocating variant: immutable-style vector math, each operation returning a new vector,
// and the results stored as each seeker's new velocity and position. Diff it with optimized.ts.
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
    // ALLOC: a new vector per operation (six here). They never leave update(), so V8's
    // escape analysis may remove the ones it can see through once the helpers are inlined.
    const toTarget = minus(target, this.position);
    const dist = toTarget.length();
    const desired = plus(times(toTarget, this.maxSpeed / (dist + 1)), new Vec2(wx, wy));
    const steer = times(minus(desired, this.velocity), STEER * dt);
    // ALLOC: four more vectors, and two of them are kept: the new velocity and position replace
    // this seeker's fields, so they outlive the frame (last frame's become garbage) and V8
    // cannot remove them.
    this.velocity = times(plus(this.velocity, steer), 1 - DRAG * dt);
    this.position = plus(this.position, times(this.velocity, dt));
    this.syncTransform();
  }
}

/** a + b, as a new vector. */
function plus(a: Vec2, b: Vec2): Vec2 {
  return new Vec2(a.x + b.x, a.y + b.y);
}

/** a - b, as a new vector. */
function minus(a: Vec2, b: Vec2): Vec2 {
  return new Vec2(a.x - b.x, a.y - b.y);
}

/** v * s, as a new vector. */
function times(v: Vec2, s: number): Vec2 {
  return new Vec2(v.x * s, v.y * s);
}

/** Sets up the allocating variant: eight moving targets and `size` seekers. */
export function setupAllocating(world: World, size: number): SceneInstance {
  return new SwarmState(world, size, Seeker);
}
