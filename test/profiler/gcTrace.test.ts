import { describe, it, expect } from 'vitest';
import { performance } from 'node:perf_hooks';
import { createNodeProfiler } from '../../src/node/NodeProfiler.ts';
import { measureRun } from '../../src/node/measureRun.ts';
import { toChromeTrace, type TraceEvent } from '../../src/profiler/exports/chromeTrace.ts';

const gc = (globalThis as { gc?: () => void }).gc!;

describe('Chrome trace: GC impact', () => {
  it('holds the GC impact report and marks the frames over budget, with or without a GC inside', async () => {
    const node = createNodeProfiler();
    const { profiler } = node;
    let frame = 0;
    const measured = await measureRun(node, {
      scene: 'trace-gc',
      variant: 'test',
      mode: 'production',
      frames: 200,
      warmup: 100,
      quietFrames: 0,
      step: () => {
        profiler.beginFrame(16.7);
        const n = frame++ - 100;
        if (n === 40) gc();
        if (n === 40 || n === 120) {
          const end = performance.now() + 20;
          while (performance.now() < end) {
            // a slow frame
          }
        }
        profiler.endFrame();
      },
    });
    const events = JSON.parse(JSON.stringify(toChromeTrace([measured]))).traceEvents as TraceEvent[];
    const summary = events.find((e) => e.name === 'GC impact')!;
    expect(summary).toMatchObject({ ph: 'i', s: 'p', pid: 1, tid: 2 });
    expect(summary.args).toMatchObject({
      per1000FramesByKind: measured.result.gc.per1000FramesByKind,
      overBudget: measured.result.gc.overBudget,
      minorGcSpacing: measured.result.gc.minorGcSpacing,
    });
    const over = events.filter((e) => e.name === 'Over budget');
    expect(over).toHaveLength(measured.result.gc.overBudget.frames);
    const byFrame = new Map(over.map((e) => [e.args!.frame as number, e]));
    expect(byFrame.get(40)!.args).toMatchObject({ gcInFrame: true });
    expect(byFrame.get(120)!.args).toMatchObject({ gcInFrame: false });
    expect(byFrame.get(40)!.ts).toBe(measured.frames.startMs[40]! * 1000);
    expect(byFrame.get(40)!.args!.ms as number).toBeGreaterThan(16.7);
  });
});
