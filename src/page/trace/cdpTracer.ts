import { analyzeFrameTrace, FRAME_CATEGORIES, JIT_CATEGORIES, type FrameTrace, type TraceEvent } from './frameTrace.ts';

/**
 * The part of a DevTools-protocol session the tracer uses (playwright's CDPSession, vitest's
 * `cdp()`). Listeners take `any` as those sessions type each event's payload by its name.
 */
export interface CdpSessionLike {
  send(method: string, params?: Record<string, unknown>): Promise<unknown>;
  on(event: string, listener: (payload: any) => void): unknown;
  off(event: string, listener: (payload: any) => void): unknown;
}

/**
 * Traces chunks of lab frames. `start` before a chunk, `stop` after it: the trace is read and
 * analysed then (DevTools tracing hands its events over only when it ends).
 */
export interface FrameTracer {
  /** Starts tracing; with `gc`, the collector's events too (the measured frames). */
  start(options: { gc: boolean }): Promise<void>;
  /** Ends tracing and returns what it saw of the frames. */
  stop(): Promise<FrameTrace>;
}

/**
 * A `FrameTracer` over a DevTools-protocol session to the page that runs the frames. In the CLI
 * the session lives in Node and the page reaches it through an exposed function; in vitest's
 * browser mode the page holds the session itself (`cdp()` from `vitest/browser`).
 */
export function cdpTracer(session: CdpSessionLike): FrameTracer {
  let events: TraceEvent[] = [];
  let complete: Promise<void> | null = null;
  const onData = (payload: { value: TraceEvent[] }) => {
    for (const event of payload.value) events.push(event);
  };
  return {
    async start({ gc }) {
      if (complete !== null) throw new Error('tracing already started');
      events = [];
      session.on('Tracing.dataCollected', onData);
      complete = new Promise<void>((resolve) => {
        const done = () => {
          session.off('Tracing.tracingComplete', done);
          resolve();
        };
        session.on('Tracing.tracingComplete', done);
      });
      await session.send('Tracing.start', {
        traceConfig: { includedCategories: gc ? FRAME_CATEGORIES : JIT_CATEGORIES, recordMode: 'recordAsMuchAsPossible' },
        transferMode: 'ReportEvents',
      });
    },
    async stop() {
      if (complete === null) throw new Error('tracing was not started');
      await session.send('Tracing.end');
      await complete;
      complete = null;
      session.off('Tracing.dataCollected', onData);
      const collected = events;
      events = [];
      return analyzeFrameTrace(collected);
    },
  };
}
