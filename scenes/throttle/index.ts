/** Scene "throttle": do garbage-making work only when its inputs change, and without garbage. */
import { defineScene } from '../../src/index.ts';
import { setupAllocating } from './allocating.ts';
import { setupOptimized } from './optimized.ts';

/** A leaderboard and a status line rebuilt every frame (allocating) or only when they change (optimized). */
export default defineScene({
  name: 'throttle',
  description: 'Do garbage work only when needed: rebuild a leaderboard when scores change, a status line once a second',
  source: 'Optimizing garbage collection in Unity games (seeds/001)',
  size: { default: 24, min: 2, max: 1000, unit: 'collectors' },
  variants: { allocating: setupAllocating, optimized: setupOptimized },
});
