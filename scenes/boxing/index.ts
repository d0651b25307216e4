import { defineScene } from '../../src/index.ts';
import { setupAllocating } from './allocating.ts';
import { setupOptimized } from './optimized.ts';

/** boxing: doubles in generic arrays and Maps become heap numbers; typed arrays hold them raw. */
export default defineScene({
  name: 'boxing',
  description: 'Doubles stored in a generic array and a Map (boxed) vs Float64Array columns',
  source: 'Optimizing garbage collection in Unity games (seeds/001)',
  size: { default: 1000, min: 1, max: 2000, unit: 'sensors' },
  variants: { allocating: setupAllocating, optimized: setupOptimized },
});
