import Table from 'cli-table3';
import type { RunResult } from '../../profiler/RunResult.ts';

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

/** Bytes for a table cell: whole bytes exactly, means with one decimal; "n/a" when unmeasurable. */
export function formatBytes(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  return `${Number.isInteger(value) ? integer.format(value) : decimal.format(value)} B`;
}

export function formatMs(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  return `${value < 1 ? value.toFixed(3) : value.toFixed(2)} ms`;
}

export function formatCount(value: number): string {
  return Number.isInteger(value) ? integer.format(value) : decimal.format(value);
}

/** "12.3x", "1.0x", or a word when one side is zero. */
export function formatRatio(a: number, b: number): string {
  if (!Number.isFinite(a) || !Number.isFinite(b)) return 'n/a';
  if (a === 0 && b === 0) return 'same (0)';
  if (b === 0) return 'all saved';
  return `${(a / b).toFixed(a / b >= 10 ? 0 : 1)}x`;
}

const plain = { head: [] as string[], border: [] as string[] };
/** Box lines around a table and under its header, none between rows. */
const compact = { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' };

/** The table of one run, as `alloclab run` prints it. */
export function formatRun(run: RunResult, topMarkers = 8): string {
  const lines: string[] = [];
  const size = run.size === null ? '' : ` · size ${formatCount(run.size)}`;
  lines.push(
    `${run.scene} · ${run.variant} · ${run.mode} · ${formatCount(run.frames)} frames (warm-up ${formatCount(run.warmup)}${run.worldFrame === undefined ? '' : `; measured from frame ${formatCount(run.worldFrame)} of a fresh world`}${run.jitSettled ? '' : ', not seen to settle: the JIT was still busy or could not be watched'})${size}`,
  );
  const b = run.bytesPerFrame;
  const summary = new Table({ style: plain, chars: compact, colAligns: ['left', 'right', 'right', 'right', 'right', 'right'] });
  summary.push(
    ['', 'mean', 'median', 'p95', 'max', 'min'],
    ['GC Alloc / frame', formatBytes(b.mean), formatBytes(b.median), formatBytes(b.p95), formatBytes(b.max), formatBytes(b.min)],
    ['frame time', formatMs(run.frameMs.mean), formatMs(run.frameMs.p50), formatMs(run.frameMs.p95), formatMs(run.frameMs.max), ''],
  );
  lines.push(summary.toString());
  const gc = run.gc;
  lines.push(
    `GC: ${gc.minor} minor, ${gc.major} major${gc.other ? `, ${gc.other} other` : ''}; ${formatMs(gc.totalMs)} in all, longest ${formatMs(gc.maxMs)}; ${decimal.format(gc.per1000Frames)} per 1,000 frames`,
  );
  const unmeasured: string[] = [];
  if (run.gcFrames) unmeasured.push(`${run.gcFrames} with a GC inside`);
  if (run.jitFrames) unmeasured.push(`${run.jitFrames} with a JIT code install`);
  if (unmeasured.length) lines.push(`Frames without a byte figure: ${unmeasured.join(', ')} (left out of GC Alloc, not guessed)`);
  if (run.remeasured) {
    const r = run.remeasured;
    lines.push(
      `Measured ${r.measurements} times: the first measurement had ${formatCount(r.allocatingFrames)} frame(s) up to ${formatBytes(r.maxBytes)} that looked like V8's own (isolated frames over the usual figure, or allocation from mid-run on); these figures are the last measurement's`,
    );
  }
  if (run.droppedFrames) lines.push(`Dropped frames (ring buffer overflow): ${run.droppedFrames}`);
  if (run.refusedMarkerEvents) lines.push(`Marker events refused (too deep or too many): ${run.refusedMarkerEvents}`);
  if (run.offHeap && run.offHeap.arrayBuffersEnd !== run.offHeap.arrayBuffersStart) {
    lines.push(`Off-heap ArrayBuffer memory: ${formatBytes(run.offHeap.arrayBuffersStart)} -> ${formatBytes(run.offHeap.arrayBuffersEnd)}`);
  }
  if (run.markers.length > 0) {
    const markers = new Table({
      head: ['Marker', 'GC Alloc', 'Self Alloc', 'Calls', 'Time ms', 'Self ms'],
      style: plain,
      chars: compact,
      colAligns: ['left', 'right', 'right', 'right', 'right', 'right'],
    });
    for (const m of run.markers.slice(0, topMarkers)) {
      markers.push([
        m.name,
        formatBytes(m.bytesPerFrame),
        formatBytes(m.selfBytesPerFrame),
        formatCount(m.calls),
        m.ms.toFixed(3),
        m.selfMs.toFixed(3),
      ]);
    }
    lines.push('Top markers, per frame:');
    lines.push(markers.toString());
  }
  return lines.join('\n');
}

/** Variants side by side with the ratio of the first to each other one. */
export function formatComparison(runs: RunResult[]): string {
  const first = runs[0]!;
  const head = ['', ...runs.map((r) => r.variant)];
  if (runs.length === 2) head.push('ratio');
  const table = new Table({ head, style: plain, chars: compact, colAligns: ['left', ...runs.map(() => 'right' as const), 'right'] });
  const row = (label: string, pick: (r: RunResult) => number, fmt: (v: number) => string) => {
    const cells = [label, ...runs.map((r) => fmt(pick(r)))];
    if (runs.length === 2) cells.push(formatRatio(pick(first), pick(runs[1]!)));
    table.push(cells);
  };
  row('GC Alloc / frame (mean)', (r) => r.bytesPerFrame.mean, formatBytes);
  row('GC Alloc / frame (median)', (r) => r.bytesPerFrame.median, formatBytes);
  row('GC Alloc / frame (max)', (r) => r.bytesPerFrame.max, formatBytes);
  row(
    'GCs per 1,000 frames',
    (r) => r.gc.per1000Frames,
    (v) => decimal.format(v),
  );
  row('GC pause total', (r) => r.gc.totalMs, formatMs);
  row('frame time p50', (r) => r.frameMs.p50, formatMs);
  row('frame time p99', (r) => r.frameMs.p99, formatMs);
  return `${first.scene} · ${first.mode} · ${formatCount(first.frames)} frames\n${table.toString()}`;
}
