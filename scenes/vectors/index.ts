import { defineScene } from '../../src/index.ts';
import { setupAllocating } from './allocating.ts';
import { setupOptimized } from './optimized.ts';

/** vectors: temporaries from vector math vs out-parameters and scratch vectors. */
export default defineScene({
  name: 'vectors',
  description: 'Vector math returning new vectors vs in-place math with module scratch vectors',
  source: 'How JavaScript works: memory management and four common leaks (seeds/000)',
  size: { default: 1000, min: 1, max: 2000, unit: 'seekers' },
  variants: { allocating: setupAllocating, optimized: setupOptimized },
});
