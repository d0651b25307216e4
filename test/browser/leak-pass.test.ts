// The leak pass in a real page (headless Chromium): flags a leak, clears the fix, and says why
// not when the page cannot force a GC.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { ViteDevServer } from 'vite';
import { CHROMIUM_FLAGS, findChromium, launchChromium, NO_CHROMIUM, startDevServer } from './harness.ts';

const PAGE = 'test/browser/fixtures/leak-pass.html';

let server: ViteDevServer;
let url: string;
let browser: Browser;

beforeAll(async () => {
  if (findChromium() === null) throw new Error(NO_CHROMIUM);
  ({ server, url } = await startDevServer());
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function openProbe(b: Browser): Promise<Page> {
  const page = await b.newPage();
  await page.goto(url + PAGE);
  await page.waitForFunction(() => document.documentElement.dataset.leakProbe === 'ready', null, { timeout: 30_000 });
  return page;
}

describe('the leak pass in a page', () => {
  // A page cannot tell when the JIT wrote code, so no interval is left out: the scene runs 3,000
  // frames first (after 600 frames of warm-up, JIT writes were seen reading as 2 B to 8 B/frame),
  // and the fix is measured first, in a fresh page (run after a leaky variant, its first intervals
  // were seen growing by 1 KB to 11 KB while the page settled).
  it('clears the fixed spawner and flags the forgotten listener', async () => {
    const page = await openProbe(browser);
    try {
      expect(await page.evaluate(() => window.leakProbe!.support())).toEqual({ available: true, reason: null });
      const fixed = await page.evaluate(() => window.leakProbe!.run('optimized', { warmup: 3000, frames: 1200 }));
      expect(fixed.verdict, fixed.reason).toBe('no-leak');
      expect(fixed.pass).toMatchObject({ kind: 'separate', frames: 1200, interval: 60, startFrame: 3010 });
      const leaky = await page.evaluate(() => window.leakProbe!.run('leak-listener', { warmup: 3000, frames: 1200 }));
      expect(leaky.verdict, leaky.reason).toBe('leak');
      // A closure per spawn, 2 spawns per frame: over 50 B/frame even with Chromium's compressed pointers.
      expect(leaky.ci95!.low).toBeGreaterThan(50);
    } finally {
      await page.close();
    }
  });

  it('says why not when the page cannot force a GC', async () => {
    const executablePath = findChromium()!;
    const noGc = await chromium.launch({
      executablePath,
      headless: true,
      args: CHROMIUM_FLAGS.filter((flag) => !flag.startsWith('--js-flags')),
    });
    try {
      const page = await openProbe(noGc);
      expect(await page.evaluate(() => window.leakProbe!.support())).toEqual({
        available: false,
        reason: 'the page cannot force a GC: start Chromium with --js-flags=--expose-gc (npm run sandbox does)',
      });
      await expect(page.evaluate(() => window.leakProbe!.run('optimized', { warmup: 10, frames: 120 }))).rejects.toThrow(
        'alloclab: no leak pass here: the page cannot force a GC',
      );
    } finally {
      await noGc.close();
    }
  });
});
