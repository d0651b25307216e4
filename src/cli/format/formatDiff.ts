import Table from 'cli-table3';
import { keyLabel, type DiffReport, type RunDiff } from '../../profiler/diff/diffRuns.ts';
import type { RunResult } from '../../profiler/RunResult.ts';
import { formatBytes, formatMs } from './format.ts';

const decimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
const plain = { head: [] as string[], border: [] as string[] };
const compact = { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' };

/** "+48 B", "-1,024 B", "0 B"; "n/a" for a run on one side only. */
export function signedBytes(delta: number): string {
  if (!Number.isFinite(delta)) return 'n/a';
  return delta > 0 ? `+${formatBytes(delta)}` : delta < 0 ? `-${formatBytes(-delta)}` : '0 B';
}

/** `base -> head` of a figure, one side shown alone for a run that is new or gone. */
function span(row: RunDiff, pick: (run: RunResult) => number, format: (value: number) => string): string {
  if (row.base === null) return format(pick(row.head!));
  if (row.head === null) return format(pick(row.base));
  const a = format(pick(row.base));
  const b = format(pick(row.head));
  return a === b ? a : `${a} -> ${b}`;
}

/** How the verdict was reached, in a few words. */
function basisOf(row: RunDiff): string {
  if (row.base === null || row.head === null) return '';
  if (row.interval === null) return `exact, tolerance ${formatBytes(row.toleranceBytes)}`;
  return `95% interval ${signedBytes(row.interval.low)} .. ${signedBytes(row.interval.high)}, tolerance ${formatBytes(row.toleranceBytes)}`;
}

/** The marker, site and function that changed most: where to look first. `code` sets a name apart (Markdown's backticks). */
export function whereItChanged(row: RunDiff, code: (name: string) => string = (name) => name): string[] {
  const lines: string[] = [];
  const marker = row.markers[0];
  if (marker)
    lines.push(
      `marker ${code(marker.name)}: ${signedBytes(marker.delta)} of its own per frame (${formatBytes(marker.base)} -> ${formatBytes(marker.head)})`,
    );
  const site = row.sites[0];
  if (site) {
    const counts = `${decimal.format(site.countBase)} -> ${decimal.format(site.countHead)} per frame`;
    lines.push(
      `site ${code(site.where)} ${site.kind} in ${code(site.functionName)}: ${counts} (estimated ${signedBytes(site.estimatedDelta)})`,
    );
  }
  const fn = row.functions[0];
  if (fn)
    lines.push(`function ${code(fn.functionName)}${fn.where ? ` (${code(fn.where)})` : ''}: ${signedBytes(fn.delta)} per frame, sampled`);
  return lines;
}

function summaryLine(report: DiffReport): string {
  const c = report.counts;
  const parts = [
    `${c.regression} regression${c.regression === 1 ? '' : 's'}`,
    `${c.improvement} improvement${c.improvement === 1 ? '' : 's'}`,
    `${c.same} same`,
  ];
  if (c.new) parts.push(`${c.new} new`);
  if (c.gone) parts.push(`${c.gone} gone`);
  return parts.join(', ');
}

/** The diff as the terminal shows it: one row per run, then where the changed runs changed. */
export function formatDiff(report: DiffReport): string {
  const table = new Table({
    head: ['Verdict', 'Run', 'B/frame mean', 'Change', 'B/frame median', 'GCs /1k frames', 'Frame ms'],
    style: plain,
    chars: compact,
    colAligns: ['left', 'left', 'right', 'right', 'right', 'right', 'right'],
  });
  for (const row of report.rows) {
    table.push([
      row.verdict,
      keyLabel(row.key),
      span(row, (r) => r.bytesPerFrame.mean, formatBytes),
      signedBytes(row.delta),
      span(row, (r) => r.bytesPerFrame.median, formatBytes),
      span(
        row,
        (r) => r.gc.per1000Frames,
        (v) => decimal.format(v),
      ),
      span(row, (r) => r.frameMs.mean, formatMs),
    ]);
  }
  return [table.toString(), formatDiffDetails(report)].join('\n');
}

/** Below the table: where each changed run changed, the notes, and the verdict counts. */
export function formatDiffDetails(report: DiffReport): string {
  const lines: string[] = [];
  for (const row of report.rows) {
    const details = [...whereItChanged(row), ...row.notes];
    if (row.verdict === 'same' && row.notes.length === 0) continue;
    if (row.verdict === 'new' || row.verdict === 'gone') continue;
    lines.push(`${row.verdict}: ${keyLabel(row.key)} (${basisOf(row)})`);
    for (const d of details) lines.push(`  ${d}`);
  }
  for (const note of report.notes) lines.push(`Note: ${note}`);
  lines.push(`${summaryLine(report)}. Frame times are shown, never judged.`);
  return lines.join('\n');
}

/** A Markdown cell: pipes escaped, no line breaks. */
const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/**
 * The diff as Markdown for a pull request comment or a CI step summary: the verdict counts, then
 * one row per run with changes first (the worst regression at the top) and where each changed.
 */
export function formatDiffMarkdown(report: DiffReport): string {
  const lines = [`### AllocLab: ${summaryLine(report)}`, ''];
  lines.push('| Verdict | Run | B/frame (mean) | Change | B/frame (median) | GCs / 1,000 frames | Frame ms | Where |');
  lines.push('|---|---|--:|--:|--:|--:|--:|---|');
  for (const row of report.rows) {
    const verdict = row.verdict === 'regression' || row.verdict === 'improvement' ? `**${row.verdict}**` : row.verdict;
    const where = [...whereItChanged(row, (name) => `\`${name}\``), ...row.notes].map(cell);
    lines.push(
      `| ${verdict} | ${cell(keyLabel(row.key))} | ${span(row, (r) => r.bytesPerFrame.mean, formatBytes)} | ${signedBytes(row.delta)} | ${span(
        row,
        (r) => r.bytesPerFrame.median,
        formatBytes,
      )} | ${span(
        row,
        (r) => r.gc.per1000Frames,
        (v) => decimal.format(v),
      )} | ${span(row, (r) => r.frameMs.mean, formatMs)} | ${where.join('<br>')} |`,
    );
  }
  lines.push('');
  const tolerance = report.rows.find((r) => r.base !== null && r.head !== null);
  lines.push(
    `Bytes are measured; a change counts above the tolerance${tolerance ? ` (${formatBytes(tolerance.toleranceBytes)} for the first row)` : ''}, and for runs whose frames vary only outside the 95% interval of their variation. Frame times are shown, never judged.`,
  );
  for (const note of report.notes) lines.push('', `Note: ${note}`);
  return lines.join('\n') + '\n';
}
