/**
 * `npm run bench:browser`: each scene at its default size in headless Chromium: the JS time per
 * frame (engine + profiler + render sync, from the profiler's frame ms; goal <= 4 ms), the frame
 * rate SwiftShader reaches (software WebGL, for reference only: it says nothing about a GPU), and
 * how the warm-up ended (frames run before measuring, and whether the figures had gone quiet).
 * Prints a table; never fails on time.
 */
import { launchChromium, openSandbox, startDevServer } from '../test/browser/harness.ts';

const FRAMES = 180;
const { server, url } = await startDevServer();
const browser = await launchChromium();
try {
  const { page } = await openSandbox(browser, url);
  const names = await page.evaluate(() => window.alloclab!.scenes);
  const rows: string[][] = [
    ['scene', 'variant', 'size', 'JS ms/frame mean', 'p95', 'goal', 'fps (SwiftShader)', 'warm-up', 'quiet', 'B/frame median'],
  ];
  for (const name of names) {
    for (const variant of ['allocating', 'optimized']) {
      const loaded = await page.evaluate(([n, v]) => window.alloclab!.load(n!, v).then(() => true), [name, variant]).catch(() => false);
      if (!loaded) continue;
      const started = Date.now();
      const run = await page.evaluate((frames) => window.alloclab!.summary(frames), FRAMES);
      const seconds = (Date.now() - started) / 1000;
      // Warm-up and measured frames both ran in that time (the load ran the first frame).
      const fps = (run.warmup - 1 + run.frames) / seconds;
      rows.push([
        name,
        variant,
        String(run.size),
        run.frameMs.mean.toFixed(2),
        run.frameMs.p95.toFixed(2),
        run.frameMs.mean <= 4 ? 'ok' : 'over 4 ms',
        fps.toFixed(1),
        String(run.warmup),
        run.jitSettled ? 'yes' : 'no',
        String(run.bytesPerFrame.median),
      ]);
      console.log(rows[rows.length - 1]!.join('  '));
    }
  }
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  console.log(
    '\n' + rows.map((r) => r.map((cell, c) => (c < 2 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ')).join('\n'),
  );
  console.log(
    "\nJS ms: the profiler's frame time (World.tick + Render sync). fps: approximate, SwiftShader draws on the CPU." +
      '\nwarm-up: frames run before measuring (at least 300, then until 300 in a row were quiet, at most 1,800).',
  );
} finally {
  await browser.close();
  await server.close();
}
