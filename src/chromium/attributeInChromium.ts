import type { AttributionResult } from '../profiler/AttributionResult.ts';
import type { LabFailure, LabSpec } from '../page/lab/labProtocol.ts';
import { ATTRIBUTION_JS_FLAGS } from './chromiumFlags.ts';
import { bytesByFunction, samplingAround, urlsOf, type CallFrame } from './heapProfile.ts';
import { measureInChromium } from './measureInChromium.ts';
import { labSourceMapper } from './sourceMapper.ts';
import type { LabServer } from './labServer.ts';

/**
 * Mean bytes between two samples. Small enough that a frame's allocations of a few hundred bytes
 * are sampled many times over a run, large enough to stay a few times slower, not tens (measured
 * on a 400 KB/frame loop: 2.4x slower at 1,024 B and 76x at 16 B; the estimate was within 3%).
 */
export const SAMPLING_INTERVAL_BYTES = 1024;

/** Options of `attributeInChromium`. */
export interface AttributeOptions {
  server: LabServer;
  executablePath: string;
  /** V8 flags of the measured pass; inlining is turned off on top of them. */
  jsFlags: readonly string[];
  onProgress?: (done: number, total: number) => void;
  /** Seconds before the pass fails (`--timeout`). */
  timeoutS?: number;
}

/**
 * The `--attribute` pass: measures the variant again in a fresh browser with inlining off and
 * V8's sampling heap profiler on during the measured frames only (started after warm-up and the
 * collection before them, stopped right after), keeping samples of objects the GC already freed,
 * and folds the profile into bytes per function, mapped back to the source. `spec.warmup` should
 * be the measured pass's warm-up, run exactly (no JIT-quiet wait: the trace is off here).
 */
export async function attributeInChromium(spec: LabSpec, options: AttributeOptions): Promise<AttributionResult | LabFailure> {
  const jsFlags = [...options.jsFlags, ...ATTRIBUTION_JS_FLAGS];
  const sampling = samplingAround(SAMPLING_INTERVAL_BYTES);
  const { outcome } = await measureInChromium(
    { ...spec, quietFrames: 0, keepSlices: false },
    {
      server: options.server,
      executablePath: options.executablePath,
      jsFlags,
      trace: false,
      onProgress: options.onProgress,
      timeoutS: options.timeoutS,
      aroundMeasure: sampling,
    },
  );
  if (outcome.type === 'error') return outcome;
  const sampled = sampling.profile();
  if (sampled === null) return { type: 'error', phase: 'run', message: 'the sampling heap profiler returned no profile' };
  const map = await labSourceMapper(options.server, urlsOf(sampled.head));
  const measuring = (frame: CallFrame) => frame.url !== '' && isMeasuringCode(options.server, frame.url);
  const { functions, setAsideBytesPerFrame } = bytesByFunction(sampled, spec.frames, map, { setAside: measuring, hideCaller: measuring });
  return {
    method: 'sampled',
    samplingIntervalBytes: SAMPLING_INTERVAL_BYTES,
    frames: spec.frames,
    flags: jsFlags,
    samples: sampled.samples.length,
    sampledBytesPerFrame: functions.reduce((sum, f) => sum + f.sampledBytesPerFrame, 0),
    profilerBytesPerFrame: setAsideBytesPerFrame,
    measuredBytesPerFrame: outcome.result.bytesPerFrame.mean,
    functions,
  };
}

/**
 * The page's measuring code: the profiler, the lab and the hosts. Its heap reads (16 B each) and
 * clock stamps allocate inside frames, and are subtracted from every measured figure, so they are
 * set aside here too rather than listed beside the scene's functions.
 */
function isMeasuringCode(server: LabServer, url: string): boolean {
  if (!url.startsWith(server.url)) return false;
  const path = new URL(url).pathname;
  return path.startsWith('/src/profiler/') || path.startsWith('/src/page/') || path.startsWith('/src/node/');
}
