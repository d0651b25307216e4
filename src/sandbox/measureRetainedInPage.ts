import {
  analyzeRetainedGrowth,
  planRetainedPass,
  LEAD_IN_READINGS,
  type LeaksResult,
  type RetainedSample,
} from '../profiler/retainedGrowth.ts';
import type { BrowserHost } from './BrowserHost.ts';

/** Whether the page can run the leak pass; if not, why, in words the panel shows. */
export interface PageLeakPassSupport {
  available: boolean;
  /** Why not (names the flag to start Chromium with), or null when available. */
  reason: string | null;
}

/** Chromium's `performance.memory`, read afresh each time (a saved object does not update). */
interface PerformanceWithMemory {
  readonly memory?: { readonly usedJSHeapSize: number };
}

/**
 * Can this page force a full GC and read the heap exactly? Both are needed: a page gets `gc()`
 * only when Chromium runs with `--js-flags=--expose-gc`, and exact heap sizes only with
 * `--enable-precise-memory-info` (`precise`: what `BrowserHeapMeter.calibrate()` found).
 */
export function pageLeakPassSupport(precise: boolean, scope: { gc?: unknown } = globalThis as { gc?: unknown }): PageLeakPassSupport {
  if (typeof scope.gc !== 'function') {
    return { available: false, reason: 'the page cannot force a GC: start Chromium with --js-flags=--expose-gc (npm run sandbox does)' };
  }
  if (!precise) {
    return {
      available: false,
      reason: 'the page cannot read exact heap sizes: start Chromium with --enable-precise-memory-info (npm run sandbox does)',
    };
  }
  return { available: true, reason: null };
}

/** Options of `measureRetainedInPage`. */
export interface PageLeakPassOptions {
  /** Resolves once `n` more frames have run; the pass reads the heap when it resolves, between frames. */
  runFrames(n: number): Promise<void>;
  /** True when heap readings are exact (`BrowserHeapMeter.precise` after `calibrate()`). */
  precise: boolean;
  /** Frames in the pass (default 1,200). */
  frames?: number;
  /** Frames between readings (default frames / 20). */
  interval?: number;
  thresholdBytesPerFrame?: number;
  /** Frames run before the pass (`pass.startFrame` adds the lead-in to it). */
  startFrame?: number;
  /** Reads the used JS heap (default: `performance.memory.usedJSHeapSize`). */
  readUsedHeap?: () => number;
}

/**
 * The leak pass in a page: between frames, every `interval` frames, forces a full GC (`gc()`) and
 * reads the used JS heap, then fits growth per frame (`analyzeRetainedGrowth`). Throws the
 * support's reason when the page cannot run it. A page cannot tell when the JIT wrote code, so
 * no interval is left out: readings are noisier than in Node, and a longer pass helps.
 *
 * The raw used size is read, not the heap meter's corrected figure: the meter subtracts what its
 * own reads allocate, and after a full GC that garbage is already gone.
 */
export async function measureRetainedInPage(options: PageLeakPassOptions): Promise<LeaksResult> {
  const scope = globalThis as { gc?: () => void };
  const support = pageLeakPassSupport(options.precise, scope);
  if (!support.available) throw new Error(`alloclab: no leak pass here: ${support.reason}`);
  const gc = scope.gc!;
  const read = options.readUsedHeap ?? (() => (performance as unknown as PerformanceWithMemory).memory!.usedJSHeapSize);
  const plan = planRetainedPass(options);
  const bytes = new Float64Array(plan.readings);
  for (let r = 0; r < LEAD_IN_READINGS + plan.readings; r++) {
    const i = r - LEAD_IN_READINGS;
    if (r > 0) await options.runFrames(i > 0 ? plan.interval : 1);
    gc();
    gc();
    bytes[Math.max(0, i)] = read();
  }
  const samples: RetainedSample[] = [];
  for (let i = 0; i < plan.readings; i++) samples.push({ frame: i * plan.interval, bytes: bytes[i]!, jit: false });
  const growth = analyzeRetainedGrowth(samples, { thresholdBytesPerFrame: options.thresholdBytesPerFrame });
  return {
    ...growth,
    pass: { kind: 'separate', startFrame: (options.startFrame ?? 0) + LEAD_IN_READINGS, frames: plan.frames, interval: plan.interval },
  };
}

/**
 * The leak pass on the sandbox's running scene: its frames run at the page's pace (resumed if
 * paused, for the duration). Rejects with the reason when the page cannot run it.
 */
export async function measureRetainedOnHost(host: BrowserHost, options: { frames?: number; interval?: number } = {}): Promise<LeaksResult> {
  const wasPaused = host.paused;
  host.paused = false;
  try {
    return await measureRetainedInPage({
      ...options,
      precise: host.profiled.meter.precise,
      startFrame: host.framesSinceLoad,
      runFrames: (n) => host.waitFrames(n),
    });
  } finally {
    host.paused = wasPaused;
  }
}
