// The page's leak pass and the panel's GC rows, driven from Node with a simulated heap.
import { describe, it, expect } from 'vitest';
import { measureRetainedInPage, pageLeakPassSupport } from '../../src/sandbox/measureRetainedInPage.ts';
import { gcPanelRows } from '../../src/sandbox/gcPanelRows.ts';
import { createNodeProfiler } from '../../src/node/NodeProfiler.ts';
import { measureRun } from '../../src/node/measureRun.ts';
import { BrowserGcDetector } from '../../src/page/BrowserGcDetector.ts';
import { GcLog } from '../../src/profiler/GcLog.ts';
import { FrameRecorder } from '../../src/profiler/FrameRecorder.ts';

const gc = () => {};

describe('pageLeakPassSupport', () => {
  it('names the flag the page lacks', () => {
    expect(pageLeakPassSupport(true, {})).toEqual({
      available: false,
      reason: 'the page cannot force a GC: start Chromium with --js-flags=--expose-gc (npm run sandbox does)',
    });
    expect(pageLeakPassSupport(false, { gc })).toEqual({
      available: false,
      reason: 'the page cannot read exact heap sizes: start Chromium with --enable-precise-memory-info (npm run sandbox does)',
    });
    expect(pageLeakPassSupport(true, { gc })).toEqual({ available: true, reason: null });
  });
});

describe('measureRetainedInPage', () => {
  it('reads the heap between frames, drops the lead-in, and fits the growth', async () => {
    let frames = 0;
    const leaks = await measureRetainedInPage({
      precise: true,
      frames: 600,
      startFrame: 100,
      runFrames: async (n) => {
        frames += n;
      },
      // A heap that keeps 24 B per frame.
      readUsedHeap: () => 5_000_000 + 24 * frames,
    });
    // Ten lead-in readings one frame apart, then 20 intervals of 30 frames.
    expect(frames).toBe(10 + 600);
    expect(leaks).toMatchObject({ verdict: 'leak', bytesPerFrame: 24, intervals: 20, intervalsUsed: 20 });
    expect(leaks.pass).toEqual({ kind: 'separate', startFrame: 110, frames: 600, interval: 30 });
    expect(leaks.samples.every((s) => !s.jit)).toBe(true);
  });

  it('refuses, with the reason, where the page cannot run it', async () => {
    await expect(measureRetainedInPage({ precise: false, runFrames: async () => {} })).rejects.toThrow(
      'alloclab: no leak pass here: the page cannot read exact heap sizes',
    );
  });
});

describe("the page's GC log", () => {
  it('is marked as without durations, so reports do not read 0 ms as a measured pause', () => {
    const log = new GcLog();
    expect(log.durationsKnown).toBe(true);
    const meter = { kind: 'test', precise: true, sampleSize: 1, sample: () => {}, toBytes: () => 0 };
    new BrowserGcDetector(log, new FrameRecorder({ stampSize: 1, sampleSize: 1, frameCapacity: 16 }), meter);
    expect(log.durationsKnown).toBe(false);
  });
});

describe('gcPanelRows', () => {
  it("shows the run's GC report, and says what a page cannot measure instead of showing 0", async () => {
    const node = createNodeProfiler();
    const { result } = await measureRun(node, {
      scene: 'panel',
      variant: 'test',
      mode: 'production',
      frames: 100,
      warmup: 50,
      quietFrames: 0,
      step: () => {
        node.profiler.beginFrame(16.7);
        node.profiler.endFrame();
      },
    });
    const support = pageLeakPassSupport(true, { gc });
    const rows = gcPanelRows(result, support);
    expect(rows.map((r) => r.label)).toEqual([
      'GCs / 1,000 frames',
      'GC pause p50 / max',
      'frames > 16.7 ms',
      'frames between minor GCs',
      'retained / frame',
    ]);
    expect(rows[0]!.value).toBe('0 minor, 0 major, 0 other');
    expect(rows[4]!.value).toBe('not measured yet (leak pass: forced full GCs between frames)');
    // As a page reports it: GCs inferred without durations, no young generation size.
    const inPage = {
      ...result,
      gc: {
        ...result.gc,
        pausesTimed: false,
        pauseMs: null,
        minorGcSpacing: { youngGenerationBytes: null, predictedFrames: null, observedFrames: null },
      },
    };
    const pageRows = gcPanelRows(inPage, pageLeakPassSupport(true, {}));
    expect(pageRows[1]!.value).toBe('not timed in a page (GCs inferred from the heap)');
    expect(pageRows[3]!.value).toBe('predicted n/a (young generation size not readable in a page), observed none in 100 frames');
    expect(pageRows[4]!.value).toBe(
      'no leak pass: the page cannot force a GC: start Chromium with --js-flags=--expose-gc (npm run sandbox does)',
    );
  });
});
