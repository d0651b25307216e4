/** The queries scene: cached query results, a copying getter read once, and NonAlloc queries. */
import { defineScene } from '../../src/index.ts';
import { setup as allocating } from './allocating.ts';
import { setup as optimized } from './optimized.ts';

export default defineScene({
  name: 'queries',
  description:
    'Cache and NonAlloc APIs: findObjectsOfType cached in start(), a copying getter read once, overlapCircleNonAlloc into a buffer',
  source: 'Optimizing garbage collection in Unity games (seeds/001)',
  size: { default: 800, min: 10, max: 2000, unit: 'orbs' },
  variants: { allocating, optimized },
});
