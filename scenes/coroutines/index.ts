/** The coroutines scene: cached yield instructions and long-lived IEnumerator coroutines. */
import { defineScene } from '../../src/index.ts';
import { setup as allocating } from './allocating.ts';
import { setup as optimized } from './optimized.ts';

export default defineScene({
  name: 'coroutines',
  description: 'Reused yield instructions: one cached WaitForSeconds and long-lived coroutines instead of new ones per loop and per event',
  source: 'Optimizing garbage collection in Unity games (seeds/001)',
  size: { default: 600, min: 10, max: 2000, unit: 'lamps' },
  variants: { allocating, optimized },
});
