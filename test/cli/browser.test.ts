// `alloclab run|compare --browser`: the CLI measuring in the system's headless Chromium.
import { describe, it, expect, beforeAll } from 'vitest';
import { runCli } from './runCli.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseRunFile } from '../../src/profiler/exports/runFile.ts';
import { findChromium, NO_CHROMIUM } from '../../src/chromium/findChromium.ts';
import { tempDir } from '../tempDir.ts';
import { isRunning, withDyingRenderer } from './processes.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const userScene = join('test', 'fixtures', 'scenes', 'user-scene.ts');

const alloclab = runCli;

function tempFile(name: string): string {
  return join(tempDir('alloclab-browser-'), name);
}

beforeAll(() => {
  if (findChromium() === null) throw new Error(NO_CHROMIUM);
});

describe('alloclab --browser', () => {
  it('a browser whose renderer dies is said in one line and measured again in a fresh one; twice is exit 2, nothing left running', async () => {
    const json = tempFile('crash.json');
    const args = ['run', 'bullets', '--browser', '--variant', 'optimized', '--frames', '300', '--warmup', '300', '--no-progress'];
    const [once, twice] = await Promise.all([withDyingRenderer([...args, '--json', json], 1, 1500), withDyingRenderer(args, 2, 1500)]);
    expect(once.stderr).toMatch(
      /^alloclab: scene "bullets" \(optimized\) in Chromium: measuring: the page's renderer crashed at frame \d+ \((loading|setting the scene up|running the scene)\); trying once more in a fresh browser\n$/,
    );
    expect(once.code).toBe(0);
    expect(parseRunFile(JSON.parse(readFileSync(json, 'utf8'))).runs[0]!.frames).toBe(300);
    expect(twice.code).toBe(2);
    const lines = twice.stderr.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(
      /^alloclab: scene "bullets" \(optimized\) failed in browser: measuring: the page's renderer crashed at frame \d+ \(.+\), in the second browser too$/,
    );
    await new Promise((done) => setTimeout(done, 1000));
    expect(twice.tree.filter(isRunning)).toEqual([]);
  }, 120_000);

  it('measures both variants of a scene file in Chromium: the table, and JSON with the engine, its versions and flags', async () => {
    const json = tempFile('run.json');
    const { code, stdout, stderr } = await alloclab([
      'run',
      userScene,
      '--variant',
      'both',
      '--browser',
      '--frames',
      '200',
      '--warmup',
      '200',
      '--json',
      json,
      '--no-progress',
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('user-scene · allocating · production · 200 frames');
    expect(stdout).toMatch(
      /Measured in headless Chromium \d+\.\d+\.\d+\.\d+ \(V8 \d+\.\d+\.\d+\.\d+, flags --expose-gc --no-allocation-site-pretenuring\)/,
    );
    expect(stdout).toContain('State digests of the variants are equal');
    const file = parseRunFile(JSON.parse(readFileSync(json, 'utf8')));
    expect(file.runtime.engine).toBe('chromium');
    expect(file.runtime.version).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(file.runtime.v8).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(file.runtime.flags).toEqual(['--expose-gc', '--no-allocation-site-pretenuring']);
    const [allocating, optimized] = file.runs;
    expect(allocating!.heapMeter).toEqual({ kind: 'chromium-performance-memory', precise: true });
    expect(allocating!.jitSettled).toBe(true);
    expect(allocating!.warmup).toBeGreaterThanOrEqual(200);
    // One kept { frame } object per frame: 16 B with Chromium's pointer compression (Node: 24 B).
    expect(allocating!.bytesPerFrame.median).toBe(16);
    expect(optimized!.bytesPerFrame.max).toBe(0);
    expect(allocating!.perFrameBytes).toHaveLength(200);
    expect(allocating!.markers.map((m) => m.name)).toEqual(expect.arrayContaining(['Update', 'LateUpdate']));
  });

  it('takes GC pauses from the DevTools trace: kind, duration and the frame each fell in', async () => {
    const json = tempFile('gc.json');
    const { code } = await alloclab(['run', 'containers', '--browser', '--frames', '300', '--json', json, '--no-progress']);
    expect(code).toBe(0);
    const run = parseRunFile(JSON.parse(readFileSync(json, 'utf8'))).runs[0]!;
    // ~117 KB a frame fills the young generation every few dozen frames.
    expect(run.gc.minor).toBeGreaterThan(0);
    expect(run.gc.events.length).toBe(run.gc.minor + run.gc.major + run.gc.other);
    for (const event of run.gc.events) {
      expect(event.durationMs).toBeGreaterThan(0);
      expect(event.frame).toBeGreaterThanOrEqual(-1);
      expect(event.frame).toBeLessThan(300);
      if (event.frame >= 0) expect(run.perFrameBytes![event.frame]).toBeNull();
    }
    expect(run.gc.totalMs).toBeCloseTo(
      run.gc.events.reduce((sum, e) => sum + e.durationMs, 0),
      6,
    );
    expect(run.gcFrames).toBeGreaterThanOrEqual(run.gc.events.filter((e) => e.frame >= 0).length);
  });

  it('--attribute adds sampled bytes per function with file:line, in the table and the JSON', async () => {
    const json = tempFile('attribute.json');
    const { code, stdout, stderr } = await alloclab([
      'run',
      userScene,
      '--browser',
      '--attribute',
      '--frames',
      '1000',
      '--warmup',
      '200',
      '--json',
      json,
      '--no-progress',
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/Allocations by function \(sampled\) · user-scene · allocating\nSampled every ~1,024 B over 1,000 frames/);
    const attribution = parseRunFile(JSON.parse(readFileSync(json, 'utf8'))).runs[0]!.attribution!;
    expect(attribution).toMatchObject({
      method: 'sampled',
      samplingIntervalBytes: 1024,
      frames: 1000,
      flags: ['--expose-gc', '--no-allocation-site-pretenuring', '--no-turbo-inlining', '--no-maglev-inlining'],
    });
    // Spawner.update (line 10 of the fixture) keeps one 16 B object per frame: ~16 KB over the
    // pass, about 16 samples. Sampling is statistical, so other functions (V8's own) may outrank
    // it in a run; it must be there.
    const update = attribution.functions.find((f) => f.functionName === 'update')!;
    expect(update).toMatchObject({ file: 'test/fixtures/scenes/user-scene.ts', line: 10 });
    expect(update.samples).toBeGreaterThan(0);
    expect(stdout).toMatch(/│ update\s+│ test\/fixtures\/scenes\/user-scene\.ts:10:\d+\s+│\s+~[\d.]+ B │/);
  });

  it('--budget exits 1 in the browser too', async () => {
    const { code, stderr } = await alloclab([
      'run',
      userScene,
      '--browser',
      '--frames',
      '100',
      '--warmup',
      '100',
      '--budget',
      '0',
      '--no-progress',
    ]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/alloclab: over budget: user-scene \(allocating\) allocates 16 B\/frame, budget 0 B\/frame/);
  });

  it('without a browser, --browser exits 2 with one line naming how to install one', async () => {
    const { code, stdout, stderr } = await alloclab(['compare', 'bullets', '--browser', '--no-progress'], {
      ALLOCLAB_CHROMIUM: join(root, 'no-such-chromium'),
    });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim()).toBe(`alloclab: --browser: ${NO_CHROMIUM}`);
    expect(stderr).toContain('apt-get install -y chromium');
  });

  it('--attribute without --browser, and --sites with it, are usage errors (exit 2)', async () => {
    const attribute = await alloclab(['run', userScene, '--attribute']);
    expect(attribute.code).toBe(2);
    expect(attribute.stderr).toContain("alloclab: --attribute needs --browser (it samples with Chromium's heap profiler)");
    const sites = await alloclab(['run', userScene, '--browser', '--sites']);
    expect(sites.code).toBe(2);
    expect(sites.stderr).toContain('alloclab: --sites is not available with --browser');
  });
});
