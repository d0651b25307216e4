import Table from 'cli-table3';
import type { RunResult, SiteOptimizerVerdict } from '../../profiler/RunResult.ts';
import { formatBytes, formatCount } from './format.ts';

const plain = { head: [] as string[], border: [] as string[] };
const compact = { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' };

const VERDICTS: Record<SiteOptimizerVerdict, string> = {
  removed: 'removed by optimiser',
  'sometimes-removed': 'sometimes removed',
  allocated: 'allocates',
  unmeasured: 'no byte figure',
};

/** What a kind column shows: the kind, with the constructor or method where it has one. */
function kindOf(kind: string, detail: string): string {
  return detail ? `${kind} ${detail}` : kind;
}

/**
 * The allocation-site table of one run (`alloclab run --sites`): each site that fired, with its
 * exact count per frame and its estimated bytes, beside the run's measured bytes.
 */
export function formatSites(run: RunResult, topSites = 15): string {
  const title = `Allocation sites · ${run.scene} · ${run.variant}`;
  const sites = run.sites;
  if (sites === undefined) return `${title}: no instrumented code was loaded, so no site was counted.`;
  const lines = [title];
  const r = sites.reconciliation;
  lines.push(
    `Counted ${formatCount(sites.countPerFrame.mean)} allocations per frame (max ${formatCount(sites.countPerFrame.max)}) in ${formatCount(sites.framesWithHits)} of ${formatCount(run.frames)} frames, at ${formatCount(sites.list.length)} of ${formatCount(sites.registered)} known sites.`,
  );
  if (sites.list.length === 0) {
    lines.push('No allocation site fired in the measured frames.');
    return lines.join('\n');
  }
  lines.push(
    `Estimated ${formatBytes(r.estimatedBytesPerFrame)}/frame from the counts (${sites.estimateEngine} object layouts) beside ${formatBytes(r.measuredBytesPerFrame)}/frame measured.`,
  );
  if (sites.separatePass && sites.instrumentedBytesPerFrame !== r.measuredBytesPerFrame) {
    lines.push(
      `Counted in a second, instrumented run of the same frames, which measured ${formatBytes(sites.instrumentedBytesPerFrame)}/frame: with counters in place V8 inlined less and removed ${sites.instrumentedBytesPerFrame > r.measuredBytesPerFrame ? 'fewer' : 'more'} objects.`,
    );
  }
  if (r.estimatedBytesPerFrame < r.measuredBytesPerFrame / 2) {
    lines.push(
      'The rest of the measured bytes come from code that is not instrumented (the engine, libraries) or from objects larger than estimated.',
    );
  }
  const table = new Table({
    head: ['Site', 'Function', 'Kind', 'Count/frame', 'Est. bytes/frame', 'Optimiser', 'Source'],
    style: plain,
    chars: compact,
    colAligns: ['left', 'left', 'left', 'right', 'right', 'left', 'left'],
  });
  for (const site of sites.list.slice(0, topSites)) {
    table.push([
      `${site.file}:${site.line}:${site.column}`,
      site.functionName,
      kindOf(site.kind, site.detail),
      formatCount(site.countPerFrame),
      `~${formatBytes(site.estimatedBytesPerFrame)}`,
      VERDICTS[site.optimizer],
      site.excerpt,
    ]);
  }
  lines.push(table.toString());
  if (sites.list.length > topSites) lines.push(`(${sites.list.length - topSites} more sites in the JSON)`);
  if (sites.refusedPairs > 0) lines.push(`Site counts refused (too many sites fired in one frame): ${sites.refusedPairs}`);
  lines.push('Counts are exact; bytes marked ~ are estimates. "removed by optimiser": every frame the site ran in measured 0 B.');
  return lines.join('\n');
}
