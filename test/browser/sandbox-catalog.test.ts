// Catalog scenes in the built sandbox page (vite build + vite preview, not a fixture), measured by
// the page itself after its own warm-up, and checked against `alloclab run --browser` of the same
// variant and size. It asserts the steady frame (median and 95th percentile); one-off frames
// still reach the mean now and then (see the comment below), so a renderer that allocates only in
// rare frames passes here and shows in `npm run check:sandbox`'s mean and Render columns. CI
// measures the scenes whose sprites come and go (bullets) and whose sprites are text (hud-text),
// the two things the sandbox's renderer has to do without allocating;
// `npm run check:sandbox` measures all fourteen the same way.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { PreviewServer } from 'vite';
import { parseRunFile } from '../../src/profiler/exports/runFile.ts';
import type { RunResult } from '../../src/profiler/RunResult.ts';
import { measureCatalogInSandbox, type SandboxReading } from './catalog.ts';
import { buildAndPreview, findChromium, launchChromium, NO_CHROMIUM } from './harness.ts';

const SCENES = ['bullets', 'hud-text', 'boxing'];
/**
 * Scenes that allocate the same in every stretch of frames, whose figures the CLI's must match.
 * Not bullets: its waves move its median with the stretch measured (1,320 B in one, more in
 * another), and the CLI cannot be told to measure the page's stretch.
 */
const STEADY = ['hud-text', 'boxing'];
const bin = join(import.meta.dirname, '../../bin/alloclab.js');
const scratch = mkdtempSync(join(tmpdir(), 'alloclab-sandbox-catalog-'));

let server: PreviewServer;
let browser: Browser;
let readings: SandboxReading[] = [];
let pageErrors: string[] = [];

beforeAll(async () => {
  if (findChromium() === null) throw new Error(NO_CHROMIUM);
  let url: string;
  ({ server, url } = await buildAndPreview(join(scratch, 'site')));
  browser = await launchChromium();
  ({ readings, errors: pageErrors } = await measureCatalogInSandbox(browser, `${url}?resolution=0.25&pace=max`, {
    scenes: SCENES,
    // One-off frames of KBs still land in optimized variants now and then (seen: one frame of
    // 2.3 KB in bullets' Render, 3.4 KB in hud-text, in 300; JIT work the page cannot see), so the
    // test asserts the steady frame (median and 95th percentile 0 B) and prints the mean.
    onReading: ({ scene, variant, run, render }) => {
      if (variant === 'optimized' && (run.bytesPerFrame.mean > 0 || render > 0))
        console.warn(
          `${scene} optimized: mean ${run.bytesPerFrame.mean} B/frame (max ${run.bytesPerFrame.max} B), Render ${render} B, after ${run.warmup} warm-up frames`,
        );
    },
  }));
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(scratch, { recursive: true, force: true });
});

const reading = (scene: string, variant: string) => readings.find((r) => r.scene === scene && r.variant === variant)!;

/** `alloclab run --browser` of the same variant, size and number of frames. */
async function cliRun(page: RunResult): Promise<RunResult> {
  const json = join(scratch, `${page.scene}-${page.variant}.json`);
  const args = ['run', page.scene, '--browser', '--variant', page.variant, ...(page.size === null ? [] : ['--size', String(page.size)])];
  args.push('--frames', String(page.frames), '--json', json, '--no-progress');
  await promisify(execFile)(process.execPath, [bin, ...args], { env: { ...process.env, NODE_OPTIONS: '' } });
  return parseRunFile(JSON.parse(readFileSync(json, 'utf8'))).runs[0]!;
}

describe.each(SCENES)('%s in the built sandbox (pace max)', (scene) => {
  it('optimized reads 0 B in at least 95% of its frames after the page\u2019s warm-up, Render included', () => {
    const { run } = reading(scene, 'optimized');
    expect(run.jitSettled).toBe(true);
    expect(run.warmupJudge).toBe('tiers');
    expect(run.frames).toBe(300);
    expect(run.bytesPerFrame.median).toBe(0);
    expect(run.bytesPerFrame.p95).toBe(0);
    expect(pageErrors).toEqual([]);
  });

  it('allocating reads bytes, and what `alloclab run --browser` reads (steady scenes), but for what drawing reads', async () => {
    const { run: page, render } = reading(scene, 'allocating');
    expect(page.bytesPerFrame.median).toBeGreaterThan(0);
    if (!STEADY.includes(scene)) return;
    const cli = await cliRun(page);
    // The same world (seed, size, 1/60 s steps), but not the same stretch of it: the CLI's warm-up
    // goes on until its JIT watch sees no more code installs (here ~3,000 frames against the
    // page's ~600), so the two measure 300 frames apart in time. Steady scenes allocate the same
    // in every stretch, to within 2% (the heap meter crossing a page adds up to 48 B). What the lab
    // page has no part for is the Render marker: the sync reads each text sprite's string, and a
    // string built by '+' is a rope that reading flattens into a new string, bytes a game that
    // draws its text spends too (hud-text: ~340 B a frame).
    const gap = Math.abs(page.bytesPerFrame.median - cli.bytesPerFrame.median);
    expect(gap, `page ${page.bytesPerFrame.median} B (Render ${render} B), CLI ${cli.bytesPerFrame.median} B`).toBeLessThanOrEqual(
      render + 0.02 * cli.bytesPerFrame.median,
    );
  }, 60_000);
});
