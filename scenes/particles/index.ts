/** Scene "particles": struct-of-arrays storage instead of one object graph per particle. */
import { defineScene } from '../../src/index.ts';
import { setupAllocating } from './allocating.ts';
import { setupOptimized } from './optimized.ts';

/** A particle fountain stored as objects (allocating) or as typed-array columns (optimized). */
export default defineScene({
  name: 'particles',
  description: 'Struct-of-arrays: typed-array columns with slot reuse instead of an object graph per particle',
  source: 'Optimizing garbage collection in Unity games (seeds/001)',
  size: { default: 5000, min: 100, max: 100_000, unit: 'particles (most alive at once)' },
  variants: { allocating: setupAllocating, optimized: setupOptimized },
});
