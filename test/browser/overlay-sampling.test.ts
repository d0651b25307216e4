// The overlay's "Sample 300 frames": a page served by Vite with alloclabSampling(), open in a
// Chromium started with --remote-debugging-port, asks the dev server to sample V8's heap while the
// game runs 300 frames, and lists the game's allocating function at its line. Without the plugin,
// or without a Chromium to attach to, the overlay says how to get it, in one line.
import { createServer as createNetServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createServer, type Plugin, type ViteDevServer } from 'vite';
import { alloclabSampling } from '../../src/instrument/plugin.ts';
import { ATTRIBUTION_JS_FLAGS, SANDBOX_JS_FLAGS } from '../../src/chromium/chromiumFlags.ts';
import { findChromium, launchChromium, NO_CHROMIUM } from './harness.ts';

const root = join(import.meta.dirname, '../..');
const servers: ViteDevServer[] = [];
let browser: Browser;
let debuggingPort = 0;

/** A port nothing listens on now. */
async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Vite's dev server over the repository with `plugins`, and the fixture's URL on it. */
async function serve(plugins: Plugin[]): Promise<string> {
  const server = await createServer({
    configFile: false,
    root,
    plugins,
    logLevel: 'error',
    // Only the fixture's imports, not every page of the repository.
    optimizeDeps: { entries: ['test/fixtures/pages/sample-overlay.html'] },
    server: { port: 0, strictPort: false, host: '127.0.0.1', hmr: false },
  });
  await server.listen();
  servers.push(server);
  const { port } = server.httpServer!.address() as { port: number };
  return `http://127.0.0.1:${port}/test/fixtures/pages/sample-overlay.html`;
}

async function openFixture(url: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 900, height: 700 } });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(url);
  await page.waitForFunction(() => document.documentElement.dataset.fixture === 'ready', null, { timeout: 30_000 });
  return { page, errors };
}

/** Clicks "Sample 300 frames" and waits until the action is done; its status line and its table's rows. */
async function sample(page: Page): Promise<{ status: string; notice: boolean; rows: string[][] }> {
  const button = page.locator('[data-alloclab-sample] button');
  expect(await button.textContent()).toBe('Sample 300 frames');
  await button.click();
  await page.waitForFunction(() => !document.querySelector<HTMLButtonElement>('[data-alloclab-sample] button')!.disabled, null, {
    timeout: 90_000,
  });
  return page.evaluate(() => {
    const status = document.querySelector('[data-alloclab-sample] .al-sample-status')!;
    const rows = [...document.querySelectorAll('[data-alloclab-sample] tbody tr:not(.al-sample-path)')].map((row) =>
      [...row.querySelectorAll('td')].map((cell) => cell.textContent ?? ''),
    );
    return { status: status.textContent ?? '', notice: status.classList.contains('al-notice'), rows };
  });
}

/** A figure as the overlay prints it ("5,042 B", "12.3 KB"), in bytes. */
function bytes(text: string): number {
  const match = /^([\d.,]+) (B|KB|MB)$/.exec(text.trim());
  if (match === null) throw new Error(`not a byte figure: ${text}`);
  return Number(match[1]!.replace(/,/g, '')) * (match[2] === 'B' ? 1 : match[2] === 'KB' ? 1024 : 1024 * 1024);
}

beforeAll(async () => {
  if (findChromium() === null) throw new Error(NO_CHROMIUM);
  debuggingPort = await freePort();
  // As the overlay's hint says: with inlining off, each function keeps its own bytes (V8 credits
  // an inlined function's allocations to its caller; here, spawnSparks's to loop).
  browser = await launchChromium({
    args: [`--remote-debugging-port=${debuggingPort}`, `--js-flags=${[...SANDBOX_JS_FLAGS, ...ATTRIBUTION_JS_FLAGS].join(' ')}`],
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all(servers.map((server) => server.close()));
});

describe('the overlay samples 300 frames through the dev server', () => {
  it("puts the game's bytes on its allocating function, at its line, beside the measured bytes", async () => {
    const url = await serve([alloclabSampling({ debuggingUrl: `http://127.0.0.1:${debuggingPort}` })]);
    const { page, errors } = await openFixture(url);
    const { status, notice, rows } = await sample(page);
    expect(notice, status).toBe(false);
    const figures = /^300 frames: ~(.+)\/frame sampled \((\d+) samples\), (.+)\/frame measured$/.exec(status);
    expect(figures, status).not.toBeNull();
    const measured = bytes(figures![3]!);
    // 200 kept sparks a frame, at least 20 B each.
    expect(measured).toBeGreaterThanOrEqual(4000);
    expect(rows[0]!.slice(0, 2)).toEqual(['spawnSparks', 'test/fixtures/pages/sample-overlay.ts:16']);
    // A sampled estimate (a sample about every 1 KB, over ~1,500 KB): near what the meter measured,
    // which holds the whole frame (spawnSparks is nearly all of it).
    const sparks = bytes(rows[0]![2]!);
    expect(sparks).toBeGreaterThan(0.5 * measured);
    expect(sparks).toBeLessThan(1.5 * measured);
    // The page goes on after the profiler let go of it, and can be sampled again.
    const again = await sample(page);
    expect(again.rows[0]![0]).toBe('spawnSparks');
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it('says which Chromium it could not reach, and how to start one', async () => {
    const url = await serve([alloclabSampling({ debuggingUrl: `http://127.0.0.1:${await freePort()}` })]);
    const { page } = await openFixture(url);
    const { status, notice, rows } = await sample(page);
    expect(notice).toBe(true);
    expect(status).toMatch(/^no Chromium answers at http:\/\/127\.0\.0\.1:\d+: start it with --remote-debugging-port=\d+ /);
    expect(rows).toEqual([]);
    await page.close();
  }, 60_000);

  it('says how to get sampling when the page is served without the plugin', async () => {
    const url = await serve([]);
    const { page } = await openFixture(url);
    const { status, notice } = await sample(page);
    expect(notice).toBe(true);
    expect(status).toContain("add alloclabSampling() from 'alloclab/vite'");
    expect(status).toContain(`npx alloclab page ${url} --attribute`);
    await page.close();
  }, 60_000);
});
