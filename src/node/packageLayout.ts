import { fileURLToPath } from 'node:url';

/**
 * Where AllocLab's own files are at run time. A checkout runs its TypeScript sources; an installed
 * package runs its build, which mirrors them file for file under `dist/` (Node refuses to strip
 * types inside node_modules). Code that names one of the package's own files by path (the worker
 * the CLI forks, the lab page, the instrumentation's runtime) asks here, and finds it in both.
 */
const BUILT = import.meta.url.endsWith('.js');

/** The folder that holds `src/`, `scenes/` and `lab.html`: the checkout, or its `dist/` once built. */
export const CODE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The package's package.json (beside `dist/` once built). */
export const PACKAGE_JSON = fileURLToPath(new URL(BUILT ? '../../../package.json' : '../../package.json', import.meta.url));

/**
 * Absolute path of one of the package's own modules, named by its source path under CODE_ROOT:
 * `ownModule('src/cli/worker/worker.ts')` is that file in a checkout and `dist/src/cli/worker/worker.js` once built.
 */
export function ownModule(sourcePath: string): string {
  const path = BUILT ? sourcePath.replace(/\.ts$/, '.js') : sourcePath;
  return fileURLToPath(new URL(path, new URL('../../', import.meta.url)));
}
