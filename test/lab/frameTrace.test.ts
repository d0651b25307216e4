import { describe, expect, it } from 'vitest';
import { analyzeFrameTrace, FRAME_BEGIN_MARK, FRAME_END_MARK, type TraceEvent } from '../../src/page/trace/frameTrace.ts';
import { applyTrace } from '../../src/page/kit/applyTrace.ts';
import { FrameCollector } from '../../src/profiler/FrameCollector.ts';
import { GcLog } from '../../src/profiler/GcLog.ts';
import { Profiler } from '../../src/profiler/Profiler.ts';
import { buildRunResult } from '../../src/profiler/buildRunResult.ts';
import type { HeapMeter, ProfilerClock } from '../../src/profiler/HeapMeter.ts';

const MAIN = { pid: 10, tid: 11 };
const OTHER = { pid: 10, tid: 12 };

function mark(ts: number, message: string, thread = MAIN): TraceEvent {
  return { name: 'TimeStamp', cat: 'devtools.timeline', ph: 'I', ts, ...thread, args: { data: { message } } };
}
function slice(name: string, ts: number, dur: number, cat = 'devtools.timeline,v8', thread = MAIN): TraceEvent {
  return { name, cat, ph: 'X', ts, dur, ...thread };
}
/** Frames of 100 us every 200 us from t = 1,000 us: frame i spans [1000 + 200i, 1100 + 200i]. */
function frames(n: number): TraceEvent[] {
  const events: TraceEvent[] = [];
  for (let i = 0; i < n; i++) events.push(mark(1000 + 200 * i, FRAME_BEGIN_MARK), mark(1100 + 200 * i, FRAME_END_MARK));
  return events;
}

describe('analyzeFrameTrace', () => {
  it('pairs the frame marks of the thread that placed them', () => {
    const trace = analyzeFrameTrace([
      ...frames(3),
      mark(5, FRAME_BEGIN_MARK, OTHER),
      mark(6, FRAME_END_MARK, OTHER),
      mark(7, 'someone else'),
    ]);
    expect(trace.beginUs).toEqual([1000, 1200, 1400]);
    expect(trace.endUs).toEqual([1100, 1300, 1500]);
  });

  it('attributes GC pauses to the frame they start in, or -1 between frames, with kind and duration', () => {
    const trace = analyzeFrameTrace([
      ...frames(3),
      slice('MinorGC', 1210, 50),
      slice('MajorGC', 1150, 30),
      slice('V8.GC_MC_INCREMENTAL', 1420, 5, 'devtools.timeline,disabled-by-default-v8.gc'),
    ]);
    expect(trace.gc).toEqual([
      { startUs: 1150, durationUs: 30, kind: 'major', frame: -1 },
      { startUs: 1210, durationUs: 50, kind: 'minor', frame: 1 },
      { startUs: 1420, durationUs: 5, kind: 'incremental', frame: 2 },
    ]);
  });

  it('counts a pause once: phases nested in it, other threads and other GC events are left out', () => {
    const trace = analyzeFrameTrace([
      ...frames(2),
      slice('MajorGC', 1010, 60),
      slice('V8.GC_MC_INCREMENTAL', 1020, 5, 'devtools.timeline,disabled-by-default-v8.gc'),
      slice('V8.GC_SCAVENGER', 1030, 5, 'devtools.timeline,disabled-by-default-v8.gc'),
      slice('MinorGC', 1210, 40, 'devtools.timeline,v8', OTHER),
    ]);
    expect(trace.gc).toEqual([{ startUs: 1010, durationUs: 60, kind: 'major', frame: 0 }]);
  });

  it('flags the frames in which the JIT installed code on the main thread', () => {
    const compile = 'disabled-by-default-v8.compile';
    const trace = analyzeFrameTrace([
      ...frames(4),
      slice('V8.MaglevConcurrentFinalize', 1250, 3, compile),
      slice('V8.OptimizeConcurrentFinalize', 1650, 3, compile),
      slice('V8.InstallOptimizedFunctions', 1660, 1, compile),
      slice('V8.OptimizeBackground', 1450, 90, compile, OTHER), // compiling on a helper thread installs nothing
      slice('V8.MarkCandidatesForOptimization', 1050, 1, compile),
      slice('V8.CompileIgnitionFinalization', 1150, 2, compile), // between frames: counted, no frame
    ]);
    expect(trace.jitFrames).toEqual([1, 3]);
    expect(trace.jitInstalls).toBe(4);
  });

  it('throws when the trace holds no frame marks', () => {
    expect(() => analyzeFrameTrace([slice('MinorGC', 10, 5)])).toThrow('the trace holds no frame marks');
  });
});

