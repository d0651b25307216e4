/**
 * `npm run screenshot`: renders the sandbox in headless Chromium at 1600x1000 and saves, for the
 * README, docs/sandbox.png: bullets, allocating (when the catalog has it; else the first scene),
 * after a Compare of both variants and once the scene has warmed up, so the graphs show 300
 * steady frames rather than start-up, served with allocation sites counted (`npm run dev:sites`);
 * and docs/sandbox-optimized.png: the optimized variant after its warm-up, served as `npm run dev`
 * serves it (site counters make V8 inline less, so they would change what it allocates).
 */
import { join } from 'node:path';
import { launchChromium, openSandbox, startDevServer } from '../test/browser/harness.ts';

const OUT = join(import.meta.dirname, '../docs/sandbox.png');
const OUT_OPTIMIZED = join(import.meta.dirname, '../docs/sandbox-optimized.png');
// Served as `npm run dev:sites` does, so that the Allocation sites card has sites to show.
const { server, url } = await startDevServer('sites');
const browser = await launchChromium();
try {
  const probe = await openSandbox(browser, url);
  const names = await probe.page.evaluate(() => window.alloclab!.scenes);
  await probe.page.close();
  const scene = names.includes('bullets') ? 'bullets' : names[0]!;
  // Tall enough for the side column to show the Compare table whole.
  const { page, errors } = await openSandbox(browser, `${url}?scene=${scene}&variant=allocating`, { width: 1600, height: 1000 });
  console.log(`${scene}: comparing both variants (warm-up until quiet, then 300 frames each)...`);
  await page.locator('.tp-btnv_b', { hasText: 'Compare variants' }).click();
  await page.locator('.al-compare table').waitFor({ timeout: 300_000 });
  // Compare put the allocating variant back in a fresh world: warm it up, then fill the graphs.
  await page.evaluate(() => window.alloclab!.summary(300));
  await page.waitForTimeout(300);
  await page.screenshot({ path: OUT });
  console.log(`saved ${OUT} (${scene}, allocating)${errors.length > 0 ? '\nconsole errors:\n' + errors.join('\n') : ''}`);
  if (errors.length > 0) process.exitCode = 1;
} finally {
  await browser.close();
  await server.close();
}

// The optimized variant, served without site counters, once the page's warm-up has ended.
const plain = await startDevServer();
const plainBrowser = await launchChromium();
try {
  const { page, errors } = await openSandbox(plainBrowser, `${plain.url}?scene=bullets&variant=optimized`, { width: 1600, height: 1000 });
  const run = await page.evaluate(() => window.alloclab!.summary(300));
  await page.waitForTimeout(300);
  await page.screenshot({ path: OUT_OPTIMIZED });
  console.log(
    `saved ${OUT_OPTIMIZED} (bullets, optimized: median ${run.bytesPerFrame.median} B, mean ${run.bytesPerFrame.mean.toFixed(2)} B per frame after ${run.warmup} warm-up frames, judged by ${run.warmupJudge})`,
  );
  if (errors.length > 0) process.exitCode = 1;
} finally {
  await plainBrowser.close();
  await plain.server.close();
}
