// `alloclab view <file.json>`: the viewer on real recordings of the CLI, opened in a real Chromium;
// bad files are one line and exit 2.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { parseRunFile } from '../../src/profiler/exports/runFile.ts';
import { formatBytes } from '../../src/panel/format.ts';
import { launchChromium } from '../browser/harness.ts';
import { tempDir } from '../tempDir.ts';
import { root, runCli } from './runCli.ts';

const scratch = tempDir('alloclab-view-');
const at = (name: string) => join(scratch, name);
const viewers: ChildProcess[] = [];
let browser: Browser;

/** Starts `alloclab view <file> --no-open` and resolves with the URL it prints. */
function startViewer(file: string): Promise<{ url: string; child: ChildProcess }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, 'bin', 'alloclab.js'), 'view', file, '--no-open'], {
      cwd: root,
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    viewers.push(child);
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const url = /at (http:\/\/127\.0\.0\.1:\d+\/) \(Ctrl-C to stop\)/.exec(out)?.[1];
      if (url) resolve({ url, child });
    });
    child.once('exit', (code) => reject(new Error(`view exited ${code} before serving: ${out}`)));
  });
}

async function open(url: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto(url);
  await page.waitForFunction(() => document.documentElement.dataset.viewer !== undefined);
  return { page, errors };
}

beforeAll(async () => {
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  for (const child of viewers) child.kill('SIGKILL');
  await browser?.close();
});

