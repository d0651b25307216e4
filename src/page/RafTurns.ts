/** What `RafTurns` tells around each requestAnimationFrame turn. */
export interface RafTurnListener {
  /** Before the first callback of a turn; `timestamp` is the one the browser gave the turn. */
  beginTurn(timestamp: number): void;
  /** After the last callback of the turn (also when one of them threw). */
  endTurn(): void;
}

/** The two functions of a window that `RafTurns` replaces. */
export interface AnimationFrameHost {
  requestAnimationFrame(callback: FrameRequestCallback): number;
  cancelAnimationFrame(handle: number): void;
}

const INITIAL_CAPACITY = 64;

/**
 * Makes each requestAnimationFrame turn of a page one frame: it replaces the host's
 * `requestAnimationFrame` and `cancelAnimationFrame`, keeps the callbacks a turn will run in its
 * own queue, and asks the browser for one frame per turn, in which it calls `beginTurn`, every
 * queued callback in request order with the turn's timestamp, then `endTurn`. That is how the
 * browser itself runs them, so a game loop (a pixi.js Ticker, Excalibur's clock, a hand-written
 * loop) runs unchanged and each of its frames is bracketed.
 *
 * Why a queue instead of wrapping each callback: a wrapper is a new closure per request, made
 * inside the game's frame, and would be counted as the game's allocation. Requests here write into
 * preallocated slots (the queue doubles when full, the only allocation, once), and the ids are
 * small integers. One difference from the browser: promise jobs a callback queues run after the
 * turn, outside the frame, where the browser would run them between callbacks.
 *
 * `uninstall()` puts the host's own functions back. Callbacks already queued still run once, in
 * the turn already asked for, and are not bracketed.
 */
export class RafTurns {
  /** Callbacks requested through the replaced function since `install()`. */
  requested = 0;
  /** Turns run since `install()`. */
  turns = 0;
  private readonly _host: AnimationFrameHost;
  private readonly _listener: RafTurnListener;
  private _request: ((callback: FrameRequestCallback) => number) | null = null;
  private _cancel: ((handle: number) => void) | null = null;
  private _installed = false;
  // The next turn's queue, and the one being run (swapped at each turn's start).
  private _next: Array<FrameRequestCallback | null> = new Array<FrameRequestCallback | null>(INITIAL_CAPACITY).fill(null);
  private _nextIds = new Float64Array(INITIAL_CAPACITY);
  private _nextCount = 0;
  private _running: Array<FrameRequestCallback | null> = new Array<FrameRequestCallback | null>(INITIAL_CAPACITY).fill(null);
  private _runningIds = new Float64Array(INITIAL_CAPACITY);
  private _runningCount = 0;
  private _lastId = 0;
  private _turnAsked = false;
  private readonly _runTurn: FrameRequestCallback;
  private readonly _requestFrame: (callback: FrameRequestCallback) => number;
  private readonly _cancelFrame: (handle: number) => void;

  constructor(host: AnimationFrameHost, listener: RafTurnListener) {
    this._host = host;
    this._listener = listener;
    // Bound once: the browser gets the same function every turn.
    this._runTurn = (timestamp) => this._turn(timestamp);
    this._requestFrame = (callback) => this._enqueue(callback);
    this._cancelFrame = (handle) => this._dequeue(handle);
  }

  /** True between `install()` and `uninstall()`. */
  get installed(): boolean {
    return this._installed;
  }

  /** Replaces the host's requestAnimationFrame and cancelAnimationFrame. */
  install(): void {
    if (this._installed) return;
    const host = this._host;
    this._request = host.requestAnimationFrame;
    this._cancel = host.cancelAnimationFrame;
    host.requestAnimationFrame = this._requestFrame;
    host.cancelAnimationFrame = this._cancelFrame;
    this._installed = true;
  }

  /** Restores the host's own functions (the very same function objects). */
  uninstall(): void {
    if (!this._installed) return;
    this._host.requestAnimationFrame = this._request!;
    this._host.cancelAnimationFrame = this._cancel!;
    this._installed = false;
  }

  private _enqueue(callback: FrameRequestCallback): number {
    if (typeof callback !== 'function') {
      // The browser's own message for the same mistake.
      throw new TypeError("Failed to execute 'requestAnimationFrame' on 'Window': parameter 1 is not of type 'Function'.");
    }
    if (this._nextCount === this._next.length) this._grow();
    const id = ++this._lastId;
    this._next[this._nextCount] = callback;
    this._nextIds[this._nextCount] = id;
    this._nextCount++;
    this.requested++;
    if (!this._turnAsked) {
      this._turnAsked = true;
      this._request!.call(this._host, this._runTurn);
    }
    return id;
  }

  private _dequeue(handle: number): void {
    // A callback of this turn not yet run, or of the next turn: either way it must not run.
    for (let i = 0; i < this._runningCount; i++) if (this._runningIds[i] === handle) this._running[i] = null;
    for (let i = 0; i < this._nextCount; i++) if (this._nextIds[i] === handle) this._next[i] = null;
  }

  private _grow(): void {
    const size = this._next.length * 2;
    const next = new Array<FrameRequestCallback | null>(size).fill(null);
    const ids = new Float64Array(size);
    for (let i = 0; i < this._nextCount; i++) next[i] = this._next[i]!;
    ids.set(this._nextIds);
    this._next = next;
    this._nextIds = ids;
    // The running queue must be able to take the next one at the swap.
    this._running = new Array<FrameRequestCallback | null>(size).fill(null);
    this._runningIds = new Float64Array(size);
  }

  private _turn(timestamp: number): void {
    this._turnAsked = false;
    // Swap: callbacks requested during this turn go to the next one, as in the browser.
    const queue = this._next;
    const ids = this._nextIds;
    this._next = this._running;
    this._nextIds = this._runningIds;
    this._running = queue;
    this._runningIds = ids;
    this._runningCount = this._nextCount;
    this._nextCount = 0;
    const bracket = this._installed;
    if (bracket) {
      this.turns++;
      this._listener.beginTurn(timestamp);
    }
    try {
      for (let i = 0; i < this._runningCount; i++) {
        const callback = this._running[i];
        this._running[i] = null;
        if (callback === null || callback === undefined) continue;
        try {
          callback(timestamp);
        } catch (error) {
          // As the browser does: report it and run the other callbacks.
          reportError(error);
        }
      }
    } finally {
      this._runningCount = 0;
      if (bracket) this._listener.endTurn();
    }
  }
}
