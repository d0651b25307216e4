// `alloclab/browser`: attachProfiler on a plain pixi.js app in headless Chromium, through Vite's dev server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { ViteDevServer } from 'vite';
import type { RunResult } from '../../src/profiler/RunResult.ts';
import { findChromium, launchChromium, NO_CHROMIUM, startDevServer } from './harness.ts';

interface Fixture {
  originalRaf: typeof requestAnimationFrame;
  ticks(): number;
  tickerListeners(): number;
  attachTicker(): void;
  attachRaf(): void;
  detach(): void;
}
type FixtureWindow = Window & { fixture: Fixture };

let server: ViteDevServer;
let baseUrl: string;
let browser: Browser;

beforeAll(async () => {
  if (findChromium() === null) throw new Error(NO_CHROMIUM);
  ({ server, url: baseUrl } = await startDevServer());
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function openFixture(): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 900, height: 600 } });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(new URL('test/fixtures/pages/attach-pixi.html', baseUrl).href);
  await page.waitForFunction(() => document.documentElement.dataset.fixture === 'ready', null, { timeout: 30_000 });
  return { page, errors };
}

describe('attachProfiler', () => {
  it("measures each tick of a pixi.js Ticker, with the game's marker, shows the overlay and the full panel, and detaching gives the ticker back", async () => {
    const { page, errors } = await openFixture();
    const listenersBefore = await page.evaluate(() => (window as unknown as FixtureWindow).fixture.tickerListeners());
    await page.evaluate(() => (window as unknown as FixtureWindow).fixture.attachTicker());
    expect(await page.evaluate(() => (window as unknown as FixtureWindow).fixture.tickerListeners())).toBe(listenersBefore + 2);
    expect(await page.evaluate(() => document.documentElement.dataset.alloclab)).toBe('ready');

    const run = await page.evaluate(() => window.alloclab!.summary(120, { warmup: 60 }));
    expect(run.variant).toBe('page');
    expect(run.heapMeter.precise).toBe(true);
    expect(run.frames).toBe(120);
    const game = run.markers.find((m: RunResult['markers'][number]) => m.name === 'Game')!;
    expect(game.calls).toBe(1);
    // 100 kept { x, y } a tick, 20 B each once optimised; the frame also holds pixi.js's render.
    expect(game.bytesPerFrame).toBeGreaterThanOrEqual(2000);
    expect(run.bytesPerFrame.median).toBeGreaterThan(game.bytesPerFrame * 0.9);

    const stats = await page.evaluate(() => window.alloclab!.stats());
    expect(stats.frame).toBeGreaterThan(0);
    expect(stats.ms).toBeGreaterThan(0);
    await page.waitForFunction(() =>
      /\d B\/frame · \d+ GC · [\d.]+ ms/.test(document.querySelector('.al-overlay-line')?.textContent ?? ''),
    );
    await page.click('.al-overlay button');
    await page.waitForFunction(() => document.querySelector('.al-overlay .al-table-wrap')?.textContent?.includes('Game') === true, null, {
      timeout: 5_000,
    });

    await page.evaluate(() => (window as unknown as FixtureWindow).fixture.detach());
    expect(await page.evaluate(() => (window as unknown as FixtureWindow).fixture.tickerListeners())).toBe(listenersBefore);
    expect(await page.evaluate(() => document.querySelector('.al-overlay') === null && window.alloclab === undefined)).toBe(true);
    const ticks = await page.evaluate(() => (window as unknown as FixtureWindow).fixture.ticks());
    await page.waitForFunction((t) => (window as unknown as FixtureWindow).fixture.ticks() > t + 10, ticks);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("with the game's code instrumented (the Vite plugin), the full panel shows the game's allocation sites with file and line", async () => {
    const instrumented = await startDevServer('sites');
    const page = await browser.newPage({ viewport: { width: 900, height: 600 } });
    try {
      await page.goto(new URL('test/fixtures/pages/attach-pixi.html', instrumented.url).href);
      await page.waitForFunction(() => document.documentElement.dataset.fixture === 'ready', null, { timeout: 30_000 });
      await page.evaluate(() => (window as unknown as FixtureWindow).fixture.attachTicker());
      await page.click('.al-overlay button');
      const source = readFileSync(join(import.meta.dirname, '../fixtures/pages/attach-pixi.ts'), 'utf8').split('\n');
      const line = source.findIndex((l) => l.includes('kept[next] = { x: i, y: ticks }')) + 1;
      // The site's row: the object literal, 100 a tick, in the game's file at its line.
      await page.waitForFunction(
        (where) => {
          const rows = [...document.querySelectorAll('.al-overlay .al-sites tbody tr')];
          return rows.some((row) => row.textContent?.includes(where) === true && row.textContent.includes('100'));
        },
        `attach-pixi.ts:${line}`,
        { timeout: 10_000 },
      );
    } finally {
      await page.close();
      await instrumented.server.close();
    }
  });

  it('without a ticker, measures each requestAnimationFrame turn, and detaching restores the very same requestAnimationFrame', async () => {
    const { page, errors } = await openFixture();
    await page.evaluate(() => (window as unknown as FixtureWindow).fixture.attachRaf());
    expect(await page.evaluate(() => window.requestAnimationFrame === (window as unknown as FixtureWindow).fixture.originalRaf)).toBe(
      false,
    );
    const run = await page.evaluate(() => window.alloclab!.summary(60, { warmup: 30 }));
    expect(run.frames).toBe(60);
    expect(run.markers.find((m: RunResult['markers'][number]) => m.name === 'Game')!.bytesPerFrame).toBeGreaterThanOrEqual(2000);
    await page.evaluate(() => (window as unknown as FixtureWindow).fixture.detach());
    expect(await page.evaluate(() => window.requestAnimationFrame === (window as unknown as FixtureWindow).fixture.originalRaf)).toBe(true);
    expect(await page.evaluate(() => window.cancelAnimationFrame === cancelAnimationFrame)).toBe(true);
    const ticks = await page.evaluate(() => (window as unknown as FixtureWindow).fixture.ticks());
    await page.waitForFunction((t) => (window as unknown as FixtureWindow).fixture.ticks() > t + 10, ticks);
    expect(errors).toEqual([]);
    await page.close();
  });
});
