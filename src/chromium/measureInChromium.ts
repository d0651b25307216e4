import type { Browser, CDPSession } from 'playwright-core';
import type { LabOutcome, LabSpec } from '../page/lab/labProtocol.ts';
import type { LabHandle } from '../page/lab/labPage.ts';
import { crashWatch } from './crashWatch.ts';
import { cdpTracer } from '../page/trace/cdpTracer.ts';
import { chromiumArgs } from './chromiumFlags.ts';
import type { LabServer } from './labServer.ts';
import { launchChromium } from './launch.ts';

/** The browser a lab page ran in. */
export interface ChromiumRuntime {
  /** Chromium's version, e.g. "156.0.8078.79". */
  version: string;
  /** V8's version, from the DevTools protocol. */
  v8: string;
  /** The V8 flags of the page (the --js-flags switch; the other switches are HEADLESS_SWITCHES). */
  flags: string[];
}

/** Options of `measureInChromium`. */
export interface MeasureInChromiumOptions {
  server: LabServer;
  executablePath: string;
  /** V8 flags of the page. */
  jsFlags: readonly string[];
  /** Trace warm-up and measured frames (GC and JIT ground truth). Default true. */
  trace?: boolean;
  /** Called in the page's breaks with a DevTools session to the page: right before and after the measured frames. */
  aroundMeasure?: { before(session: CDPSession): Promise<void>; after(session: CDPSession): Promise<void> };
  onProgress?: (done: number, total: number) => void;
  /** Seconds before the browser is closed and the variant fails (`--timeout`); none by default. */
  timeoutS?: number;
}

/**
 * Measures one variant in a fresh headless Chromium (a new browser process per variant, as the
 * CLI forks a Node process per variant, so variants never warm each other up): opens the lab
 * page, exposes the DevTools-protocol tracer to it, lets it run `spec`, and reads the outcome
 * back once.
 */
export async function measureInChromium(
  spec: LabSpec,
  options: MeasureInChromiumOptions,
): Promise<{ outcome: LabOutcome; runtime: ChromiumRuntime }> {
  const args = chromiumArgs(options.jsFlags);
  const browser: Browser = await launchChromium({ executablePath: options.executablePath, headless: true, args });
  const watch = crashWatch(browser);
  // A scene that never returns holds the page's only thread: closing the browser is the way out.
  let stage: 'load' | 'setup' | 'run' = 'load';
  let last: { done: number; total: number } | null = null;
  let timedOut = false;
  const timer =
    options.timeoutS === undefined
      ? undefined
      : setTimeout(() => {
          timedOut = true;
          browser.close().catch(() => {});
        }, options.timeoutS * 1000);
  const timeout = (): { outcome: LabOutcome; runtime: ChromiumRuntime } => {
    const at = last === null ? '' : `; last report: frame ${last.done.toLocaleString('en-US')} of ${last.total.toLocaleString('en-US')}`;
    return {
      outcome: { type: 'error', phase: stage, message: `no result within ${options.timeoutS} s (--timeout)${at}` },
      runtime: { version: browser.version(), v8: '', flags: [...options.jsFlags] },
    };
  };
  try {
    const page = await browser.newPage();
    watch.watchPage(page);
    const session = await page.context().newCDPSession(page);
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    if (options.trace ?? true) {
      const tracer = cdpTracer(session);
      await page.exposeFunction('alloclabTraceStart', (gc: boolean) => tracer.start({ gc }));
      await page.exposeFunction('alloclabTraceStop', () => tracer.stop());
    }
    const around = options.aroundMeasure;
    if (around !== undefined) {
      await page.exposeFunction('alloclabBeforeMeasure', () => around.before(session));
      await page.exposeFunction('alloclabAfterMeasure', () => around.after(session));
    }
    const onProgress = options.onProgress;
    if (onProgress !== undefined || timer !== undefined) {
      await page.exposeFunction('alloclabProgress', (done: number, total: number) => {
        stage = 'run';
        last = { done, total };
        watch.at('running the scene', done);
        onProgress?.(done, total);
      });
    }
    await page.goto(new URL('lab.html', options.server.url).href);
    try {
      await page.waitForFunction(() => document.documentElement.dataset.alloclabLab === 'ready', null, { timeout: 60_000 });
    } catch (error) {
      if (timedOut) return timeout();
      // A renderer that died while the lab page loaded is a crash (worth one more try in a fresh
      // browser), not a page that did not load.
      const crash = await watch.crashBehind(error);
      if (crash !== null) throw crash;
      const timedOutLoading = error instanceof Error && error.name === 'TimeoutError';
      const why = pageErrors[0] ?? (timedOutLoading ? 'it did not start within 60 s' : firstLineOf(error));
      return {
        outcome: { type: 'error', phase: 'browser', message: `the lab page did not load: ${why}` },
        runtime: await runtimeOf(browser, options.jsFlags),
      };
    }
    stage = 'setup';
    watch.at('setting the scene up', 0);
    const outcome = await page.evaluate((labSpec) => (window as unknown as { alloclabLab: LabHandle }).alloclabLab.run(labSpec), spec);
    return { outcome, runtime: await runtimeOf(browser, options.jsFlags) };
  } catch (error) {
    if (timedOut) return timeout();
    // After a crash, whatever failed (an evaluate on a closed page) failed because of it.
    throw (await watch.crashBehind(error)) ?? error;
  } finally {
    clearTimeout(timer);
    await browser.close();
  }
}

async function runtimeOf(browser: Browser, jsFlags: readonly string[]): Promise<ChromiumRuntime> {
  const session = await browser.newBrowserCDPSession();
  const version = (await session.send('Browser.getVersion')) as { jsVersion: string };
  return { version: browser.version(), v8: version.jsVersion, flags: [...jsFlags] };
}

function firstLineOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n', 1)[0]!;
}
