// End-to-end tests of the GC Alloc panel's actions, clicked as a user would in a real (headless)
// Chromium through Vite's dev server: Compare, Record -> JSON, Record -> Chrome trace, and the
// panel's own timer.
import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { ViteDevServer } from 'vite';
import { parseRunFile } from '../../src/profiler/exports/runFile.ts';
import type { RunResult } from '../../src/profiler/RunResult.ts';
import { formatBytes } from '../../src/panel/format.ts';
import { findChromium, launchChromium, NO_CHROMIUM, openSandbox, startDevServer } from './harness.ts';

const FIXTURE_PAGE = 'test/browser/fixtures/sandbox.html';
/** Downloaded files are kept here as test artifacts. */
const ARTIFACTS = join(import.meta.dirname, '../../test-results');
const FRAMES = 120;

let server: ViteDevServer;
let browser: Browser;
let page: Page;
let errors: string[];

beforeAll(async () => {
  if (findChromium() === null) throw new Error(NO_CHROMIUM);
  const dev = await startDevServer();
  server = dev.server;
  browser = await launchChromium();
  // Frames back to back, drawn at a quarter of the resolution: the same figures (bytes do not depend
  // on the pace, and drawing is outside measured frames), in a fifth of the time software WebGL takes.
  ({ page, errors } = await openSandbox(
    browser,
    `${dev.url}${FIXTURE_PAGE}?scene=orbs&variant=allocating&size=200&pace=max&resolution=0.25`,
  ));
  // The frame count Compare and Record run, typed into the panel.
  const frames = page
    .locator('.tp-lblv')
    .filter({ has: page.locator('.tp-lblv_l', { hasText: /^frames$/ }) })
    .locator('input');
  await frames.fill(String(FRAMES));
  await frames.press('Enter');
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** "6,400 B" -> 6400, "56.7 KB" -> 58060.8, "1.20 MB" -> 1258291.2. */
function parseBytes(text: string): number {
  const match = /^(-?[\d,.]+) (B|KB|MB)$/.exec(text);
  if (match === null) throw new Error(`not a byte figure: "${text}"`);
  const value = Number(match[1]!.replace(/,/g, ''));
  return value * (match[2] === 'B' ? 1 : match[2] === 'KB' ? 1024 : 1048576);
}

/** Clicks a tweakpane button and returns the file it downloads (also saved under test-results/). */
async function clickAndDownload(title: string): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 120_000 }),
    page.locator('.tp-btnv_b', { hasText: title }).click(),
  ]);
  const name = download.suggestedFilename();
  mkdirSync(ARTIFACTS, { recursive: true });
  await download.saveAs(join(ARTIFACTS, name));
  return { name, text: await readFile(join(ARTIFACTS, name), 'utf8') };
}

