/**
 * The agent `alloclab page` injects into a page before the page's own scripts run. It is bundled
 * into one self-contained script (see src/chromium/pageAgentScript.ts): no imports at run
 * time. It replaces requestAnimationFrame so that each turn is one profiler frame (RafTurns),
 * records every turn, and measures a run when the CLI asks (`window.alloclabPage`).
 */
import { FrameCollector } from '../../profiler/FrameCollector.ts';
import { adoptPublishedSites } from '../../profiler/sites/runtime.ts';
import { buildRunResult } from '../../profiler/buildRunResult.ts';
import { markerCount, markerName } from '../../profiler/ProfilerMarker.ts';
import { RafTurns, type RafTurnListener } from '../RafTurns.ts';
import { createLabProfiler, labFrameCapacity } from '../kit/labProfiler.ts';
import { measureStampCost } from '../kit/stampCost.ts';
import { applyTrace } from '../kit/applyTrace.ts';
import { FRAME_BEGIN_MARK, FRAME_END_MARK } from '../trace/frameTrace.ts';
import type { PageAgent, PageAgentConfig } from './pageProtocol.ts';

declare global {
  interface Window {
    alloclabPageConfig?: PageAgentConfig;
    alloclabPage?: PageAgent;
  }
}

const config: PageAgentConfig = window.alloclabPageConfig ?? { frames: 600 };
const lab = createLabProfiler({ frameCapacity: labFrameCapacity(config.frames) });
const { profiler, meter, clock, gcLog } = lab;
profiler.start();

/** Brackets every turn with a profiler frame; marks measured frames for the trace. */
class TurnRecorder implements RafTurnListener {
  /** Measured frames still to record; 0 when not measuring. */
  remaining = 0;
  measured = 0;
  /** True once a measurement is over: turns run unrecorded, so the collector ends with it. */
  done = false;
  collector: FrameCollector | null = null;
  onDone: (() => void) | null = null;
  private _lastTimestamp = -1;
  private _undrained = 0;

  beginTurn(timestamp: number): void {
    if (this.done) return;
    // Outside the frame: console.timeStamp allocates until its caller is optimised.
    if (this.remaining > 0) console.timeStamp(FRAME_BEGIN_MARK);
    const dt = this._lastTimestamp < 0 ? 0 : timestamp - this._lastTimestamp;
    this._lastTimestamp = timestamp;
    profiler.beginFrame(dt);
  }

  endTurn(): void {
    if (this.done) return;
    profiler.endFrame();
    if (this.remaining === 0) return;
    console.timeStamp(FRAME_END_MARK);
    this.measured++;
    // More frames than the ring holds: drain between two frames, only when it must be.
    if (++this._undrained === profiler.recorder.frameCapacity) {
      this.collector!.drain();
      this._undrained = 0;
    }
    if (--this.remaining === 0) {
      this.done = true;
      this.onDone?.();
    }
  }
}

const recorder = new TurnRecorder();
const turns = new RafTurns(window, recorder);
turns.install();

window.alloclabPage = {
  status() {
    return { requested: turns.requested, turns: turns.turns, measured: recorder.measured, calibration: lab.calibration };
  },
  measure(frames) {
    if (!lab.calibration.precise) return Promise.reject(new Error(lab.calibration.reason));
    if (recorder.collector !== null) return Promise.reject(new Error('a measurement already ran in this page'));
    // Between frames: the page's allocation-site counters (its instrumented modules registered
    // them in their own copy of the runtime), what a stamp costs now that the code is warm, and
    // a collected heap.
    adoptPublishedSites();
    lab.calibration.stampCost = measureStampCost(profiler, meter, clock);
    (globalThis as { gc?: () => void }).gc?.();
    gcLog.clear();
    recorder.collector = new FrameCollector(profiler.recorder, clock, meter, { keepSlices: true });
    return new Promise<void>((resolve) => {
      recorder.onDone = resolve;
      recorder.remaining = frames;
    });
  },
  finish({ scene, warmup, trace, keepSlices }) {
    const collector = recorder.collector;
    if (collector === null) throw new Error('no measurement ran in this page');
    collector.drain();
    if (trace !== null) {
      // Pauses come from the trace, timed; the detector made by createLabProfiler marked them untimed.
      gcLog.durationsKnown = true;
      applyTrace(collector, gcLog, trace);
    }
    const result = buildRunResult(
      collector,
      gcLog,
      meter,
      {
        scene,
        variant: 'page',
        mode: 'production',
        size: null,
        warmup,
        jitSettled: false,
        refusedMarkerEvents: profiler.recorder.eventsRefused,
        offHeap: null,
        estimateEngine: 'chromium',
      },
      { keepPerFrame: true },
    );
    const markerNames: string[] = [];
    for (let id = 0; id < markerCount(); id++) markerNames.push(markerName(id));
    return {
      result,
      frames: collector.timeline(result.perFrameBytes ?? collector.bytes, { slices: keepSlices }),
      markerNames,
      calibration: lab.calibration,
    };
  },
};
