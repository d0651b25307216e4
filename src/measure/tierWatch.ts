/** V8's %GetOptimizationStatus bit "never optimise" (given up after deoptimisations), the same in every V8 so far. */
const NEVER_OPTIMIZE = 1 << 1;

/** V8's runtime functions for a function's tier, reachable where natives syntax is allowed. */
export interface V8Natives {
  status(fn: unknown): number;
  optimizeOnNextCall(fn: unknown): void;
  /**
   * The status bit "optimised" (Maglev or TurboFan) in this V8: its place moved when V8 dropped a
   * bit before it (1 << 4 in Node 24's V8 13.6, 1 << 3 in Chromium 156's V8 15.6), so it is found
   * by optimising a probe function (0 where nothing gets optimised, e.g. --jitless).
   */
  optimizedBit: number;
  /** The status bit "TurboFan" (the top tier), found the same way (0 where TurboFan is off). */
  turbofanBit: number;
  /**
   * Clears the type feedback a function's calls and property reads gathered, as if it had never
   * run (its optimised code stays until it deoptimises); null where this V8 has no such runtime
   * function. See `forgetFeedback`.
   */
  forget: ((fn: unknown) => void) | null;
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
    const gained = bitsGainedByOptimising(status, optimize);
    // The lowest gained bit says "optimised", the highest the compiler ("TurboFan").
    return {
      status,
      optimizeOnNextCall: optimize,
      optimizedBit: gained & -gained,
      turbofanBit: gained === 0 ? 0 : 1 << (31 - Math.clz32(gained)),
      forget: compileForget(),
    };
  } catch {
    return null;
  }
}

/** `%ClearFunctionFeedback`, where this V8 has it. */
function compileForget(): ((fn: unknown) => void) | null {
  try {
    return new Function('fn', '%ClearFunctionFeedback(fn);') as (fn: unknown) => void;
  } catch {
    return null;
  }
}

/**
 * Makes `functions` forget the types they saw, as in a fresh page. A page that runs one world after
 * another (the sandbox) calls it on the last world's frame functions before the next world starts;
 * else the engine's code shared by both keeps what the last world taught V8, and V8 compiles it
 * for the new one differently than a fresh page would. Seen: boxing's optimized variant read 12 B
 * per sensor a frame in 3 of 36 sandbox pages that had run bullets and hud-text first (the update
 * loop, compiled with the other scenes' behaviours in its feedback, called `Random.next` out of
 * line, which boxes the double it returns), 0 B in fresh pages and in the CLI. Optimised code is
 * left alone: it deoptimises by itself where the new world's types differ, and is recompiled from
 * the new feedback; dropping it as well (`%DeoptimizeFunction`) left the sprite sync allocating
 * 12 B a sprite in every scene loaded after a few others. False where V8 cannot (a browser without
 * natives syntax: there, a scene's figures may depend on the scene before).
 */
export function forgetFeedback(natives: V8Natives | null, functions: readonly unknown[]): boolean {
  const forget = natives?.forget ?? null;
  if (forget === null) return false;
  for (const fn of functions) forget(fn);
  return true;
}

/** The status bits a probe function gains when V8 optimises it on request (besides "is a function"). */
function bitsGainedByOptimising(status: (fn: unknown) => number, optimize: (fn: unknown) => void): number {
  const probe = new Function('x', 'return x + 1;') as (x: number) => number;
  optimize(probe);
  probe(1);
  probe(2);
  const before = status(probe);
  optimize(probe);
  probe(3);
  return status(probe) & ~before & ~1;
}

/** Which tier counts as final: any optimised code (Maglev or TurboFan), or TurboFan's only. */
export type FinalTier = 'optimized' | 'turbofan';

/** True when V8 runs `fn` in its final tier, or has given up optimising it. */
export function isOptimizedOrGivenUp(natives: V8Natives, fn: unknown, tier: FinalTier = 'optimized'): boolean {
  const bit = tier === 'turbofan' && natives.turbofanBit !== 0 ? natives.turbofanBit : natives.optimizedBit;
  return (natives.status(fn) & (bit | NEVER_OPTIMIZE)) !== 0;
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

  private readonly _tier: FinalTier;

  /**
   * `functions` is asked for once, at the first look (after the first frame). `tier`: what counts
   * as final. TurboFan by default: Maglev code boxes doubles that TurboFan keeps in registers and
   * has no escape analysis (the hud-text scene read 144 B a frame in a page with every frame
   * function in Maglev code, 192 B in a Node test whose warm-up ended there), and V8 moves a hot
   * function on to TurboFan sooner or later, so Maglev figures are not the steady state.
   */
  constructor(natives: V8Natives, functions: () => readonly unknown[], tier: FinalTier = 'turbofan') {
    this._natives = natives;
    this._functions = functions;
    this._tier = tier;
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
      if (isOptimizedOrGivenUp(this._natives, fn, this._tier)) continue;
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
