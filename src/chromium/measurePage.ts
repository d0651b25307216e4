import type { Browser, CDPSession, Page } from 'playwright-core';
import type { PageAgent, PageResult, PageStatus } from '../page/agent/pageProtocol.ts';
import { cdpTracer } from '../page/trace/cdpTracer.ts';
import { chromiumArgs, GPU_SWITCHES, LAB_JS_FLAGS, type PageGpu } from './chromiumFlags.ts';
import type { ChromiumRuntime } from './measureInChromium.ts';
import { pageAgentScript } from './pageAgentScript.ts';
import { launchChromiumProcess } from './launch.ts';
import { closeBrowser, crashWatch, PageFailure, type CrashWatch } from './crashWatch.ts';

/** Options of `measurePage`. */
export interface MeasurePageOptions {
  executablePath: string;
  /** Frames (requestAnimationFrame turns) to measure. */
  frames: number;
  /** Turns the page runs first, unmeasured (its start-up, loading, the JIT warming up). */
  warmup: number;
  /** Keep marker slices for a Chrome trace. */
  keepSlices: boolean;
  /** How long the page may go without a new frame before it is given up on (default 10 s). */
  idleMs?: number;
  onProgress?: (done: number, total: number) => void;
  /** How the page gets WebGL (default: SwiftShader, on the CPU). */
  gpu?: PageGpu;
  /** V8 flags instead of the production lab's (the attribution pass turns inlining off). */
  jsFlags?: readonly string[];
  /**
   * Read the frames measured so far about once a second while measuring, so that a crash keeps
   * them (`PageCrash.partial`). Off by default: each read runs the summary between two frames, in
   * the page (the retry after a first crash turns it on).
   */
  keepPartial?: boolean;
  /** Called with a DevTools session to the page right before the measured frames start and after they ended. */
  aroundMeasure?: { before(session: CDPSession): Promise<void>; after(session: CDPSession): Promise<void> };
}

export { PageFailure } from './crashWatch.ts';

/** What a pass kept as it went: the frames measured so far (with `keepPartial`), and the browser. */
interface Kept {
  partial: MeasuredPage | null;
}

/** A measured page, and the browser that measured it. */
export interface MeasuredPage {
  page: PageResult;
  runtime: ChromiumRuntime;
}

const POLL_MS = 200;
/** How often a pass with `keepPartial` reads the frames measured so far. */
const PARTIAL_EVERY_MS = 1000;

/**
 * Measures a page the user serves (or a file): a fresh headless Chromium with precise memory
 * opens `url` with the page agent injected before the page's own scripts, lets `warmup` turns
 * run, then traces `frames` measured turns (GC pauses and JIT installs from the DevTools trace,
 * as the lab does) and reads the run back once. Throws a `PageFailure` when the page does not
 * load, never requests a frame, or stops requesting frames.
 */
export async function measurePage(
  url: string,
  options: MeasurePageOptions,
): Promise<{ page: PageResult; runtime: ChromiumRuntime; pageErrors: string[] }> {
  const jsFlags = options.jsFlags ?? LAB_JS_FLAGS.production;
  const script = await pageAgentScript({ frames: options.frames });
  const { browser, pid } = await launchChromiumProcess({
    executablePath: options.executablePath,
    headless: true,
    args: [...chromiumArgs(jsFlags), ...GPU_SWITCHES[options.gpu ?? 'swiftshader']],
  });
  const watch = crashWatch(browser);
  const kept: Kept = { partial: null };
  try {
    return await measureInBrowser(browser, url, options, jsFlags, script, watch, kept);
  } catch (error) {
    // After a crash, whatever failed (an evaluate on a closed page) failed because of it.
    const crash = await watch.crashBehind(error);
    if (crash === null) throw error;
    crash.partial = kept.partial;
    throw crash;
  } finally {
    await closeBrowser(browser, pid);
  }
}

