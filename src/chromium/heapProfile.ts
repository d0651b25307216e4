import type { AttributedFunction, CallPath } from '../profiler/AttributionResult.ts';

/** Callers kept per path: the nearest ones, where the reason for an allocation usually is. */
const PATH_DEPTH = 8;
/** Paths kept per function: the heaviest. */
const PATHS_PER_FUNCTION = 3;

/** `HeapProfiler.stopSampling`'s profile (the DevTools protocol's SamplingHeapProfile). */
export interface SamplingHeapProfile {
  head: SamplingHeapProfileNode;
  samples: Array<{ size: number; nodeId: number; ordinal: number }>;
}

/** A stack frame of the profile: built-ins have script 0 and no URL; injected scripts another id and no URL. */
export interface CallFrame {
  functionName: string;
  scriptId: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

export interface SamplingHeapProfileNode {
  callFrame: CallFrame;
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
 * have rows of their own), with its heaviest call paths. Positions are mapped back to the source
 * through `map`. What `setAside` picks by frame and callers (the profiler's own allocations) is
 * summed apart. Figures stay estimates: selfSize is V8's scaled-up estimate from the samples.
 */
export function bytesByFunction(
  profile: SamplingHeapProfile,
  frames: number,
  map: SourceMapper,
  options: {
    /** What is summed apart rather than listed, by its frame and callers (the profiler's own allocations). */
    setAside?: (frame: CallFrame, callers: readonly CallFrame[]) => boolean;
    /** Callers left out of call paths (the measuring code that calls the frame). */
    hideCaller?: (frame: CallFrame) => boolean;
  } = {},
): FunctionBytes {
  const setAside = options.setAside ?? (() => false);
  const hideCaller = options.hideCaller ?? (() => false);
  const samplesByNode = new Map<number, number>();
  for (const sample of profile.samples) samplesByNode.set(sample.nodeId, (samplesByNode.get(sample.nodeId) ?? 0) + 1);
  const byKey = new Map<string, AttributedFunction>();
  const pathsByKey = new Map<string, Map<string, { bytes: number; callers: CallPath['callers'] }>>();
  const located = new Map<string, { file: string; line: number; column: number } | null>();
  const locate = (frame: CallFrame) => {
    const key = `${frame.url}\u0000${frame.lineNumber}\u0000${frame.columnNumber}`;
    if (!located.has(key)) located.set(key, frame.url === '' ? null : map(frame.url, frame.lineNumber, frame.columnNumber));
    const source = located.get(key)!;
    return {
      file: source?.file ?? frame.url,
      line: source?.line ?? (frame.url === '' ? 0 : frame.lineNumber + 1),
      column: source?.column ?? (frame.url === '' ? 0 : frame.columnNumber),
    };
  };
  let setAsideBytes = 0;
  let setAsideSamples = 0;
  // Each node with the stack of its callers, root first ('(root)' itself left out).
  const stack: { node: SamplingHeapProfileNode; callers: CallFrame[] }[] = [{ node: profile.head, callers: [] }];
  while (stack.length > 0) {
    const { node, callers } = stack.pop()!;
    const below = node === profile.head ? callers : [...callers, node.callFrame];
    for (const child of node.children) stack.push({ node: child, callers: below });
    if (node.selfSize === 0) continue;
    const frame = node.callFrame;
    if (setAside(frame, callers)) {
      setAsideBytes += node.selfSize;
      setAsideSamples += samplesByNode.get(node.id) ?? 0;
      continue;
    }
    const key = `${frame.url}\u0000${frame.lineNumber}\u0000${frame.columnNumber}\u0000${frame.functionName}`;
    let entry = byKey.get(key);
    if (entry === undefined) {
      entry = { functionName: frame.functionName || '(anonymous)', ...locate(frame), sampledBytesPerFrame: 0, samples: 0 };
      byKey.set(key, entry);
      pathsByKey.set(key, new Map());
    }
    entry.sampledBytesPerFrame += node.selfSize;
    entry.samples += samplesByNode.get(node.id) ?? 0;
    // Bottom-up: the nearest callers first, cut at PATH_DEPTH.
    const path = callers
      .filter((c) => !hideCaller(c))
      .slice(-PATH_DEPTH)
      .reverse()
      .map((c) => {
        const at = locate(c);
        return { functionName: c.functionName || '(anonymous)', file: at.file, line: at.line };
      });
    const pathKey = path.map((c) => `${c.functionName}@${c.file}:${c.line}`).join('<');
    const paths = pathsByKey.get(key)!;
    const seen = paths.get(pathKey);
    if (seen) seen.bytes += node.selfSize;
    else paths.set(pathKey, { bytes: node.selfSize, callers: path });
  }
  const divisor = Math.max(1, frames);
  const list: AttributedFunction[] = [];
  for (const [key, entry] of byKey) {
    const total = entry.sampledBytesPerFrame;
    entry.paths = [...pathsByKey.get(key)!.values()]
      .sort((a, b) => b.bytes - a.bytes)
      .slice(0, PATHS_PER_FUNCTION)
      .map((p) => ({ sampledBytesPerFrame: p.bytes / divisor, share: total > 0 ? p.bytes / total : 0, callers: p.callers }));
    entry.sampledBytesPerFrame /= divisor;
    list.push(entry);
  }
  list.sort((a, b) => b.sampledBytesPerFrame - a.sampledBytesPerFrame);
  return { functions: list, setAsideBytesPerFrame: setAsideBytes / divisor, setAsideSamples };
}

/** Every script URL a profile's stacks name (with repeats). */
export function urlsOf(head: SamplingHeapProfileNode): string[] {
  const urls: string[] = [];
  const stack = [head];
  while (stack.length > 0) {
    const node = stack.pop()!;
    urls.push(node.callFrame.url);
    for (const child of node.children) stack.push(child);
  }
  return urls;
}

/** The part of a DevTools session the sampling needs. */
interface ProtocolSession {
  send(method: 'HeapProfiler.enable' | 'HeapProfiler.startSampling' | 'HeapProfiler.stopSampling', params?: object): Promise<unknown>;
}

/**
 * V8's sampling heap profiler around the measured frames: `before` starts it (a sample about every
 * `intervalBytes`, samples of objects the GC already freed kept), `after` stops it; `profile()` is
 * what it returned, or null when it never stopped.
 */
export function samplingAround(intervalBytes: number) {
  let profile: SamplingHeapProfile | null = null;
  return {
    async before(session: ProtocolSession): Promise<void> {
      await session.send('HeapProfiler.enable');
      await session.send('HeapProfiler.startSampling', {
        samplingInterval: intervalBytes,
        includeObjectsCollectedByMajorGC: true,
        includeObjectsCollectedByMinorGC: true,
      });
    },
    async after(session: ProtocolSession): Promise<void> {
      profile = ((await session.send('HeapProfiler.stopSampling')) as { profile: SamplingHeapProfile }).profile;
    },
    profile: (): SamplingHeapProfile | null => profile,
  };
}
