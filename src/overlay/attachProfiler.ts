import { createBrowserProfiler, type BrowserProfiler } from '../page/BrowserProfiler.ts';
import { RafTurns } from '../page/RafTurns.ts';
import { FrameCollector } from '../profiler/FrameCollector.ts';
import { adoptPublishedSites } from '../profiler/sites/runtime.ts';
import { buildRunResult } from '../profiler/buildRunResult.ts';
import type { RunResult } from '../profiler/RunResult.ts';
import type { AllocLabHandle } from '../panel/automation.ts';
import type { FrameStats } from '../panel/gc-alloc-model.ts';
import { ProfilerOverlay } from './overlay.ts';

/** The part of a pixi.js `Ticker` the profiler uses (pixi.js 8). */
export interface TickerLike {
  readonly deltaMS: number;
  add(fn: (ticker: any) => void, context?: unknown, priority?: number): unknown;
  remove(fn: (ticker: any) => void, context?: unknown): unknown;
}

/** Options of `attachProfiler`. */
export interface AttachOptions {
  /** Measure each tick of this pixi.js Ticker (e.g. `app.ticker`); without it, each requestAnimationFrame turn of the page. */
  ticker?: TickerLike;
  /** Show the overlay (default true). */
  overlay?: boolean;
  /** Where the overlay goes (default document.body). */
  parent?: HTMLElement;
  /** Install `window.alloclab` (default true). */
  automation?: boolean;
}

/** An attached profiler: its recorder, the overlay, and `detach()`. */
export interface AttachedProfiler {
  readonly profiled: BrowserProfiler;
  readonly overlay: ProfilerOverlay | null;
  /** The newest frame. */
  stats(): FrameStats;
  /** Measures the next `frames` frames (after `warmup` more, default 0): the CLI's JSON `runs[i]`. */
  summary(frames: number, options?: { warmup?: number }): Promise<RunResult>;
  /** Stops measuring, removes the overlay and `window.alloclab`, and gives the loop back untouched. */
  detach(): void;
}

// Around everything pixi.js registers (its highest is 50, its lowest -50).
const FIRST = Number.MAX_SAFE_INTEGER;
const LAST = Number.MIN_SAFE_INTEGER;
const DRAIN_EVERY = 60;

/**
 * Measures each frame of an existing game loop with the page's heap meter and shows the GC Alloc
 * overlay. Add markers around your own systems with `ProfilerMarker` (from 'alloclab'): they
 * nest in the frame and show in the expanded panel. Byte figures need Chromium started with
 * --enable-precise-memory-info; without it the overlay says so and shows times and GCs only.
 *
 * @example
 * import { attachProfiler } from 'alloclab/browser';
 * const app = new Application();
 * await app.init();
 * const attached = attachProfiler({ ticker: app.ticker });
 * // later: attached.detach();
 */
export function attachProfiler(options: AttachOptions = {}): AttachedProfiler {
  // The game's allocation-site counters, when its instrumented modules loaded another copy of the runtime.
  adoptPublishedSites();
  const profiled = createBrowserProfiler();
  const { profiler, gcDetector, gcLog, meter, clock } = profiled;
  profiler.start();
  // Called after each frame's end, outside it: a summary being collected drains here.
  let afterFrame: (() => void) | null = null;
  const end = (): void => {
    profiler.endFrame();
    gcDetector.afterFrame();
    if (afterFrame !== null) afterFrame();
  };

  let release: () => void;
  const ticker = options.ticker;
  if (ticker !== undefined) {
    const begin = (): void => profiler.beginFrame(ticker.deltaMS);
    ticker.add(begin, null, FIRST);
    ticker.add(end, null, LAST);
    release = () => {
      ticker.remove(begin, null);
      ticker.remove(end, null);
    };
  } else {
    let last = -1;
    const turns = new RafTurns(window, {
      beginTurn(timestamp) {
        // Before the frame begins: storing a double in a closure variable allocates a heap number.
        const dt = last < 0 ? 0 : timestamp - last;
        last = timestamp;
        profiler.beginFrame(dt);
      },
      endTurn: end,
    });
    turns.install();
    release = () => turns.uninstall();
  }

  function summary(frames: number, summaryOptions: { warmup?: number } = {}): Promise<RunResult> {
    if (afterFrame !== null) return Promise.reject(new Error('attachProfiler: a summary is already being collected'));
    let skip = Math.max(0, Math.floor(summaryOptions.warmup ?? 0));
    const total = Math.max(1, Math.floor(frames));
    let collector: FrameCollector | null = null;
    let seen = 0;
    return new Promise<RunResult>((resolve) => {
      afterFrame = () => {
        if (skip > 0) {
          skip--;
          return;
        }
        if (collector === null) {
          // Made after this frame ended: it collects from the next one on.
          collector = new FrameCollector(profiler.recorder, clock, meter);
          return;
        }
        seen++;
        if (seen % DRAIN_EVERY === 0 || seen >= total) collector.drain();
        if (seen < total) return;
        afterFrame = null;
        resolve(
          buildRunResult(
            collector,
            gcLog,
            meter,
            {
              scene: location.href,
              variant: 'page',
              mode: 'production',
              size: null,
              warmup: summaryOptions.warmup ?? 0,
              jitSettled: false,
              refusedMarkerEvents: 0,
              offHeap: null,
              estimateEngine: 'chromium',
            },
            { keepPerFrame: true },
          ),
        );
      };
    });
  }

  const overlay = options.overlay === false ? null : new ProfilerOverlay(profiled, options.parent, (frames) => summary(frames));
  const model = overlay?.model ?? null;

  const stats = (): FrameStats => {
    if (model !== null) return model.latest();
    const rec = profiler.recorder;
    const seq = rec.latestSeq;
    if (seq < 0) return { frame: -1, bytes: null, ms: 0, gc: false, gcCount: gcDetector.count };
    const row = seq % rec.frameCapacity;
    const bytes = rec.frameBytes(seq, meter);
    return {
      frame: seq,
      bytes: meter.precise && bytes >= 0 ? bytes : null,
      ms: rec.rowStampEnd[row * rec.stampSize]! - rec.rowStampStart[row * rec.stampSize]!,
      gc: gcDetector.flagsOf(seq) !== 0,
      gcCount: gcDetector.count,
    };
  };

  const handle: AllocLabHandle = {
    scenes: [],
    precise: meter.precise,
    current: () => null,
    load: () => Promise.reject(new Error('window.alloclab.load: this page runs its own game (attachProfiler), not AllocLab scenes')),
    stats,
    summary,
  };
  const automation = options.automation !== false;
  if (automation) {
    window.alloclab = handle;
    document.documentElement.dataset.alloclab = 'ready';
  }

  return {
    profiled,
    overlay,
    stats,
    summary,
    detach() {
      release();
      afterFrame = null;
      if (profiler.inFrame) profiler.endFrame();
      profiler.stop();
      overlay?.destroy();
      if (automation && window.alloclab === handle) {
        delete window.alloclab;
        delete document.documentElement.dataset.alloclab;
      }
    },
  };
}
