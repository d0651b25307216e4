import type { AttributionResult } from '../profiler/AttributionResult.ts';
import { SAMPLING_INTERVAL_BYTES } from './attributeInChromium.ts';
import { ATTRIBUTION_JS_FLAGS, LAB_JS_FLAGS, type PageGpu } from './chromiumFlags.ts';
import { bytesByFunction, samplingAround, urlsOf, type CallFrame, type SourceMapper } from './heapProfile.ts';
import { measurePage, PageFailure } from './measurePage.ts';
import { pageSourceMapper } from './pageSourceMapper.ts';

/** Options of `attributePage`: those of the measured pass it repeats. */
export interface AttributePageOptions {
  executablePath: string;
  frames: number;
  warmup: number;
  idleMs?: number;
  /** How the page gets WebGL, as in the measuring pass. */
  gpu?: PageGpu;
  onProgress?: (done: number, total: number) => void;
}

/** A script the page did not load: the agent, and the browser driver's evaluations (no URL, not a built-in). */
export const injected = (frame: CallFrame): boolean => frame.url === '' && frame.scriptId !== '0';
/** A built-in (script 0): it allocates for whoever called it. */
const builtIn = (frame: CallFrame): boolean => frame.scriptId === '0';
/** AllocLab's own code bundled into the page (`alloclab/browser`'s overlay), by the source its position maps to. */
const ALLOCLAB_SOURCE = /(^|\/)node_modules\/alloclab\//;

/**
 * What the page's game did not allocate: the agent's and the driver's functions, AllocLab's own
 * overlay bundled into the page (its graphs redraw between frames), and built-ins that only they
 * called. The agent wraps the page's frame callbacks, so a built-in is judged by its nearest
 * caller that is not one. `servedFromAllocLab` names more of AllocLab's own scripts by URL (a dev
 * server that serves its sources from a checkout, not from node_modules).
 */
export function notTheGame(map: SourceMapper, servedFromAllocLab: (url: string) => boolean = () => false) {
  const allocLab = (frame: CallFrame): boolean =>
    frame.url !== '' &&
    (servedFromAllocLab(frame.url) || ALLOCLAB_SOURCE.test(map(frame.url, frame.lineNumber, frame.columnNumber)?.file ?? frame.url));
  const ours = (frame: CallFrame): boolean => injected(frame) || allocLab(frame);
  return (frame: CallFrame, callers: readonly CallFrame[]): boolean => {
    if (!builtIn(frame)) return ours(frame);
    for (let i = callers.length - 1; i >= 0; i--) if (!builtIn(callers[i]!)) return ours(callers[i]!);
    return false;
  };
}

/**
 * `alloclab page --attribute`: opens the page again in a fresh browser with inlining off, lets it
 * run the same warm-up, and keeps V8's sampling heap profiler on from right before the measured
 * frames to right after them (samples of objects the GC already freed kept), then folds the
 * profile into bytes per function with their heaviest call paths, mapped through the page's
 * source maps. What the game did not allocate is set aside (`notTheGame`).
 */
export async function attributePage(url: string, options: AttributePageOptions): Promise<AttributionResult> {
  const jsFlags = [...LAB_JS_FLAGS.production, ...ATTRIBUTION_JS_FLAGS];
  const sampling = samplingAround(SAMPLING_INTERVAL_BYTES);
  const { page } = await measurePage(url, {
    ...options,
    keepSlices: false,
    jsFlags,
    aroundMeasure: sampling,
  });
  const sampled = sampling.profile();
  if (sampled === null) throw new PageFailure('the sampling heap profiler returned no profile');
  const map = await pageSourceMapper(urlsOf(sampled.head));
  const { functions, setAsideBytesPerFrame } = bytesByFunction(sampled, options.frames, map, {
    setAside: notTheGame(map),
    hideCaller: injected,
  });
  return {
    method: 'sampled',
    samplingIntervalBytes: SAMPLING_INTERVAL_BYTES,
    frames: options.frames,
    flags: jsFlags,
    samples: sampled.samples.length,
    sampledBytesPerFrame: functions.reduce((sum, f) => sum + f.sampledBytesPerFrame, 0),
    profilerBytesPerFrame: setAsideBytesPerFrame,
    measuredBytesPerFrame: page.result.bytesPerFrame.mean,
    functions,
  };
}
