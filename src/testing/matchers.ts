import type { RunResult, SiteResult } from '../profiler/RunResult.ts';
import type { ProfileFramesOptions } from './profileFrames.ts';

interface MatcherContext {
  isNot: boolean;
}

export interface MatcherResult {
  pass: boolean;
  message: () => string;
}

const bytes = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
const b = (n: number) => `${bytes.format(n)} B`;

function isRun(value: unknown): value is RunResult {
  return typeof value === 'object' && value !== null && 'bytesPerFrame' in value && 'frames' in value && 'markers' in value;
}

function measuredFrames(run: RunResult): number {
  return run.frames - run.gcFrames - run.jitFrames;
}

/** The evidence a failure message shows: the worst frames and the markers that allocated most. */
export function describeAllocations(run: RunResult): string {
  const lines = [
    `  ${run.scene} (${run.variant}, ${run.mode}): ${run.frames} frames after ${run.warmup} warm-up frames`,
    `  bytes/frame: mean ${b(run.bytesPerFrame.mean)}, median ${b(run.bytesPerFrame.median)}, max ${b(run.bytesPerFrame.max)}`,
  ];
  const worst = run.worstFrames.filter((f) => f.bytes !== 0);
  if (worst.length > 0) lines.push(`  worst frames: ${worst.map((f) => `#${f.frame} ${b(f.bytes)}`).join(', ')}`);
  const markers = run.markers.filter((m) => m.selfBytesPerFrame !== 0).slice(0, 5);
  if (markers.length > 0)
    lines.push(`  top markers (self bytes/frame): ${markers.map((m) => `${m.name} ${b(m.selfBytesPerFrame)}`).join(', ')}`);
  const sites = run.sites?.list.slice(0, 5) ?? [];
  if (sites.length > 0) {
    lines.push(`  top allocation sites (count/frame, estimated bytes):`);
    for (const site of sites) lines.push(`    ${formatSite(site)}`);
  }
  if (run.remeasured)
    lines.push(
      `  measured ${run.remeasured.measurements} times: the first measurement had ${run.remeasured.allocatingFrames} frame(s) that looked like V8's own (isolated frames over the usual figure, frames while the JIT installed code, or allocation from mid-run on), up to ${b(run.remeasured.maxBytes)}`,
    );
  if (run.gcFrames + run.jitFrames > 0) lines.push(`  frames without a byte figure: ${run.gcFrames} GC, ${run.jitFrames} JIT install`);
  return lines.join('\n');
}

/** One site in a message: where, what, how often. */
export function formatSite(site: SiteResult): string {
  const kind = site.detail ? `${site.kind} ${site.detail}` : site.kind;
  return `${site.file}:${site.line}:${site.column} ${site.functionName}: ${kind} x${bytes.format(site.countPerFrame)}/frame, ~${b(site.estimatedBytesPerFrame)} (${site.excerpt})`;
}

function requireRun(received: unknown, matcher: string): RunResult {
  if (!isRun(received)) {
    throw new TypeError(`${matcher}: expected a run from profileScene() or profileFrames(), got ${typeof received}`);
  }
  if (measuredFrames(received) <= 0) {
    throw new Error(`${matcher}: no frame of ${received.scene} could be measured (every frame had a GC or JIT install inside)`);
  }
  return received;
}

/** `expect(run).toAllocateNothingPerFrame()`: every measured frame allocated 0 bytes. */
export function toAllocateNothingPerFrame(this: MatcherContext, received: unknown): MatcherResult {
  const run = requireRun(received, 'toAllocateNothingPerFrame');
  const pass = run.bytesPerFrame.max === 0 && run.bytesPerFrame.min === 0;
  return {
    pass,
    message: () =>
      pass
        ? `expected ${run.scene} (${run.variant}) to allocate in some frame, but all ${measuredFrames(run)} measured frames allocated 0 B\n${describeAllocations(run)}`
        : `expected ${run.scene} (${run.variant}) to allocate nothing per frame, but it allocated up to ${b(run.bytesPerFrame.max)} in a frame\n${describeAllocations(run)}`,
  };
}

/** `expect(run).toAllocateAtMostPerFrame(bytes)`: no measured frame allocated more than `limit`. */
export function toAllocateAtMostPerFrame(this: MatcherContext, received: unknown, limit: number): MatcherResult {
  if (typeof limit !== 'number' || !(limit >= 0))
    throw new TypeError(`toAllocateAtMostPerFrame: limit must be a number >= 0, got ${limit}`);
  const run = requireRun(received, 'toAllocateAtMostPerFrame');
  const pass = run.bytesPerFrame.max <= limit;
  return {
    pass,
    message: () =>
      pass
        ? `expected ${run.scene} (${run.variant}) to allocate more than ${b(limit)} in some frame, but its largest frame allocated ${b(run.bytesPerFrame.max)}\n${describeAllocations(run)}`
        : `expected ${run.scene} (${run.variant}) to allocate at most ${b(limit)} per frame, but a frame allocated ${b(run.bytesPerFrame.max)} (${b(run.bytesPerFrame.max - limit)} over)\n${describeAllocations(run)}`,
  };
}

/**
 * `expect(run).toHaveNoAllocationSitesPerFrame()`: no instrumented allocation site ran in any
 * measured frame. Counts do not depend on the JIT or the collector, so this holds or fails the
 * same way on every machine; it needs the code under test instrumented (alloclab/vite).
 */
export function toHaveNoAllocationSitesPerFrame(this: MatcherContext, received: unknown): MatcherResult {
  if (!isRun(received)) {
    throw new TypeError(`toHaveNoAllocationSitesPerFrame: expected a run from profileScene() or profileFrames(), got ${typeof received}`);
  }
  const sites = received.sites;
  if (sites === undefined) {
    throw new Error(
      `toHaveNoAllocationSitesPerFrame: no instrumented code was loaded in this run of ${received.scene}; add alloclabInstrument() from alloclab/vite to the test config's plugins, with the code under test in its include`,
    );
  }
  const pass = sites.list.length === 0;
  const top = sites.list
    .slice(0, 8)
    .map((site) => `    ${formatSite(site)}`)
    .join('\n');
  return {
    pass,
    message: () =>
      pass
        ? `expected ${received.scene} (${received.variant}) to run allocation sites, but none of ${sites.registered} known sites ran in ${received.frames} frames`
        : `expected ${received.scene} (${received.variant}) to run no allocation site per frame, but ${sites.list.length} site(s) ran, ${bytes.format(sites.countPerFrame.mean)} allocations per frame (max ${sites.countPerFrame.max}):\n${top}`,
  };
}

/**
 * `await expect(fn).not.toAllocate()`: calls `fn` once per frame (after warm-up) and passes when
 * some call allocated. Async: await it. Node's profileFrames is loaded when the matcher runs, so
 * this module also loads in a browser, where alloclab/testing's browser setup replaces the matcher.
 */
export async function toAllocate(this: MatcherContext, received: unknown, options: ProfileFramesOptions = {}): Promise<MatcherResult> {
  if (typeof received !== 'function') throw new TypeError(`toAllocate: expected a function, got ${typeof received}`);
  const { profileFrames } = await import('./profileFrames.ts');
  return allocateVerdict(await profileFrames(received as () => void, { name: received.name || 'function', ...options }));
}

/** The verdict of `toAllocate` on the run of a function profiled as frames (in Node or a page). */
export function allocateVerdict(run: RunResult): MatcherResult {
  requireRun(run, 'toAllocate');
  const pass = run.bytesPerFrame.max > 0;
  return {
    pass,
    message: () =>
      pass
        ? `expected ${run.scene}() not to allocate, but a call allocated ${b(run.bytesPerFrame.max)} (mean ${b(run.bytesPerFrame.mean)} per call)\n${describeAllocations(run)}`
        : `expected ${run.scene}() to allocate, but none of ${measuredFrames(run)} measured calls allocated\n${describeAllocations(run)}`,
  };
}

/** The matchers, for `expect.extend(allocationMatchers)`. */
export const allocationMatchers = { toAllocateNothingPerFrame, toAllocateAtMostPerFrame, toHaveNoAllocationSitesPerFrame, toAllocate };
