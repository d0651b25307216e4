import type { AttributionResult } from '../profiler/AttributionResult.ts';

/**
 * What the overlay's "Sample 300 frames" and the dev server's sampling endpoint (`alloclabSampling`
 * from 'alloclab/vite') say to each other, as JSON over POST.
 */
export const SAMPLING_ENDPOINT = '/__alloclab/sampling';

/** Frames the overlay samples. */
export const SAMPLED_FRAMES = 300;

/** Start sampling the tab at `url`; stop, and fold what was sampled over `frames` frames. */
export type SamplingRequest = { action: 'start'; url: string } | { action: 'stop'; frames: number; measuredBytesPerFrame: number | null };

/** Started, a result (`measuredBytesPerFrame` null when the page had no byte figure), or one line saying what is wrong. */
export type SamplingReply =
  | { ok: true; attribution?: Omit<AttributionResult, 'measuredBytesPerFrame'> & { measuredBytesPerFrame: number | null } }
  | { ok: false; error: string };
