import type { Behaviour } from './Behaviour.ts';
import { WAIT_NEXT_FRAME } from './YieldInstruction.ts';

/**
 * An allocation-free alternative to a generator, as C#'s `IEnumerator`: `moveNext()` runs the
 * routine to its next wait and returns false when it is finished; `current` is what it waits on
 * (null for the next frame, a yield instruction, a Coroutine...).
 *
 * Why: in V8 every generator `next()` returns a new `{ value, done }` object (40 B in Node 24,
 * measured; the optimiser cannot remove it because the engine keeps the generator across frames),
 * so a generator coroutine allocates 40 B per resume. An IEnumerator object written as a small
 * state machine allocates nothing per resume. It cannot receive a promise's value or catch a
 * rejection (a rejection stops it and is reported).
 *
 * @example
 * const halfSecond = new WaitForSeconds(0.5);
 * class Blink implements IEnumerator {
 *   current: unknown = null;
 *   visible = true;
 *   moveNext() { this.visible = !this.visible; this.current = halfSecond; return true; }
 * }
 * this.startCoroutine(new Blink()); // resumed every half second, 0 B per resume
 */
export interface IEnumerator {
  moveNext(): boolean;
  readonly current: unknown;
}

/** What `startCoroutine` runs: a generator (`function*`) or an IEnumerator. */
export type CoroutineRoutine = Generator<unknown, unknown, any> | IEnumerator;

/** How a coroutine resumes: with `next(value)` or with `throw(error)` (internal). */
export const RESUME_NEXT = 0;
export const RESUME_THROW = 1;

/** Promise progress of a coroutine waiting on a thenable (internal). */
export const PROMISE_PENDING = 0;
export const PROMISE_RESOLVED = 1;
export const PROMISE_REJECTED = 2;

/**
 * The state of one running coroutine. Pooled by the scheduler and reused; a `serial` number,
 * bumped on each reuse, tells stale handles apart. Internal to the engine.
 */
export class CoroutineState {
  serial = 0;
  owner: Behaviour | null = null;
  generator: Generator<unknown, unknown, any> | null = null;
  enumerator: IEnumerator | null = null;
  done = true;
  /** One of the WAIT_* kinds of YieldInstruction.ts. */
  kind = WAIT_NEXT_FRAME;
  /** First frame (time.frameCount) in which the wait may end. */
  readyFrame = 0;
  /** Wake time in seconds, scaled or unscaled by `kind`. NaN starts the field as a double. */
  wake = Number.NaN;
  predicate: (() => boolean) | null = null;
  /** The coroutine waited on (WAIT_COROUTINE) and its serial at the time. */
  waitState: CoroutineState | null = null;
  waitSerial = 0;
  /** The coroutine waiting on this one, resumed as soon as this one finishes. */
  waiter: CoroutineState | null = null;
  waiterSerial = 0;
  promiseStatus = PROMISE_PENDING;
  promiseToken = 0;
  resumeMode = RESUME_NEXT;
  sendValue: unknown = undefined;

  /** Clears references so a finished coroutine retains nothing. */
  clearRefs(): void {
    this.generator = null;
    this.enumerator = null;
    this.predicate = null;
    this.waitState = null;
    this.waiter = null;
    this.sendValue = undefined;
  }
}

/**
 * A handle on a running coroutine, returned by `startCoroutine`, as Unity's `Coroutine`. Give it to
 * `stopCoroutine`, or yield it from another coroutine to wait until it finishes.
 *
 * @example
 * const fade = this.startCoroutine(this.fadeOut());
 * yield fade; // in another coroutine: continues once fadeOut has finished
 */
export class Coroutine {
  readonly _state: CoroutineState;
  readonly _serial: number;

  /** Created by `startCoroutine`. */
  constructor(state: CoroutineState) {
    this._state = state;
    this._serial = state.serial;
  }

  /** True until the coroutine finishes, fails or is stopped. */
  get running(): boolean {
    return this._state.serial === this._serial && !this._state.done;
  }

  /** The behaviour that started it, or null once it has finished. */
  get owner(): Behaviour | null {
    return this.running ? this._state.owner : null;
  }
}
