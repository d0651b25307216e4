import { describe, it, expect } from 'vitest';
import { createNodeProfiler } from '../../src/node/NodeProfiler.ts';
import { measureRun, REQUEST_OPTIMIZATION_AFTER_QUIET } from '../../src/node/measureRun.ts';
import { FrameCollector } from '../../src/profiler/FrameCollector.ts';
import { assertMode, currentMode } from '../../src/node/modes.ts';
import { isOptimizedOrGivenUp, nodeNatives } from '../../src/node/optimisationStatus.ts';

// 64 KB per frame kept alive for a while: minor GCs happen every few dozen frames.
const ring: unknown[] = new Array(256).fill(null);
let slot = 0;

describe('measureRun', () => {
  it('attributes GC events to the frames they happened in, and leaves those frames out of byte figures', async () => {
    const node = createNodeProfiler();
    const { profiler } = node;
    const { result, frames } = await measureRun(node, {
      scene: 'gc-heavy',
      variant: 'test',
      mode: 'production',
      frames: 600,
      warmup: 100,
      quietFrames: 0,
      keepPerFrame: true,
      step: () => {
        profiler.beginFrame(16.7);
        ring[slot++ & 255] = new Array(8192).fill(0.5);
        profiler.endFrame();
      },
    });
    expect(result.gc.minor).toBeGreaterThan(0);
    const inFrames = result.gc.events.filter((e) => e.frame >= 0);
    expect(inFrames.length).toBeGreaterThan(0);
    for (const event of inFrames) {
      expect(frames.bytes[event.frame]).toBeNaN();
      expect(event.atMs).toBeGreaterThanOrEqual(frames.startMs[event.frame]!);
      expect(event.atMs).toBeLessThanOrEqual(frames.endMs[event.frame]!);
      expect(event.durationMs).toBeGreaterThan(0);
    }
    expect(result.gcFrames).toBeGreaterThanOrEqual(new Set(inFrames.map((e) => e.frame)).size);
    expect(result.gc.totalMs).toBeGreaterThan(0);
    expect(result.gc.maxMs).toBeLessThanOrEqual(result.gc.totalMs);
    expect(result.gc.per1000Frames).toBeCloseTo((result.gc.events.length * 1000) / 600, 9);
    // A Float64 array of 8,192 elements: 65,536 B of elements plus a small header, every frame.
    expect(result.bytesPerFrame.median).toBeGreaterThanOrEqual(65_536);
    expect(result.bytesPerFrame.median).toBeLessThan(65_536 + 256);
  });

  it('counts frames lost when the ring wraps before a consumer drains it', () => {
    const { profiler, clock, meter } = createNodeProfiler({ frameCapacity: 50 });
    const collector = new FrameCollector(profiler.recorder, clock, meter);
    for (let i = 0; i < 30; i++) {
      profiler.beginFrame(16);
      profiler.endFrame();
    }
    collector.drain();
    expect(collector.frames).toBe(30);
    for (let i = 0; i < 120; i++) {
      profiler.beginFrame(16);
      profiler.endFrame();
    }
    collector.drain();
    // 150 frames written; the ring keeps the newest 50, so 70 of the undrained 120 were lost.
    expect(collector.frames).toBe(80);
    expect(collector.dropped).toBe(70);
  });

  it('refuses to measure in a mode this process was not started for, naming the flags', () => {
    expect(currentMode()).toBe('production');
    expect(() => assertMode('deterministic')).toThrow(
      'alloclab: deterministic mode needs Node started with --expose-internals --expose-gc --no-allocation-site-pretenuring --no-opt --no-maglev',
    );
  });
});

