import type { Behaviour } from './Behaviour.ts';
import {
  Coroutine,
  CoroutineState,
  PROMISE_PENDING,
  PROMISE_REJECTED,
  PROMISE_RESOLVED,
  RESUME_NEXT,
  RESUME_THROW,
  type CoroutineRoutine,
  type IEnumerator,
} from './Coroutine.ts';
import { DenseList } from './DenseList.ts';
import {
  WAIT_COROUTINE,
  WAIT_END_OF_FRAME,
  WAIT_NEXT_FRAME,
  WAIT_PROMISE,
  WAIT_SECONDS,
  WAIT_SECONDS_REALTIME,
  WAIT_UNTIL,
  WAIT_WHILE,
  YieldInstruction,
  type WaitForSeconds,
  type WaitUntil,
} from './YieldInstruction.ts';
import type { World } from './World.ts';

/** Slack when comparing wake times, so that 60 frames of 1000/60 ms make a full second. */
const TIME_EPSILON = 1e-6;

/** Promise-settlement tokens, unique for the process, so a late settlement of a stale wait is ignored. */
let nextPromiseToken = 1;

function isFinished(state: CoroutineState): boolean {
  return state.done;
}

/**
 * Runs a world's coroutines: starts them, resumes the ones whose wait is over in the Coroutines
 * and EndOfFrame phases, and stops them. States live in one list in start order and are pooled;
 * finished ones are removed by compaction after each phase, never during iteration. A frame in
 * which no generator resumes allocates nothing. Internal to the engine; use the methods of
 * `Behaviour`.
 */
export class CoroutineScheduler {
  private readonly _world: World;
  private readonly _list = new DenseList<CoroutineState>();
  private readonly _pool: CoroutineState[] = [];
  private _dirty = false;

  constructor(world: World) {
    this._world = world;
  }

  /** Coroutines running (started and not finished). */
  get running(): number {
    const items = this._list.items;
    let n = 0;
    for (let i = 0; i < this._list.count; i++) if (!items[i]!.done) n++;
    return n;
  }

  /** Starts `routine` for `owner`, running it to its first yield; see `Behaviour.startCoroutine`. */
  start(owner: Behaviour, routine: CoroutineRoutine): Coroutine {
    if (!owner._activeAndEnabled) {
      throw new Error(
        'startCoroutine: ' +
          owner._type!.name +
          ' on "' +
          owner.gameObject.name +
          '" is not active and enabled, so it cannot start a coroutine',
      );
    }
    if (
      routine === null ||
      typeof routine !== 'object' ||
      (typeof (routine as IEnumerator).moveNext !== 'function' && typeof (routine as Generator).next !== 'function')
    ) {
      throw new TypeError('startCoroutine: expected a generator (call your function* first) or an object with moveNext() and current');
    }
    const state = this._begin(owner, routine);
    return new Coroutine(state);
  }

  /** Stops the coroutine of `handle` if it is running and belongs to `owner`. */
  stop(owner: Behaviour, handle: Coroutine): void {
    if (!(handle instanceof Coroutine)) throw new TypeError('stopCoroutine: expected the Coroutine returned by startCoroutine');
    const state = handle._state;
    if (state.serial !== handle._serial || state.done || state.owner !== owner) return;
    this._finish(state, false);
  }

  /** Stops every coroutine of `owner`. */
  stopAll(owner: Behaviour): void {
    const items = this._list.items;
    const n = this._list.count;
    for (let i = 0; i < n && owner._coroutineCount > 0; i++) {
      const state = items[i]!;
      if (!state.done && state.owner === owner) this._finish(state, false);
    }
  }

  /** True when the list holds no coroutine: none running, and none finished that awaits compaction. */
  get isEmpty(): boolean {
    return this._list.count === 0;
  }

  /** Stops every coroutine (world teardown). */
  stopEverything(): void {
    const items = this._list.items;
    for (let i = 0; i < this._list.count; i++) {
      const state = items[i]!;
      if (!state.done) this._finish(state, false);
    }
    this.compact();
  }

