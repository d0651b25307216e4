/** The tags scene: `compareTag(handle)` against comparing the string the `tag` getter returns. */
import { defineScene } from '../../src/index.ts';
import { setup as allocating } from './allocating.ts';
import { setup as optimized } from './optimized.ts';

export default defineScene({
  name: 'tags',
  description: 'CompareTag: tag tests by interned handle instead of the string the tag getter builds per read',
  source: 'Optimizing garbage collection in Unity games (seeds/001)',
  size: { default: 1200, min: 10, max: 2000, unit: 'tagged objects' },
  variants: { allocating, optimized },
});