/** A meter whose readings are whatever the test wrote in `used`, and a clock reading `now`. */
class ScriptedMeter implements HeapMeter {
  readonly kind = 'scripted';
  readonly precise = true;
  readonly sampleSize = 1;
  used = 0;
  sample(out: Float64Array, index: number): void {
    out[index] = this.used;
  }
  toBytes(buf: Float64Array, index: number): number {
    return buf[index]!;
  }
}
class ScriptedClock implements ProfilerClock {
  readonly kind = 'scripted';
  readonly stampSize = 1;
  now = 0;
  stamp(out: Float64Array, index: number): void {
    out[index] = this.now;
  }
  toMs(buf: Float64Array, index: number): number {
    return buf[index]!;
  }
}

describe('applyTrace', () => {
  it('puts trace GCs and JIT installs in the frames the marks say, on a coarse page clock', () => {
    const meter = new ScriptedMeter();
    const clock = new ScriptedClock();
    const profiler = new Profiler({ meter, clock, frameCapacity: 16 });
    const collector = new FrameCollector(profiler.recorder, clock, meter);
    // Four frames of 64 B each; the page clock moves in 0.1 ms steps, so frames 0-1 and 2-3 share stamps.
    const pageMs = [5, 5, 5.1, 5.1, 5.1, 5.1, 5.2, 5.2];
    for (let i = 0; i < 4; i++) {
      clock.now = pageMs[2 * i]!;
      profiler.beginFrame(16);
      meter.used += 64;
      clock.now = pageMs[2 * i + 1]!;
      profiler.endFrame();
    }
    collector.drain();
    const gcLog = new GcLog();
    const trace = analyzeFrameTrace([
      ...frames(4),
      slice('MinorGC', 1230, 40), // frame 1
      slice('MinorGC', 1520, 10), // between frames 2 and 3
      slice('V8.MaglevConcurrentFinalize', 1650, 3, 'disabled-by-default-v8.compile'), // frame 3
    ]);
    const placed = applyTrace(collector, gcLog, trace);
    expect(placed.map((p) => p.traceMs)).toEqual([0.23, 0.52]);
    const result = buildRunResult(collector, gcLog, meter, {
      scene: 's',
      variant: 'v',
      mode: 'production',
      size: null,
      warmup: 0,
      jitSettled: true,
      refusedMarkerEvents: 0,
      offHeap: null,
    });
    expect(result.gc.events.map((e) => [e.kind, e.frame, e.durationMs])).toEqual([
      ['minor', 1, 0.04],
      ['minor', -1, 0.01],
    ]);
    expect(result.gc.minor).toBe(2);
    expect(result.gcFrames).toBe(1);
    expect(result.jitFrames).toBe(1);
    expect(result.bytesPerFrame.mean).toBe(64);
  });

  it('refuses a trace that did not see every measured frame', () => {
    const meter = new ScriptedMeter();
    const clock = new ScriptedClock();
    const profiler = new Profiler({ meter, clock, frameCapacity: 16 });
    const collector = new FrameCollector(profiler.recorder, clock, meter);
    for (let i = 0; i < 3; i++) {
      profiler.beginFrame(16);
      profiler.endFrame();
    }
    collector.drain();
    expect(() => applyTrace(collector, new GcLog(), analyzeFrameTrace(frames(2)))).toThrow(
      'the trace marks 2 frames but the page measured 3',
    );
  });
});
