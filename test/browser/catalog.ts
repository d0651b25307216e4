/**
 * Measures catalog scenes in the sandbox page itself, as a user reads them: each variant loaded
 * through `window.alloclab.load`, then `window.alloclab.summary(frames)` after the page's own
 * warm-up. Shared by the catalog e2e test and `npm run check:sandbox`.
 */
import type { Browser } from 'playwright-core';
import type { RunResult } from '../../src/profiler/RunResult.ts';
import { openSandbox } from './harness.ts';

/** One variant as the page read it. */
export interface SandboxReading {
  scene: string;
  variant: string;
  run: RunResult;
  /** The Render marker's mean bytes per frame (the sandbox's own sync to pixi). */
  render: number;
  /** Wall time of the load and the measurement. */
  seconds: number;
}

export interface CatalogOptions {
  /** Scenes to measure (default: every scene the sandbox offers), each in `variants` order. */
  scenes?: readonly string[];
  variants?: readonly string[];
  frames?: number;
  /**
   * Pages measuring at once, each in its own browser context, taking the next scene when done.
   * The figures are bytes, which do not depend on the pace; more pages only share the CPU.
   */
  pages?: number;
  /** What `summary()` is told besides the frames, by variant (default: nothing, the page's own rule). */
  summaryOptions?: (variant: string) => { quietFrames?: number } | undefined;
  /** Called as each variant is read. */
  onReading?: (reading: SandboxReading) => void;
}

/**
 * Opens `pages` sandbox pages at `url` and measures every variant of every scene; returns the
 * readings in scene order and the page errors seen (console errors and uncaught exceptions).
 */
export async function measureCatalogInSandbox(
  browser: Browser,
  url: string,
  options: CatalogOptions = {},
): Promise<{ readings: SandboxReading[]; errors: string[] }> {
  const frames = options.frames ?? 300;
  const variants = options.variants ?? ['optimized', 'allocating'];
  const first = await openSandbox(browser, url);
  const scenes = options.scenes ?? (await first.page.evaluate(() => window.alloclab!.scenes));
  const opened = [first];
  for (let i = 1; i < Math.min(options.pages ?? 1, scenes.length); i++) opened.push(await openSandbox(browser, url));
  const readings = new Map<string, SandboxReading[]>();
  let next = 0;
  try {
    await Promise.all(
      opened.map(async ({ page }) => {
        while (next < scenes.length) {
          const scene = scenes[next++]!;
          const ofScene: SandboxReading[] = [];
          readings.set(scene, ofScene);
          for (const variant of variants) {
            const started = performance.now();
            await page.evaluate(([s, v]) => window.alloclab!.load(s!, v), [scene, variant]);
            const run = await page.evaluate(([n, o]) => window.alloclab!.summary(n!, o), [
              frames,
              options.summaryOptions?.(variant),
            ] as const);
            const render = run.markers.find((m) => m.name === 'Render')?.bytesPerFrame ?? Number.NaN;
            const reading = { scene, variant, run, render, seconds: (performance.now() - started) / 1000 };
            ofScene.push(reading);
            options.onReading?.(reading);
          }
        }
      }),
    );
  } finally {
    await Promise.all(opened.map(({ page }) => page.close()));
  }
  return { readings: scenes.flatMap((s) => readings.get(s) ?? []), errors: opened.flatMap((o) => o.errors) };
}
