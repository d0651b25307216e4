// The static build: `vite build` output, served by `vite preview`, is a working sandbox.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { PreviewServer } from 'vite';
import { buildAndPreview, distinctColors, findChromium, launchChromium, NO_CHROMIUM, openSandbox } from './harness.ts';

let outDir: string;
let server: PreviewServer;
let url: string;
let browser: Browser;

beforeAll(async () => {
  if (findChromium() === null) throw new Error(NO_CHROMIUM);
  outDir = mkdtempSync(join(tmpdir(), 'alloclab-build-'));
  ({ server, url } = await buildAndPreview(outDir));
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

describe('vite build', () => {
  it('writes a static site of the sandbox page alone (no test fixtures)', () => {
    expect(readdirSync(outDir)).toContain('index.html');
    const assets = readdirSync(join(outDir, 'assets'));
    expect(assets.some((name) => name.endsWith('.js'))).toBe(true);
    expect(assets.some((name) => name.endsWith('.css'))).toBe(true);
    expect(assets.filter((name) => name.includes('orbs'))).toEqual([]);
  });

  it('serves a sandbox that loads without errors, draws, measures and switches scenes', async () => {
    const { page, errors } = await openSandbox(browser, `${url}?scene=containers&variant=allocating`);
    try {
      expect(await page.evaluate(() => window.alloclab!.current())).toMatchObject({ scene: 'containers', variant: 'allocating' });
      expect(await page.evaluate(() => window.alloclab!.precise)).toBe(true);
      expect(await distinctColors(page, await page.locator('.al-stage canvas').screenshot())).toBeGreaterThan(2);
      const run = await page.evaluate(() => window.alloclab!.summary(60, { warmup: 60, quietFrames: 0 }));
      expect(run.bytesPerFrame.median).toBeGreaterThan(0);
      await page.evaluate(() => window.alloclab!.load('bullets', 'optimized'));
      expect(new URL(page.url()).searchParams.get('scene')).toBe('bullets');
      // The stylesheet is applied: the side panel sits beside the stage, not under it.
      const stage = await page.locator('.al-stage canvas').boundingBox();
      const side = await page.locator('.al-side').boundingBox();
      expect(stage!.width).toBeGreaterThan(400);
      expect(side!.x).toBeGreaterThanOrEqual(stage!.x + stage!.width);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