  /**
   * Resumes the coroutines whose wait is over: the EndOfFrame waiters when `endOfFrame`, every
   * other kind otherwise. Coroutines started during the pass are not resumed by it (they ran up to
   * their first yield when started).
   */
  run(endOfFrame: boolean): void {
    const time = this._world.time;
    const frame = time.frameCount;
    const items = this._list.items;
    const n = this._list.count;
    for (let i = 0; i < n; i++) {
      const state = items[i]!;
      if (state.done || state.readyFrame > frame) continue;
      const kind = state.kind;
      if ((kind === WAIT_END_OF_FRAME) !== endOfFrame) continue;
      let ready = false;
      switch (kind) {
        case WAIT_NEXT_FRAME:
        case WAIT_END_OF_FRAME:
          ready = true;
          break;
        case WAIT_SECONDS:
          ready = time.time >= state.wake - TIME_EPSILON;
          break;
        case WAIT_SECONDS_REALTIME:
          ready = time.unscaledTime >= state.wake - TIME_EPSILON;
          break;
        case WAIT_UNTIL:
        case WAIT_WHILE:
          try {
            ready = state.predicate!() === (kind === WAIT_UNTIL);
          } catch (error) {
            this._fail(state, error);
          }
          break;
        case WAIT_COROUTINE: {
          const target = state.waitState!;
          ready = target.done || target.serial !== state.waitSerial;
          break;
        }
        case WAIT_PROMISE:
          if (state.promiseStatus !== PROMISE_PENDING) {
            ready = true;
            if (state.promiseStatus === PROMISE_REJECTED) state.resumeMode = RESUME_THROW;
          }
          break;
      }
      if (ready) this._step(state);
    }
    if (this._dirty) this.compact();
  }

  /** Removes finished coroutines from the list and returns their states to the pool. */
  compact(): void {
    this._dirty = false;
    const items = this._list.items;
    const n = this._list.count;
    for (let i = 0; i < n; i++) {
      const state = items[i]!;
      if (state.done) {
        state.serial++;
        state.owner = null;
        state.clearRefs();
        this._pool.push(state);
      }
    }
    this._list.removeWhere(isFinished);
  }

  /** Takes a pooled state, registers it and runs the routine to its first yield. */
  private _begin(owner: Behaviour, routine: CoroutineRoutine): CoroutineState {
    const state = this._pool.length > 0 ? this._pool.pop()! : new CoroutineState();
    state.owner = owner;
    if (typeof (routine as IEnumerator).moveNext === 'function') {
      state.enumerator = routine as IEnumerator;
      state.generator = null;
    } else {
      state.generator = routine as Generator<unknown, unknown, any>;
      state.enumerator = null;
    }
    state.done = false;
    state.kind = WAIT_NEXT_FRAME;
    state.resumeMode = RESUME_NEXT;
    state.sendValue = undefined;
    state.waiter = null;
    owner._coroutineCount++;
    this._list.push(state);
    this._step(state);
    return state;
  }

  /** Resumes a coroutine once, then records what it waits on next. */
  private _step(state: CoroutineState): void {
    const stats = this._world.stats;
    stats.coroutineResumes++;
    const mode = state.resumeMode;
    const send = state.sendValue;
    state.resumeMode = RESUME_NEXT;
    state.sendValue = undefined;
    let finished: boolean | undefined;
    let yielded: unknown;
    try {
      const generator = state.generator;
      if (generator !== null) {
        stats.generatorResumes++;
        const result = mode === RESUME_THROW ? generator.throw(send) : generator.next(send);
        finished = result.done;
        yielded = result.value;
      } else {
        if (mode === RESUME_THROW) throw send;
        const enumerator = state.enumerator!;
        finished = !enumerator.moveNext();
        yielded = finished ? undefined : enumerator.current;
      }
    } catch (error) {
      if (!state.done) this._fail(state, error);
      return;
    }
    if (state.done) return; // stopped while it ran
    if (finished === true) this._finish(state, true);
    else this._wait(state, yielded);
  }

