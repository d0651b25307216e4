/**
 * A small deferred in the style of jQuery 1.x/2.x's `$.Deferred`, used by the allocating variant:
 * `done(cb)` adds a callback, `then(fn)` returns a NEW deferred resolved with `fn(value)`, and
 * `resolve(value)` runs the callbacks synchronously, as jQuery's deferreds did before 3.0.
 *
 * Why not a native Promise: its callbacks run at the next microtask checkpoint, outside the frame
 * and, in a synchronous host such as `ManualClock.run(300)`, not before the host awaits; the two
 * variants could then not end a run in the same state. The allocation pattern is the same: every
 * link of a chain is a new deferred, a callback list and a closure, held until the chain settles.
 */
export class Deferred<T> {
  private _resolved = false;
  private _value: T | undefined = undefined;
  private _callbacks: ((value: T) => void)[] = [];

  /** 'pending' or 'resolved'. */
  state(): 'pending' | 'resolved' {
    return this._resolved ? 'resolved' : 'pending';
  }

  /** Calls `callback` with the value once resolved (now, if it already is). */
  done(callback: (value: T) => void): this {
    if (this._resolved) callback(this._value as T);
    else this._callbacks.push(callback);
    return this;
  }

  /** A new deferred, resolved with `fn(value)` when this one resolves. */
  then<U>(fn: (value: T) => U): Deferred<U> {
    const next = new Deferred<U>();
    this.done((value) => {
      next.resolve(fn(value));
    });
    return next;
  }

  /** Settles the deferred and runs its callbacks in order; later calls are ignored. */
  resolve(value: T): this {
    if (this._resolved) return this;
    this._resolved = true;
    this._value = value;
    const callbacks = this._callbacks;
    this._callbacks = [];
    for (let i = 0; i < callbacks.length; i++) callbacks[i]!(value);
    return this;
  }
}
