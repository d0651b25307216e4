// The Allocation sites and GC & leaks cards of the GC Alloc panel, in a real Chromium.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { ViteDevServer } from 'vite';
import { findChromium, launchChromium, NO_CHROMIUM, openSandbox, startDevServer } from './harness.ts';

let plain: { server: ViteDevServer; url: string };
let counted: { server: ViteDevServer; url: string };
let browser: Browser;

beforeAll(async () => {
  if (findChromium() === null) throw new Error(NO_CHROMIUM);
  plain = await startDevServer();
  counted = await startDevServer('sites');
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await plain?.server.close();
  await counted?.server.close();
});

describe('GC Alloc panel: allocation sites', () => {
  it('served with sites counted, lists the sites that run, with file:line and counts per frame', async () => {
    const { page, errors } = await openSandbox(browser, `${counted.url}?scene=vectors&variant=allocating`);
    const sites = page.locator('.al-sites');
    await expect.poll(() => sites.locator('tbody tr').count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(4);
    const text = await sites.innerText();
    // The vector helpers of the allocating variant: `new Vec2` in times, plus, minus.
    // Each site's function, then its kind and file:line on a line of their own, then the figures.
    expect(text).toMatch(/times\s+new Vec2 \u00b7 allocating\.ts:41:10\s+4,000\s+~[\d,.]+ (B|KB|MB)/);
    expect(await sites.locator('tbody tr', { hasText: 'times' }).getAttribute('title')).toContain('scenes/vectors/allocating.ts:41:10');
    expect(text).toMatch(/of \d+ sites ran, counts per frame over \d+ frames \(exact\)/);
    // A selected frame shows its own sites, with that frame's exact counts; Esc goes back to all frames.
    const graph = page.locator('.al-graph-canvas').first();
    const box = (await graph.boundingBox())!;
    await page.mouse.click(box.x + box.width - 1, box.y + box.height / 2);
    const caption = sites.locator('.al-caption');
    await expect.poll(() => caption.innerText()).toMatch(/: frame \d+ \(selected\): \d+ of \d+ sites ran in it \(exact counts/);
    expect(await sites.innerText()).toMatch(/times\s+new Vec2 \u00b7 allocating\.ts:41:10\s+4,000\s/);
    await page.keyboard.press('Escape');
    await expect.poll(() => caption.innerText()).toMatch(/sites ran, counts per frame over \d+ frames/);
    // The optimized twin runs none.
    await page.evaluate(() => window.alloclab!.load('vectors', 'optimized', 1000));
    await expect.poll(() => sites.innerText(), { timeout: 20_000 }).toContain('No allocation site ran in these frames.');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('without counting, says how to turn it on instead of an empty table', async () => {
    const { page, errors } = await openSandbox(browser, `${plain.url}?scene=vectors&variant=allocating`);
    const caption = page.locator('.al-sites .al-caption');
    await expect.poll(() => caption.innerText()).toContain('npm run dev:sites');
    expect(await page.locator('.al-sites table').isHidden()).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('GC Alloc panel: leak pass', () => {
  it('the leaks button warms the scene up, runs the pass and flags a leaking variant', async () => {
    // The accidental-global leak keeps a record per spawn: far above the page's own growth. Frames
    // back to back and drawn small: the 3,000 warm-up frames and the pass take 15 s, not 75 s.
    const { page, errors } = await openSandbox(browser, `${plain.url}?scene=leaks&variant=allocating&pace=max&resolution=0.25`);
    await page.locator('.tp-btnv_b', { hasText: 'Leak pass (forced GCs)' }).click();
    const report = page.locator('.al-gc-report');
    await expect.poll(() => report.innerText(), { timeout: 30_000 }).toMatch(/warming up|leak pass running/);
    await expect.poll(() => report.innerText(), { timeout: 240_000, interval: 2000 }).toMatch(/retained \/ frame\s+\+[\d,.]+ B: LEAK/);
    expect(errors).toEqual([]);
    await page.close();
  }, 300_000);
});
