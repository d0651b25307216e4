// End-to-end tests of the sandbox in a real (headless) Chromium, through Vite's dev server.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { ViteDevServer } from 'vite';
import { distinctColors, findChromium, launchChromium, NO_CHROMIUM, openSandbox, startDevServer } from './harness.ts';

const ARTIFACTS = join(import.meta.dirname, '../../test-results');
const FIXTURE_PAGE = 'test/browser/fixtures/sandbox.html';
const FAST = '&pace=max&resolution=0.25';

let server: ViteDevServer;
let baseUrl: string;
let browser: Browser;

beforeAll(async () => {
  if (findChromium() === null) throw new Error(NO_CHROMIUM);
  ({ server, url: baseUrl } = await startDevServer());
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the sandbox page (index.html)', () => {
  it('loads with no console errors and draws the scene', async () => {
    const { page, errors } = await openSandbox(browser, baseUrl);
    try {
      const names = await page.evaluate(() => window.alloclab!.scenes);
      expect(names.length).toBeGreaterThan(0);
      await page.evaluate(() => new Promise((r) => setTimeout(r, 500)));
      const png = await page.locator('.al-stage canvas').screenshot();
      expect(await distinctColors(page, png)).toBeGreaterThan(2);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

describe('the sandbox with the fixture scene', () => {
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    // Frames back to back, drawn at a quarter of the resolution: the figures do not depend on either.
    ({ page, errors } = await openSandbox(browser, `${baseUrl}${FIXTURE_PAGE}?scene=orbs&variant=allocating&size=200${FAST}`));
  }, 60_000);

  afterAll(async () => {
    await page?.close();
  });

  it('opens the scene the URL names, and the URL follows alloclab.load', async () => {
    expect(await page.evaluate(() => window.alloclab!.current())).toEqual({ scene: 'orbs', variant: 'allocating', size: 200, deep: false });
    await page.evaluate(() => window.alloclab!.load('orbs', 'optimized', 50));
    expect(await page.evaluate(() => window.alloclab!.current())).toMatchObject({ variant: 'optimized', size: 50 });
    expect(new URL(page.url()).search).toBe(`?scene=orbs&variant=optimized&size=50${FAST}`);
    expect(await page.evaluate(() => window.alloclab!.stats().frame)).toBeGreaterThanOrEqual(0);
  });

  it('measures bytes: the allocating variant > 0 per frame, the optimized one 0 (median of 120 frames)', async () => {
    expect(await page.evaluate(() => window.alloclab!.precise)).toBe(true);
    await page.evaluate(() => window.alloclab!.load('orbs', 'allocating', 200));
    // The default warm-up: a fresh page's code is still being optimised for a few hundred frames,
    // so it runs until the figures have been quiet for 300 frames.
    const allocating = await page.evaluate(() => window.alloclab!.summary(120));
    await page.evaluate(() => window.alloclab!.load('orbs', 'optimized', 200));
    let optimized = await page.evaluate(() => window.alloclab!.summary(120));
    // Seen only in the whole suite, on a loaded machine: 2,400 B/frame (12 B per orb, a boxed
    // double) after a warm-up that judged the code settled; not reproduced alone. Load the
    // variant once more (a fresh world and warm-up) before judging, and say so.
    if (optimized.bytesPerFrame.median > 0) {
      console.warn(
        `orbs optimized read ${optimized.bytesPerFrame.median} B/frame after ${optimized.warmup} warm-up frames: loading it again`,
      );
      await page.evaluate(() => window.alloclab!.load('orbs', 'optimized', 200));
      optimized = await page.evaluate(() => window.alloclab!.summary(120));
    }
    for (const run of [allocating, optimized]) {
      expect(run.jitSettled).toBe(true);
      expect(run.warmupJudge).toBe('tiers');
      expect(run.warmup).toBeGreaterThanOrEqual(600);
    }
    // 200 trail records of two fields per frame: 20 B each in Chromium, plus the doubles they hold.
    expect(allocating.bytesPerFrame.median).toBeGreaterThan(200 * 20);
    expect(allocating.heapMeter).toEqual({ kind: 'chromium-performance-memory', precise: true });
    expect(allocating.frames).toBe(120);
    expect(allocating.droppedFrames).toBe(0);
    expect(optimized.bytesPerFrame.median).toBe(0);
    const update = allocating.markers.find((m) => m.name === 'Update')!;
    expect(update.bytesPerFrame).toBeGreaterThan(200 * 20);
    expect(allocating.markers.map((m) => m.name)).toContain('Render');
  }, 180_000);

  it('measures a window again when only one isolated frame allocated in it, and says so', async () => {
    // At the display's pace: frames back to back with no warm-up (maxWarmup 0 below) also meet the
    // JIT's late installs (seen: 53 KB in one frame), which is not what this test is about.
    const { page, errors } = await openSandbox(browser, `${baseUrl}${FIXTURE_PAGE}?scene=one-off&variant=optimized&resolution=0.25`);
    // A first one-off during warm-up, so that the path that allocates has run before and the
    // measured one is that frame alone (a path's first run deoptimises the update).
    await page.evaluate(() => {
      (globalThis as { alloclabOneOffIn?: number }).alloclabOneOffIn = 20;
    });
    const settled = await page.evaluate(() => window.alloclab!.summary(120));
    expect(settled.bytesPerFrame.median).toBe(0);
    // Measured from the next frame on (maxWarmup 0); the 50th allocates once.
    const run = await page.evaluate(() => {
      (globalThis as { alloclabOneOffIn?: number }).alloclabOneOffIn = 50;
      return window.alloclab!.summary(300, { maxWarmup: 0 });
    });
    // The one-off and one frame more, seen every time (at most 3 in 300 count as isolated).
    expect(run.remeasured, JSON.stringify(run.bytesPerFrame)).toMatchObject({ measurements: 2 });
    expect(run.remeasured!.allocatingFrames).toBeLessThanOrEqual(3);
    expect(run.remeasured!.maxBytes).toBeGreaterThanOrEqual(8_000);
    // The second window's figures (V8 may still add a one-off of its own to it).
    expect(run.bytesPerFrame.median).toBe(0);
    expect(run.bytesPerFrame.max).toBeLessThan(8_000);
    expect(run.frames).toBe(300);
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it('counts the clock\u2019s own allocation the same before and after the JIT optimises it', async () => {
    // performance.now() returns a boxed double to unoptimised code and a raw one to optimised
    // code; the clock must allocate the same either way, or its 12 B correction goes wrong.
    const rounds = await page.evaluate(async () => {
      // Through a Function: vitest rewrites import() in this file, and this code runs in the page.
      const load = new Function('url', 'return import(url)') as (url: string) => Promise<typeof import('../../src/page/BrowserClock.ts')>;
      const { BrowserClock } = await load('/src/page/BrowserClock.ts');
      const clock = new BrowserClock();
      const out = new Float64Array(1);
      // performance.memory afresh at each read: a kept MemoryInfo object does not update.
      const used = () => (performance as unknown as { memory: { usedJSHeapSize: number } }).memory.usedJSHeapSize;
      const round = () => {
        let fractional = 0;
        const before = used();
        for (let i = 0; i < 1000; i++) {
          clock.stamp(out, 0);
          if (Math.floor(out[0]!) !== out[0]) fractional++;
        }
        return { bytes: used() - before, fractional };
      };
      const results: Array<{ bytes: number; fractional: number }> = [];
      for (let r = 0; r < 300; r++) results.push(round());
      return results;
    });
    // Each round reads 12 B per fractional stamp plus what the round itself costs (the same every
    // time: one read of performance.memory, a few bytes), to within what crossing a heap page adds
    // to a reading (up to 48 B). An optimised clock that allocated nothing would read ~12,000 B
    // less. The test's own code being compiled (a few hundred bytes) or a GC (far less) can
    // disturb a round now and then, more often on a loaded machine (seen: 88% of rounds within).
    const excess = rounds.slice(5).map((r) => r.bytes - 12 * r.fractional);
    const own = [...excess].sort((a, b) => a - b)[excess.length >> 1]!;
    expect(Math.abs(own)).toBeLessThan(100);
    expect(excess.filter((e) => Math.abs(e - own) <= 48).length).toBeGreaterThanOrEqual(0.8 * excess.length);
    // Rounds in which the stamps allocated nothing would read some 12,000 B below the others:
    // only a GC inside a round reads that low, and that is rare.
    expect(excess.filter((e) => e < own - 6000).length).toBeLessThanOrEqual(0.05 * excess.length);
    // The stamps were mostly fractional, so the 12 B per stamp was exercised (a round of whole
    // milliseconds was seen once, on a loaded machine).
    expect(rounds.filter((r) => r.fractional > 100).length).toBeGreaterThanOrEqual(rounds.length / 2);
  });

  it('shows the figures in the panel: GC Alloc monitor and the hierarchy table', async () => {
    await page.evaluate(() => window.alloclab!.load('orbs', 'allocating', 200));
    await page.evaluate(() => new Promise((r) => setTimeout(r, 600)));
    const panel = await page.locator('.al-side').innerText();
    expect(panel).toMatch(/GC Alloc/);
    expect(panel).toMatch(/orbs \/ allocating \/ 200/);
    const updateRow = await page.locator('.al-table tr', { hasText: 'Update' }).first().innerText();
    // "Update  6,400 B  1  0.25  0.25": a byte figure in KB or B, not n/a.
    expect(updateRow).toMatch(/\d[\d,.]* (B|KB)/);
    const monitor = await page.evaluate(() => window.alloclab!.stats());
    expect(monitor.ms).toBeGreaterThan(0);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'sandbox-orbs-allocating.png') });
    expect(errors).toEqual([]);
  });

  it('sorts the hierarchy by a clicked column, siblings under their parent', async () => {
    const table = page.locator('.al-table-wrap');
    const childNames = async () =>
      (await table.locator('tbody tr:not(.extra) td:first-child').allInnerTexts()).map((t) => t.trim()).slice(1);
    await table.locator('th', { hasText: 'Marker' }).click();
    await page.waitForTimeout(250);
    const names = await childNames();
    expect(names).toEqual([...names].sort());
    expect(await table.locator('th.sorted').innerText()).toMatch(/^Marker/);
    expect(await table.locator('th.sorted').getAttribute('data-dir')).toBe('\u25b2');
    await table.locator('th', { hasText: 'Marker' }).click();
    await page.waitForTimeout(250);
    expect(await childNames()).toEqual([...names].sort().reverse());
    // Back to the default: GC Alloc, largest first.
    await table.locator('th', { hasText: 'GC Alloc' }).click();
    expect(await table.locator('th.sorted').getAttribute('data-dir')).toBe('\u25bc');
  });

  it('pauses, steps one frame at a time, and resumes from the controls', async () => {
    const pause = page.locator('.tp-lblv').filter({ has: page.locator('.tp-lblv_l', { hasText: /^pause$/ }) });
    // tweakpane draws its own box over a transparent input: click what the user sees.
    await pause.locator('.tp-ckbv_w').click();
    expect(await pause.locator('input').isChecked()).toBe(true);
    await page.waitForTimeout(200);
    const paused = await page.evaluate(() => window.alloclab!.stats().frame);
    await page.waitForTimeout(400);
    expect(await page.evaluate(() => window.alloclab!.stats().frame)).toBe(paused);
    await page.locator('.tp-btnv_b', { hasText: 'Step one frame' }).click();
    await expect.poll(() => page.evaluate(() => window.alloclab!.stats().frame)).toBe(paused + 1);
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => window.alloclab!.stats().frame)).toBe(paused + 1);
    await pause.locator('.tp-ckbv_w').click();
    expect(await pause.locator('input').isChecked()).toBe(false);
    await expect.poll(() => page.evaluate(() => window.alloclab!.stats().frame)).toBeGreaterThan(paused + 5);
    expect(errors).toEqual([]);
  });

  it('selects a past frame: the hierarchy, the timeline and the graphs show that frame\u2019s own figures, stepped by keys and buttons, until Live', async () => {
    await page.evaluate(() => window.alloclab!.load('one-off', 'optimized'));
    await page.evaluate(() => window.alloclab!.summary(30));
    const pause = page.locator('.tp-lblv').filter({ has: page.locator('.tp-lblv_l', { hasText: /^pause$/ }) });
    await pause.locator('.tp-ckbv_w').click();
    // Resumed whatever happens: the tests after this one need frames to come.
    try {
      // Frame by frame, each frame's figure as window.alloclab.stats() reads it from the recorder
      // when it is the newest: the third frame keeps a 2,000-element array.
      await page.evaluate(() => {
        (globalThis as { alloclabOneOffIn?: number }).alloclabOneOffIn = 3;
      });
      const figures = new Map<number, number | null>();
      for (let i = 0; i < 6; i++) {
        const before = await page.evaluate(() => window.alloclab!.stats().frame);
        await page.locator('.tp-btnv_b', { hasText: 'Step one frame' }).click();
        await expect.poll(() => page.evaluate(() => window.alloclab!.stats().frame)).toBe(before + 1);
        const stats = await page.evaluate(() => window.alloclab!.stats());
        figures.set(stats.frame, stats.bytes);
      }
      const [heaviest] = [...figures].filter(([, b]) => b !== null).sort((a, b) => b[1]! - a[1]!);
      expect(heaviest![1]).toBeGreaterThanOrEqual(8_000);
      const shown = (bytes: number | null) =>
        bytes === null ? 'GC in frame' : bytes < 10_000 ? `${bytes.toLocaleString('en-US')} B` : `${(bytes / 1024).toFixed(1)} KB`;

      const label = page.locator('.al-frame-label');
      const frameRow = page
        .locator('.al-table-wrap tbody tr', { hasText: /^\s*Frame/ })
        .first()
        .locator('td')
        .nth(1);
      const bytesHead = page.locator('.al-graph .al-graph-value').first();
      const expectShown = async (frame: number) => {
        await expect.poll(() => label.innerText()).toMatch(new RegExp(`^frame ${frame} \\(selected`));
        const bytes = figures.get(frame)!;
        expect(await frameRow.innerText()).toBe(bytes === null ? 'n/a' : shown(bytes));
        expect(await bytesHead.innerText()).toBe(`frame ${frame}: ${shown(bytes)}`);
      };
      // The heaviest frame of the graphs: ours, unless V8 did something heavier before the pause.
      await page.locator('.al-frame-bar button', { hasText: 'Most bytes' }).click();
      await expect.poll(() => label.innerText()).toMatch(/^frame \d+ \(selected/);
      const most = Number(/^frame (\d+)/.exec(await label.innerText())![1]);
      if (figures.has(most)) await expectShown(most);
      else expect(parseFloat((await frameRow.innerText()).replace(/,/g, ''))).toBeGreaterThan(0);
      // Live again: the graphs, which scrolled back to that frame if it was older than their last
      // 300, show the newest frames.
      await page.locator('.al-frame-bar button', { hasText: 'Live' }).click();
      await expect.poll(() => label.innerText()).toMatch(/\(live\)$/);
      // A click on the graph's newest bar selects that frame; arrow keys step back to the one-off.
      const graph = page.locator('.al-graph-canvas').first();
      const box = (await graph.boundingBox())!;
      await page.mouse.click(box.x + box.width - 1, box.y + box.height / 2);
      const newest = Math.max(...figures.keys());
      await expectShown(newest);
      for (let frame = newest - 1; frame >= heaviest![0]; frame--) {
        await page.keyboard.press('ArrowLeft');
        await expectShown(frame);
      }
      // Its timeline: the frame, then its phases along its time, the one-off's bytes in Update.
      const timeline = page.locator('.al-timeline');
      await expect.poll(() => timeline.locator('.al-caption').innerText()).toMatch(new RegExp(`^Timeline of frame ${heaviest![0]}: `));
      const bars = await timeline.locator('.al-slice').allInnerTexts();
      expect(bars[0]).toMatch(new RegExp(`^Frame ${shown(heaviest![1]).replace('.', '\\.')} `));
      const update = bars.find((b) => b.startsWith('Update '))!;
      expect(parseFloat(update.slice('Update '.length).replace(/,/g, ''))).toBeGreaterThanOrEqual(
        8_000 / (update.includes(' KB') ? 1024 : 1),
      );
      await page.locator('.al-frame-bar button', { hasText: '\u25b6' }).click();
      await expectShown(heaviest![0] + 1);
      await page.keyboard.press('Escape');
      await expect.poll(() => label.innerText()).toBe(`frame ${newest} (live)`);
      expect(await page.locator('.al-frame-bar button', { hasText: 'Live' }).isDisabled()).toBe(true);
    } finally {
      await page.keyboard.press('Escape');
      if (await pause.locator('input').isChecked()) await pause.locator('.tp-ckbv_w').click();
    }
    expect(errors).toEqual([]);
  });

  it('opens a recording dropped on the page in the viewer, and says in one line what a dropped file that is not one is', async () => {
    // A run file as the sandbox's Record \u2192 JSON writes it, made of a run this page measured.
    await page.evaluate(() => window.alloclab!.load('orbs', 'allocating', 200));
    const recording = await page.evaluate(async () => {
      const run = await window.alloclab!.summary(60);
      return JSON.stringify({
        schema: 'alloclab.run/1',
        createdAt: new Date().toISOString(),
        runtime: { engine: 'chromium', version: navigator.userAgent, v8: 'unknown', flags: [] },
        runs: [run],
      });
    });
    const drop = (name: string, text: string) =>
      page.evaluate(
        ([n, t]) => {
          const transfer = new DataTransfer();
          transfer.items.add(new File([t!], n!, { type: 'application/json' }));
          document.body.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
        },
        [name, text],
      );
    await drop('orbs.alloclab.json', recording);
    const layer = page.locator('.al-drop-view');
    await expect.poll(() => layer.locator('.al-tab').allInnerTexts()).toEqual(['orbs \u00b7 allocating (200) \u00b7 production']);
    expect(await layer.locator('.al-frame-label').innerText()).toMatch(/^frame \d+ of 60$/);
    await page.keyboard.press('Escape');
    await expect.poll(() => layer.count()).toBe(0);
    for (const [name, text, line] of [
      ['notes.json', '{"hello": "world"}', /^notes\.json is not an AllocLab recording \(schema null\)/],
      ['broken.json', '{"schema": ', /^broken\.json is not JSON \(/],
    ] as const) {
      await drop(name, text);
      await expect.poll(() => layer.locator('.al-notice').innerText()).toMatch(line);
      expect((await layer.locator('.al-notice').innerText()).split('\n')).toHaveLength(1);
      await layer.locator('.al-drop-close').click();
    }
    expect(errors).toEqual([]);
  });

  it('turns deep markers on from the controls: a row per behaviour type under its phase', async () => {
    await page.evaluate(() => window.alloclab!.load('orbs', 'allocating', 200));
    const deep = page.locator('.tp-lblv').filter({ has: page.locator('.tp-lblv_l', { hasText: /^deep markers$/ }) });
    await deep.locator('.tp-ckbv_w').click();
    await page.waitForFunction(() => window.alloclab!.current()?.deep === true);
    expect(new URL(page.url()).searchParams.get('deep')).toBe('1');
    const row = page.locator('.al-table-wrap tbody tr', { hasText: 'AllocatingOrbit.update' });
    await row.waitFor();
    // Nested under Update: indented one level deeper.
    const [updatePad, orbitPad] = await Promise.all([
      page
        .locator('.al-table-wrap tbody tr', { hasText: /^\s*Update/ })
        .first()
        .locator('td')
        .first()
        .evaluate((td) => parseFloat((td as HTMLElement).style.paddingLeft)),
      row
        .locator('td')
        .first()
        .evaluate((td) => parseFloat((td as HTMLElement).style.paddingLeft)),
    ]);
    expect(orbitPad).toBeGreaterThan(updatePad);
    await deep.locator('.tp-ckbv_w').click();
    await page.waitForFunction(() => window.alloclab!.current()?.deep === false);
    expect(new URL(page.url()).searchParams.has('deep')).toBe(false);
    expect(errors).toEqual([]);
  });

  it('switches scene and variant from the controls: the world is rebuilt and the URL follows', async () => {
    const select = (label: string) =>
      page
        .locator('.tp-lblv')
        .filter({ has: page.locator('.tp-lblv_l', { hasText: new RegExp(`^${label}$`) }) })
        .locator('select');
    await select('scene').selectOption('tags');
    await page.waitForFunction(() => window.alloclab!.current()?.scene === 'tags');
    await select('variant').selectOption('optimized');
    await page.waitForFunction(() => window.alloclab!.current()?.variant === 'optimized');
    const current = await page.evaluate(() => window.alloclab!.current());
    expect(new URL(page.url()).search).toBe(`?scene=tags&variant=optimized&size=${current!.size}${FAST}`);
    const before = await page.evaluate(() => window.alloclab!.stats().frame);
    await expect.poll(() => page.evaluate(() => window.alloclab!.stats().frame)).toBeGreaterThan(before + 5);
    expect(errors).toEqual([]);
  });

  it('says "warming up" in the panel until the warm-up ended, and figures after it', async () => {
    await page.evaluate(() => window.alloclab!.load('orbs', 'optimized', 200));
    const monitor = page.locator('.tp-lblv', { hasText: 'GC Alloc (frame)' }).locator('input, .tp-sglv_i').first();
    await expect.poll(() => monitor.inputValue()).toMatch(/^warming up \((code: [\d,]+ frames off-screen|\d+ frames)\)$/);
    // The caption follows on the panel's next 10 Hz read ("waiting for a frame" until then).
    const caption = page.locator('.al-card', { hasText: 'Hierarchy' }).locator('.al-caption').first();
    await expect.poll(() => caption.innerText()).toMatch(/warming up/);
    await page.evaluate(() => window.alloclab!.summary(30));
    await expect.poll(() => monitor.inputValue()).toMatch(/^(\d[\d,.]* (B|KB)|GC in frame)$/);
    expect(errors).toEqual([]);
  }, 120_000);

  it('falls back to the first variant for a URL naming an Object property (?variant=toString)', async () => {
    const { page: other, errors: otherErrors } = await openSandbox(browser, `${baseUrl}${FIXTURE_PAGE}?scene=orbs&variant=toString`);
    try {
      expect(await other.evaluate(() => window.alloclab!.current()?.variant)).toBe('allocating');
      await expect(other.evaluate(() => window.alloclab!.load('orbs', 'constructor'))).rejects.toThrow(/has no variant "constructor"/);
      expect(otherErrors).toEqual([]);
    } finally {
      await other.close();
    }
  });

  it('switches scene through the URL', async () => {
    const { page: other, errors: otherErrors } = await openSandbox(
      browser,
      `${baseUrl}${FIXTURE_PAGE}?scene=orbs&variant=optimized&size=10`,
    );
    try {
      expect(await other.evaluate(() => window.alloclab!.current())).toEqual({
        scene: 'orbs',
        variant: 'optimized',
        size: 10,
        deep: false,
      });
      expect(otherErrors).toEqual([]);
    } finally {
      await other.close();
    }
  });
});

describe('the sandbox in a Chromium without --enable-precise-memory-info', () => {
  it('says that bytes are unavailable and how to get them, and never shows zeros for them', async () => {
    const plain = await launchChromium({ precise: false });
    try {
      const { page, errors } = await openSandbox(plain, `${baseUrl}${FIXTURE_PAGE}?scene=orbs&variant=optimized&size=200`);
      expect(await page.evaluate(() => window.alloclab!.precise)).toBe(false);
      const notice = page.locator('.al-notice');
      expect(await notice.isVisible()).toBe(true);
      expect(await notice.innerText()).toMatch(/Measured bytes are unavailable.*--enable-precise-memory-info.*npm run sandbox/s);
      await page.waitForTimeout(600);
      const monitor = page
        .locator('.tp-lblv')
        .filter({ has: page.locator('.tp-lblv_l', { hasText: /^GC Alloc \(frame\)$/ }) })
        .locator('input');
      expect(await monitor.inputValue()).toBe('unavailable');
      const bytesColumn = (await page.locator('.al-table-wrap tbody tr td:nth-child(2)').allInnerTexts()).map((t) => t.trim());
      expect(bytesColumn.length).toBeGreaterThan(2);
      expect(bytesColumn.every((t) => t === 'n/a')).toBe(true);
      // Times still work; byte figures are NaN (null in JSON) and the run says it was not precise.
      const run = await page.evaluate(() => {
        return window.alloclab!.summary(30, { warmup: 0 }).then((r) => ({ ...r, median: String(r.bytesPerFrame.median) }));
      });
      expect(run.heapMeter).toEqual({ kind: 'chromium-performance-memory', precise: false });
      expect(run.median).toBe('NaN');
      expect(run.jitSettled).toBe(false);
      expect(run.frameMs.mean).toBeGreaterThan(0);
      expect(errors).toEqual([]);
    } finally {
      await plain.close();
    }
  });
});
