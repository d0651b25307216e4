import { analyzeRetainedGrowth, type LeaksResult } from '../profiler/retainedGrowth.ts';
import type { RunResult } from '../profiler/RunResult.ts';
import './retainTypes.ts';

interface MatcherContext {
  isNot: boolean;
}

interface MatcherResult {
  pass: boolean;
  message: () => string;
}

const oneDecimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1, signDisplay: 'negative' });
const b = (n: number) => `${oneDecimal.format(n)} B`;

function isLeaks(value: unknown): value is LeaksResult {
  return typeof value === 'object' && value !== null && 'samples' in value && 'verdict' in value && 'pass' in value;
}

/** The leak pass of a run (or a pass from `measureRetained`), with the name messages use. */
function requireLeaks(received: unknown, matcher: string): { leaks: LeaksResult; name: string } {
  if (isLeaks(received)) return { leaks: received, name: 'the leak pass' };
  const run = received as Partial<RunResult> | null;
  if (typeof run === 'object' && run !== null && isLeaks(run.leaks)) return { leaks: run.leaks, name: `${run.scene} (${run.variant})` };
  if (typeof run === 'object' && run !== null && 'bytesPerFrame' in run) {
    throw new TypeError(`${matcher}: ${run.scene} (${run.variant}) has no leak pass: profile it with { leaks: true }`);
  }
  throw new TypeError(
    `${matcher}: expected a run from profileScene() or profileFrames() with { leaks: true }, or a pass from measureRetained(), got ${typeof received}`,
  );
}

/** The evidence a message shows: the fit, its interval, the thirds, steps and how the pass ran. */
export function describeRetained(leaks: LeaksResult): string {
  const fit =
    leaks.bytesPerFrame === null || leaks.ci95 === null
      ? 'no fit'
      : `${b(leaks.bytesPerFrame)}/frame (95% CI ${b(leaks.ci95.low)} to ${b(leaks.ci95.high)})`;
  const lines = [
    `  retained: ${fit}; ${leaks.verdict}: ${leaks.reason}`,
    `  pass: ${leaks.pass.frames} frames from frame ${leaks.pass.startFrame}, a forced full GC every ${leaks.pass.interval}; ${leaks.intervalsUsed} of ${leaks.intervals} intervals without JIT activity`,
  ];
  if (leaks.thirdsBytesPerFrame.length > 0) lines.push(`  growth per frame in each third: ${leaks.thirdsBytesPerFrame.map(b).join(', ')}`);
  return lines.join('\n');
}

/**
 * `expect(run).toRetainAtMostPerFrame(bytes)`: the run's leak pass shows retained growth of at most
 * `bytes` per frame with 95% confidence (one-off steps allowed). The pass is judged again at `bytes`;
 * when its readings cannot decide either way, the assertion fails with the reason, with or without `.not`.
 */
export function toRetainAtMostPerFrame(this: MatcherContext, received: unknown, limit: number): MatcherResult {
  if (typeof limit !== 'number' || !(limit >= 0)) throw new TypeError(`toRetainAtMostPerFrame: limit must be a number >= 0, got ${limit}`);
  const { leaks, name } = requireLeaks(received, 'toRetainAtMostPerFrame');
  const judged = { ...analyzeRetainedGrowth(leaks.samples, { thresholdBytesPerFrame: limit }), pass: leaks.pass };
  if (judged.verdict === 'inconclusive') {
    throw new Error(
      `toRetainAtMostPerFrame: cannot tell whether ${name} retains at most ${b(limit)} per frame: ${judged.reason}\n${describeRetained(judged)}`,
    );
  }
  const pass = judged.verdict === 'no-leak' || judged.verdict === 'step';
  return {
    pass,
    message: () =>
      pass
        ? `expected ${name} to retain more than ${b(limit)} per frame, but it retained at most ${b(judged.ci95!.high)} per frame (95% confidence)\n${describeRetained(judged)}`
        : `expected ${name} to retain at most ${b(limit)} per frame, but it retained ${b(judged.bytesPerFrame!)} per frame (at least ${b(judged.ci95!.low)}, 95% confidence)\n${describeRetained(judged)}`,
  };
}

/** The retained-growth matchers, for `expect.extend(retainMatchers)`. */
export const retainMatchers = { toRetainAtMostPerFrame };
