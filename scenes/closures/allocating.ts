// closures, allocating variant: forEach with an arrow function that captures frame variables, and
// a new closure per flash handed over as the fade callback. Diff it with optimized.ts.
import type { SceneInstance, World } from '../../src/index.ts';
import { COUPLING, FireflyState, GLOW_TIME, Meadow, TWO_PI } from './shared.ts';

/** Flashes at its own rate, pulled toward its neighbours' rhythm. */
class Firefly extends FireflyState {
  override update(): void {
    const time = this.world.time;
    const dt = time.deltaTime;
    const now = time.time;
    this.pollDim(now);
    let pull = 0;
    // ALLOC: a new arrow function every frame for every firefly; it captures `this` and `pull`,
    // which it writes, so V8 also allocates a context to hold them. forEach keeps a reference
    // while it runs, and V8 does not remove either (measured: never optimised away).
    this.neighbours.forEach((n) => {
      pull += Math.sin(TWO_PI * (n.phase - this.phase));
    });
    this.phase += (this.rate + (COUPLING * pull) / (this.neighbours.length || 1)) * dt;
    if (this.phase >= 1) {
      this.phase -= 1;
      this.light();
      const frame = time.frameCount;
      this.dimAt = now + GLOW_TIME;
      // ALLOC: a closure (and its context) per flash, capturing `this` and the frame number; the
      // timer slot keeps it until it runs, GLOW_TIME later, so it escapes.
      this.onDim = () => this.dim(frame);
    }
  }
}

/** Sets up the allocating variant: `size` fireflies. */
export function setupAllocating(world: World, size: number): SceneInstance {
  return new Meadow(world, size, Firefly);
}
