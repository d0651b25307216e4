import { describe, it, expect } from 'vitest';
import { analyzeRetainedGrowth, DEFAULT_LEAK_THRESHOLD, type RetainedSample } from '../../src/profiler/retainedGrowth.ts';
import { tQuantile975 } from '../../src/profiler/studentT.ts';

/** Small seeded generator (mulberry32), so the noisy series are the same on every run. */
function random(seed: number): () => number {
  let state = seed | 0;
  return () => {
    let t = (state = (state + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Series {
  /** Retained growth per frame. */
  rate?: number;
  /** Uniform noise of +-noise bytes on each reading. */
  noise?: number;
  /** A one-off rise of `bytes` at frame `at`. */
  steps?: Array<{ at: number; bytes: number }>;
  /** Readings whose interval had JIT activity, with the bytes the JIT added. */
  jit?: Record<number, number>;
  /** Frames the growth starts at (default 0). */
  from?: number;
  readings?: number;
  interval?: number;
  seed?: number;
}

/** A synthetic pass: readings every `interval` frames of a heap with known growth. */
function series(options: Series): RetainedSample[] {
  const { rate = 0, noise = 0, steps = [], jit = {}, from = 0, readings = 21, interval = 60 } = options;
  const next = random(options.seed ?? 7);
  const samples: RetainedSample[] = [];
  let jitBytes = 0;
  for (let i = 0; i < readings; i++) {
    const frame = i * interval;
    jitBytes += jit[i] ?? 0;
    let bytes = 8_000_000 + rate * Math.max(0, frame - from) + jitBytes + (next() * 2 - 1) * noise;
    for (const step of steps) if (frame >= step.at) bytes += step.bytes;
    samples.push({ frame, bytes: Math.round(bytes), jit: i in jit });
  }
  return samples;
}

describe('analyzeRetainedGrowth on synthetic series of known growth', () => {
  it('0 B/frame: no leak, and the interval holds 0', () => {
    const flat = analyzeRetainedGrowth(series({ rate: 0, noise: 200 }));
    expect(flat.verdict).toBe('no-leak');
    expect(flat.ci95!.low).toBeLessThanOrEqual(0);
    expect(flat.ci95!.high).toBeGreaterThanOrEqual(0);
    expect(flat.ci95!.high).toBeLessThanOrEqual(DEFAULT_LEAK_THRESHOLD);
    expect(flat.reason).toMatch(/^at most [\d.]+ B\/frame kept with 95% confidence, within the 8 B\/frame threshold$/);
    // Readings that repeat to the byte (what quiet intervals read in Node): exactly 0, no spread.
    const exact = analyzeRetainedGrowth(series({ rate: 0 }));
    expect(exact).toMatchObject({ verdict: 'no-leak', bytesPerFrame: 0, ci95: { low: 0, high: 0 } });
  });

  it('a known 40 B/frame: a leak, fitted within its interval, which holds 40', () => {
    const leak = analyzeRetainedGrowth(series({ rate: 40, noise: 300 }));
    expect(leak.verdict).toBe('leak');
    expect(leak.bytesPerFrame!).toBeGreaterThan(38);
    expect(leak.bytesPerFrame!).toBeLessThan(42);
    expect(leak.ci95!.low).toBeLessThanOrEqual(40);
    expect(leak.ci95!.high).toBeGreaterThanOrEqual(40);
    for (const third of leak.thirdsBytesPerFrame) expect(third).toBeGreaterThan(DEFAULT_LEAK_THRESHOLD);
    expect(leak.reason).toBe('kept more than 8 B/frame with 95% confidence, and in each third of the pass');
    // Without noise the fit is exact.
    expect(analyzeRetainedGrowth(series({ rate: 40 }))).toMatchObject({ verdict: 'leak', bytesPerFrame: 40, ci95: { low: 40, high: 40 } });
  });

  it('a step: one rise of 100,000 B and flat otherwise is memory kept once, not a leak', () => {
    const step = analyzeRetainedGrowth(series({ steps: [{ at: 600, bytes: 100_000 }], noise: 100 }));
    expect(step.verdict).toBe('step');
    expect(step.steps).toHaveLength(1);
    expect(step.steps[0]!.fromFrame).toBe(540);
    expect(step.steps[0]!.toFrame).toBe(600);
    expect(Math.abs(step.steps[0]!.bytes - 100_000)).toBeLessThanOrEqual(200);
    expect(step.ci95!.high).toBeLessThanOrEqual(DEFAULT_LEAK_THRESHOLD);
    expect(step.reason).toMatch(
      /^\+[\d,.]+ B between frames 540 and 600, and at most [\d.]+ B\/frame otherwise \(95% confidence\): kept once, not per frame$/,
    );
    // Fitted over the whole pass, the step alone would read as ~83 B/frame of growth.
    const naive = analyzeRetainedGrowth(series({ steps: [{ at: 600, bytes: 100_000 }] }), { thresholdBytesPerFrame: 1000 });
    expect(naive.verdict).toBe('no-leak');
    expect(naive.bytesPerFrame!).toBeGreaterThan(50);
  });

  it('a steady leak with a step on top is still a leak', () => {
    const result = analyzeRetainedGrowth(series({ rate: 150, noise: 100, steps: [{ at: 420, bytes: 200_000 }] }));
    expect(result.verdict).toBe('leak');
  });

  it('leaves out intervals with JIT activity, their frames and their bytes', () => {
    const jit = { 3: 5000, 4: -3000, 11: 1200 };
    const flat = analyzeRetainedGrowth(series({ jit }));
    expect(flat).toMatchObject({ verdict: 'no-leak', bytesPerFrame: 0, intervals: 20, intervalsUsed: 17 });
    const leak = analyzeRetainedGrowth(series({ rate: 25, jit }));
    expect(leak).toMatchObject({ verdict: 'leak', bytesPerFrame: 25 });
    // Counted in, the same JIT bytes would make a flat heap look like growth.
    const counted = analyzeRetainedGrowth(series({ jit }).map((s) => ({ ...s, jit: false })));
    expect(counted.bytesPerFrame).not.toBe(0);
  });

  it('growth under the threshold is no leak at that threshold, and a leak at a lower one', () => {
    const samples = series({ rate: 4, noise: 50 });
    expect(analyzeRetainedGrowth(samples).verdict).toBe('no-leak');
    expect(analyzeRetainedGrowth(samples, { thresholdBytesPerFrame: 2 }).verdict).toBe('leak');
  });

  it('is inconclusive, and says why, when growth starts late in the pass', () => {
    const late = analyzeRetainedGrowth(series({ rate: 200, from: 840 }));
    expect(late.verdict).toBe('inconclusive');
    expect(late.reason).toMatch(/not in every third of the pass .*run a longer pass$/);
  });

  it('is inconclusive when the heap swings far more than it could grow', () => {
    const swinging = analyzeRetainedGrowth(series({ noise: 60_000, seed: 3 }));
    expect(swinging.verdict).toBe('inconclusive');
    expect(swinging.reason).toMatch(/includes the 8 B\/frame threshold: the readings vary too much to decide; run a longer pass$/);
  });

  it('is inconclusive with too few intervals without JIT activity', () => {
    const result = analyzeRetainedGrowth(series({ rate: 500, jit: { 1: 0, 2: 0, 3: 0 }, readings: 8 }));
    expect(result).toMatchObject({ verdict: 'inconclusive', intervals: 7, intervalsUsed: 4 });
    expect(result.reason).toBe('only 4 of 7 intervals had no JIT activity (6 needed): run a longer pass');
  });

  it('rejects readings out of frame order and a negative threshold', () => {
    const samples = series({});
    expect(() => analyzeRetainedGrowth([samples[1]!, samples[0]!, ...samples.slice(2)])).toThrow('readings must be in frame order');
    expect(() => analyzeRetainedGrowth(samples, { thresholdBytesPerFrame: -1 })).toThrow('threshold must be a number >= 0');
  });
});

describe('tQuantile975', () => {
  it('matches the table and approaches the normal quantile', () => {
    expect(tQuantile975(1)).toBe(12.706);
    expect(tQuantile975(19)).toBe(2.093);
    // Beyond the table: t(0.975, 40) = 2.0211, t(0.975, 120) = 1.9799.
    expect(tQuantile975(40)).toBeCloseTo(2.0211, 3);
    expect(tQuantile975(120)).toBeCloseTo(1.9799, 3);
    expect(() => tQuantile975(0)).toThrow('df must be >= 1');
  });
});
