import { tQuantile975 } from '../studentT.ts';

/** A 95% confidence interval on `head mean - base mean`, and what it rests on. */
export interface DifferenceInterval {
  low: number;
  high: number;
  /** Batches per side the interval was computed from. */
  batches: [number, number];
}

/** Batches a side is cut into: enough for a t interval, each long enough to span a scene's waves. */
const MAX_BATCHES = 20;
const MIN_FRAMES_PER_BATCH = 10;
const MIN_BATCHES = 4;

/**
 * The means of consecutive batches of `values` (NaN frames, those a GC or the JIT disturbed, left
 * out first). Consecutive frames are not independent (a scene's waves, a pool that fills, a page's
 * timers), so a t interval over single frames would be far too narrow; the means of long batches
 * are close to independent (the batch-means method of simulation output analysis).
 */
export function batchMeans(values: readonly (number | null)[]): number[] {
  const figured: number[] = [];
  for (const v of values) if (v !== null && Number.isFinite(v)) figured.push(v);
  const count = Math.min(MAX_BATCHES, Math.floor(figured.length / MIN_FRAMES_PER_BATCH));
  if (count < MIN_BATCHES) return [];
  const size = Math.floor(figured.length / count);
  const means: number[] = [];
  // The first frames that do not fill a batch are dropped: the end of the run is the settled part.
  const start = figured.length - size * count;
  for (let b = 0; b < count; b++) {
    let sum = 0;
    for (let i = start + b * size; i < start + (b + 1) * size; i++) sum += figured[i]!;
    means.push(sum / size);
  }
  return means;
}

function meanAndVariance(values: readonly number[]): { mean: number; variance: number } {
  let sum = 0;
  for (const v of values) sum += v;
  const mean = sum / values.length;
  let squares = 0;
  for (const v of values) squares += (v - mean) * (v - mean);
  return { mean, variance: squares / (values.length - 1) };
}

/**
 * The 95% interval on the difference of two runs' mean bytes per frame, from their per-frame
 * figures: Welch's t interval over batch means (the two runs may vary unequally). Null when a side
 * has too few measured frames to cut into batches.
 */
export function differenceInterval(base: readonly (number | null)[], head: readonly (number | null)[]): DifferenceInterval | null {
  const a = batchMeans(base);
  const b = batchMeans(head);
  if (a.length === 0 || b.length === 0) return null;
  const sa = meanAndVariance(a);
  const sb = meanAndVariance(b);
  const va = sa.variance / a.length;
  const vb = sb.variance / b.length;
  const difference = sb.mean - sa.mean;
  const se = Math.sqrt(va + vb);
  if (se === 0) return { low: difference, high: difference, batches: [a.length, b.length] };
  // Welch-Satterthwaite degrees of freedom; a side without variance contributes none.
  const df = (va + vb) ** 2 / ((va > 0 ? va ** 2 / (a.length - 1) : 0) + (vb > 0 ? vb ** 2 / (b.length - 1) : 0));
  const t = tQuantile975(Math.max(1, df));
  return { low: difference - t * se, high: difference + t * se, batches: [a.length, b.length] };
}
