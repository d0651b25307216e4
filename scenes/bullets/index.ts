/** The bullets scene: an object pool (prewarm, get/release, trim idle) against `new` per shot. */
import { defineScene } from '../../src/index.ts';
import { setup as allocating } from './allocating.ts';
import { setup as optimized } from './optimized.ts';

export default defineScene({
  name: 'bullets',
  description: 'Object pool: bullets taken from a prewarmed pool and released on hit, not made per shot',
  source:
    'How JavaScript works: memory management and four common leaks (seeds/000); Optimizing garbage collection in Unity games (seeds/001)',
  size: { default: 400, min: 10, max: 2000, unit: 'bullets in flight' },
  variants: { allocating, optimized },
});
