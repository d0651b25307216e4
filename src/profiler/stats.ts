/** Summary statistics over a sample of numbers (sorted copy; nearest-rank percentiles). */
export interface Distribution {
  mean: number;
  median: number;
  p95: number;
  p99: number;
  max: number;
  min: number;
}

/** The most frequent value (NaN when empty); ties go to the value that reached the count first. */
export function mostFrequent(values: readonly number[]): number {
  const counts = new Map<number, number>();
  let best = Number.NaN;
  let bestCount = 0;
  for (const v of values) {
    const c = (counts.get(v) ?? 0) + 1;
    counts.set(v, c);
    if (c > bestCount) {
      best = v;
      bestCount = c;
    }
  }
  return best;
}

/** Nearest-rank percentile of an ascending-sorted array (p in 0..100). NaN when empty. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * n);
  return sorted[Math.min(n - 1, Math.max(0, rank - 1))]!;
}

/** Mean, median, p95, p99, max and min of `values` (NaN fields when empty). */
export function distribution(values: ArrayLike<number>): Distribution {
  const sorted = Float64Array.from(values as ArrayLike<number>).sort();
  const n = sorted.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += sorted[i]!;
  return {
    mean: n === 0 ? Number.NaN : sum / n,
    median: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: n === 0 ? Number.NaN : sorted[n - 1]!,
    min: n === 0 ? Number.NaN : sorted[0]!,
  };
}