describe('alloclab view', () => {
  it("opens compare's recording: a tab per run, any frame selected shows that frame's figures from the file, the two side by side, Ctrl-C ends it", async () => {
    const json = at('compare.json');
    const measured = await runCli(['compare', 'bullets', '--frames', '300', '--warmup', '300', '--sites', '--json', json, '--no-progress']);
    expect(measured.code).toBe(0);
    const file = parseRunFile(JSON.parse(readFileSync(json, 'utf8')));
    const { url, child } = await startViewer(json);
    const { page, errors } = await open(url);
    expect(await page.evaluate(() => document.documentElement.dataset.viewer)).toBe('ready');
    const tabs = page.locator('.al-tab');
    expect(await tabs.allInnerTexts()).toEqual([
      ...file.runs.map((r) => `bullets \u00b7 ${r.variant} (${r.size}) \u00b7 production`),
      'Side by side',
    ]);

    const allocating = file.runs.findIndex((r) => r.variant === 'allocating');
    await tabs.nth(allocating).click();
    const run = file.runs[allocating]!;
    const frameText = (frame: number) => {
      const bytes = run.perFrameBytes![frame];
      return bytes === null || bytes === undefined ? /^no figure/ : formatBytes(bytes);
    };
    const label = page.locator('.al-frame-label');
    const figure = page.locator('.al-frame-details tbody tr', { hasText: 'GC Alloc' }).locator('td').nth(1);
    // A click on the bytes graph at a quarter of its width selects the frame there.
    const graph = page.locator('.al-graph-canvas').first();
    const box = (await graph.boundingBox())!;
    await page.mouse.click(box.x + box.width * 0.25, box.y + box.height / 2);
    const picked = Number(/^frame (\d+) of 300$/.exec(await label.innerText())![1]);
    expect(Math.abs(picked - 75)).toBeLessThanOrEqual(1);
    expect(await figure.innerText()).toMatch(frameText(picked));
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => label.innerText()).toBe(`frame ${picked + 1} of 300`);
    expect(await figure.innerText()).toMatch(frameText(picked + 1));
    // Most bytes: the run's heaviest frame, as the file says.
    await page.locator('.al-frame-bar button', { hasText: 'Most bytes' }).click();
    const max = Math.max(...run.perFrameBytes!.filter((b): b is number => typeof b === 'number'));
    expect(await figure.innerText()).toBe(formatBytes(max));
    // The wheel zooms both graphs to 200 of the 300 frames; stepping left of them scrolls both back.
    const titles = () => page.locator('.al-graph-head span:first-child').allInnerTexts();
    expect(await titles()).toEqual(['GC Alloc per frame (all 300)', 'Time per frame, ms (all 300)']);
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.wheel(0, -100);
    await expect.poll(titles).toEqual(['GC Alloc per frame (last 200)', 'Time per frame, ms (last 200)']);
    await page.mouse.click(box.x + 1, box.y + box.height / 2);
    expect(await label.innerText()).toBe('frame 100 of 300');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => label.innerText()).toBe('frame 99 of 300');
    expect(await titles()).toEqual([
      'GC Alloc per frame (200 frames, 1 before the newest)',
      'Time per frame, ms (200 frames, 1 before the newest)',
    ]);
    expect(await figure.innerText()).toMatch(frameText(99));
    // The sites the file holds, and no word of what it does not.
    expect(await page.locator('.al-card', { hasText: 'Allocation sites' }).innerText()).toContain(run.sites!.list[0]!.functionName);
    expect(await page.locator('#app').innerText()).toContain('Not in this file: sampled functions');
    // Side by side: the two variants and their ratio, as the sandbox's Compare shows them.
    await page.locator('.al-tab', { hasText: 'Side by side' }).click();
    const compare = page.locator('.al-compare table');
    expect(await compare.locator('thead th').allInnerTexts()).toEqual(['', 'allocating', 'optimized', 'ratio']);
    const mean = await compare.locator('tbody tr', { hasText: 'bytes/frame mean' }).locator('td').allInnerTexts();
    const optimized = file.runs.find((r) => r.variant === 'optimized')!;
    expect(mean.slice(0, 3)).toEqual(['bytes/frame mean', formatBytes(run.bytesPerFrame.mean), formatBytes(optimized.bytesPerFrame.mean)]);
    expect(errors).toEqual([]);
    await page.close();

    child.kill('SIGINT');
    const code = await new Promise((resolve) => child.once('exit', (c, signal) => resolve(c ?? signal)));
    expect([130, 'SIGINT', 0]).toContain(code);
  }, 120_000);

  it('says what an older file does not hold (no per-frame times) instead of drawing zeros, and draws frames around those without a figure', async () => {
    const json = at('compare.json');
    const data = JSON.parse(readFileSync(json, 'utf8'));
    for (const run of data.runs) {
      delete run.perFrameMs;
      // As a page's run has them: frames left without a figure (a code install inside), one in ten.
      for (let i = 0; i < run.perFrameBytes.length; i += 10) run.perFrameBytes[i] = null;
    }
    const older = at('older.json');
    writeFileSync(older, JSON.stringify(data));
    const { url } = await startViewer(older);
    const { page, errors } = await open(url);
    expect(await page.locator('#app').innerText()).toContain('Not in this file: per-frame times');
    expect(await page.locator('.al-frame-details').innerText()).not.toMatch(/\btime\b/);
    // The allocating run's bars are drawn, scaled over the frames that have a figure.
    const barPixels = await page
      .locator('.al-graph-canvas')
      .first()
      .evaluate((canvas: HTMLCanvasElement) => {
        const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
        let bars = 0;
        // The bytes colour, hsl(40, 90%, 62%): red well above blue.
        for (let i = 0; i < data.length; i += 4) if (data[i]! > 200 && data[i + 2]! < 120) bars++;
        return bars;
      });
    expect(barPixels).toBeGreaterThan(1000);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("opens a test suite's report (the vitest reporter's): a tab per run, named by its test", async () => {
    const file = JSON.parse(readFileSync(at('compare.json'), 'utf8'));
    const suite = {
      schema: 'alloclab.suite/1',
      createdAt: file.createdAt,
      tests: file.runs.map((run: { variant: string }) => ({
        test: `test/bullets.test.ts > ${run.variant} stays in budget`,
        project: 'node',
        runtime: file.runtime,
        runs: [run],
      })),
    };
    writeFileSync(at('suite.json'), JSON.stringify(suite));
    const { url } = await startViewer(at('suite.json'));
    const { page, errors } = await open(url);
    expect(await page.locator('.al-tab').allInnerTexts()).toEqual([
      ...file.runs.map(
        (r: { variant: string; size: number }) =>
          `test/bullets.test.ts > ${r.variant} stays in budget: bullets \u00b7 ${r.variant} (${r.size}) \u00b7 production`,
      ),
      'Side by side',
    ]);
    expect(await page.locator('.al-view-head').innerText()).toContain('suite report written');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('refuses in one line, exit 2: no file, not JSON, a Chrome trace, another tool\u2019s JSON, a diff report', async () => {
    writeFileSync(at('broken.json'), '{"schema": "alloclab.run/1", "runs": [');
    writeFileSync(at('trace.json'), JSON.stringify({ traceEvents: [] }));
    writeFileSync(at('foreign.json'), JSON.stringify({ name: 'x', version: '1.0.0' }));
    writeFileSync(at('diff.json'), JSON.stringify({ schema: 'alloclab.diff/1', rows: [] }));
    const cases: Array<[string, RegExp]> = [
      [at('missing.json'), /missing\.json: no such file$/],
      [at('broken.json'), /broken\.json: not JSON \(/],
      [at('trace.json'), /is a Chrome trace \(--trace\): open it in Perfetto/],
      [at('foreign.json'), /is not an AllocLab recording \(schema null\)/],
      [at('diff.json'), /is an AllocLab alloclab\.diff\/1 file, not a recording/],
    ];
    for (const [file, message] of cases) {
      const { code, stdout, stderr } = await runCli(['view', file, '--no-open']);
      expect(code, file).toBe(2);
      expect(stdout).toBe('');
      expect(stderr.trim().split('\n')).toHaveLength(1);
      expect(stderr).toMatch(/^alloclab: view: /);
      expect(stderr.trim()).toMatch(message);
    }
  });
});
