/** V8's %GetOptimizationStatus bits: "never optimise" (given up after deoptimisations) and "optimised" (Maglev or TurboFan). */
const NEVER_OPTIMIZE = 1 << 1;
const OPTIMIZED = 1 << 4;

/** V8's runtime functions for a function's tier, reachable where natives syntax is allowed. */
export interface V8Natives {
  status(fn: unknown): number;
  optimizeOnNextCall(fn: unknown): void;
}

/**
 * V8's natives, compiled with the Function constructor so that no source file holds V8-only
 * syntax; null where natives syntax is off (a browser started without
 * `--js-flags=--allow-natives-syntax`; Node switches it on first, see node/optimisationStatus.ts).
 */
export function compileNatives(): V8Natives | null {
  try {
    const status = new Function('fn', 'return %GetOptimizationStatus(fn);') as (fn: unknown) => number;
    const optimize = new Function('fn', '%PrepareFunctionForOptimization(fn); %OptimizeFunctionOnNextCall(fn);') as (fn: unknown) => void;
    return { status, optimizeOnNextCall: optimize };
  } catch {
    return null;
  }
}

/** True when V8 runs `fn` as optimised code (Maglev or TurboFan), or has given up optimising it. */
export function isOptimizedOrGivenUp(natives: V8Natives, fn: unknown): boolean {
  return (natives.status(fn) & (OPTIMIZED | NEVER_OPTIMIZE)) !== 0;
}

/**
 * Tells when the functions every frame runs have reached their final tier: optimised, given up,
 * or no longer called. Warm-up waits for it because a quiet stretch does not show a tier-up that
 * has not happened yet, and code below the optimising tiers boxes the doubles it computes (the
 * stories: docs/measuring-in-v8.md).
 *
 * A function V8 inlined into its caller's optimised code is never called again, so its own code
 * stays in baseline for good. So once `requestAfter` says so, the functions still unoptimised are
 * asked to be optimised at their next call, and one still unoptimised a frame later counts as
 * done: no frame called it. Reading statuses allocates nothing; call between frames only.
 */
export class TierWatch {
  private readonly _natives: V8Natives;
  private readonly _functions: () => readonly unknown[];
  private _awaited: readonly unknown[] | null = null;
  /** Functions asked to be optimised, and the frame after which they were. */
  private readonly _requested = new Map<unknown, number>();

  /** `functions` is asked for once, at the first look (after the first frame). */
  constructor(natives: V8Natives, functions: () => readonly unknown[]) {
    this._natives = natives;
    this._functions = functions;
  }

  /** Functions still short of their final tier at the last look. */
  pending = 0;

  /**
   * After frame `frame` (counted from 1): true when every function is done. With `request`, the
   * functions not yet optimised are asked to be, once each.
   */
  settled(frame: number, request: boolean): boolean {
    this._awaited ??= this._functions();
    let pending = 0;
    for (const fn of this._awaited) {
      if (isOptimizedOrGivenUp(this._natives, fn)) continue;
      const askedAt = this._requested.get(fn);
      if (askedAt !== undefined && askedAt < frame) continue;
      pending++;
      if (askedAt === undefined && request) {
        this._requested.set(fn, frame);
        this._natives.optimizeOnNextCall(fn);
      }
    }
    this.pending = pending;
    return pending === 0;
  }
}
