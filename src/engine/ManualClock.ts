import type { World } from './World.ts';

/** Options of `new ManualClock(world, options)`. */
export interface ManualClockOptions {
  /** Frame length in milliseconds used when `step()`/`run()` are given none (default 1000/60). */
  dtMs?: number;
}

/**
 * A clock that ticks a world only when told to, for tests and headless runs, as Excalibur's
 * `TestClock`: every frame has exactly the length you give, so runs are deterministic.
 *
 * @example
 * const clock = new ManualClock(world);      // 60 fps frames
 * clock.run(60);                             // one simulated second
 * clock.step(250);                           // one frame of 250 ms
 * expect(clock.elapsedMs).toBeCloseTo(1250);
 */
export class ManualClock {
  /** The world this clock ticks. */
  readonly world: World;
  /** Default frame length in milliseconds. */
  dtMs: number;
  private _elapsedMs = 0;
  private _frames = 0;

  constructor(world: World, options: ManualClockOptions = {}) {
    const dtMs = options.dtMs ?? 1000 / 60;
    if (!(dtMs >= 0)) throw new RangeError('ManualClock: dtMs must be a number >= 0, got ' + String(dtMs));
    this.world = world;
    this.dtMs = dtMs;
  }

  /** Milliseconds ticked so far. */
  get elapsedMs(): number {
    return this._elapsedMs;
  }

  /** Frames ticked so far. */
  get frames(): number {
    return this._frames;
  }

  /** Ticks the world once, by `ms` (default `dtMs`). */
  step(ms: number = this.dtMs): void {
    this.world.tick(ms);
    this._elapsedMs += ms;
    this._frames++;
  }

  /** Ticks the world `frames` times, each by `dtMs` (default the clock's). */
  run(frames: number, dtMs: number = this.dtMs): void {
    if (!Number.isInteger(frames) || frames < 0)
      throw new RangeError('ManualClock.run: frames must be an integer >= 0, got ' + String(frames));
    for (let i = 0; i < frames; i++) this.step(dtMs);
  }
}
