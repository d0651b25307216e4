import type { AttributedFunction } from '../profiler/AttributionResult.ts';

/** `HeapProfiler.stopSampling`'s profile (the DevTools protocol's SamplingHeapProfile). */
export interface SamplingHeapProfile {
  head: SamplingHeapProfileNode;
  samples: Array<{ size: number; nodeId: number; ordinal: number }>;
}

export interface SamplingHeapProfileNode {
  callFrame: { functionName: string; scriptId: string; url: string; lineNumber: number; columnNumber: number };
  /** Bytes allocated in this function on this stack, scaled up from the samples (an estimate). */
  selfSize: number;
  id: number;
  children: SamplingHeapProfileNode[];
}

/** Where a position in a served module comes from in the source file, or null when unknown. */
export type SourceMapper = (url: string, line: number, column: number) => { file: string; line: number; column: number } | null;

/** Functions by sampled bytes, and what functions set aside (the profiler's own) allocated. */
export interface FunctionBytes {
  functions: AttributedFunction[];
  setAsideBytesPerFrame: number;
  setAsideSamples: number;
}

/**
 * Folds a sampling heap profile into bytes per function per frame: every stack that ends in the
 * same function (same script position) adds up, and only a function's own bytes count (its callees
 * have rows of their own). Positions are mapped back to the source through `map`. Functions of
 * modules `setAside` names (the profiler's) are summed apart. Figures stay estimates: selfSize is
 * V8's scaled-up estimate from the samples.
 */
export function bytesByFunction(
  profile: SamplingHeapProfile,
  frames: number,
  map: SourceMapper,
  setAside: (url: string) => boolean = () => false,
): FunctionBytes {
  const samplesByNode = new Map<number, number>();
  for (const sample of profile.samples) samplesByNode.set(sample.nodeId, (samplesByNode.get(sample.nodeId) ?? 0) + 1);
  const byKey = new Map<string, AttributedFunction>();
  let setAsideBytes = 0;
  let setAsideSamples = 0;
  const stack = [profile.head];
  while (stack.length > 0) {
    const node = stack.pop()!;
    for (const child of node.children) stack.push(child);
    if (node.selfSize === 0) continue;
    const frame = node.callFrame;
    if (frame.url !== '' && setAside(frame.url)) {
      setAsideBytes += node.selfSize;
      setAsideSamples += samplesByNode.get(node.id) ?? 0;
      continue;
    }
    const key = `${frame.url}\u0000${frame.lineNumber}\u0000${frame.columnNumber}\u0000${frame.functionName}`;
    let entry = byKey.get(key);
    if (entry === undefined) {
      const source = frame.url === '' ? null : map(frame.url, frame.lineNumber, frame.columnNumber);
      entry = {
        functionName: frame.functionName || '(anonymous)',
        file: source?.file ?? frame.url,
        line: source?.line ?? (frame.url === '' ? 0 : frame.lineNumber + 1),
        column: source?.column ?? (frame.url === '' ? 0 : frame.columnNumber),
        sampledBytesPerFrame: 0,
        samples: 0,
      };
      byKey.set(key, entry);
    }
    entry.sampledBytesPerFrame += node.selfSize;
    entry.samples += samplesByNode.get(node.id) ?? 0;
  }
  const divisor = Math.max(1, frames);
  const list = [...byKey.values()];
  for (const entry of list) entry.sampledBytesPerFrame /= divisor;
  list.sort((a, b) => b.sampledBytesPerFrame - a.sampledBytesPerFrame);
  return { functions: list, setAsideBytesPerFrame: setAsideBytes / divisor, setAsideSamples };
}
