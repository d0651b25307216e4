/** Kinds of wait a coroutine can be in (internal to the engine). */
export const WAIT_NEXT_FRAME = 0;
export const WAIT_SECONDS = 1;
export const WAIT_SECONDS_REALTIME = 2;
export const WAIT_END_OF_FRAME = 3;
export const WAIT_UNTIL = 4;
export const WAIT_WHILE = 5;
export const WAIT_COROUTINE = 6;
export const WAIT_PROMISE = 7;

/**
 * The base of the objects a coroutine can yield to wait, as Unity's `YieldInstruction`. Every
 * instruction is immutable and may be yielded by any number of coroutines at once: how long each
 * coroutine waits lives in that coroutine's state, never in the instruction. So create them once
 * (a field, a module constant) and reuse them; `yield new WaitForSeconds(0.5)` in a loop
 * allocates an object per iteration.
 */
export class YieldInstruction {
  /** One of the WAIT_* kinds. */
  readonly _kind: number;

  constructor(kind: number) {
    this._kind = kind;
  }
}

/**
 * Waits `seconds` of scaled time (`time.time`, so `timeScale` stretches or freezes it). The
 * coroutine resumes in the Coroutines phase of the first frame whose `time.time` has reached
 * the wake time (within 1 microsecond, so 60 frames of 1000/60 ms make one second).
 *
 * @example
 * const halfSecond = new WaitForSeconds(0.5); // once
 * *patrol() { while (true) { this.turn(); yield halfSecond; } }
 */
export class WaitForSeconds extends YieldInstruction {
  /** Duration in scaled seconds. */
  readonly seconds: number;

  constructor(seconds: number) {
    super(WAIT_SECONDS);
    if (!(seconds >= 0)) throw new RangeError('WaitForSeconds: seconds must be a number >= 0, got ' + String(seconds));
    this.seconds = seconds;
  }
}

/** Waits `seconds` of real time (`time.unscaledTime`), ignoring `timeScale`. Reusable like `WaitForSeconds`. */
export class WaitForSecondsRealtime extends YieldInstruction {
  /** Duration in unscaled seconds. */
  readonly seconds: number;

  constructor(seconds: number) {
    super(WAIT_SECONDS_REALTIME);
    if (!(seconds >= 0)) throw new RangeError('WaitForSecondsRealtime: seconds must be a number >= 0, got ' + String(seconds));
    this.seconds = seconds;
  }
}

/**
 * Waits until the EndOfFrame phase of the current frame, after every lateUpdate (and before
 * deferred destroys). Yielded during EndOfFrame itself, or between frames, it waits for the next
 * frame's EndOfFrame. Hold one instance and reuse it.
 */
export class WaitForEndOfFrame extends YieldInstruction {
  constructor() {
    super(WAIT_END_OF_FRAME);
  }
}

/**
 * Waits until `predicate()` returns true, checked in the Coroutines phase of each frame after the
 * yield. Create it once with a predicate bound once (e.g. an arrow function in a field), not per
 * yield. A predicate that throws stops the coroutine and is reported as a 'coroutine' error.
 */
export class WaitUntil extends YieldInstruction {
  readonly predicate: () => boolean;

  constructor(predicate: () => boolean) {
    super(WAIT_UNTIL);
    if (typeof predicate !== 'function') throw new TypeError('WaitUntil: expected a predicate function');
    this.predicate = predicate;
  }
}

/** Waits while `predicate()` returns true; the twin of `WaitUntil`, with the same rules. */
export class WaitWhile extends YieldInstruction {
  readonly predicate: () => boolean;

  constructor(predicate: () => boolean) {
    super(WAIT_WHILE);
    if (typeof predicate !== 'function') throw new TypeError('WaitWhile: expected a predicate function');
    this.predicate = predicate;
  }
}
