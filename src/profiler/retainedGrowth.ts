import { tQuantile975 } from './studentT.ts';

/**
 * The retained-growth detector's arithmetic: from readings of the heap taken after a forced full
 * GC at regular frame intervals, fit how many bytes the program keeps per frame, with a 95%
 * confidence interval, and give a verdict. Pure: the readings come from a host (Node, a page).
 *
 * Why readings after a full GC: what a full GC leaves is what is still reachable, so growth
 * between two readings is memory kept, not memory allocated; an allocating loop that keeps
 * nothing reads flat.
 *
 * The model is "retained = baseline + rate x frame + bounded noise", fitted by least squares on
 * the readings. An interval in which the JIT wrote code is left out, its frames as well as its
 * bytes (V8 keeps compiled code's metadata in the heap: seen -5 KB to +5 KB in such intervals),
 * so the rate is growth per frame of the intervals left. The verdict against a threshold:
 * - `no-leak`: the 95% interval's upper end is at most the threshold;
 * - `leak`: its lower end is above the threshold and the heap grew by more than the threshold
 *   per frame in each third of the pass (steady growth, not one rise);
 * - `step`: with at most two rises taken out, the rest is `no-leak` (a cache filled once, a
 *   container that doubled: memory kept once, not per frame);
 * - `inconclusive`: none of these; the reason says what to do (usually: a longer pass).
 */

/** One reading of the retained heap: after a forced full GC, between two frames. */
export interface RetainedSample {
  /** Frames run in the pass before this reading. */
  frame: number;
  /** Used heap after the GC, in bytes (Node: the JIT's code spaces left out). */
  bytes: number;
  /** True when the JIT wrote code since the previous reading: the interval up to here is left out. */
  jit: boolean;
}

export type LeakVerdict = 'leak' | 'no-leak' | 'step' | 'inconclusive';

/** A rise of the retained heap between two readings that the `step` verdict took out. */
export interface RetainedStep {
  fromFrame: number;
  toFrame: number;
  bytes: number;
}

/** What the detector concluded from a series of readings. */
export interface RetainedGrowth {
  verdict: LeakVerdict;
  /** One line: why this verdict. */
  reason: string;
  thresholdBytesPerFrame: number;
  /**
   * Fitted retained growth in bytes per frame (for `step`: with the steps taken out), or null when
   * too few intervals were left to fit.
   */
  bytesPerFrame: number | null;
  /** 95% confidence interval of `bytesPerFrame`. */
  ci95: { low: number; high: number } | null;
  /** Growth per frame in each third of the pass (intervals left in only). */
  thirdsBytesPerFrame: number[];
  /** Rises taken out for the `step` verdict (empty otherwise). */
  steps: RetainedStep[];
  /** Intervals between readings, and how many were left after those with JIT activity. */
  intervals: number;
  intervalsUsed: number;
  samples: RetainedSample[];
}

/** How a run's retained-growth readings were taken. */
export interface RetainedPass {
  /**
   * `separate`: frames run after the measured ones, with forced full GCs between them; none of
   * them is in the run's byte, GC or frame-time figures, which the GCs would disturb.
   */
  kind: 'separate';
  /** Frames the world had run when the pass began (warm-up and measured frames included). */
  startFrame: number;
  /** Frames run in the pass. */
  frames: number;
  /** Frames between readings. */
  interval: number;
}

/** A run's `leaks` field: the detector's findings and how its readings were taken. */
export interface LeaksResult extends RetainedGrowth {
  pass: RetainedPass;
}

/** Frames in a leak pass by default: 20 s of game at 60 fps. */
export const DEFAULT_LEAK_FRAMES = 1200;
/** Intervals a pass is cut into by default (readings: one more). */
export const LEAK_INTERVALS = 20;
/**
 * Readings a host takes and drops before the kept ones, one frame apart. Code that runs once per
 * reading (the pass's loop, the heap reader, a progress callback) is new to the JS engine when the
 * pass begins, and V8 allocates for a function over its first calls (its feedback vector comes
 * after several): kept, those bytes read as growth (seen in Node without a lead-in: +72 B to
 * +1.3 KB in intervals among the first 14 of 20 in an optimized scene, and none when the same
 * pass ran a second time).
 */
export const LEAD_IN_READINGS = 10;

