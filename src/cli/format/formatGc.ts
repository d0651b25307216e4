/**
 * Text of the GC impact report, the leak pass and the live-heap census, for `alloclab run` and
 * `compare`: main.ts prints it under format.ts's tables.
 */
import Table from 'cli-table3';
import type { RunResult } from '../../profiler/RunResult.ts';
import type { LeaksResult, LeakVerdict } from '../../profiler/retainedGrowth.ts';
import type { LiveHeapResult } from '../../profiler/liveHeap.ts';
import { formatBytes, formatCount, formatMs, formatRatio } from './format.ts';

const oneDecimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
const signed = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1, signDisplay: 'exceptZero' });

/** "+3,538.3 B", "-5 B" or "0 B" (a figure that rounds to 0 has no sign): retained growth. */
function signedBytes(value: number): string {
  return Number.isFinite(value) ? `${signed.format(value)} B` : 'n/a';
}

/** The GC impact lines under a run's GC summary. */
export function gcImpactLines(run: RunResult): string[] {
  const gc = run.gc;
  if (gc.per1000FramesByKind === undefined) return [];
  const k = gc.per1000FramesByKind;
  const pause = !gc.pausesTimed
    ? 'pause durations unknown here (GCs inferred from the heap)'
    : gc.pauseMs === null
      ? 'no pause'
      : `pause p50 ${formatMs(gc.pauseMs.p50)}, max ${formatMs(gc.pauseMs.max)}`;
  const over = gc.overBudget;
  return [
    `GC per 1,000 frames: ${oneDecimal.format(k.minor)} minor, ${oneDecimal.format(k.major)} major, ${oneDecimal.format(k.other)} other; ${pause}`,
    `Frames over the ${oneDecimal.format(over.budgetMs)} ms budget: ${formatCount(over.frames)} of ${formatCount(run.frames)}, ${formatCount(over.withGc)} of them with a GC inside`,
    `Frames between minor GCs: predicted ${predicted(run)}; observed ${observed(run)}`,
  ];
}

function predicted(run: RunResult): string {
  const spacing = run.gc.minorGcSpacing;
  if (spacing.youngGenerationBytes === null) return 'n/a (the young generation size cannot be read here)';
  const young = formatBytes(spacing.youngGenerationBytes);
  if (spacing.predictedFrames === null) {
    return Number.isFinite(run.bytesPerFrame.mean)
      ? `never (${formatBytes(run.bytesPerFrame.mean)}/frame allocated; young generation ${young})`
      : 'n/a (no frame was measured)';
  }
  return `${formatCount(spacing.predictedFrames)} (young generation ${young} / ${formatBytes(run.bytesPerFrame.mean)} per frame)`;
}

function observed(run: RunResult): string {
  const frames = run.gc.minorGcSpacing.observedFrames;
  const minor = run.gc.minor;
  return frames === null
    ? `no minor GC in ${formatCount(run.frames)} frames`
    : `${formatCount(frames)} (${minor} minor GC${minor === 1 ? '' : 's'} in ${formatCount(run.frames)} frames)`;
}

const VERDICT_WORDS: Record<LeakVerdict, string> = {
  leak: 'LEAK',
  'no-leak': 'no leak',
  step: 'no leak (a step)',
  inconclusive: 'inconclusive',
};

/** One word or two for a verdict, as tables show it. */
export function verdictWord(verdict: LeakVerdict): string {
  return VERDICT_WORDS[verdict];
}

/** The leak pass's lines. */
export function leakLines(leaks: LeaksResult): string[] {
  const pass = leaks.pass;
  const figure =
    leaks.bytesPerFrame === null || leaks.ci95 === null
      ? 'no fit'
      : `retained ${signedBytes(leaks.bytesPerFrame)}/frame (95% CI ${signedBytes(leaks.ci95.low)} to ${signedBytes(leaks.ci95.high)})`;
  const skipped = leaks.intervals - leaks.intervalsUsed;
  return [
    `Leak pass (separate: ${formatCount(pass.frames)} frames after the measured ones, a forced full GC every ${formatCount(pass.interval)}; in none of the figures above): ${figure}; ${leaks.intervalsUsed} of ${leaks.intervals} intervals used${skipped ? ` (${skipped} had JIT activity)` : ''}`,
    `  ${verdictWord(leaks.verdict)} at ${formatBytes(leaks.thresholdBytesPerFrame)}/frame: ${leaks.reason}`,
  ];
}

