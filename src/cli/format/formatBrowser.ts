import Table from 'cli-table3';
import type { RunResult } from '../../profiler/RunResult.ts';
import type { CallPath } from '../../profiler/AttributionResult.ts';
import { formatCount } from './format.ts';

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
const plain = { head: [] as string[], border: [] as string[] };
const compact = { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' };

/** A sampled byte figure: always marked as an estimate. */
function sampledBytes(value: number): string {
  return `~${value >= 10 ? integer.format(value) : decimal.format(value)} B`;
}

/** The line naming the engine a browser run measured in. */
export function formatEngine(
  runtime: { engine: 'node' | 'chromium'; version: string; v8: string; flags: string[] },
  options: { traced?: boolean } = {},
): string {
  if (runtime.engine === 'node') {
    return `Measured in Node ${runtime.version} (V8 ${runtime.v8}, flags ${runtime.flags.join(' ')}): byte figures belong to this V8 version.`;
  }
  const ground =
    options.traced === false
      ? 'no DevTools trace (the browser crashed before it ended): GCs inferred from the heap, JIT installs unseen'
      : 'GC pauses and JIT installs from the DevTools trace';
  return `Measured in headless Chromium ${runtime.version} (V8 ${runtime.v8}, flags ${runtime.flags.join(' ')}) with precise memory; ${ground}.`;
}

/** Functions whose call paths the table shows (the JSON has them for every function). */
const PATHS_SHOWN_FOR = 5;
/** Callers shown per path in the table. */
const CALLERS_SHOWN = 4;

/** `62% <- caller (file:line) <- its caller (file:line) ...`: one call path, nearest caller first. */
export function formatCallPath(path: CallPath): string {
  const callers = path.callers.slice(0, CALLERS_SHOWN).map((c) => `${c.functionName}${c.file === '' ? '' : ` (${c.file}:${c.line})`}`);
  const more = path.callers.length > CALLERS_SHOWN ? ' <- ...' : '';
  const share = path.share < 0.005 ? '<1%' : `${Math.round(path.share * 100)}%`;
  return `${share} <- ${callers.join(' <- ')}${more}`;
}

/** The `--attribute` table of one run: sampled bytes per function, with file:line. */
export function formatAttribution(run: RunResult, top = 12): string {
  const a = run.attribution;
  const head = `Allocations by function (sampled) · ${run.scene} · ${run.variant}`;
  if (a === undefined) return `${head}\nNo attribution pass ran.`;
  const lines = [
    head,
    `Sampled every ~${formatCount(a.samplingIntervalBytes)} B over ${formatCount(a.frames)} frames in a second pass with inlining off: ${sampledBytes(a.sampledBytesPerFrame)}/frame estimated from ${formatCount(a.samples)} samples, beside ${decimal.format(a.measuredBytesPerFrame)} B/frame measured in that pass (the measuring code's own, ${sampledBytes(a.profilerBytesPerFrame)}/frame, left out).`,
  ];
  const rows = a.functions.filter((f) => f.sampledBytesPerFrame > 0).slice(0, top);
  if (rows.length === 0) {
    lines.push('No allocation was sampled in the measured frames.');
    return lines.join('\n');
  }
  const table = new Table({
    head: ['Function', 'Source', 'Sampled bytes/frame', 'Samples'],
    style: plain,
    chars: compact,
    colAligns: ['left', 'left', 'right', 'right'],
  });
  for (const f of rows) {
    const source = f.file === '' ? '(built-in)' : `${f.file}:${f.line}:${f.column}`;
    table.push([f.functionName, source, sampledBytes(f.sampledBytesPerFrame), formatCount(f.samples)]);
  }
  lines.push(table.toString());
  // The heaviest call paths of the top functions: how the code got there.
  const withPaths = rows.slice(0, PATHS_SHOWN_FOR).filter((f) => (f.paths ?? []).some((p) => p.callers.length > 0));
  if (withPaths.length > 0) {
    lines.push('Call paths (sampled; nearest caller first, the heaviest three):');
    for (const f of withPaths) {
      lines.push(`  ${f.functionName}${f.file === '' ? '' : ` (${f.file}:${f.line})`}`);
      for (const path of f.paths ?? []) if (path.callers.length > 0) lines.push(`    ${formatCallPath(path)}`);
    }
  }
  if (a.functions.length > rows.length) lines.push(`${a.functions.length - rows.length} more function(s) in the JSON.`);
  return lines.join('\n');
}
