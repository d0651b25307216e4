/** Scene "leaks": the four classic JavaScript memory leaks, one at a time or all together, and the fix. */
import { defineScene } from '../../src/index.ts';
import { setupAllocating, setupLeakClosure, setupLeakDetached, setupLeakGlobal, setupLeakListener } from './allocating.ts';
import { setupOptimized } from './optimized.ts';

/** A drone spawner that leaks (allocating = all four leaks, leak-* = one each) or does not (optimized). */
export default defineScene({
  name: 'leaks',
  description: 'The four JS leaks (accidental global, forgotten listener, shared closure, detached objects) vs the fixed spawner',
  source: 'How JavaScript works: memory management and how to handle 4 common memory leaks (seeds/000)',
  size: { default: 2, min: 1, max: 20, unit: 'drones spawned per frame' },
  variants: {
    allocating: setupAllocating,
    optimized: setupOptimized,
    'leak-global': setupLeakGlobal,
    'leak-listener': setupLeakListener,
    'leak-closure': setupLeakClosure,
    'leak-detached': setupLeakDetached,
  },
});