/** The live-heap census line. */
export function liveHeapLines(live: LiveHeapResult): string[] {
  const types = ['object', 'number', 'string', 'array', 'closure']
    .filter((t) => live.byType[t] !== undefined)
    .map((t) => `${t} ${formatCount(live.byType[t]!)}`)
    .join(', ');
  const gc = live.fullGcMs;
  return [
    `Live heap after the run: ${formatCount(live.objects)} objects, ${formatBytes(live.bytes)} (${types}); forced full GC: median ${formatMs(gc.median)}, min ${formatMs(gc.min)}, max ${formatMs(gc.max)} (${gc.runs} runs)`,
  ];
}

/** The GC report of one run, printed under its table: GC impact, then live heap and leak pass where measured. */
export function formatGcReport(run: RunResult): string {
  const lines = gcImpactLines(run).map((line) => `  ${line}`);
  if (run.liveHeap) lines.push(...liveHeapLines(run.liveHeap).map((line) => `  ${line}`));
  if (run.leaks) lines.push(...leakLines(run.leaks).map((line) => `  ${line}`));
  return lines.length > 0 ? `GC impact:\n${lines.join('\n')}` : '';
}

const plain = { head: [] as string[], border: [] as string[] };
const compact = { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' };

/** Variants side by side: GC impact, then leak pass and live heap where every run measured them. */
export function formatGcComparison(runs: RunResult[]): string {
  const ratio = runs.length === 2;
  const head = ['', ...runs.map((r) => r.variant), ...(ratio ? ['ratio'] : [])];
  const table = new Table({ head, style: plain, chars: compact, colAligns: ['left', ...runs.map(() => 'right' as const), 'right'] });
  const numeric = (label: string, pick: (r: RunResult) => number, format: (v: number) => string) => {
    table.push([label, ...runs.map((r) => format(pick(r))), ...(ratio ? [formatRatio(pick(runs[0]!), pick(runs[1]!))] : [])]);
  };
  const text = (label: string, pick: (r: RunResult) => string) => {
    table.push([label, ...runs.map(pick), ...(ratio ? [''] : [])]);
  };
  if (runs.every((r) => r.gc.overBudget !== undefined)) {
    numeric(`frames over ${oneDecimal.format(runs[0]!.gc.overBudget.budgetMs)} ms`, (r) => r.gc.overBudget.frames, formatCount);
    numeric('  of them with a GC', (r) => r.gc.overBudget.withGc, formatCount);
    text('GC pause p50 / max', (r) => (r.gc.pauseMs === null ? '-' : `${formatMs(r.gc.pauseMs.p50)} / ${formatMs(r.gc.pauseMs.max)}`));
    text('frames between minor GCs', (r) => {
      const { predictedFrames, observedFrames } = r.gc.minorGcSpacing;
      return `${predictedFrames === null ? '-' : formatCount(Math.round(predictedFrames))} predicted / ${observedFrames === null ? 'none seen' : formatCount(Math.round(observedFrames))}`;
    });
  }
  if (runs.every((r) => r.liveHeap !== undefined)) {
    numeric('live heap objects', (r) => r.liveHeap!.objects, formatCount);
    numeric('forced full GC (median)', (r) => r.liveHeap!.fullGcMs.median, formatMs);
  }
  if (runs.every((r) => r.leaks !== undefined)) {
    text('retained / frame (leak pass)', (r) => (r.leaks!.bytesPerFrame === null ? 'n/a' : signedBytes(r.leaks!.bytesPerFrame)));
    text('leak verdict', (r) => verdictWord(r.leaks!.verdict));
  }
  return table.length > 0 ? `GC and memory\n${table.toString()}` : '';
}
