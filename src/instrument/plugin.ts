/// <reference types="vitest/config" />
/**
 * Build-time entry of the instrumentation (Node only): the Vite plugin and the transform.
 * The run-time counters are in `./index.ts`.
 */
import type { Plugin } from 'vite';
import { InstrumentFilter, type PathPattern } from './filter.ts';
import { instrumentCode } from './transform.ts';
import { ownModule } from '../node/packageLayout.ts';

/** Options of `alloclabInstrument`. */
export interface AlloclabInstrumentOptions {
  /** Instrumented when matched (path prefix or RegExp). Default `['scenes/']`; the pragma `// @alloclab-instrument` always opts a file in. */
  include?: PathPattern[];
  /** Never instrumented (wins over include and the pragma). Default: none; node_modules and the runtime are always out. */
  exclude?: PathPattern[];
  /** Module the instrumented code imports its counters from. Default: the absolute path of `runtime.ts`. */
  runtimeImport?: string;
}

/** Absolute path of the runtime module: importing it by path gives the same instance everywhere. */
export const RUNTIME_PATH = ownModule('src/profiler/sites/runtime.ts');

/** Bump when the transform's output changes, so vitest's module cache drops old output. */
const TRANSFORM_VERSION = 3;

/**
 * The string vitest adds to its module cache key: the transform version and every option that
 * changes the output. Vitest caches transformed modules by plugin *name*, so without it a change
 * of `include` would keep serving stale (un)instrumented modules.
 */
export function instrumentCacheKey(options: AlloclabInstrumentOptions, root: string): string {
  const patterns = (list?: PathPattern[]) => list?.map((p) => (typeof p === 'string' ? p : `re:${String(p)}`)) ?? null;
  return `alloclab-instrument@${TRANSFORM_VERSION}:${JSON.stringify({
    include: patterns(options.include),
    exclude: patterns(options.exclude),
    runtimeImport: options.runtimeImport ?? RUNTIME_PATH,
    root,
  })}`;
}

/**
 * Vite plugin (also active under vitest) that counts every allocation site of scene and user code.
 * It runs before TypeScript is stripped (`enforce: 'pre'`), so sites carry source lines and columns.
 *
 * @example
 * // vite.config.ts
 * import { alloclabInstrument } from './src/instrument/plugin.ts';
 * export default defineConfig({ plugins: [alloclabInstrument({ include: ['scenes/', 'game/'] })] });
 */
export function alloclabInstrument(options: AlloclabInstrumentOptions = {}): Plugin {
  const runtimeImport = options.runtimeImport ?? RUNTIME_PATH;
  let root = process.cwd();
  let filter = new InstrumentFilter(root, RUNTIME_PATH, options);
  return {
    name: 'alloclab:instrument',
    enforce: 'pre',
    configResolved(config) {
      root = config.root;
      filter = new InstrumentFilter(root, RUNTIME_PATH, options);
    },
    configureVitest(context) {
      const key = instrumentCacheKey(options, context.project.config.root);
      // Vitest < 5 only has the experimental name.
      const define = context.defineCacheKeyGenerator ?? context.experimental_defineCacheKeyGenerator;
      define(() => key);
    },
    transform(code, id) {
      if (!filter.accepts(id, code)) return null;
      const out = instrumentCode(code, { id: id.replace(/[?#].*$/, ''), file: filter.relativePath(id), runtimeImport });
      if (!out) return null;
      return { code: out.code, map: out.map };
    },
  };
}

export { instrumentCode } from './transform.ts';
export type { InstrumentCodeOptions, InstrumentedCode } from './transform.ts';
export { DEFAULT_INCLUDE, DEFAULT_EXCLUDE, PRAGMA } from './filter.ts';
export type { PathPattern } from './filter.ts';
export { alloclabSampling } from './samplingPlugin.ts';
export type { AlloclabSamplingOptions } from './samplingPlugin.ts';