  /** Records the wait a coroutine yielded. */
  private _wait(state: CoroutineState, yielded: unknown): void {
    const world = this._world;
    const time = world.time;
    state.readyFrame = time.frameCount + 1;
    state.kind = WAIT_NEXT_FRAME;
    state.predicate = null;
    state.waitState = null;
    if (yielded === null || (typeof yielded !== 'object' && typeof yielded !== 'function')) return;
    if (yielded instanceof YieldInstruction) {
      const kind = yielded._kind;
      state.kind = kind;
      if (kind === WAIT_SECONDS) state.wake = time.time + (yielded as WaitForSeconds).seconds;
      else if (kind === WAIT_SECONDS_REALTIME) state.wake = time.unscaledTime + (yielded as WaitForSeconds).seconds;
      else if (kind === WAIT_END_OF_FRAME) {
        if (world._inFrame && !world._inEndOfFrame) state.readyFrame = time.frameCount;
      } else state.predicate = (yielded as WaitUntil).predicate;
      return;
    }
    if (yielded instanceof Coroutine) {
      const target = yielded._state;
      if (target.serial === yielded._serial && !target.done) this._waitFor(state, target);
      return;
    }
    const candidate = yielded as { moveNext?: unknown; next?: unknown; throw?: unknown; then?: unknown };
    if (typeof candidate.moveNext === 'function' || (typeof candidate.next === 'function' && typeof candidate.throw === 'function')) {
      // A yielded routine runs as a nested coroutine of the same behaviour.
      const child = this._begin(state.owner!, yielded as CoroutineRoutine);
      if (!state.done && !child.done) this._waitFor(state, child);
      return;
    }
    if (typeof candidate.then === 'function') this._waitForPromise(state, candidate as PromiseLike<unknown>);
  }

  private _waitFor(state: CoroutineState, target: CoroutineState): void {
    state.kind = WAIT_COROUTINE;
    state.waitState = target;
    state.waitSerial = target.serial;
    target.waiter = state;
    target.waiterSerial = state.serial;
  }

  /** Waits on a thenable; allocates the two settlement callbacks (promises allocate anyway). */
  private _waitForPromise(state: CoroutineState, thenable: PromiseLike<unknown>): void {
    const token = nextPromiseToken++;
    state.kind = WAIT_PROMISE;
    state.promiseStatus = PROMISE_PENDING;
    state.promiseToken = token;
    try {
      thenable.then(
        (value) => settle(state, token, PROMISE_RESOLVED, value),
        (reason) => settle(state, token, PROMISE_REJECTED, reason),
      );
    } catch (error) {
      this._fail(state, error);
    }
  }

  /** Reports an exception of a coroutine and stops it. */
  private _fail(state: CoroutineState, error: unknown): void {
    const owner = state.owner!;
    this._finish(state, true);
    this._world._report(owner, 'coroutine', error);
  }

  /** Marks a coroutine finished; a waiting parent resumes at once when `resumeWaiter`, else next pass. */
  private _finish(state: CoroutineState, resumeWaiter: boolean): void {
    state.done = true;
    this._dirty = true;
    state.owner!._coroutineCount--;
    const waiter = state.waiter;
    state.clearRefs();
    if (
      resumeWaiter &&
      waiter !== null &&
      !waiter.done &&
      waiter.serial === state.waiterSerial &&
      waiter.kind === WAIT_COROUTINE &&
      waiter.waitState === state &&
      waiter.waitSerial === state.serial
    ) {
      this._step(waiter);
    }
  }
}

function settle(state: CoroutineState, token: number, status: number, value: unknown): void {
  if (state.promiseToken !== token || state.done || state.kind !== WAIT_PROMISE) return;
  state.promiseStatus = status;
  state.sendValue = value;
}
