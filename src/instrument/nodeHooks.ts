/**
 * Allocation-site counting for modules that Node itself loads (the CLI's measuring process), the
 * counterpart of the Vite plugin: a module load hook rewrites matching files before Node strips
 * their types, with the same transform, filter and runtime.
 */
import { registerHooks } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { InstrumentFilter, type PathPattern } from './filter.ts';
import { RUNTIME_PATH } from './plugin.ts';
import { instrumentCode } from './transform.ts';

/** Options of `instrumentNodeImports`. */
export interface NodeInstrumentOptions {
  /** Directory that file names in the site table are relative to. */
  root: string;
  /** Instrumented when matched (absolute or root-relative path prefixes, or RegExps). */
  include: PathPattern[];
  /** Never instrumented. node_modules and the runtime are always out. */
  exclude: PathPattern[];
}

let installed = false;

/**
 * Instruments every module imported from now on that the options select (or that carries the
 * `// @alloclab-instrument` pragma). Call once, before importing the code under test.
 */
export function instrumentNodeImports(options: NodeInstrumentOptions): void {
  if (installed) throw new Error('instrumentNodeImports: already installed in this process');
  installed = true;
  const filter = new InstrumentFilter(options.root, RUNTIME_PATH, { include: options.include, exclude: options.exclude });
  // A file URL, the form Node's own resolution gives the profiler's import of the runtime: one
  // module instance, so the counters the code bumps are the ones the profiler reads.
  const runtimeImport = pathToFileURL(RUNTIME_PATH).href;
  registerHooks({
    load(url, context, nextLoad) {
      const result = nextLoad(url, context);
      if (!url.startsWith('file:') || result.source == null) return result;
      if (result.format !== 'module' && result.format !== 'module-typescript') return result;
      const path = fileURLToPath(url);
      const code = typeof result.source === 'string' ? result.source : Buffer.from(result.source as Uint8Array).toString('utf8');
      if (!filter.accepts(path, code)) return result;
      const out = instrumentCode(code, { id: path, file: filter.relativePath(path), runtimeImport });
      if (out === null) return result;
      // The header goes on the first line, so stack traces keep their line numbers; the map
      // gives exact columns to tools that read it (node --enable-source-maps).
      const map = Buffer.from(out.map.toString()).toString('base64');
      return { ...result, source: `${out.code}\n//# sourceMappingURL=data:application/json;base64,${map}\n` };
    },
  });
}