async function measureInBrowser(
  browser: Browser,
  url: string,
  options: MeasurePageOptions,
  jsFlags: readonly string[],
  script: string,
  watch: CrashWatch,
  kept: Kept,
): Promise<{ page: PageResult; runtime: ChromiumRuntime; pageErrors: string[] }> {
  const page = await browser.newPage();
  watch.watchPage(page);
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.addInitScript({ content: script });
  try {
    await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
  } catch (error) {
    throw new PageFailure(`could not open ${url}: ${firstLine(error)}`);
  }
  const idleMs = options.idleMs ?? 10_000;
  const total = options.warmup + options.frames;
  // Read now, while the browser is sure to be there: a crash later keeps it with the frames.
  const version = (await (await browser.newBrowserCDPSession()).send('Browser.getVersion')) as { jsVersion: string };
  const runtime: ChromiumRuntime = { version: browser.version(), v8: version.jsVersion, flags: [...jsFlags] };
  const first = await status(page);
  if (!first.calibration.precise) throw new PageFailure(first.calibration.reason);
  await waitFor(
    page,
    idleMs,
    (s) => s.turns >= options.warmup,
    (s) => {
      watch.at('warm-up', s.turns);
      options.onProgress?.(Math.min(s.turns, options.warmup), total);
    },
  );
  const warmup = (await status(page)).turns;

  const session = await page.context().newCDPSession(page);
  const tracer = cdpTracer(session);
  await tracer.start({ gc: true });
  await options.aroundMeasure?.before(session);
  const measuring = page.evaluate((n) => (window as unknown as { alloclabPage: PageAgent }).alloclabPage.measure(n), options.frames);
  // Its failure is read below, after the watch; no rejection may go unhandled meanwhile.
  measuring.catch(() => undefined);
  // Watched from here while the page measures; the watch's reads run between frames.
  let partialAt = Date.now();
  await waitFor(
    page,
    idleMs,
    (s) => s.measured >= options.frames,
    async (s) => {
      watch.at(`measuring, ${s.measured} of ${options.frames} measured`, s.turns);
      options.onProgress?.(options.warmup + s.measured, total);
      if (options.keepPartial && s.measured > 0 && Date.now() - partialAt >= PARTIAL_EVERY_MS) {
        partialAt = Date.now();
        const sofar = await page.evaluate((args) => (window as unknown as { alloclabPage: PageAgent }).alloclabPage.finish(args), {
          scene: url,
          warmup,
          trace: null,
          keepSlices: false,
        });
        kept.partial = { page: sofar, runtime };
      }
    },
  );
  await measuring;
  await options.aroundMeasure?.after(session);
  const trace = await tracer.stop();
  const result = await page.evaluate((args) => (window as unknown as { alloclabPage: PageAgent }).alloclabPage.finish(args), {
    scene: url,
    warmup,
    trace,
    keepSlices: options.keepSlices,
  });
  options.onProgress?.(total, total);
  return { page: result, runtime, pageErrors };
}

async function status(page: Page): Promise<PageStatus> {
  const s = await page.evaluate(() => (window as unknown as { alloclabPage?: PageAgent }).alloclabPage?.status() ?? null);
  // The agent runs before any script of the page: without it, the document was not a page (a PDF, an image).
  if (s === null) throw new PageFailure('the page agent did not run in this document (is it an HTML page?)');
  return s;
}

/**
 * Polls the page until `done`, failing when no new frame came for `idleMs`: with a message that
 * tells a page that never asked for a frame from one that stopped asking.
 */
async function waitFor(
  page: Page,
  idleMs: number,
  done: (s: PageStatus) => boolean,
  progress: (s: PageStatus) => void | Promise<void>,
): Promise<void> {
  let lastTurns = -1;
  let lastChange = Date.now();
  for (;;) {
    const s = await status(page);
    await progress(s);
    if (done(s)) return;
    if (s.turns !== lastTurns) {
      lastTurns = s.turns;
      lastChange = Date.now();
    } else if (Date.now() - lastChange >= idleMs) {
      const seconds = idleMs / 1000;
      if (s.requested === 0) {
        throw new PageFailure(
          `the page never requested a frame: no requestAnimationFrame call within ${seconds} s of loading (alloclab page measures each requestAnimationFrame turn as a frame)`,
        );
      }
      throw new PageFailure(`the page stopped requesting frames after ${s.turns} frame(s): none for ${seconds} s`);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0]!.replace(/^page\.goto: /, '');
}