/** A leak pass's frames, interval and readings, checked (a host runs it). */
export interface RetainedPassPlan {
  /** Frames between kept readings, and how many kept readings. */
  interval: number;
  readings: number;
  /** Frames the kept readings span: `(readings - 1) x interval`. */
  frames: number;
}

/** Plans a pass of `frames` (default 1,200) frames with a reading every `interval` (default frames / 20). */
export function planRetainedPass(options: { frames?: number; interval?: number } = {}): RetainedPassPlan {
  const frames = options.frames ?? DEFAULT_LEAK_FRAMES;
  if (!Number.isInteger(frames) || frames < 1) throw new RangeError(`leak pass: frames must be an integer >= 1, got ${frames}`);
  const interval = options.interval ?? Math.max(1, Math.floor(frames / LEAK_INTERVALS));
  if (!Number.isInteger(interval) || interval < 1 || interval > frames) {
    throw new RangeError(`leak pass: interval must be an integer from 1 to frames (${frames}), got ${interval}`);
  }
  const readings = Math.floor(frames / interval) + 1;
  return { interval, readings, frames: (readings - 1) * interval };
}

/** Options of `analyzeRetainedGrowth`. */
export interface RetainedGrowthOptions {
  /** Growth per frame that counts as a leak (default `DEFAULT_LEAK_THRESHOLD`). */
  thresholdBytesPerFrame?: number;
}

/**
 * Default threshold: 8 B/frame, half of V8's smallest heap object (a 16 B number), so keeping any
 * one object per frame is a leak. Readings after a full GC repeat to the byte in quiet intervals
 * (measured: 0 B in most intervals of every optimized scene), so the noise is far below it.
 */
export const DEFAULT_LEAK_THRESHOLD = 8;

/** Fewest intervals (without JIT activity) the detector decides on. */
export const MIN_INTERVALS = 6;

/** Most rises the `step` verdict may take out. */
const MAX_STEPS = 2;

/** How many times larger than any other change between readings a rise must be to be a step. */
const STEP_MARGIN = 4;

interface Interval {
  fromFrame: number;
  toFrame: number;
  frames: number;
  bytes: number;
}

interface Fit {
  slope: number;
  low: number;
  high: number;
}

/** Fits retained growth per frame to `samples` (oldest first) and gives a verdict. */
export function analyzeRetainedGrowth(samples: readonly RetainedSample[], options: RetainedGrowthOptions = {}): RetainedGrowth {
  const threshold = options.thresholdBytesPerFrame ?? DEFAULT_LEAK_THRESHOLD;
  if (!(threshold >= 0)) throw new RangeError(`analyzeRetainedGrowth: threshold must be a number >= 0, got ${threshold}`);
  const all = intervalsOf(samples);
  const used = all.filter((interval) => !interval.jit);
  const base = {
    thresholdBytesPerFrame: threshold,
    intervals: all.length,
    intervalsUsed: used.length,
    samples: samples.map((s) => ({ frame: s.frame, bytes: s.bytes, jit: s.jit })),
  };
  const fit = used.length >= 2 ? fitGrowth(used) : null;
  const result = (verdict: LeakVerdict, reason: string, f: Fit | null, steps: RetainedStep[] = []): RetainedGrowth => ({
    verdict,
    reason,
    ...base,
    bytesPerFrame: f?.slope ?? null,
    ci95: f === null ? null : { low: f.low, high: f.high },
    thirdsBytesPerFrame: thirds(used),
    steps,
  });

  if (fit === null || used.length < MIN_INTERVALS) {
    return result(
      'inconclusive',
      `only ${used.length} of ${all.length} intervals had no JIT activity (${MIN_INTERVALS} needed): run a longer pass`,
      fit,
    );
  }
  if (fit.high <= threshold) {
    return result(
      'no-leak',
      `at most ${bytes(fit.high)}/frame kept with 95% confidence, within the ${bytes(threshold)}/frame threshold`,
      fit,
    );
  }
  const perThird = thirds(used);
  if (fit.low > threshold && Math.min(...perThird) > threshold) {
    return result('leak', `kept more than ${bytes(threshold)}/frame with 95% confidence, and in each third of the pass`, fit);
  }
  // A few rises and flat otherwise: memory kept once (a cache filled, a container that grew). A
  // rise counts as a step only if it stands out: STEP_MARGIN times any other change, so that
  // taking out the largest swings of a noisy series does not pass for a step.
  let rest = used;
  const steps: RetainedStep[] = [];
  for (let s = 0; s < MAX_STEPS && rest.length > MIN_INTERVALS; s++) {
    const largest = rest.reduce((a, b) => (b.bytes > a.bytes ? b : a));
    if (largest.bytes / largest.frames <= threshold) break;
    steps.push({ fromFrame: largest.fromFrame, toFrame: largest.toFrame, bytes: largest.bytes });
    rest = rest.filter((interval) => interval !== largest);
    const flat = fitGrowth(rest);
    const otherChange = rest.reduce((most, interval) => Math.max(most, Math.abs(interval.bytes)), 0);
    if (flat.high <= threshold && largest.bytes >= STEP_MARGIN * otherChange) {
      const what = steps.map((step) => `+${bytes(step.bytes)} between frames ${step.fromFrame} and ${step.toFrame}`).join(', ');
      return result(
        'step',
        `${what}, and at most ${bytes(flat.high)}/frame otherwise (95% confidence): kept once, not per frame`,
        flat,
        steps,
      );
    }
  }
  if (fit.low > threshold) {
    return result(
      'inconclusive',
      `grew by ${bytes(fit.slope)}/frame but not in every third of the pass (${perThird.map((r) => bytes(r)).join(', ')} per frame): growth that started or stopped, or several rises; run a longer pass`,
      fit,
    );
  }
  return result(
    'inconclusive',
    `the 95% interval (${bytes(fit.low)} to ${bytes(fit.high)}/frame) includes the ${bytes(threshold)}/frame threshold: the readings vary too much to decide; run a longer pass`,
    fit,
  );
}

