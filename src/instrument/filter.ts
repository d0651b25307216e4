import { isAbsolute, relative } from 'node:path';

/** A path prefix (project-relative like `scenes/`, or absolute) or a RegExp tested on both forms. */
export type PathPattern = string | RegExp;

/** What the plugin instruments. */
export interface InstrumentFilterOptions {
  /** Instrumented when matched. Default: `['scenes/']`. Files with the pragma are included too. */
  include?: PathPattern[];
  /** Never instrumented when matched, even with the pragma. Default: none. */
  exclude?: PathPattern[];
}

/** Default include: the scene catalog. */
export const DEFAULT_INCLUDE: readonly PathPattern[] = ['scenes/'];
/**
 * Default exclude: none. AllocLab's own code, which must not count its own bookkeeping, is under
 * node_modules in a user's project (always out); a user's `src/` is their game. This repository,
 * whose `src/` is AllocLab, passes its own exclude.
 */
export const DEFAULT_EXCLUDE: readonly PathPattern[] = [];
/** The comment that opts a file in: `// @alloclab-instrument`. */
export const PRAGMA = /(?:\/\/|\/\*)\s*@alloclab-instrument\b/;

const EXTENSIONS = /\.(?:ts|tsx|js|mjs|mts)$/;

/** Decides whether a module is instrumented, from its id, its source and the options. */
export class InstrumentFilter {
  private readonly _root: string;
  private readonly _include: readonly PathPattern[];
  private readonly _exclude: readonly PathPattern[];
  private readonly _runtimePath: string;

  constructor(root: string, runtimePath: string, options: InstrumentFilterOptions = {}) {
    this._root = toSlashes(root);
    this._runtimePath = toSlashes(runtimePath);
    this._include = options.include ?? DEFAULT_INCLUDE;
    this._exclude = options.exclude ?? DEFAULT_EXCLUDE;
  }

  /** The path the site table shows: project-relative with `/`, or absolute outside the project. */
  relativePath(id: string): string {
    const path = toSlashes(stripQuery(id));
    const rel = toSlashes(relative(this._root, path));
    return rel.startsWith('../') || isAbsolute(rel) ? path : rel;
  }

  accepts(id: string, code: string): boolean {
    // `\0` marks virtual modules of other plugins; they have no file to point at.
    if (id.startsWith('\0')) return false;
    const path = toSlashes(stripQuery(id));
    if (!EXTENSIONS.test(path)) return false;
    // Always out: the runtime (counting inside the counter would recurse), and dependencies unless
    // an include names a folder inside node_modules by absolute path (the CLI counting the engine
    // and a catalog scene of an installed AllocLab).
    if (path === this._runtimePath) return false;
    if (path.includes('/node_modules/') && !this._include.some((p) => namesDependency(p) && path.startsWith(toSlashes(p)))) return false;
    const rel = this.relativePath(id);
    if (matchesAny(this._exclude, path, rel)) return false;
    return matchesAny(this._include, path, rel) || PRAGMA.test(code);
  }
}

function matchesAny(patterns: readonly PathPattern[], path: string, rel: string): boolean {
  for (const pattern of patterns) {
    if (typeof pattern === 'string') {
      if (rel.startsWith(pattern) || path.startsWith(pattern)) return true;
    } else {
      pattern.lastIndex = 0;
      if (pattern.test(rel)) return true;
      pattern.lastIndex = 0;
      if (pattern.test(path)) return true;
    }
  }
  return false;
}

function namesDependency(pattern: PathPattern): pattern is string {
  return typeof pattern === 'string' && isAbsolute(pattern) && toSlashes(pattern).includes('/node_modules/');
}

function stripQuery(id: string): string {
  return id.replace(/[?#].*$/, '');
}

function toSlashes(path: string): string {
  return path.replace(/\\/g, '/');
}
