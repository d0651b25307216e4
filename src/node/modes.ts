import type { ProfileMode } from '../profiler/RunResult.ts';

export type { ProfileMode };

export const PROFILE_MODES: readonly ProfileMode[] = ['production', 'deterministic'];

/**
 * V8 flags per mode. Both read the heap exactly (`--expose-internals`) and turn pretenuring off,
 * which changes where long-lived objects go, not how many bytes are allocated, and makes
 * per-frame figures exact instead of moving in 256 KB old-space chunks.
 * - production: the optimiser on, as a shipped game runs; escape analysis may remove allocations.
 * - deterministic: no optimising compilers, so every allocation the source makes is counted,
 *   whatever the JIT would have done, and a larger young generation so GCs rarely disturb frames.
 */
export const MODE_FLAGS: Readonly<Record<ProfileMode, readonly string[]>> = {
  production: ['--expose-internals', '--expose-gc', '--no-allocation-site-pretenuring'],
  deterministic: [
    '--expose-internals',
    '--expose-gc',
    '--no-allocation-site-pretenuring',
    '--no-opt',
    '--no-maglev',
    '--max-semi-space-size=64',
    '--min-semi-space-size=64',
  ],
};

/** The mode this process runs in, judged from its flags, or null when it cannot measure. */
export function currentMode(execArgv: readonly string[] = process.execArgv): ProfileMode | null {
  if (!execArgv.includes('--expose-internals')) return null;
  return execArgv.includes('--no-opt') && execArgv.includes('--no-maglev') ? 'deterministic' : 'production';
}

/** Throws a one-line error when this process cannot measure in `mode`. */
export function assertMode(mode: ProfileMode): void {
  const current = currentMode();
  if (current === mode) return;
  throw new Error(
    `alloclab: ${mode} mode needs Node started with ${MODE_FLAGS[mode].join(' ')}` +
      (current === null ? '' : ` (this process runs in ${current} mode)`) +
      '; the alloclab CLI starts Node with them itself, and vitest gets them from execArgv in its config',
  );
}
