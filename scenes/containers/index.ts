/** The containers scene: containers kept and emptied instead of made anew every frame. */
import { defineScene } from '../../src/index.ts';
import { setup as allocating } from './allocating.ts';
import { setup as optimized } from './optimized.ts';

export default defineScene({
  name: 'containers',
  description:
    "Clear, don't recreate: a flock's grid, neighbour lists and contact set kept across frames instead of rebuilt in new containers",
  source: 'Optimizing garbage collection in Unity games (seeds/001)',
  size: { default: 600, min: 10, max: 2000, unit: 'agents' },
  variants: { allocating, optimized },
});
