/**
 * coroutines, optimized: each lamp blinks in an IEnumerator coroutine that yields one cached
 * WaitForSeconds, and one long-lived IEnumerator per lamp sleeps until a ping wakes it up.
 */
import { WaitForSeconds, WaitUntil, type IEnumerator, type SceneInstance, type World } from '../../src/index.ts';
import { BLINK_SECONDS, buildLamps, digestLamps, FLASH_FRAMES, LampBase, staggerSeconds } from './shared.ts';

/** One wait object for every lamp and every loop: instructions hold only their seconds. */
const blinkWait = new WaitForSeconds(BLINK_SECONDS);

/** A lamp whose coroutines are IEnumerator objects made once, in onEnable. */
export class Lamp extends LampBase {
  /** Set by ping(), read by the flash routine's wake-up condition. */
  pinged = false;

  override onEnable(): void {
    this.startCoroutine(new BlinkRoutine(this));
    this.startCoroutine(new FlashRoutine(this));
  }

  override ping(): void {
    // FIX: no coroutine per event: raise a flag that the lamp's long-lived flash routine waits on.
    this.pinged = true;
  }
}

/** The blink loop as a state machine: a first, staggered wait, then a flip every BLINK_SECONDS. */
class BlinkRoutine implements IEnumerator {
  current: unknown = null;
  private readonly lamp: Lamp;
  private readonly firstWait: WaitForSeconds;
  private started = false;

  constructor(lamp: Lamp) {
    this.lamp = lamp;
    // FIX: the staggered first wait is made once, with the routine, not per run.
    this.firstWait = new WaitForSeconds(staggerSeconds(lamp.index));
  }

  moveNext(): boolean {
    if (!this.started) {
      this.started = true;
      this.current = this.firstWait;
      return true;
    }
    this.lamp.toggle();
    // FIX: the cached WaitForSeconds, and moveNext() returns a boolean: no result object.
    this.current = blinkWait;
    return true;
  }
}

/** The flash as a long-lived state machine: asleep until pinged, then FLASH_FRAMES frames of glow. */
class FlashRoutine implements IEnumerator {
  current: unknown = null;
  private readonly lamp: Lamp;
  /** Its wake-up condition, with the predicate bound once. */
  private readonly wake: WaitUntil;
  private left = 0;

  constructor(lamp: Lamp) {
    this.lamp = lamp;
    this.wake = new WaitUntil(() => lamp.pinged);
  }

  moveNext(): boolean {
    const lamp = this.lamp;
    if (lamp.pinged) {
      // A ping restarts the flash, as stopping and restarting a coroutine would.
      lamp.pinged = false;
      this.left = FLASH_FRAMES;
    }
    if (this.left > 0) {
      lamp.setGlow(this.left);
      this.left--;
      this.current = null;
    } else {
      if (lamp.glow !== 0) lamp.setGlow(0);
      this.current = this.wake;
    }
    return true;
  }
}

/** Builds the optimized variant: `size` lamps. */
export function setup(world: World, size: number): SceneInstance {
  const pinger = buildLamps(world, size, Lamp);
  return { digest: () => digestLamps(pinger) };
}
