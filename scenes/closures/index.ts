import { defineScene } from '../../src/index.ts';
import { setupAllocating } from './allocating.ts';
import { setupOptimized } from './optimized.ts';

/** closures: closures created per frame vs indexed loops and callbacks bound once. */
export default defineScene({
  name: 'closures',
  description: 'forEach arrow functions and per-event callbacks vs indexed loops and methods bound once',
  source:
    'How JavaScript works: memory management and four common leaks (seeds/000); Optimizing garbage collection in Unity games (seeds/001)',
  size: { default: 500, min: 1, max: 2000, unit: 'fireflies' },
  variants: { allocating: setupAllocating, optimized: setupOptimized },
});
