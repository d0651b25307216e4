import { defineScene } from '../../src/index.ts';
import { setupAllocating } from './allocating.ts';
import { setupOptimized } from './optimized.ts';

/** hud-text: HUD strings rebuilt every frame vs static labels and precomputed value strings. */
export default defineScene({
  name: 'hud-text',
  description: 'HUD text rebuilt by concatenation every frame vs static labels and cached value strings',
  source: 'Optimizing garbage collection in Unity games (seeds/001); PHP execution principle (seeds/004)',
  size: { default: 12, min: 1, max: 48, unit: 'racers (one HUD line each)' },
  variants: { allocating: setupAllocating, optimized: setupOptimized },
});
