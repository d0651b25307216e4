/**
 * `npm run check:sandbox [-- --pages N] [scene ...]`: every catalog scene in the built sandbox
 * (vite build, vite preview, headless Chromium with the sandbox's flags), both variants, each
 * measured by the page itself (`window.alloclab.summary(300)` after the page's warm-up). Prints
 * one row per variant and exits 1 when an optimized variant reads any byte per frame (median,
 * mean or its Render marker) or an allocating one reads none. At the display's pace (60 frames
 * a second) this takes minutes; `--pace max` runs the page's frames back to back (`?pace=max`),
 * and `--pages N` measures N scenes at once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Table from 'cli-table3';
import { buildAndPreview, launchChromium } from '../test/browser/harness.ts';
import { measureCatalogInSandbox, type SandboxReading } from '../test/browser/catalog.ts';

const { values, positionals } = parseArgs({
  options: { pages: { type: 'string', default: '1' }, pace: { type: 'string', default: 'display' } },
  allowPositionals: true,
});
const pace = values.pace;
if (pace !== 'display' && pace !== 'max') {
  console.error(`check:sandbox: --pace must be display or max (got ${pace})`);
  process.exit(2);
}
const pages = Number(values.pages);
if (!Number.isInteger(pages) || pages < 1) {
  console.error(`check:sandbox: --pages must be a whole number of at least 1 (got ${values.pages})`);
  process.exit(2);
}

/** What is wrong with a reading, or null. */
function finding({ scene, variant, run, render }: SandboxReading): string | null {
  const { median, mean } = run.bytesPerFrame;
  if (variant === 'optimized' && (median !== 0 || mean !== 0 || render !== 0))
    return `${scene} optimized: median ${median} B, mean ${mean.toFixed(2)} B, Render ${render.toFixed(2)} B per frame`;
  if (variant === 'allocating' && !(median > 0)) return `${scene} allocating: median ${median} B per frame`;
  return null;
}

const outDir = mkdtempSync(join(tmpdir(), 'alloclab-sandbox-check-'));
const { server, url } = await buildAndPreview(outDir);
const browser = await launchChromium();
const started = performance.now();
let result: Awaited<ReturnType<typeof measureCatalogInSandbox>>;
try {
  // A quarter of the pixels: drawing happens outside the measured frames, and software WebGL
  // would otherwise set the pace.
  result = await measureCatalogInSandbox(browser, `${url}?resolution=0.25&pace=${pace}`, {
    scenes: positionals.length > 0 ? positionals : undefined,
    pages,
    onReading: (r) =>
      console.log(
        `${r.scene} ${r.variant}: median ${r.run.bytesPerFrame.median} B, mean ${r.run.bytesPerFrame.mean.toFixed(2)} B, ` +
          `Render ${r.render.toFixed(2)} B (${r.seconds.toFixed(1)} s)`,
      ),
  });
} finally {
  await browser.close();
  await server.close();
  rmSync(outDir, { recursive: true, force: true });
}
const table = new Table({ head: ['scene', 'variant', 'median B', 'mean B', 'Render B', 'warm-up', 'judge', 'settled', 's'] });
for (const r of result.readings) {
  const { run } = r;
  table.push([
    r.scene,
    r.variant,
    run.bytesPerFrame.median,
    run.bytesPerFrame.mean.toFixed(2),
    r.render.toFixed(2),
    run.warmup,
    run.warmupJudge ?? '',
    String(run.jitSettled),
    r.seconds.toFixed(1),
  ]);
}
console.log(table.toString());
console.log(
  `${result.readings.length} variants in ${((performance.now() - started) / 1000).toFixed(0)} s with ${pages} page(s) at pace ${pace}`,
);
const failures = result.readings.map(finding).filter((f) => f !== null);
if (result.errors.length > 0) failures.push(`page errors: ${result.errors.join('; ')}`);
if (failures.length > 0) {
  console.log(`\n${failures.length} finding(s):\n${failures.map((f) => `  ${f}`).join('\n')}`);
  process.exitCode = 1;
}
