// `alloclab page <url>`: pages that do not use AllocLab's engine, measured in headless Chromium.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createServer, type ViteDevServer } from 'vite';
import { parseRunFile } from '../../src/profiler/exports/runFile.ts';
import type { RunResult } from '../../src/profiler/RunResult.ts';
import { findChromium, NO_CHROMIUM } from '../../src/chromium/findChromium.ts';
import { isRunning, withDyingRenderer } from './processes.ts';
import { alloclabInstrument } from '../../src/instrument/plugin.ts';
import { tempDir } from '../tempDir.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(root, 'bin', 'alloclab.js');
const pages = join(root, 'test', 'fixtures', 'pages');

function alloclab(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { cwd: root, env: { ...process.env, NODE_OPTIONS: '' } }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

function tempFile(name: string): string {
  return join(tempDir('alloclab-page-'), name);
}

/** Measures `url` and returns the run from the JSON file. */
async function measure(
  url: string,
  frames: number,
  warmup: number,
  extra: string[] = [],
): Promise<{ run: RunResult; stdout: string; stderr: string; code: number }> {
  const json = tempFile('page.json');
  const { code, stdout, stderr } = await alloclab([
    'page',
    url,
    '--frames',
    String(frames),
    '--warmup',
    String(warmup),
    '--json',
    json,
    '--no-progress',
    ...extra,
  ]);
  if (code > 1) throw new Error(`alloclab page exited ${code}: ${stderr}`);
  return { run: parseRunFile(JSON.parse(readFileSync(json, 'utf8'))).runs[0]!, stdout, stderr, code };
}

// The fixture pages as a user serves their game: a plain static server on localhost.
let server: ViteDevServer;
let base: string;

beforeAll(async () => {
  if (findChromium() === null) throw new Error(NO_CHROMIUM);
  server = await createServer({
    configFile: false,
    root,
    logLevel: 'error',
    optimizeDeps: { noDiscovery: true, include: [] },
    // As a user's Vite config counts the sites of their game's code.
    plugins: [alloclabInstrument({ include: ['test/fixtures/pages/sites-game.js'], exclude: ['src/'] })],
    server: { host: '127.0.0.1', port: 0, hmr: false, watch: null },
  });
  await server.listen();
  const address = server.httpServer!.address();
  if (address === null || typeof address === 'string') throw new Error('no server address');
  base = `http://127.0.0.1:${address.port}/test/fixtures/pages/`;
});

afterAll(async () => {
  await server?.close();
});

// A page runs at the display's 60 Hz: a measure of 200 frames after 1,000 of warm-up takes ~20 s.
describe('alloclab page', { timeout: 180_000 }, () => {
  it('a hand-written requestAnimationFrame loop from a file URL: 0 B a frame, and exactly 100 x 20 B more when it keeps 100 objects a frame, sampled on its update(); the zero loop samples none of its own functions', async () => {
    const url = pathToFileURL(join(pages, 'raf-loop.html')).href;
    // Two browsers at once: a page waits on its display's 60 Hz far more than it works.
    const [zero, allocating] = await Promise.all([
      measure(url, 200, 1000, ['--attribute']),
      measure(url + '?loop=allocating', 200, 1000, ['--attribute']),
    ]);
    expect(zero.code).toBe(0);
    expect(zero.run.scene).toBe(url);
    expect(zero.run.variant).toBe('page');
    expect(zero.run.heapMeter).toEqual({ kind: 'chromium-performance-memory', precise: true });
    expect(zero.run.frames).toBe(200);
    expect(zero.run.warmup).toBeGreaterThanOrEqual(1000);
    expect(zero.run.perFrameBytes).toHaveLength(200);
    expect(zero.run.bytesPerFrame.median).toBe(0);
    // { x, y } with small integers: 20 B in Chromium's V8 (pointer compression) once optimised.
    expect(allocating.run.bytesPerFrame.median).toBe(2000);
    // The sampled pass: the allocating loop's bytes on its update(), at its line in the page, from
    // hundreds of samples (2,000 B a frame, a sample every ~1 KB). The zero loop has no function of
    // its own above the sampling noise: a stray allocation of a few bytes (the pass measured up to
    // 16 B in a frame) is sampled once now and then and stands for ~1 KB; 3 samples would be ~3 KB.
    const line =
      readFileSync(join(pages, 'raf-loop.html'), 'utf8')
        .split('\n')
        .findIndex((l) => l.includes('function update()')) + 1;
    const [top] = allocating.run.attribution!.functions;
    expect(top).toMatchObject({ functionName: 'update', line });
    expect(top!.samples).toBeGreaterThan(100);
    const own = zero.run.attribution!.functions.filter((f) => f.file !== '');
    expect(
      own.filter((f) => f.samples > 2),
      JSON.stringify(own),
    ).toEqual([]);
  });

  it("a raw pixi.js page served on localhost: the allocating loop costs at least 100 x 20 B a frame more than the zero loop, whose bytes are pixi.js's own; --attribute names the page's function and pixi.js's, through their source maps, with call paths", async () => {
    // Its allocations are the same after 60 frames as after 600 (README); the sampled pass repeats this run's frames.
    const [zero, allocating] = await Promise.all([
      measure(base + 'pixi-loop.html?loop=zero', 200, 600),
      measure(base + 'pixi-loop.html?loop=allocating', 120, 300, ['--attribute']),
    ]);
    expect(zero.stdout).toContain(`${base}pixi-loop.html?loop=zero · page · production · 200 frames`);
    // pixi.js's render allocates on its own (measured: ~1 KB a frame once warm); the loop adds nothing.
    expect(zero.run.bytesPerFrame.median).toBeGreaterThan(0);
    expect(allocating.run.bytesPerFrame.median - zero.run.bytesPerFrame.median).toBeGreaterThanOrEqual(2000);
    expect(allocating.run.frameMs.mean).toBeGreaterThan(0);

    // The sampled pass: most of the bytes in the loop's own allocate(), called from the ticker
    // callback, and the rest in pixi.js's TypeScript sources (its npm package's source maps).
    const lines = readFileSync(join(pages, 'pixi-loop.js'), 'utf8').split('\n');
    const lineOf = (text: string) => lines.findIndex((l) => l.includes(text)) + 1;
    const attribution = allocating.run.attribution!;
    const [top] = attribution.functions;
    expect(top).toMatchObject({ functionName: 'allocate', file: 'test/fixtures/pages/pixi-loop.js', line: lineOf('function allocate()') });
    expect(top!.sampledBytesPerFrame / attribution.sampledBytesPerFrame).toBeGreaterThan(0.5);
    expect(top!.paths![0]!.callers[0]).toEqual({
      functionName: '(anonymous)',
      file: 'test/fixtures/pages/pixi-loop.js',
      line: lineOf('app.ticker.add('),
    });
    expect(attribution.functions.some((f) => f.file.startsWith('node_modules/pixi.js/src/') && f.file.endsWith('.ts'))).toBe(true);
    expect(allocating.stdout).toContain('Call paths (sampled; nearest caller first, the heaviest three):');
    expect(allocating.stdout).toMatch(
      /^ {4}100% <- \(anonymous\) \(test\/fixtures\/pages\/pixi-loop\.js:\d+\) <- emit \(node_modules\/pixi\.js\/src\/ticker\/TickerListener\.ts:\d+\)/m,
    );
  });

  it('an Excalibur game: per-frame bytes, GC pauses from the trace in their frames, a Chrome trace, and exit 1 over --budget', async () => {
    const trace = tempFile('page.trace.json');
    const { run, code, stderr } = await measure(base + 'excalibur-game.html', 300, 600, ['--trace', trace, '--budget', '1000']);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^alloclab: over budget: .*excalibur-game\.html \(page\) allocates [\d,.]+ B\/frame, budget 1,000 B\/frame/m);
    expect(run.bytesPerFrame.median).toBeGreaterThan(1000);
    expect(run.gc.pausesTimed).toBe(true);
    for (const event of run.gc.events) {
      expect(event.durationMs).toBeGreaterThan(0);
      if (event.frame >= 0) expect(run.perFrameBytes![event.frame]).toBeNull();
    }
    const events = (JSON.parse(readFileSync(trace, 'utf8')) as { traceEvents: unknown[] }).traceEvents;
    expect(events.length).toBeGreaterThan(300);
  });

  it('a renderer that dies mid-run is said in one line, and the run is measured again in a fresh browser; twice is exit 2 with the frames measured before it kept, nothing left running', async () => {
    const url = pathToFileURL(join(pages, 'raf-loop.html')).href;
    const json = tempFile('crash.json');
    const kept = tempFile('crash-kept.json');
    const [once, twice] = await Promise.all([
      withDyingRenderer(['page', url, '--frames', '120', '--warmup', '60', '--json', json, '--no-progress'], 1, 1500),
      // Killed 4 s after each renderer appeared: some 2 s into its 5 s of measured frames.
      withDyingRenderer(['page', url, '--frames', '300', '--warmup', '60', '--json', kept, '--no-progress'], 2, 4000),
    ]);
    expect(once.stderr).toMatch(
      /^alloclab: page file:\S+raf-loop\.html: measuring: the page's renderer crashed at frame \d+ \((warm-up|measuring, \d+ of 120 measured)\); trying once more in a fresh browser\n$/,
    );
    expect(once.code).toBe(0);
    expect(parseRunFile(JSON.parse(readFileSync(json, 'utf8'))).runs[0]!.frames).toBe(120);

    expect(twice.code).toBe(2);
    const lines = twice.stderr.trim().split('\n');
    expect(lines).toHaveLength(2);
    const last =
      /^alloclab: page file:\S+raf-loop\.html: measuring: the page's renderer crashed at frame \d+ \(measuring, \d+ of 300 measured\), in the second browser too; kept the (\d+) frame\(s\) of 300 measured before it$/.exec(
        lines[1]!,
      );
    expect(last, lines[1]).not.toBeNull();
    // The second try read its frames as it went: those measured before the crash are reported and written.
    const file = parseRunFile(JSON.parse(readFileSync(kept, 'utf8')));
    const run = file.runs[0]!;
    expect(run.frames).toBe(Number(last![1]));
    expect(run.frames).toBeGreaterThan(0);
    expect(run.frames).toBeLessThan(300);
    expect(run.perFrameBytes).toHaveLength(run.frames);
    expect(file.failure?.message).toBe(lines[1]!.replace(/^alloclab: /, ''));
    expect(twice.stdout).toContain(`JSON written to ${kept}`);
    expect(twice.stdout).toContain('no DevTools trace (the browser crashed before it ended): GCs inferred from the heap');
    await new Promise((done) => setTimeout(done, 1000));
    expect(twice.tree.filter(isRunning)).toEqual([]);
  });

  it('a LittleJS game from npm (bricks destroyed and made, text drawn) runs to the end, three times in a row; a Phaser game, sampled, names functions in its bundle', async () => {
    // The Phaser game beside the LittleJS runs: each page waits on its display far more than it works.
    const phaser = measure(base + 'phaser-game.html', 120, 300, ['--attribute']);
    for (let i = 0; i < 3; i++) {
      const { run, code, stderr } = await measure(base + 'littlejs-game.html', 120, 120);
      expect(code, stderr).toBe(0);
      expect(run.frames).toBe(120);
      // The engine's per-frame work allocates (vectors, colours, the score's text).
      expect(run.bytesPerFrame.median).toBeGreaterThan(1000);
    }
    const { run, code, stderr } = await phaser;
    expect(code, stderr).toBe(0);
    expect(run.bytesPerFrame.median).toBeGreaterThan(1000);
    // Its development bundle keeps its names: the top functions are Phaser's own, with their lines.
    const inPhaser = run.attribution!.functions.filter((f) => f.file === 'node_modules/phaser/dist/phaser.js' && f.line > 0);
    expect(inPhaser.length, JSON.stringify(run.attribution!.functions.slice(0, 5))).toBeGreaterThan(0);
    expect(inPhaser.reduce((sum, f) => sum + f.sampledBytesPerFrame, 0)).toBeGreaterThan(run.attribution!.sampledBytesPerFrame / 2);
  });

  it('--sites: a game served by a Vite with alloclabInstrument has its sites counted, exactly, with file:line; a page without says so in one line', async () => {
    const [instrumented, plain] = await Promise.all([
      measure(base + 'sites-game.html', 120, 120, ['--sites']),
      measure(pathToFileURL(join(pages, 'raf-loop.html')).href, 30, 30, ['--sites']),
    ]);
    expect(instrumented.code, instrumented.stderr).toBe(0);
    const line =
      readFileSync(join(pages, 'sites-game.js'), 'utf8')
        .split('\n')
        .findIndex((l) => l.includes('{ x: i * 30')) + 1;
    const spark = instrumented.run.sites!.list.find((site) => site.file === 'test/fixtures/pages/sites-game.js' && site.line === line);
    expect(spark).toMatchObject({ kind: 'object', functionName: 'spawnSparks', countPerFrame: 10, framesHit: 120, maxPerFrame: 10 });
    expect(instrumented.run.sites!.estimateEngine).toBe('chromium');
    expect(instrumented.stdout).toContain(`test/fixtures/pages/sites-game.js:${line}:`);

    expect(plain.run.sites).toBeUndefined();
    expect(plain.stdout).toContain('No allocation site was counted: the page runs no instrumented code.');
  });

  it('says so in one line, exit 2, when the page never requested a frame', async () => {
    const { code, stdout, stderr } = await alloclab([
      'page',
      join('test', 'fixtures', 'pages', 'no-frames.html'),
      '--idle-timeout',
      '2',
      '--no-progress',
    ]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(
      /^alloclab: page file:\/\/\S+no-frames\.html: the page never requested a frame: no requestAnimationFrame call within 2 s of loading/,
    );
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });

  it('--gpu off gives the page no WebGL, the default gives it WebGL on the CPU; a mode it does not know is one line', async () => {
    const probe = pathToFileURL(join(pages, 'webgl-probe.html')).href;
    const short = ['--frames', '30', '--warmup', '30', '--no-progress'];
    const [off, on, mismatch, unknown] = await Promise.all([
      alloclab(['page', `${probe}?expect=off`, '--gpu', 'off', ...short]),
      alloclab(['page', `${probe}?expect=on`, ...short]),
      alloclab(['page', `${probe}?expect=off`, '--gpu', 'swiftshader', ...short]),
      alloclab(['page', probe, '--gpu', 'metal']),
    ]);
    expect([off.code, on.code], off.stderr + on.stderr).toEqual([0, 0]);
    expect(mismatch.code).toBe(2);
    expect(mismatch.stderr).toMatch(/failed in frames: \d+ uncaught error\(s\); first: WebGL is on, expected off\n$/);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^alloclab: option '--gpu <mode>' argument 'metal' is invalid\. Allowed choices are swiftshader, off\./);
  });

  it('a page that throws in every frame exits 2 as run does for a scene that throws, and writes no JSON unless --keep-failed', async () => {
    const page = join('test', 'fixtures', 'pages', 'throws-every-frame.html');
    const [dropped, kept] = [tempFile('dropped.json'), tempFile('kept.json')];
    const [plain, keepFailed] = await Promise.all([
      alloclab(['page', page, '--frames', '30', '--warmup', '30', '--json', dropped, '--no-progress']),
      alloclab(['page', page, '--frames', '30', '--warmup', '30', '--json', kept, '--keep-failed', '--no-progress']),
    ]);
    for (const run of [plain, keepFailed]) {
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(
        /^alloclab: page file:\/\/\S+throws-every-frame\.html failed in frames: \d+ uncaught error\(s\); first: sprite sheet missing \(frame \d+\)\n$/,
      );
    }
    expect(existsSync(dropped)).toBe(false);
    const file = parseRunFile(JSON.parse(readFileSync(kept, 'utf8')));
    expect(file.failure).toMatchObject({ variant: 'page', phase: 'frames' });
    expect(file.runs[0]!.frames).toBe(30);
  });

  it('bad input is one line and exit 2: not a URL nor a file, a server that is not there', async () => {
    const missing = await alloclab(['page', 'no/such/page.html']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^alloclab: "no\/such\/page\.html" is neither a URL nor an existing file/);
    const closed = await alloclab(['page', 'http://127.0.0.1:9/', '--no-progress']);
    expect(closed.code).toBe(2);
    expect(closed.stderr).toMatch(/^alloclab: page http:\/\/127\.0\.0\.1:9\/: could not open http:\/\/127\.0\.0\.1:9\/: net::ERR_/);
  });
});
