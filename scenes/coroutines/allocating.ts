/**
 * coroutines, allocating: each lamp blinks in a generator coroutine that yields a new
 * WaitForSeconds every loop, and every ping starts a new generator coroutine for the flash.
 */
import { WaitForSeconds, type Coroutine, type SceneInstance, type World } from '../../src/index.ts';
import { BLINK_SECONDS, buildLamps, digestLamps, FLASH_FRAMES, LampBase, staggerSeconds } from './shared.ts';

/** A lamp whose coroutines are generators, written the way most Unity tutorials write them. */
export class Lamp extends LampBase {
  /** The flash running now, stopped when a new ping restarts it. */
  private flashing: Coroutine | null = null;

  override onEnable(): void {
    this.startCoroutine(this.blink());
  }

  override ping(): void {
    // ALLOC: a coroutine per event: a generator object, its Coroutine handle, and a { value, done }
    // result for each of its FLASH_FRAMES + 1 resumes; the scheduler keeps them until it finishes.
    if (this.flashing !== null) this.stopCoroutine(this.flashing);
    this.flashing = this.startCoroutine(this.flash());
  }

  /** Flips the lamp every BLINK_SECONDS, forever. */
  *blink(): Generator<unknown, void, unknown> {
    // ALLOC: a wait object made for a single use (the offset that puts lamps out of step).
    yield new WaitForSeconds(staggerSeconds(this.index));
    while (true) {
      this.toggle();
      // ALLOC: a new WaitForSeconds per loop, handed to the scheduler (so it escapes), plus the
      // 40 B { value, done } object every generator resume returns.
      yield new WaitForSeconds(BLINK_SECONDS);
    }
  }

  /** Glows for FLASH_FRAMES frames, fading, then ends. */
  *flash(): Generator<unknown, void, unknown> {
    for (let left = FLASH_FRAMES; left > 0; left--) {
      this.setGlow(left);
      yield null;
    }
    this.setGlow(0);
    this.flashing = null;
  }
}

/** Builds the allocating variant: `size` lamps. */
export function setup(world: World, size: number): SceneInstance {
  const pinger = buildLamps(world, size, Lamp);
  return { digest: () => digestLamps(pinger) };
}
