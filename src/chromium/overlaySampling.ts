import type { Browser, CDPSession } from 'playwright-core';
import type { SamplingReply, SamplingRequest } from '../overlay/samplingProtocol.ts';
import { SAMPLING_INTERVAL_BYTES } from './attributeInChromium.ts';
import { injected, notTheGame } from './attributePage.ts';
import { bytesByFunction, samplingAround, urlsOf } from './heapProfile.ts';
import { pageSourceMapper } from './pageSourceMapper.ts';

/** Where Chromium's remote debugging listens unless told otherwise (`--remote-debugging-port=9222`). */
export const DEFAULT_DEBUGGING_URL = 'http://127.0.0.1:9222';

/** A sampling left running this long (the page closed or reloaded before it asked to stop) is dropped. */
const ABANDONED_AFTER_MS = 120_000;

/** The sampling of the one page being sampled: one at a time per dev server. */
interface Running {
  browser: Browser;
  session: CDPSession;
  sampling: ReturnType<typeof samplingAround>;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * V8's sampling heap profiler for the overlay's "Sample 300 frames": the page cannot start the
 * profiler on itself (it is a DevTools protocol command), so the dev server does it, attached to
 * the page's Chromium through its remote debugging port. `start` finds the page by its URL among
 * the browser's tabs and starts sampling; `stop` folds the profile into bytes per function over the
 * frames the page counted, mapped through the source maps the dev server serves, as
 * `alloclab page --attribute` does. Inlining stays as the browser has it (on), so an inlined
 * callee's bytes may show in its caller.
 */
export class OverlaySampling {
  private readonly _debuggingUrl: string;
  private readonly _servedFromAllocLab: (url: string) => boolean;
  private _running: Running | null = null;

  /** `servedFromAllocLab`: which script URLs are AllocLab's own overlay, set aside like the CLI's agent. */
  constructor(debuggingUrl: string = DEFAULT_DEBUGGING_URL, servedFromAllocLab: (url: string) => boolean = () => false) {
    this._debuggingUrl = debuggingUrl;
    this._servedFromAllocLab = servedFromAllocLab;
  }

  /** Handles one request of the overlay. Never throws: failures are replies. */
  async handle(request: SamplingRequest): Promise<SamplingReply> {
    try {
      if (request.action === 'start') {
        await this._start(request.url);
        return { ok: true };
      }
      return { ok: true, attribution: await this._stop(request.frames, request.measuredBytesPerFrame) };
    } catch (error) {
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
  }

  /** Stops a sampling still running and lets the browser go (the dev server is closing). */
  async close(): Promise<void> {
    const running = this._running;
    this._running = null;
    if (running === null) return;
    clearTimeout(running.timer);
    await running.browser.close().catch(() => {});
  }

  private async _start(url: string): Promise<void> {
    await this.close();
    const { chromium } = await import('playwright-core');
    let browser: Browser;
    try {
      browser = await chromium.connectOverCDP(this._debuggingUrl, { timeout: 5_000 });
    } catch {
      throw new Error(
        `no Chromium answers at ${this._debuggingUrl}: start it with --remote-debugging-port=${portOf(this._debuggingUrl)} ` +
          '(and --enable-precise-memory-info), or run: npx alloclab page <url> --attribute',
      );
    }
    const page = browser
      .contexts()
      .flatMap((context) => context.pages())
      .find((p) => p.url() === url);
    if (page === undefined) {
      // Disconnecting from a browser we attached to leaves its tabs open.
      await browser.close().catch(() => {});
      throw new Error(`the Chromium at ${this._debuggingUrl} has no tab at ${url}: is the page open in that browser?`);
    }
    const session = await page.context().newCDPSession(page);
    const sampling = samplingAround(SAMPLING_INTERVAL_BYTES);
    await sampling.before(session);
    const timer = setTimeout(() => void this.close(), ABANDONED_AFTER_MS);
    timer.unref?.();
    this._running = { browser, session, sampling, timer };
  }

  private async _stop(frames: number, measuredBytesPerFrame: number | null) {
    const running = this._running;
    if (running === null) throw new Error('no sampling is running (it was never started, or was dropped after 2 minutes)');
    if (!Number.isInteger(frames) || frames < 1) throw new Error(`frames must be a whole number of at least 1 (got ${frames})`);
    try {
      await running.sampling.after(running.session);
    } finally {
      await this.close();
    }
    const sampled = running.sampling.profile();
    if (sampled === null) throw new Error('the sampling heap profiler returned no profile');
    const map = await pageSourceMapper(urlsOf(sampled.head));
    const { functions, setAsideBytesPerFrame } = bytesByFunction(sampled, frames, map, {
      setAside: notTheGame(map, this._servedFromAllocLab),
      hideCaller: injected,
    });
    return {
      method: 'sampled' as const,
      samplingIntervalBytes: SAMPLING_INTERVAL_BYTES,
      frames,
      flags: [],
      samples: sampled.samples.length,
      sampledBytesPerFrame: functions.reduce((sum, f) => sum + f.sampledBytesPerFrame, 0),
      profilerBytesPerFrame: setAsideBytesPerFrame,
      measuredBytesPerFrame,
      functions,
    };
  }
}

function portOf(url: string): string {
  try {
    return new URL(url).port || '9222';
  } catch {
    return '9222';
  }
}
