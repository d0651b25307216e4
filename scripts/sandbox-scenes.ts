/**
 * `npm run check:sandbox`: every catalog scene in the built sandbox (vite build, vite preview,
 * headless Chromium with the sandbox's flags), both variants, each measured by the page itself
 * (`window.alloclab.summary(300)` after the page's warm-up). Prints one row per variant and exits
 * 1 when an optimized variant reads any byte per frame (median, mean or its Render marker) or an
 * allocating one reads none. It drives the page at its own pace (60 frames a second with
 * software WebGL), so it takes minutes: a check to run, not a unit test.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Table from 'cli-table3';
import { buildAndPreview, launchChromium, openSandbox } from '../test/browser/harness.ts';

const FRAMES = 300;
const outDir = mkdtempSync(join(tmpdir(), 'alloclab-sandbox-check-'));
const { server, url } = await buildAndPreview(outDir);
const browser = await launchChromium();
const table = new Table({ head: ['scene', 'variant', 'median B', 'mean B', 'Render B', 'warm-up', 'judge', 'settled', 's'] });
const failures: string[] = [];
try {
  // A quarter of the pixels: drawing happens outside the measured frames, and software WebGL
  // would otherwise set the pace.
  const { page, errors } = await openSandbox(browser, `${url}?resolution=0.25`);
  const only = process.argv.slice(2);
  const scenes = only.length > 0 ? only : await page.evaluate(() => window.alloclab!.scenes);
  for (const scene of scenes) {
    for (const variant of ['optimized', 'allocating']) {
      const started = Date.now();
      await page.evaluate(([s, v]) => window.alloclab!.load(s!, v), [scene, variant]);
      const run = await page.evaluate((frames) => window.alloclab!.summary(frames), FRAMES);
      const render = run.markers.find((m) => m.name === 'Render')?.bytesPerFrame ?? 0;
      const { median, mean } = run.bytesPerFrame;
      table.push([
        scene,
        variant,
        median,
        mean.toFixed(2),
        render.toFixed(2),
        run.warmup,
        run.warmupJudge ?? '',
        String(run.jitSettled),
        ((Date.now() - started) / 1000).toFixed(1),
      ]);
      if (variant === 'optimized' && (median !== 0 || mean !== 0 || render !== 0))
        failures.push(`${scene} optimized: median ${median} B, mean ${mean.toFixed(2)} B, Render ${render.toFixed(2)} B per frame`);
      if (variant === 'allocating' && !(median > 0)) failures.push(`${scene} allocating: median ${median} B per frame`);
      console.log(`${scene} ${variant}: median ${median} B, mean ${mean.toFixed(2)} B, Render ${render.toFixed(2)} B`);
    }
  }
  if (errors.length > 0) failures.push(`page errors: ${errors.join('; ')}`);
} finally {
  await browser.close();
  await server.close();
  rmSync(outDir, { recursive: true, force: true });
}
console.log(table.toString());
if (failures.length > 0) {
  console.log(`\n${failures.length} finding(s):\n${failures.map((f) => `  ${f}`).join('\n')}`);
  process.exitCode = 1;
}
