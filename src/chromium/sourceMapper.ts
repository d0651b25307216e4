import { relative } from 'node:path';
import { TraceMap, originalPositionFor, type SourceMapInput } from '@jridgewell/trace-mapping';
import type { SourceMapper } from './heapProfile.ts';
import { LAB_ROOT, type LabServer } from './labServer.ts';

/**
 * Maps positions in the modules the lab server sent the page back to the TypeScript sources:
 * asks Vite for each module's transform (cached from when the page loaded it) and reads its
 * source map. Files are named relative to the package root, or to the working directory for
 * a user's scene outside it.
 */
export async function labSourceMapper(server: LabServer, urls: Iterable<string>): Promise<SourceMapper> {
  const maps = new Map<string, { file: string; map: TraceMap | null }>();
  for (const url of new Set(urls)) {
    if (url === '' || !url.startsWith(server.url)) continue;
    const path = new URL(url).pathname;
    const file = path.startsWith('/@fs/')
      ? relative(process.cwd(), path.slice('/@fs'.length))
      : relative(process.cwd(), LAB_ROOT + path.slice(1)) || path.slice(1);
    let map: TraceMap | null = null;
    try {
      const transformed = await server.vite.transformRequest(path);
      if (transformed?.map) map = new TraceMap(transformed.map as unknown as SourceMapInput);
    } catch {
      // No transform (e.g. a virtual module): positions stay those of the served code.
    }
    maps.set(url, { file, map });
  }
  return (url, line, column) => {
    const entry = maps.get(url);
    if (entry === undefined) return null;
    if (entry.map === null) return { file: entry.file, line: line + 1, column };
    const original = originalPositionFor(entry.map, { line: line + 1, column });
    if (original.line === null) return { file: entry.file, line: 0, column: 0 };
    return { file: entry.file, line: original.line, column: original.column ?? 0 };
  };
}
