import { getHeapSnapshot } from 'node:v8';
import { performance } from 'node:perf_hooks';
import type { LiveHeapResult } from '../profiler/liveHeap.ts';

/** Forced full GCs timed by default. */
export const FULL_GC_RUNS = 9;

/**
 * Counts the live heap's objects and times forced full GCs, after a run (never during one: both
 * stop the world for milliseconds). The count comes from a V8 heap snapshot (taken after a full
 * GC, so only reachable objects are in it), read as a stream: only its node table is scanned.
 * Needs Node started with --expose-gc.
 *
 * What struct-of-arrays saves the collector shows here: fewer objects to mark and move, and a
 * shorter full GC.
 */
export async function measureLiveHeap(options: { gcRuns?: number } = {}): Promise<LiveHeapResult> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (typeof gc !== 'function') throw new Error('alloclab: measuring the live heap forces GCs and needs Node started with --expose-gc');
  const runs = options.gcRuns ?? FULL_GC_RUNS;
  if (!Number.isInteger(runs) || runs < 1) throw new RangeError(`measureLiveHeap: gcRuns must be an integer >= 1, got ${runs}`);
  // The run's garbage goes first, so each timed GC works through the live heap alone.
  gc();
  const times = new Float64Array(runs);
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    gc();
    times[i] = performance.now() - start;
  }
  times.sort();
  const census = await countSnapshotNodes(getHeapSnapshot());
  return {
    ...census,
    fullGcMs: { median: times[(runs - 1) >> 1]!, min: times[0]!, max: times[runs - 1]!, runs },
  };
}

const NODES_KEY = '"nodes":[';
/**
 * Snapshot node types that are not objects on the V8 heap: the snapshot's own root groupings, and
 * native entries (such as ArrayBuffer data, which lives off the heap and which the GC does not trace).
 */
const NOT_ON_HEAP = new Set(['synthetic', 'native']);
const COMMA = 44;
const CLOSE = 93;
const ZERO = 48;
const NINE = 57;

/**
 * Counts the nodes of a heap snapshot (`.heapsnapshot` JSON, as a stream of text or buffers) by
 * type, with their self sizes, leaving out nodes that are not on the V8 heap. Reads only the
 * header and the node table; the stream is dropped after it.
 */
export async function countSnapshotNodes(
  stream: AsyncIterable<string | Uint8Array> & { destroy?(): void },
): Promise<Omit<LiveHeapResult, 'fullGcMs'>> {
  const decoder = new TextDecoder();
  let header = '';
  let fields = 0;
  let typeField = -1;
  let sizeField = -1;
  let typeNames: string[] = [];
  const perType: number[] = [];
  let inNodes = false;
  let done = false;
  let field = 0;
  let value = 0;
  let digits = false;
  let nodeType = 0;
  let objects = 0;
  let bytes = 0;
  let nodeSize = 0;
  const endValue = (): void => {
    if (field === typeField) nodeType = value;
    else if (field === sizeField) nodeSize = value;
    if (++field === fields) {
      perType[nodeType] = (perType[nodeType] ?? 0) + 1;
      if (!NOT_ON_HEAP.has(typeNames[nodeType]!)) bytes += nodeSize;
      field = 0;
    }
    value = 0;
    digits = false;
  };
  for await (const chunk of stream) {
    let text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    if (!inNodes) {
      header += text;
      const at = header.indexOf(NODES_KEY);
      if (at < 0) continue;
      // The header is `{"snapshot":{"meta":{...},...},` up to the node table: close it and parse it.
      const meta = (JSON.parse(header.slice(0, at).replace(/,\s*$/, '') + '}') as SnapshotHeader).snapshot.meta;
      fields = meta.node_fields.length;
      typeField = meta.node_fields.indexOf('type');
      sizeField = meta.node_fields.indexOf('self_size');
      typeNames = meta.node_types[0] as string[];
      if (typeField < 0 || sizeField < 0) throw new Error('heap snapshot: the node table has no type or self_size field');
      text = header.slice(at + NODES_KEY.length);
      header = '';
      inNodes = true;
    }
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c >= ZERO && c <= NINE) {
        value = value * 10 + (c - ZERO);
        digits = true;
      } else if (c === COMMA) {
        endValue();
      } else if (c === CLOSE) {
        if (digits) endValue();
        done = true;
        break;
      }
    }
    if (done) break;
  }
  stream.destroy?.();
  if (!done) throw new Error('heap snapshot: the node table ended early');
  const byType: Record<string, number> = {};
  for (let t = 0; t < perType.length; t++) {
    const name = typeNames[t] ?? `type ${t}`;
    if (perType[t] === undefined || NOT_ON_HEAP.has(name)) continue;
    byType[name] = perType[t]!;
    objects += perType[t]!;
  }
  return { objects, bytes, byType };
}

interface SnapshotHeader {
  snapshot: { meta: { node_fields: string[]; node_types: Array<string[] | string> } };
}
