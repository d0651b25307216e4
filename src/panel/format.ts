/** Number formatting shared by the panel's views (outside frames: these allocate strings). */

const grouped = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** "0 B", "1,234 B", "56.7 KB", "3.21 MB"; "n/a" for null or NaN. */
export function formatBytes(bytes: number | null): string {
  if (bytes === null || Number.isNaN(bytes)) return 'n/a';
  const abs = Math.abs(bytes);
  if (abs < 10_000) return grouped.format(bytes) + ' B';
  if (abs < 10_000_000) return (bytes / 1024).toFixed(1) + ' KB';
  return (bytes / 1048576).toFixed(2) + ' MB';
}

/** Milliseconds with two decimals ("0.42"), or "n/a". */
export function formatMs(ms: number | null): string {
  if (ms === null || Number.isNaN(ms)) return 'n/a';
  return ms < 100 ? ms.toFixed(2) : ms.toFixed(0);
}

/** A call count: integers as is, means with one decimal. */
export function formatCalls(calls: number): string {
  return Number.isInteger(calls) ? grouped.format(calls) : calls.toFixed(1);
}

/** "12.5x", "1.00x", "∞" (something vs zero), "—" (zero vs zero or unknown). */
export function formatRatio(a: number, b: number): string {
  if (!Number.isFinite(a) || !Number.isFinite(b)) return '—';
  if (b === 0) return a === 0 ? '—' : '∞';
  const r = a / b;
  return (r >= 100 ? r.toFixed(0) : r >= 10 ? r.toFixed(1) : r.toFixed(2)) + 'x';
}
