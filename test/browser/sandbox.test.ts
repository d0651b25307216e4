// End-to-end tests of the sandbox in a real (headless) Chromium, through Vite's dev server.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { ViteDevServer } from 'vite';
import { findChromium, launchChromium, NO_CHROMIUM, openSandbox, startDevServer } from './harness.ts';

const ARTIFACTS = join(import.meta.dirname, '../../test-results');
const FIXTURE_PAGE = 'test/browser/fixtures/sandbox.html';

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

/** Distinct colors in a PNG screenshot, decoded by the page itself. */
async function distinctColors(page: Page, png: Buffer): Promise<number> {
  return page.evaluate(async (base64) => {
    const image = new Image();
    image.src = 'data:image/png;base64,' + base64;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.width;
    canvas.height = image.height;
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(image, 0, 0);
    const data = ctx.getImageData(0, 0, image.width, image.height).data;
    const colors = new Set<number>();
    for (let i = 0; i < data.length && colors.size < 1000; i += 4) colors.add((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!);
    return colors.size;
  }, png.toString('base64'));
}

describe('the sandbox page (index.html)', () => {
  it('loads with no console errors and draws the scene', async () => {
    const { page, errors } = await openSandbox(browser, baseUrl);
    try {
      const names = await page.evaluate(() => window.alloclab!.scenes);
      expect(names.length).toBeGreaterThan(0);
      await page.evaluate(() => new Promise((r) => setTimeout(r, 500)));
      const png = await page.locator('.al-stage canvas').screenshot();
      expect(await distinctColors(page, png)).toBeGreaterThan(2);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

describe('the sandbox with the fixture scene', () => {
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    ({ page, errors } = await openSandbox(browser, `${baseUrl}${FIXTURE_PAGE}?scene=orbs&variant=allocating&size=200`));
  }, 60_000);

  afterAll(async () => {
    await page?.close();
  });

  it('opens the scene the URL names, and the URL follows alloclab.load', async () => {
    expect(await page.evaluate(() => window.alloclab!.current())).toEqual({ scene: 'orbs', variant: 'allocating', size: 200, deep: false });
    await page.evaluate(() => window.alloclab!.load('orbs', 'optimized', 50));
    expect(await page.evaluate(() => window.alloclab!.current())).toMatchObject({ variant: 'optimized', size: 50 });
    expect(new URL(page.url()).search).toBe('?scene=orbs&variant=optimized&size=50');
    expect(await page.evaluate(() => window.alloclab!.stats().frame)).toBeGreaterThanOrEqual(0);
  });

  it('measures bytes: the allocating variant > 0 per frame, the optimized one 0 (median of 120 frames)', async () => {
    expect(await page.evaluate(() => window.alloclab!.precise)).toBe(true);
    await page.evaluate(() => window.alloclab!.load('orbs', 'allocating', 200));
    const allocating = await page.evaluate(() => window.alloclab!.summary(120, { warmup: 60 }));
    await page.evaluate(() => window.alloclab!.load('orbs', 'optimized', 200));
    // A fresh page's code is still being optimised: a longer warm-up (the CLI waits for the JIT to go quiet).
    const optimized = await page.evaluate(() => window.alloclab!.summary(120, { warmup: 360 }));
    // 200 trail records of two fields per frame: 20 B each in Chromium, plus the doubles they hold.
    expect(allocating.bytesPerFrame.median).toBeGreaterThan(200 * 20);
    expect(allocating.heapMeter).toEqual({ kind: 'chromium-performance-memory', precise: true });
    expect(allocating.frames).toBe(120);
    expect(allocating.droppedFrames).toBe(0);
    expect(optimized.bytesPerFrame.median).toBe(0);
    const update = allocating.markers.find((m) => m.name === 'Update')!;
    expect(update.bytesPerFrame).toBeGreaterThan(200 * 20);
    expect(allocating.markers.map((m) => m.name)).toContain('Render');
  });

  it('shows the figures in the panel: GC Alloc monitor and the hierarchy table', async () => {
    await page.evaluate(() => window.alloclab!.load('orbs', 'allocating', 200));
    await page.evaluate(() => new Promise((r) => setTimeout(r, 600)));
    const panel = await page.locator('.al-side').innerText();
    expect(panel).toMatch(/GC Alloc/);
    expect(panel).toMatch(/orbs \/ allocating \/ 200/);
    const updateRow = await page.locator('.al-table tr', { hasText: 'Update' }).first().innerText();
    // "Update  6,400 B  1  0.25  0.25": a byte figure in KB or B, not n/a.
    expect(updateRow).toMatch(/\d[\d,.]* (B|KB)/);
    const monitor = await page.evaluate(() => window.alloclab!.stats());
    expect(monitor.ms).toBeGreaterThan(0);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'sandbox-orbs-allocating.png') });
    expect(errors).toEqual([]);
  });

  it('switches scene through the URL', async () => {
    const { page: other, errors: otherErrors } = await openSandbox(browser, `${baseUrl}${FIXTURE_PAGE}?scene=orbs&variant=optimized&size=10`);
    try {
      expect(await other.evaluate(() => window.alloclab!.current())).toEqual({ scene: 'orbs', variant: 'optimized', size: 10, deep: false });
      expect(otherErrors).toEqual([]);
    } finally {
      await other.close();
    }
  });
});
