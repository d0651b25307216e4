import { defineScene } from '../../src/index.ts';
import { setupAllocating } from './allocating.ts';
import { setupOptimized } from './optimized.ts';

/** pipelines: filter/map/sort chains and RegExps per frame vs one pass into reused buffers. */
export default defineScene({
  name: 'pipelines',
  description: 'filter/map/sort chains and a RegExp per frame vs one pass into reused buffers',
  source: 'Optimizing garbage collection in Unity games (seeds/001)',
  size: { default: 600, min: 1, max: 2000, unit: 'walkers' },
  variants: { allocating: setupAllocating, optimized: setupOptimized },
});
