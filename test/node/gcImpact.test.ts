import { describe, it, expect } from 'vitest';
import { getHeapSpaceStatistics } from 'node:v8';
import { performance } from 'node:perf_hooks';
import { createNodeProfiler } from '../../src/node/NodeProfiler.ts';
import { measureRun } from '../../src/node/measureRun.ts';
import { FRAME_BUDGET_MS } from '../../src/profiler/gcImpact.ts';

const gc = (globalThis as { gc?: () => void }).gc!;
let sink: unknown = null;

function busy(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // waiting inside the frame, as a slow frame does
  }
}

describe('GC impact of a measured run', () => {
  it('predicts frames between minor GCs from the young generation and the bytes per frame, beside the observed figure', async () => {
    const node = createNodeProfiler();
    const { profiler } = node;
    const { result } = await measureRun(node, {
      scene: 'garbage',
      variant: 'test',
      mode: 'production',
      frames: 2000,
      warmup: 300,
      quietFrames: 0,
      step: () => {
        profiler.beginFrame(16.7);
        // 64 KB of garbage per frame, none of it kept: each minor GC finds the young generation full of it.
        sink = new Array(8192).fill(0);
        profiler.endFrame();
      },
    });
    const young = getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')!;
    const spacing = result.gc.minorGcSpacing;
    // V8's own figure, not a constant: the new space's capacity as V8 reports it, averaged over
    // the measured frames (V8 may have grown it since the first of them, never past its size now).
    expect(spacing.youngGenerationBytes).toBeGreaterThan(0);
    expect(spacing.youngGenerationBytes).toBeLessThanOrEqual(young.space_used_size + young.space_available_size);
    expect(spacing.predictedFrames).toBeCloseTo(spacing.youngGenerationBytes! / result.bytesPerFrame.mean, 6);
    expect(result.gc.minor).toBeGreaterThan(2);
    expect(spacing.observedFrames).toBeCloseTo(2000 / result.gc.minor, 6);
    // With nothing surviving, the rule of thumb holds: observed within a factor of 2 of predicted.
    expect(spacing.observedFrames! / spacing.predictedFrames!).toBeGreaterThan(0.5);
    expect(spacing.observedFrames! / spacing.predictedFrames!).toBeLessThan(2);
    expect(result.gc.per1000FramesByKind.minor).toBeCloseTo((result.gc.minor * 1000) / 2000, 9);
    expect(result.gc.pauseMs!.p50).toBeGreaterThan(0);
    expect(result.gc.pauseMs!.max).toBe(result.gc.maxMs);
    expect(sink).not.toBeNull();
  });

  it('counts frames over the 16.7 ms budget and those of them with a GC inside', async () => {
    const node = createNodeProfiler();
    const { profiler } = node;
    let frame = 0;
    const WARMUP = 100;
    const { result, frames } = await measureRun(node, {
      scene: 'slow-frames',
      variant: 'test',
      mode: 'production',
      frames: 300,
      warmup: WARMUP,
      quietFrames: 0,
      step: () => {
        profiler.beginFrame(16.7);
        const measured = frame++ - WARMUP;
        if (measured === 50 || measured === 150) {
          gc();
          busy(20);
        } else if (measured === 250) {
          busy(20);
        }
        profiler.endFrame();
      },
    });
    const over = frames.startMs.map((start, i) => frames.endMs[i]! - start).filter((ms) => ms > FRAME_BUDGET_MS).length;
    expect(result.gc.overBudget.frames).toBe(over);
    expect(result.gc.overBudget.frames).toBeGreaterThanOrEqual(3);
    expect(result.gc.overBudget.withGc).toBeGreaterThanOrEqual(2);
    expect(result.gc.overBudget.withGc).toBeLessThanOrEqual(result.gc.overBudget.frames);
    const majorFrames = result.gc.events.filter((e) => e.kind === 'major').map((e) => e.frame);
    expect(majorFrames).toEqual(expect.arrayContaining([50, 150]));
    expect(result.gc.overBudget.budgetMs).toBe(1000 / 60);
  });
});