describe('the GC Alloc panel', () => {
  it('Compare runs both variants and shows each one\u2019s figures and their ratio', async () => {
    await page.locator('.tp-btnv_b', { hasText: 'Compare variants' }).click();
    const table = page.locator('.al-compare table');
    await table.waitFor({ timeout: 150_000 });
    expect(await page.locator('.al-compare .al-caption').first().innerText()).toBe(`orbs (size 200), ${FRAMES} frames each`);
    expect(await table.locator('thead th').allInnerTexts()).toEqual(['', 'allocating', 'optimized', 'ratio']);
    const row = async (label: string) =>
      (await table.locator('tbody tr', { hasText: label }).first().locator('td').allInnerTexts()).map((t) => t.trim());

    // 200 trail records per frame (20 B each in Chromium, and more) against none: the ratio of
    // something to zero is shown as infinite, never as a made-up number.
    const median = await row('bytes/frame median');
    expect(median[0]).toBe('bytes/frame median');
    expect(parseBytes(median[1]!)).toBeGreaterThan(200 * 20);
    expect(median[2]).toBe('0 B');
    expect(median[3]).toBe('\u221e');

    // Frame time: both measured, and the ratio is their quotient (to the shown precision).
    const ms = await row('frame ms mean');
    const [a, b] = [Number(ms[1]), Number(ms[2])];
    expect(a).toBeGreaterThan(0);
    expect(b).toBeGreaterThan(0);
    const ratio = Number(ms[3]!.replace(/x$/, ''));
    // Each figure is shown to 0.01 ms and the ratio to 0.01: the bound of their rounding errors.
    const rounding = (a / b) * (0.005 / a + 0.005 / b) + 0.005;
    expect(Math.abs(ratio - a / b)).toBeLessThanOrEqual(rounding * 1.01);

    // Both variants warmed up until their code was optimised and quiet (at least 300 frames, then
    // 300 quiet ones), judged by tiers (this browser has V8's natives); the one that was running is back.
    const warmup = await row('warm-up frames');
    for (const frames of [warmup[1]!, warmup[2]!]) {
      expect(frames).toMatch(/^[\d,]+ · optimised code$/);
      expect(Number(frames.split(' ')[0]!.replace(/,/g, ''))).toBeGreaterThanOrEqual(600);
    }
    expect(warmup[3]).toBe('');
    expect(await page.locator('.al-compare .warn').count()).toBe(0);
    expect(await page.evaluate(() => window.alloclab!.current())).toEqual({ scene: 'orbs', variant: 'allocating', size: 200, deep: false });
    expect(errors).toEqual([]);
  }, 240_000);

  it('Record \u2192 JSON downloads an alloclab.run/1 file like the CLI\u2019s --json', async () => {
    const { name, text } = await clickAndDownload('Record \u2192 JSON');
    expect(name).toMatch(/^orbs-allocating-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.alloclab\.json$/);
    const file = parseRunFile(JSON.parse(text), name);
    expect(file.schema).toBe('alloclab.run/1');
    expect(file.runtime.engine).toBe('chromium');
    expect(file.runtime.version).toMatch(/^\d+\.\d+/);
    // The flags the page can tell it was started with (the harness passes both).
    expect(file.runtime.flags).toEqual(['--enable-precise-memory-info', '--js-flags=--expose-gc', '--js-flags=--allow-natives-syntax']);
    expect(Number.isNaN(Date.parse(file.createdAt))).toBe(false);
    expect(file.runs).toHaveLength(1);
    const run = file.runs[0]!;
    expect(Object.keys(run).sort()).toEqual(RUN_FIELDS);
    expect(run).toMatchObject({
      scene: 'orbs',
      variant: 'allocating',
      mode: 'production',
      size: 200,
      frames: FRAMES,
      heapMeter: { kind: 'chromium-performance-memory', precise: true },
      droppedFrames: 0,
      refusedMarkerEvents: 0,
    });
    expect(typeof run.jitSettled).toBe('boolean');
    expect(run.perFrameBytes).toHaveLength(FRAMES);
    // Per-frame bytes are measured figures, or null where a GC left a frame without one.
    const measured = run.perFrameBytes!.filter((b): b is number => b !== null);
    expect(measured.length + run.gcFrames + run.jitFrames).toBe(FRAMES);
    expect(Math.min(...measured)).toBeGreaterThan(200 * 20);
    expect(run.bytesPerFrame.median).toBeGreaterThan(200 * 20);
    expect(run.totalBytes).toBe(measured.reduce((sum, b) => sum + b, 0));
    expect(run.markers.map((m) => m.name)).toEqual(expect.arrayContaining(['Update', 'Render', 'LateUpdate']));
    expect(run.frameMs.mean).toBeGreaterThan(0);
    expect(run.perFrameMs).toHaveLength(FRAMES);

    // Dropped back on the sandbox, the file opens in the viewer: the frame the viewer calls the
    // heaviest reads the file's own largest figure.
    await page.evaluate(
      ([n, t]) => {
        const transfer = new DataTransfer();
        transfer.items.add(new File([t!], n!, { type: 'application/json' }));
        document.body.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
      },
      [name, text],
    );
    const layer = page.locator('.al-drop-view');
    await expect.poll(() => layer.locator('.al-tab').allInnerTexts()).toEqual(['orbs \u00b7 allocating (200) \u00b7 production']);
    await layer.locator('.al-frame-bar button', { hasText: 'Most bytes' }).click();
    const figure = layer.locator('.al-frame-details tbody tr', { hasText: 'GC Alloc' }).locator('td').nth(1);
    expect(await figure.innerText()).toBe(formatBytes(Math.max(...measured)));
    await layer.locator('.al-drop-close').click();
    expect(await layer.count()).toBe(0);
    expect(errors).toEqual([]);
  }, 150_000);

  it('Record \u2192 Chrome trace downloads valid Trace Event JSON: frames, markers inside them, a bytes counter', async () => {
    const { name, text } = await clickAndDownload('Record \u2192 Chrome trace');
    expect(name).toMatch(/^orbs-allocating-.*\.trace\.json$/);
    const trace = JSON.parse(text) as { traceEvents: TraceEvent[]; displayTimeUnit: string };
    expect(Array.isArray(trace.traceEvents)).toBe(true);
    for (const event of trace.traceEvents) {
      expect(typeof event.name).toBe('string');
      expect(['X', 'C', 'M', 'i']).toContain(event.ph);
      expect(Number.isFinite(event.ts)).toBe(true);
      expect(Number.isInteger(event.pid) && Number.isInteger(event.tid)).toBe(true);
      if (event.ph === 'X') expect(event.dur).toBeGreaterThanOrEqual(0);
    }
    expect(trace.traceEvents.find((e) => e.ph === 'M' && e.name === 'process_name')?.args).toEqual({
      name: 'orbs (allocating, production)',
    });
    const frames = trace.traceEvents.filter((e) => e.ph === 'X' && e.name === 'Frame');
    expect(frames).toHaveLength(FRAMES);
    // In order. Frames that run back to back (?pace=max) may start on the same 0.1 ms tick of the
    // page's clock, so starts are compared as the clock reads them: never earlier than the last.
    for (let i = 1; i < frames.length; i++) expect(frames[i]!.ts).toBeGreaterThanOrEqual(frames[i - 1]!.ts);
    const counters = trace.traceEvents.filter((e) => e.ph === 'C' && e.name === 'Bytes per frame');
    expect(counters.length).toBeGreaterThan(FRAMES / 2);
    for (const c of counters) expect(c.args!.bytes as number).toBeGreaterThan(200 * 20);
    // Every marker slice lies inside a frame slice (1 us of slack for the microsecond conversion).
    const markers = trace.traceEvents.filter((e) => e.ph === 'X' && e.cat === 'marker');
    expect([...new Set(markers.map((m) => m.name))]).toEqual(expect.arrayContaining(['Update', 'LateUpdate', 'Render']));
    for (const m of markers) {
      const frame = frames.find((f) => f.ts <= m.ts + 1 && m.ts + m.dur! <= f.ts + f.dur! + 1);
      expect(frame, `${m.name} at ${m.ts} us is inside no frame`).toBeDefined();
    }
  }, 150_000);

  it('reads the recorder on its own ~10 Hz timer and shows its own cost in a row after the frame\u2019s', async () => {
    const seen = await page.evaluate(async () => {
      const caption = document.querySelector('.al-table-wrap .al-caption')!;
      let updates = 0;
      const observer = new MutationObserver(() => updates++);
      observer.observe(caption, { childList: true, characterData: true, subtree: true });
      const first = window.alloclab!.stats().frame;
      await new Promise((resolve) => setTimeout(resolve, 2000));
      observer.disconnect();
      return { updates, frames: window.alloclab!.stats().frame - first };
    });
    // 10 reads per second, whatever the frame rate: fewer reads than frames (the panel samples the
    // newest frame and never slows the loop).
    expect(seen.updates).toBeGreaterThanOrEqual(12);
    expect(seen.updates).toBeLessThanOrEqual(22);
    expect(seen.frames).toBeGreaterThan(seen.updates);

    const rows = page.locator('.al-table-wrap tbody tr');
    const names = (await rows.locator('td:first-child').allInnerTexts()).map((t) => t.trim());
    expect(names[0]).toBe('Frame');
    expect(names.at(-1)).toBe('Panel (10 Hz)');
    expect(await rows.last().locator('td').first().getAttribute('title')).toMatch(/own 10 Hz timer, between frames/);
    expect(names.filter((n) => n.startsWith('Panel'))).toHaveLength(1);
    expect(await rows.last().getAttribute('class')).toBe('extra');
    // Its own measured bytes (the panel builds strings and DOM nodes) and time; n/a only when a
    // GC ran during its update.
    await expect
      .poll(async () => (await rows.last().locator('td').allInnerTexts())[1]!.trim(), { timeout: 5000 })
      .toMatch(/^[\d,.]+ (B|KB|MB)$/);
    const cells = (await rows.last().locator('td').allInnerTexts()).map((t) => t.trim());
    expect(parseBytes(cells[1]!)).toBeGreaterThan(0);
    expect(Number(cells[3])).toBeGreaterThanOrEqual(0);
    // And it is no marker of the frames: a run's markers never include it.
    const run: RunResult = await page.evaluate(() => window.alloclab!.summary(30, { warmup: 0, quietFrames: 0 }));
    expect(run.markers.map((m) => m.name).filter((n) => n.startsWith('Panel'))).toEqual([]);
    expect(errors).toEqual([]);
  });
});

/** The fields of a run, as `alloclab run --json` writes them with per-frame data. */
const RUN_FIELDS = [
  'bytesPerFrame',
  'droppedFrames',
  'frameMs',
  'frames',
  'gc',
  'gcFrames',
  'heapMeter',
  'jitFrames',
  'jitSettled',
  'markers',
  'mode',
  'offHeap',
  'perFrameBytes',
  'perFrameMs',
  'refusedMarkerEvents',
  'scene',
  'size',
  'totalBytes',
  'variant',
  'warmup',
  'warmupJudge',
  'worstFrames',
];

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  cat?: string;
  args?: Record<string, unknown>;
}
