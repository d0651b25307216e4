import { setFlagsFromString } from 'node:v8';
import { compileNatives, isOptimizedOrGivenUp as statusSaysDone, type FinalTier, type V8Natives } from '../measure/tierWatch.ts';

let compiled: V8Natives | null = null;

/** V8's natives in this process: natives syntax is switched on the first time they are asked for. */
export function nodeNatives(): V8Natives {
  if (compiled === null) {
    setFlagsFromString('--allow-natives-syntax');
    compiled = compileNatives();
    if (compiled === null) throw new Error('V8 refused natives syntax after --allow-natives-syntax was set');
  }
  return compiled;
}

/**
 * True when V8 runs `fn` as optimised code (Maglev or TurboFan; `tier` 'turbofan': TurboFan only),
 * or has given up optimising it (nothing more will come). See TierWatch and docs/measuring-in-v8.md,
 * "Waiting for the final tier".
 */
export function isOptimizedOrGivenUp(fn: unknown, tier: FinalTier = 'optimized'): boolean {
  return statusSaysDone(nodeNatives(), fn, tier);
}
