import { readFile } from 'node:fs/promises';
import { isAbsolute, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TraceMap, originalPositionFor, type SourceMapInput } from '@jridgewell/trace-mapping';
import type { SourceMapper } from './heapProfile.ts';

/** The last `//# sourceMappingURL=` comment of a script (the one that counts). */
const MAPPING_URL = /\/\/[#@]\s*sourceMappingURL=(\S+)\s*$/;

/** A script's or a map's text, from the page's server or from disk; null when it cannot be read. */
async function readUrl(url: string): Promise<string | null> {
  try {
    if (url.startsWith('file:')) return await readFile(fileURLToPath(url), 'utf8');
    if (url.startsWith('data:')) {
      const comma = url.indexOf(',');
      const data = url.slice(comma + 1);
      return url.slice(0, comma).endsWith(';base64') ? Buffer.from(data, 'base64').toString('utf8') : decodeURIComponent(data);
    }
    if (!/^https?:/.test(url)) return null;
    const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
    return response.ok ? await response.text() : null;
  } catch {
    return null;
  }
}

/** The source map a served script names, or null (none, or one that does not load or parse). */
async function mapOf(url: string): Promise<TraceMap | null> {
  const text = await readUrl(url);
  if (text === null) return null;
  // The comment ends the script, maybe followed by blank lines.
  const lines = text.split('\n');
  let ref: string | undefined;
  for (let i = lines.length - 1; i >= Math.max(0, lines.length - 20) && ref === undefined; i--) ref = MAPPING_URL.exec(lines[i]!)?.[1];
  if (ref === undefined) return null;
  const mapUrl = ref.startsWith('data:') ? ref : new URL(ref, url).href;
  const mapText = await readUrl(mapUrl);
  if (mapText === null) return null;
  try {
    return new TraceMap(mapText as SourceMapInput, ref.startsWith('data:') ? url : mapUrl);
  } catch {
    return null;
  }
}

/**
 * How a source reads in a table: a file on disk relative to the working directory, a module the
 * page's server sent by its path, and a library by its path from `node_modules/` on.
 */
export function displayPath(source: string): string {
  let path = source;
  if (path.startsWith('file:')) path = fileURLToPath(path);
  else if (/^https?:/.test(path)) path = decodeURIComponent(new URL(path).pathname);
  // Vite serves files outside its root under /@fs/<absolute path>.
  if (path.startsWith('/@fs/')) path = path.slice('/@fs'.length);
  const modules = path.lastIndexOf('node_modules/');
  if (modules >= 0) return path.slice(modules);
  if (isAbsolute(path)) {
    const rel = relative(process.cwd(), path);
    if (!rel.startsWith('..')) return rel;
  }
  return path.replace(/^\//, '');
}

/**
 * Maps positions in a page's scripts back to their sources: reads each script (from the page's
 * server, or from disk for a file URL), follows its `sourceMappingURL` (inline, as Vite's dev
 * server sends modules, or a .map file beside a build) and maps through it. A script without a
 * map keeps its own positions, named by its path.
 */
export async function pageSourceMapper(urls: Iterable<string>): Promise<SourceMapper> {
  const maps = new Map<string, TraceMap | null>();
  await Promise.all(
    [...new Set(urls)]
      .filter((url) => url !== '' && !maps.has(url))
      .map(async (url) => {
        maps.set(url, await mapOf(url));
      }),
  );
  return (url, line, column) => {
    if (!maps.has(url)) return null;
    const map = maps.get(url)!;
    if (map === null) return { file: displayPath(url.replace(/[?#].*$/, '')), line: line + 1, column };
    const original = originalPositionFor(map, { line: line + 1, column });
    if (original.source === null || original.line === null) return { file: displayPath(url.replace(/[?#].*$/, '')), line: 0, column: 0 };
    return { file: displayPath(original.source), line: original.line, column: original.column ?? 0 };
  };
}