describe('warm-up waits for the frame functions to be optimised (production mode)', () => {
  it('goes on until V8 optimised them, then measures', async () => {
    const node = createNodeProfiler();
    const { profiler } = node;
    const frameWork = (x: number): number => (x * 31 + 7) | 0;
    let state = 0;
    const { result } = await measureRun(node, {
      scene: 'tier-up',
      variant: 'test',
      mode: 'production',
      frames: 50,
      warmup: 1,
      quietFrames: 1,
      maxWarmup: 200_000,
      frameFunctions: () => [frameWork],
      step: () => {
        profiler.beginFrame(16.7);
        state = frameWork(state);
        profiler.endFrame();
      },
    });
    expect(isOptimizedOrGivenUp(frameWork)).toBe(true);
    // Called once a frame, V8 optimises it after some hundreds of calls: not after one quiet frame.
    expect(result.warmup).toBeGreaterThan(100);
    expect(result.jitSettled).toBe(true);
  });

  it('waits for TurboFan when a frame function sits in Maglev code (which boxes doubles TurboFan keeps in registers)', async () => {
    const node = createNodeProfiler();
    const { profiler } = node;
    const inMaglev = (x: number): number => (x * 17 + 3) | 0;
    nodeNatives();
    const toMaglev = new Function('fn', '%PrepareFunctionForOptimization(fn); %OptimizeMaglevOnNextCall(fn);');
    // Called enough times first for V8 to give it a feedback vector, which Maglev needs.
    let state = 0;
    for (let i = 0; i < 20; i++) state = inMaglev(state);
    toMaglev(inMaglev);
    state = inMaglev(state);
    expect(isOptimizedOrGivenUp(inMaglev)).toBe(true);
    expect(isOptimizedOrGivenUp(inMaglev, 'turbofan')).toBe(false);
    const { result } = await measureRun(node, {
      scene: 'maglev',
      variant: 'test',
      mode: 'production',
      frames: 10,
      warmup: 1,
      quietFrames: 1,
      maxWarmup: 20_000,
      frameFunctions: () => [inMaglev],
      step: () => {
        profiler.beginFrame(16.7);
        state = inMaglev(state);
        profiler.endFrame();
      },
    });
    // V8 alone keeps a function called once a frame in Maglev for thousands of frames; the warm-up
    // asks for TurboFan after 1,000 JIT-quiet frames.
    expect(isOptimizedOrGivenUp(inMaglev, 'turbofan')).toBe(true);
    expect(result.jitSettled).toBe(true);
  });

  it('settles when a frame function is not called itself (V8 inlined it into its optimised caller), once a request to optimise it went unanswered for a frame', async () => {
    const node = createNodeProfiler();
    const { profiler } = node;
    // Stands for an update() inlined into the engine's optimised loop: its own code never runs again.
    const notCalled = (): number => 1;
    const { result } = await measureRun(node, {
      scene: 'inlined',
      variant: 'test',
      mode: 'production',
      frames: 10,
      warmup: 1,
      quietFrames: 1,
      maxWarmup: 20_000,
      frameFunctions: () => [notCalled],
      step: () => {
        profiler.beginFrame(16.7);
        profiler.endFrame();
      },
    });
    expect(isOptimizedOrGivenUp(notCalled)).toBe(false);
    // Asked for after 1,000 JIT-quiet frames, and still not optimised one frame later.
    expect(result.warmup).toBeGreaterThan(REQUEST_OPTIMIZATION_AFTER_QUIET);
    expect(result.warmup).toBeLessThan(10_000);
    expect(result.jitSettled).toBe(true);
  });

  it('stops at maxWarmup, and says the warm-up did not settle, when a function never gets optimised', async () => {
    const node = createNodeProfiler();
    const { profiler } = node;
    const neverCalled = (): number => 1;
    const { result } = await measureRun(node, {
      scene: 'never',
      variant: 'test',
      mode: 'production',
      frames: 10,
      warmup: 1,
      quietFrames: 1,
      maxWarmup: 300,
      frameFunctions: () => [neverCalled],
      step: () => {
        profiler.beginFrame(16.7);
        profiler.endFrame();
      },
    });
    expect(isOptimizedOrGivenUp(neverCalled)).toBe(false);
    expect(result.warmup).toBe(300);
    expect(result.jitSettled).toBe(false);
  });
});
