// closures, optimized variant: an indexed loop instead of forEach, and a fade callback bound once
// in start() that reads the flash frame from a field. 0 B per frame.
import type { SceneInstance, World } from '../../src/index.ts';
import { COUPLING, FireflyState, GLOW_TIME, Meadow, TWO_PI } from './shared.ts';

/** Flashes at its own rate, pulled toward its neighbours' rhythm. */
class Firefly extends FireflyState {
  private _flashFrame = 0;
  private _dim: (() => void) | null = null;

  override start(): void {
    // Bound once for the life of the firefly, as PixiJS binds its ticker callback in a constructor.
    this._dim = this.dimLastFlash.bind(this);
  }

  override update(): void {
    const time = this.world.time;
    const dt = time.deltaTime;
    const now = time.time;
    this.pollDim(now);
    let pull = 0;
    // FIX: an indexed loop: nothing is created, and `pull` stays a local the optimiser can keep
    // in a register.
    const neighbours = this.neighbours;
    for (let i = 0; i < neighbours.length; i++) {
      pull += Math.sin(TWO_PI * (neighbours[i]!.phase - this.phase));
    }
    this.phase += (this.rate + (COUPLING * pull) / (this.neighbours.length || 1)) * dt;
    if (this.phase >= 1) {
      this.phase -= 1;
      this.light();
      const frame = time.frameCount;
      this.dimAt = now + GLOW_TIME;
      // FIX: the callback bound in start(); what it needs travels in a field, not a capture.
      this._flashFrame = frame;
      this.onDim = this._dim;
    }
  }

  /** The fade for the latest flash. */
  private dimLastFlash(): void {
    this.dim(this._flashFrame);
  }
}

/** Sets up the optimized variant: `size` fireflies. */
export function setupOptimized(world: World, size: number): SceneInstance {
  return new Meadow(world, size, Firefly);
}
