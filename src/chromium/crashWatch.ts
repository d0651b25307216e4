import type { Browser, Page } from 'playwright-core';
import type { MeasuredPage } from './measurePage.ts';

/** Why a page could not be measured, in one line. */
export class PageFailure extends Error {
  override readonly name: string = 'PageFailure';
}

/** The browser or the page's renderer died while the page was measured: worth one more try in a fresh browser. */
export class PageCrash extends PageFailure {
  override readonly name = 'PageCrash';
  /** The frames measured before the crash, where the pass read them as it went (see MeasurePageOptions.keepPartial). */
  partial: MeasuredPage | null = null;
}

/** How long a browser may take to close before its process is killed. */
const CLOSE_MS = 5000;

/** Closes the browser, and kills its process if it does not close in time (a browser hung after a crash). */
export async function closeBrowser(browser: Browser, pid: number | null): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const closed = await Promise.race([
    browser.close().then(
      () => true,
      () => true,
    ),
    new Promise<boolean>((done) => {
      timer = setTimeout(() => done(false), CLOSE_MS);
    }),
  ]);
  clearTimeout(timer);
  if (closed || pid === null) return;
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // It ended meanwhile.
  }
}

/** What `crashWatch` returns. */
export interface CrashWatch {
  /** Watches `page`'s renderer too. */
  watchPage(page: Page): void;
  /** Where the run is now (a phase, and the frames it has run), to say where a crash came. */
  at(where: string, frames: number): void;
  /**
   * The crash behind `error` (a call the crash broke), or null: the crash event can come just
   * after the call failed, and a renderer that dies while its page is being made has no page to
   * report it, only the driver's "Target crashed".
   */
  crashBehind(error: unknown): Promise<PageCrash | null>;
}

/** What the browser driver says when a call failed because the page's renderer or the browser went away. */
const BROKEN_BY_A_CRASH = /Target crashed|Target page, context or browser has been closed|frame was detached|net::ERR_ABORTED/;
/** How long a crash event may come after the call it broke. */
const CRASH_EVENT_MS = 500;

/**
 * Watches a browser and its page for a crash: the renderer's ('crash'), or the browser going away;
 * and where the run was, to say at which frame.
 */
export function crashWatch(browser: Browser): CrashWatch {
  let lost: string | null = null;
  let phase = 'loading';
  let frame = 0;
  browser.on('disconnected', () => {
    lost ??= 'Chromium went away';
  });
  return {
    watchPage(page: Page): void {
      page.on('crash', () => {
        lost ??= "the page's renderer crashed";
      });
    },
    at(where: string, turns: number): void {
      phase = where;
      frame = turns;
    },
    async crashBehind(error: unknown): Promise<PageCrash | null> {
      const message = error instanceof Error ? error.message : String(error);
      if (lost === null && BROKEN_BY_A_CRASH.test(message)) {
        const deadline = Date.now() + CRASH_EVENT_MS;
        while (lost === null && Date.now() < deadline) await new Promise((done) => setTimeout(done, 25));
        if (lost === null && /Target crashed/.test(message)) lost = "the page's renderer crashed";
      }
      // The crash as one line: what died, at which frame, in which phase.
      return lost === null ? null : new PageCrash(`${lost} at frame ${frame} (${phase})`);
    },
  };
}

/**
 * Runs `pass`, and once more in a fresh browser when it crashed (a renderer out of memory, say,
 * under a real game): `retrying` says so in one line first. A second crash is passed to
 * `secondCrash`, which makes it the caller's one-line failure; any other error is rethrown as is.
 * `pass` is told which attempt it is (the second may read its frames as it goes, to keep them).
 */
export async function retryOnceAfterCrash<T>(
  pass: (attempt: 1 | 2) => Promise<T>,
  retrying: (crash: PageCrash) => void,
  secondCrash: (crash: PageCrash) => Error,
): Promise<T> {
  try {
    return await pass(1);
  } catch (error) {
    if (!(error instanceof PageCrash)) throw error;
    retrying(error);
    try {
      return await pass(2);
    } catch (again) {
      throw again instanceof PageCrash ? secondCrash(again) : again;
    }
  }
}
