import { setImmediate as nextTurn } from 'node:timers/promises';
import {
  analyzeRetainedGrowth,
  planRetainedPass,
  LEAD_IN_READINGS,
  type LeaksResult,
  type RetainedSample,
} from '../profiler/retainedGrowth.ts';
import { NodeHeapMeter } from './NodeHeapMeter.ts';

export { DEFAULT_LEAK_FRAMES, LEAK_INTERVALS } from '../profiler/retainedGrowth.ts';

/** Options of a leak pass. */
export interface RetainedPassOptions {
  /** Frames to run (default `DEFAULT_LEAK_FRAMES`, 1,200). */
  frames?: number;
  /** Frames between readings (default frames / `LEAK_INTERVALS`, 20). */
  interval?: number;
  /** Growth per frame that counts as a leak (default `DEFAULT_LEAK_THRESHOLD`, 8 B). */
  thresholdBytesPerFrame?: number;
}

/** What `measureRetained` needs besides the options. */
export interface MeasureRetainedOptions extends RetainedPassOptions {
  /** Frames the world has run before the pass (`pass.startFrame` adds the lead-in to it). */
  startFrame?: number;
}

/** The pass's own frame loop, kept apart so that its compilation is its own. */
function runFrames(step: () => void, n: number): void {
  for (let i = 0; i < n; i++) step();
}

/**
 * The retained-growth detector's pass in Node: runs `step` (one frame per call) and, every
 * `interval` frames, lets the event loop turn, forces a full GC and reads the used heap (less the
 * JIT's code spaces), then fits growth per frame (`analyzeRetainedGrowth`). An interval in which
 * the JIT wrote code is left out; a one-off rise that falls in one (a path taken for the first
 * time makes V8 deoptimise and recompile) is not seen.
 *
 * Run it after measuring a run, never during: the forced GCs would disturb byte and GC figures.
 * The result says so (`pass.kind: 'separate'`). Nothing but frames and readings should run during
 * the pass: whatever else keeps memory for a while reads as growth (a progress message sent to the
 * CLI at each reading was seen adding 184 B to 552 B in early intervals). Needs Node started with
 * --expose-gc and --expose-internals (the CLI and `execArgv()` do this).
 *
 * @example
 * const leaks = await measureRetained(() => clock.step(), { frames: 1200 });
 * leaks.verdict; // 'leak' | 'no-leak' | 'step' | 'inconclusive'
 */
export async function measureRetained(step: () => void, options: MeasureRetainedOptions = {}): Promise<LeaksResult> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (typeof gc !== 'function')
    throw new Error('alloclab: the leak pass forces GCs and needs Node started with --expose-gc (the alloclab CLI and execArgv() add it)');
  const plan = planRetainedPass(options);
  const meter = new NodeHeapMeter();
  const size = meter.sampleSize;
  const buffer = new Float64Array(plan.readings * size);
  for (let r = 0; r < LEAD_IN_READINGS + plan.readings; r++) {
    const i = r - LEAD_IN_READINGS;
    if (r > 0) runFrames(step, i > 0 ? plan.interval : 1);
    // Between frames, as a game's host loop does: pending timers, promise jobs and finalizers run,
    // so what they would release is not read as kept.
    await nextTurn();
    // Twice: what the first GC's weak callbacks and finalizers release, the second one frees.
    gc();
    gc();
    // Lead-in readings land in slot 0, which the first kept reading overwrites.
    meter.sample(buffer, Math.max(0, i) * size);
  }
  const samples: RetainedSample[] = [];
  for (let i = 0; i < plan.readings; i++) {
    const jit = i > 0 && meter.jitBetween(buffer, (i - 1) * size, buffer, i * size);
    samples.push({ frame: i * plan.interval, bytes: meter.toBytes(buffer, i * size), jit });
  }
  const growth = analyzeRetainedGrowth(samples, { thresholdBytesPerFrame: options.thresholdBytesPerFrame });
  return {
    ...growth,
    pass: { kind: 'separate', startFrame: (options.startFrame ?? 0) + LEAD_IN_READINGS, frames: plan.frames, interval: plan.interval },
  };
}
