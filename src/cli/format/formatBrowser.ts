import Table from 'cli-table3';
import type { RunResult } from '../../profiler/RunResult.ts';
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
export function formatEngine(runtime: { engine: 'node' | 'chromium'; version: string; v8: string; flags: string[] }): string {
  if (runtime.engine === 'node') {
    return `Measured in Node ${runtime.version} (V8 ${runtime.v8}, flags ${runtime.flags.join(' ')}): byte figures belong to this V8 version.`;
  }
  return `Measured in headless Chromium ${runtime.version} (V8 ${runtime.v8}, flags ${runtime.flags.join(' ')}) with precise memory; GC pauses and JIT installs from the DevTools trace.`;
}

/** The `--attribute` table of one run: sampled bytes per function, with file:line. */
export function formatAttribution(run: RunResult, top = 12): string {
  const a = run.attribution;
  const head = `Allocations by function (sampled) · ${run.scene} · ${run.variant}`;
  if (a === undefined) return `${head}\nNo attribution pass ran.`;
  const lines = [
    head,
    `Sampled every ~${formatCount(a.samplingIntervalBytes)} B over ${formatCount(a.frames)} frames in a second pass with inlining off: ${sampledBytes(a.sampledBytesPerFrame)}/frame estimated from ${formatCount(a.samples)} samples, beside ${decimal.format(a.measuredBytesPerFrame)} B/frame measured in that pass (the profiler's own reads, ${sampledBytes(a.profilerBytesPerFrame)}/frame, left out).`,
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
  if (a.functions.length > rows.length) lines.push(`${a.functions.length - rows.length} more function(s) in the JSON.`);
  return lines.join('\n');
}
