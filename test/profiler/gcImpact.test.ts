import { describe, it, expect } from 'vitest';
import { gcImpact, FRAME_BUDGET_MS, type GcImpactInput } from '../../src/profiler/gcImpact.ts';

function input(overrides: Partial<GcImpactInput> = {}): GcImpactInput {
  const frameMs = new Array(1000).fill(1);
  frameMs[5] = 20;
  frameMs[50] = 17;
  frameMs[500] = 40;
  // Exactly the budget is not over it.
  frameMs[600] = FRAME_BUDGET_MS;
  return {
    frames: 1000,
    frameMs,
    gcFrames: new Set([5, 7, 50]),
    events: [
      { kind: 'minor', durationMs: 1 },
      { kind: 'minor', durationMs: 3 },
      { kind: 'major', durationMs: 10 },
      { kind: 'minor', durationMs: 2 },
      { kind: 'incremental', durationMs: 0.5 },
    ],
    bytesPerFrame: 1024,
    youngGenerationBytes: 4 * 1024 * 1024,
    pausesTimed: true,
    ...overrides,
  };
}

describe('gcImpact', () => {
  it('counts GCs per 1,000 frames by kind, pauses, frames over budget and those with a GC', () => {
    expect(gcImpact(input())).toEqual({
      per1000FramesByKind: { minor: 3, major: 1, other: 1 },
      pausesTimed: true,
      // Sorted pauses 0.5, 1, 2, 3, 10: nearest-rank median is the third.
      pauseMs: { p50: 2, max: 10 },
      overBudget: { budgetMs: 1000 / 60, frames: 3, withGc: 2 },
      minorGcSpacing: { youngGenerationBytes: 4_194_304, predictedFrames: 4096, observedFrames: 1000 / 3 },
    });
  });

  it('scales per 1,000 frames to the run length', () => {
    expect(gcImpact(input({ frames: 500, frameMs: new Array(500).fill(1) })).per1000FramesByKind).toEqual({ minor: 6, major: 2, other: 2 });
  });

  it('reports no pause figures when the host cannot time pauses, or no GC ran', () => {
    expect(gcImpact(input({ pausesTimed: false })).pauseMs).toBeNull();
    const none = gcImpact(input({ events: [] }));
    expect(none.pauseMs).toBeNull();
    expect(none.minorGcSpacing.observedFrames).toBeNull();
  });

  it('predicts no spacing without a young generation size, or when nothing is allocated', () => {
    expect(gcImpact(input({ youngGenerationBytes: null })).minorGcSpacing.predictedFrames).toBeNull();
    expect(gcImpact(input({ bytesPerFrame: 0 })).minorGcSpacing.predictedFrames).toBeNull();
    expect(gcImpact(input({ bytesPerFrame: Number.NaN })).minorGcSpacing.predictedFrames).toBeNull();
  });
});
