/** Scene "events": event objects and deferred chains per frame vs a ring of reused events and a coroutine. */
import { defineScene } from '../../src/index.ts';
import { setupAllocating } from './allocating.ts';
import { setupOptimized } from './optimized.ts';

/** Pulses from emitters to listeners, and a delayed validation of each frame's points. */
export default defineScene({
  name: 'events',
  description:
    'Streams and deferreds: preallocated events in a bounded ring and a coroutine instead of an event object per emit and a deferred chain per frame',
  source: 'The promise of deferred in JQ asynchronous programming (seeds/002); Response flow (seeds/003)',
  size: { default: 120, min: 8, max: 1000, unit: 'emitters' },
  variants: { allocating: setupAllocating, optimized: setupOptimized },
});
