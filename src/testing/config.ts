import { MODE_FLAGS, type ProfileMode } from '../node/modes.ts';

/**
 * Node flags a vitest worker needs for AllocLab's exact measurements, for `test.execArgv`:
 *
 * @example
 * // vite.config.ts
 * import { execArgv } from 'alloclab/testing/config';
 * export default defineConfig({ test: { execArgv: execArgv(), setupFiles: ['alloclab/testing/setup'] } });
 */
export function execArgv(mode: ProfileMode = 'production'): string[] {
  return [...MODE_FLAGS[mode]];
}
