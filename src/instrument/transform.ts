import MagicString, { type SourceMap } from 'magic-string';
import { parseSync } from 'vite';
import { analyze, type FoundSite } from './analyze.ts';
import type { AstNode } from './ast.ts';
import type { SiteRecord } from '../profiler/sites/siteKinds.ts';

/** Options of one module's transform. */
export interface InstrumentCodeOptions {
  /** The module's absolute id: names the source in the map and picks the parser's language. */
  id: string;
  /** The file name the site table shows (project-relative). */
  file: string;
  /** Module specifier of the runtime that instrumented code imports. */
  runtimeImport: string;
}

/** An instrumented module. */
export interface InstrumentedCode {
  code: string;
  map: SourceMap;
  /** The sites in the order of their `k`, as passed to `register`. */
  sites: SiteRecord[];
}

/** Longest excerpt, in characters, before it is cut with an ellipsis. */
const EXCERPT_LENGTH = 60;

/**
 * Rewrites a module so that each allocation site counts its evaluations (see analyze.ts).
 * Returns null when the module has no site or does not parse (it is then left as it is).
 *
 * @example
 * const out = instrumentCode("export const f = (x: number) => ({ x });", {
 *   id: '/abs/scenes/a.ts', file: 'scenes/a.ts', runtimeImport: '/abs/src/profiler/sites/runtime.ts',
 * });
 */
export function instrumentCode(code: string, options: InstrumentCodeOptions): InstrumentedCode | null {
  const parsed = parseSync(options.id, code, { lang: languageOf(options.id), sourceType: 'module' });
  if (parsed.errors.length > 0) return null;
  const { sites, edits } = analyze(parsed.program as unknown as AstNode, code);
  if (sites.length === 0) return null;
  const lines = lineStarts(code);
  const records = sites.map((site) => toRecord(site, code, lines));
  const s = new MagicString(code);
  // `var`, not `const`: a hoisted function called through an import cycle before this line runs
  // must not throw; its hits go to the runtime's sink instead.
  const header =
    `import { __alloclab_register, __alloclab_slots } from ${JSON.stringify(options.runtimeImport)};` +
    `var __alloclab_base = __alloclab_register(${JSON.stringify(options.file)}, ${JSON.stringify(records)});`;
  // On the first line, so every original line keeps its number even without the source map.
  // Added before the edits: insertions at one offset keep call order.
  const hashbang = code.startsWith('#!') ? code.indexOf('\n') + 1 : 0;
  if (hashbang > 0) s.appendLeft(hashbang, header);
  else s.prepend(header);
  edits.apply(s);
  const map = s.generateMap({ hires: 'boundary', source: options.id, includeContent: true });
  return { code: s.toString(), map, sites: records };
}

function languageOf(id: string): 'js' | 'jsx' | 'ts' | 'tsx' {
  const path = id.replace(/[?#].*$/, '');
  if (path.endsWith('.tsx')) return 'tsx';
  if (/\.[cm]?ts$/.test(path)) return 'ts';
  if (path.endsWith('.jsx')) return 'jsx';
  return 'js';
}

function toRecord(site: FoundSite, code: string, lines: number[]): SiteRecord {
  const { line, column } = position(lines, site.pos);
  return [line, column, site.kind, site.detail, site.count, site.functionName, excerpt(code, site.start, site.end)];
}

function lineStarts(code: string): number[] {
  const starts = [0];
  for (let i = 0; i < code.length; i++) if (code.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

/** 1-based line and column of an offset. */
function position(lines: number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = lines.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lines[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - lines[lo]! + 1 };
}

function excerpt(code: string, start: number, end: number): string {
  const text = code
    .slice(start, Math.min(end, start + EXCERPT_LENGTH * 4))
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > EXCERPT_LENGTH ? `${text.slice(0, EXCERPT_LENGTH - 1)}…` : text;
}
