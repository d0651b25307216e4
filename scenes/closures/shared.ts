// What both closures variants share: the fireflies' state, their flash and fade, the field they
// live in and the digest. Only how a firefly loops over its neighbours and hands over its fade
// callback differs between the variants.
import { Behaviour, Sprite, STAGE_HEIGHT, STAGE_WIDTH, type World } from '../../src/index.ts';

/** One turn, in radians. */
export const TWO_PI = Math.PI * 2;
/** How strongly a firefly's phase is pulled toward its neighbours' (Kuramoto coupling, per second). */
export const COUPLING = 0.35;
/** Seconds a flash stays lit. */
export const GLOW_TIME = 0.25;
/** Neighbours each firefly watches. */
const NEIGHBOURS = 4;
/** Natural flashing rates, flashes per second. */
const MIN_RATE = 0.5;
const MAX_RATE = 0.8;
const DIM_COLOR = 0x2a3a18;
const LIT_COLOR = 0xeeff66;

/**
 * A firefly: a phase that runs from 0 to 1 at its own rate, nudged toward its neighbours'
 * phases, and a flash when it wraps. Each variant extends it with an `update`.
 */
export class FireflyState extends Behaviour {
  /** 0 to 1; a flash when it reaches 1. A double from the start, like every double field here. */
  phase = 0.5;
  rate = 0.5;
  readonly neighbours: FireflyState[] = [];
  flashes = 0;
  dims = 0;
  /** Frame of the latest flash, as seen by the fade callback when it ran. */
  lastDimmedFlash = 0;
  /** When the pending fade callback runs (seconds of `time.time`); Infinity when none is pending. */
  dimAt = Number.POSITIVE_INFINITY;
  /** The pending fade callback: one slot of a timer list. */
  onDim: (() => void) | null = null;
  sprite: Sprite | null = null;

  /** Lights the sprite up. */
  protected light(): void {
    this.flashes++;
    this.sprite!.color = LIT_COLOR;
  }

  /** Runs the fade callback once its time has come (called every frame). */
  protected pollDim(now: number): void {
    if (now < this.dimAt) return;
    const callback = this.onDim!;
    this.dimAt = Number.POSITIVE_INFINITY;
    this.onDim = null;
    callback();
  }

  /** The fade: the sprite goes dark again. `flashFrame` is the frame the flash happened in. */
  dim(flashFrame: number): void {
    this.dims++;
    this.lastDimmedFlash = flashFrame;
    this.sprite!.color = DIM_COLOR;
  }
}

/** The state a variant builds: fireflies scattered over the stage, each watching a few others. */
export class Meadow {
  readonly fireflies: FireflyState[] = [];

  /** Creates `count` fireflies of class `type` and picks their neighbours with the world's random. */
  constructor(world: World, count: number, type: new () => FireflyState) {
    const random = world.random;
    for (let i = 0; i < count; i++) {
      const go = world.createGameObject('firefly');
      go.transform.position.set(random.int(16, STAGE_WIDTH - 16), random.int(16, STAGE_HEIGHT - 16));
      const sprite = go.addComponent(Sprite).set('circle', DIM_COLOR, 6);
      const firefly = go.addComponent(type);
      firefly.sprite = sprite;
      firefly.phase = random.next();
      firefly.rate = random.range(MIN_RATE, MAX_RATE);
      this.fireflies.push(firefly);
    }
    for (let i = 0; i < count; i++) {
      for (let k = 0; k < NEIGHBOURS && count > 1; k++) {
        let j = random.int(0, count - 1);
        if (j >= i) j++;
        this.fireflies[i]!.neighbours.push(this.fireflies[j]!);
      }
    }
  }

  /** Phases to 1e-6, flash and fade counts, and what each sprite shows. */
  digest(): string {
    const out: string[] = [];
    for (const f of this.fireflies)
      out.push(f.phase.toFixed(6) + ':' + f.flashes + ':' + f.dims + ':' + f.lastDimmedFlash + ':' + f.sprite!.color);
    return out.join(',');
  }
}
