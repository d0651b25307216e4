import { setFlagsFromString } from 'node:v8';

/** V8's %GetOptimizationStatus bits: "never optimise" (given up after deoptimisations) and "optimised" (Maglev or TurboFan). */
const NEVER_OPTIMIZE = 1 << 1;
const OPTIMIZED = 1 << 4;

let statusOf: ((fn: unknown) => number) | null = null;
let optimizeOnNextCall: ((fn: unknown) => void) | null = null;

function natives(): void {
  if (statusOf !== null) return;
  setFlagsFromString('--allow-natives-syntax');
  statusOf = new Function('fn', 'return %GetOptimizationStatus(fn);') as (fn: unknown) => number;
  optimizeOnNextCall = new Function('fn', '%PrepareFunctionForOptimization(fn); %OptimizeFunctionOnNextCall(fn);') as (fn: unknown) => void;
}

/**
 * True when V8 runs `fn` as optimised code (Maglev or TurboFan), or has given up optimising it
 * (nothing more will come), read through V8's
 * %GetOptimizationStatus (natives syntax, switched on for this process the first time).
 *
 * Warm-up waits this way for the functions every frame runs (the engine's tick, each behaviour
 * type's update and lateUpdate), because the JIT watch cannot see a tier-up that has not happened yet: V8 may keep a function in baseline code for over a thousand
 * calls with nothing compiled meanwhile (seen: World.tick first optimised after 1,350 frames,
 * more than 1,000 JIT-quiet frames after the last compilation; V8 had compiled it at frame 510 and
 * installed it at frame 1,005), and baseline code boxes every double it computes (seen: a HUD's
 * lateUpdate passing 48 numbers to a call, 768 B a frame that optimised code keeps in registers).
 * Reading the status allocates nothing; it is called between frames, never in one.
 */
export function isOptimizedOrGivenUp(fn: unknown): boolean {
  natives();
  return (statusOf!(fn) & (OPTIMIZED | NEVER_OPTIMIZE)) !== 0;
}

/**
 * Asks V8 to optimise `fn` (TurboFan) the next time it is called, compiled in that call. A function
 * whose status stays unoptimised after a frame that followed the request was not called in that
 * frame: V8 had inlined it into its optimised caller (a small update() of the only behaviour type
 * in a scene is), so its own code, left in baseline for good, is not what a frame runs. Called
 * between warm-up frames only.
 */
export function requestOptimization(fn: unknown): void {
  natives();
  optimizeOnNextCall!(fn);
}