function intervalsOf(samples: readonly RetainedSample[]): Array<Interval & { jit: boolean }> {
  const out: Array<Interval & { jit: boolean }> = [];
  for (let i = 1; i < samples.length; i++) {
    const a = samples[i - 1]!;
    const b = samples[i]!;
    const frames = b.frame - a.frame;
    if (!(frames > 0))
      throw new RangeError(`analyzeRetainedGrowth: readings must be in frame order, got frame ${b.frame} after ${a.frame}`);
    out.push({ fromFrame: a.frame, toFrame: b.frame, frames, bytes: b.bytes - a.bytes, jit: b.jit });
  }
  return out;
}

/**
 * Least-squares slope of the heap over frames, the intervals chained end to end (an interval left
 * out is removed, its frames and its bytes), with the t-based 95% interval of the slope.
 */
function fitGrowth(intervals: readonly Interval[]): Fit {
  const n = intervals.length + 1;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 1; i < n; i++) {
    x[i] = x[i - 1]! + intervals[i - 1]!.frames;
    y[i] = y[i - 1]! + intervals[i - 1]!.bytes;
  }
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i]!;
    my += y[i]!;
  }
  mx /= n;
  my /= n;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (x[i]! - mx) * (x[i]! - mx);
    sxy += (x[i]! - mx) * (y[i]! - my);
  }
  const slope = sxy / sxx;
  const intercept = my - slope * mx;
  let ssr = 0;
  for (let i = 0; i < n; i++) {
    const r = y[i]! - intercept - slope * x[i]!;
    ssr += r * r;
  }
  const df = n - 2;
  const half = tQuantile975(df) * Math.sqrt(ssr / df / sxx);
  return { slope, low: slope - half, high: slope + half };
}

/** Growth per frame in each third of `intervals` (split by count, in order). */
function thirds(intervals: readonly Interval[]): number[] {
  const k = intervals.length;
  if (k < 3) return [];
  const bounds = [0, Math.round(k / 3), Math.round((2 * k) / 3), k];
  const out: number[] = [];
  for (let t = 0; t < 3; t++) {
    let frames = 0;
    let grown = 0;
    for (let i = bounds[t]!; i < bounds[t + 1]!; i++) {
      frames += intervals[i]!.frames;
      grown += intervals[i]!.bytes;
    }
    out.push(grown / frames);
  }
  return out;
}

/** One decimal, and no "-0" for a slightly negative figure. */
const oneDecimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1, signDisplay: 'negative' });

function bytes(value: number): string {
  return `${oneDecimal.format(value)} B`;
}
