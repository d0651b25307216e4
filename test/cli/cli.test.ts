import { describe, it, expect } from 'vitest';
import { execFile } from 'node:child_process';
import { readFileSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseRunFile } from '../../src/profiler/exports/runFile.ts';
import { expandSceneArgs, selectVariants } from '../../src/cli/sceneRef.ts';
import type { SceneInfo } from '../../src/cli/worker/protocol.ts';
import { tempDir } from '../tempDir.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(root, 'bin', 'alloclab.js');
const fixture = (name: string) => join('test', 'fixtures', 'scenes', name);

function alloclab(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    // process.execPath is the pinned Node 24 that runs the tests; no V8 flags: the CLI adds its own.
    execFile(process.execPath, [bin, ...args], { cwd: root, env: { ...process.env, NODE_OPTIONS: '' } }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

describe('alloclab CLI: errors', () => {
  it('a bad flag exits 2 with a one-line error and a pointer to usage', async () => {
    const { code, stderr } = await alloclab('run', 'bullets', '--frobnicate');
    expect(code).toBe(2);
    expect(stderr).toContain("alloclab: unknown option '--frobnicate'");
    expect(stderr).toContain('--help');
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('a bad value exits 2 and says what is expected', async () => {
    const { code, stderr } = await alloclab('run', fixture('user-scene.ts'), '--frames', 'ten');
    expect(code).toBe(2);
    expect(stderr).toContain('--frames must be an integer >= 1, got "ten"');
    const mode = await alloclab('run', fixture('user-scene.ts'), '--mode', 'fast');
    expect(mode.code).toBe(2);
    expect(mode.stderr).toMatch(/Allowed choices are production, deterministic/);
  });

  it('an unknown scene exits 2 and lists the known ones', async () => {
    const { code, stderr } = await alloclab('run', 'no-such-scene');
    expect(code).toBe(2);
    expect(stderr).toContain('alloclab: unknown scene "no-such-scene"');
    expect(stderr).toMatch(/known scenes: .*; or give a path to a scene file/);
  });

  it('a missing file, a file that is not a scene, and a scene that throws in setup exit 2 in one line', async () => {
    const missing = await alloclab('run', 'scenes/nope/missing.ts');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('alloclab: no scene file at scenes/nope/missing.ts');
    const notScene = await alloclab('run', fixture('not-a-scene.ts'));
    expect(notScene.code).toBe(2);
    expect(notScene.stderr).toContain('does not export a scene');
    const throws = await alloclab('run', fixture('throws-in-setup.ts'));
    expect(throws.code).toBe(2);
    expect(throws.stderr.trim()).toBe(
      'alloclab: scene "throws-in-setup" (allocating) failed in setup: level file missing (test/fixtures/scenes/throws-in-setup.ts:9)',
    );
  });

  it("an unknown variant exits 2 and names the scene's variants", async () => {
    const { code, stderr } = await alloclab('run', fixture('user-scene.ts'), '--variant', 'fast');
    expect(code).toBe(2);
    expect(stderr).toContain('scene "user-scene" has no variant "fast"');
    expect(stderr).toContain('its variants: allocating, optimized');
  });

  it('--json and --trace on one path exit 2 before measuring, and an existing file is kept', async () => {
    const dir = tempDir('alloclab-cli-');
    const out = join(dir, 'out.json');
    writeFileSync(out, 'recorded before');
    const { code, stdout, stderr } = await alloclab('run', fixture('user-scene.ts'), '--json', out, '--trace', join(dir, '.', 'out.json'));
    expect(code).toBe(2);
    expect(stderr).toBe(
      `alloclab: --json and --trace name the same file (${out}): the trace would replace the JSON\n  give each its own file\n`,
    );
    expect(stdout).toBe('');
    expect(readFileSync(out, 'utf8')).toBe('recorded before');
  });
});

describe('--variant', () => {
  const scene = (variants: string[]) => ({ name: 'x', variants }) as unknown as SceneInfo;

  it("without one: the allocating variant, or the scene's first when it has none (a run of several scenes measures each)", () => {
    expect(selectVariants(scene(['optimized', 'allocating']), undefined)).toEqual(['allocating']);
    expect(selectVariants(scene(['before', 'after']), undefined)).toEqual(['before']);
    expect(selectVariants(scene(['before', 'after']), 'both')).toEqual(['before', 'after']);
    expect(() => selectVariants(scene(['before', 'after']), 'allocating')).toThrow('scene "x" has no variant "allocating"');
  });
});

describe('alloclab CLI: runs', () => {
  it('runs a user scene file by path, both variants, and writes JSON and a trace', async () => {
    const dir = tempDir('alloclab-cli-');
    const json = join(dir, 'out.json');
    const trace = join(dir, 'out.trace.json');
    const { code, stdout, stderr } = await alloclab(
      'run',
      fixture('user-scene.ts'),
      '--variant',
      'both',
      '--frames',
      '300',
      '--warmup',
      '200',
      '--json',
      json,
      '--trace',
      trace,
      '--no-progress',
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('user-scene · allocating · production · 300 frames');
    expect(stdout).toContain('GC Alloc / frame');
    expect(stdout).toContain('State digests of the variants are equal');
    const file = parseRunFile(JSON.parse(readFileSync(json, 'utf8')));
    expect(file.runtime).toMatchObject({ engine: 'node', version: process.version });
    expect(file.runs.map((r) => r.variant)).toEqual(['allocating', 'optimized']);
    const [allocating, optimized] = file.runs;
    expect(allocating!.frames).toBe(300);
    expect(allocating!.bytesPerFrame.median).toBeGreaterThan(0);
    // The median and p95 rather than the max: see the compare test below.
    expect(optimized!.bytesPerFrame.median).toBe(0);
    expect(optimized!.bytesPerFrame.p95).toBe(0);
    expect(allocating!.markers.map((m) => m.name)).toEqual(expect.arrayContaining(['Update', 'LateUpdate']));
    const events = JSON.parse(readFileSync(trace, 'utf8')).traceEvents as Array<{ name: string; ph: string }>;
    expect(events.filter((e) => e.name === 'Frame')).toHaveLength(600);
    expect(events.some((e) => e.name === 'Update' && e.ph === 'X')).toBe(true);
  });

  it('deterministic mode: the engine and profiler read 0 B in every frame with no optimising compiler, and the source allocations in full', async () => {
    const dir = tempDir('alloclab-cli-');
    const json = join(dir, 'out.json');
    const { code, stderr } = await alloclab(
      'run',
      fixture('user-scene.ts'),
      '--variant',
      'both',
      '--mode',
      'deterministic',
      '--frames',
      '200',
      '--json',
      json,
      '--no-progress',
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const [allocating, optimized] = parseRunFile(JSON.parse(readFileSync(json, 'utf8'))).runs;
    expect(optimized!.mode).toBe('deterministic');
    // Interpreted and baseline code box every double: the profiler's readings and the engine's
    // phases are built not to compute any inside the frame.
    expect(optimized!.bytesPerFrame.max).toBe(0);
    // The allocating variant's { frame } object in every frame (Node 24, no escape analysis).
    expect(allocating!.bytesPerFrame.min).toBeGreaterThan(0);
  });

  it('--at-frame measures a fresh world from that frame, after the code warmed up on a world of its own; beside --sites it is refused', async () => {
    const json = join(tempDir('alloclab-at-frame-'), 'at.json');
    const at = await alloclab(
      'run',
      'bullets',
      '--variant',
      'allocating',
      '--frames',
      '100',
      '--at-frame',
      '250',
      '--json',
      json,
      '--no-progress',
    );
    expect(at.code, at.stderr).toBe(0);
    expect(at.stdout).toMatch(
      /^bullets · allocating · production · 100 frames \(warm-up [\d,]+; measured from frame 250 of a fresh world/m,
    );
    const run = parseRunFile(JSON.parse(readFileSync(json, 'utf8'))).runs[0]!;
    expect(run.worldFrame).toBe(250);
    // The world the code warmed up on ran at least --warmup (300) frames before the fresh one's 250.
    expect(run.warmup).toBeGreaterThanOrEqual(300 + 250);
    expect(run.frames).toBe(100);
    const refused = await alloclab('run', 'bullets', '--at-frame', '10', '--sites');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe('alloclab: --at-frame cannot be combined with --sites\n');
  });

  it('--budget exits 1 and says by how much a variant is over', async () => {
    const over = await alloclab(
      'run',
      fixture('user-scene.ts'),
      '--variant',
      'allocating',
      '--frames',
      '200',
      '--budget',
      '0',
      '--no-progress',
    );
    expect(over.code).toBe(1);
    expect(over.stderr).toMatch(
      /alloclab: over budget: user-scene \(allocating\) allocates [\d,.]+ B\/frame, budget 0 B\/frame \(\+[\d,.]+ B\)/,
    );
    const within = await alloclab(
      'run',
      fixture('user-scene.ts'),
      '--variant',
      'optimized',
      '--frames',
      '200',
      '--budget',
      '0',
      '--no-progress',
    );
    expect(within.code).toBe(0);
    expect(within.stdout).toContain('Budget 0 B/frame: optimized within (0 B/frame)');
  });

  it('compare prints both variants side by side with a ratio, and no JSON file unless asked', async () => {
    const { code, stdout } = await alloclab('compare', fixture('user-scene.ts'), '--frames', '200', '--no-progress');
    expect(code).toBe(0);
    // The median: the CLI does not measure again, so one of V8's own isolated allocations (see
    // measureConfirmed) can land in one frame of 200 and move the mean.
    expect(stdout).toMatch(/GC Alloc \/ frame \(median\)\s.*all saved/);
    expect(existsSync(join(root, 'out.json'))).toBe(false);
  });

  it('--sites lists the allocation sites of a user scene with file:line, in the table, the JSON and the trace', async () => {
    const dir = tempDir('alloclab-cli-');
    const json = join(dir, 'sites.json');
    const trace = join(dir, 'sites.trace.json');
    const { code, stdout, stderr } = await alloclab(
      'run',
      fixture('user-scene.ts'),
      '--variant',
      'both',
      '--sites',
      '--frames',
      '200',
      '--warmup',
      '100',
      '--json',
      json,
      '--trace',
      trace,
      '--no-progress',
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    // The object literal of Spawner.update, line 13, column 49, once per frame.
    expect(stdout).toMatch(/Allocation sites · user-scene · allocating\n.*Counted 1 allocations per frame/);
    expect(stdout).toMatch(/test\/fixtures\/scenes\/user-scene\.ts:13:49\s+│ Spawner\.update\s+│ object\s+│\s+1 │/);
    expect(stdout).toMatch(/Allocation sites · user-scene · optimized\n.*\nNo allocation site fired in the measured frames\./);
    const [allocating, optimized] = parseRunFile(JSON.parse(readFileSync(json, 'utf8'))).runs;
    expect(allocating!.sites!.list).toEqual([
      expect.objectContaining({
        file: 'test/fixtures/scenes/user-scene.ts',
        line: 13,
        column: 49,
        kind: 'object',
        functionName: 'Spawner.update',
        countPerFrame: 1,
        framesHit: 200,
      }),
    ]);
    expect(allocating!.perFrameSiteHits).toHaveLength(200);
    expect(optimized!.sites!.list).toEqual([]);
    expect(optimized!.sites!.countPerFrame.max).toBe(0);
    const traceFile = JSON.parse(readFileSync(trace, 'utf8')) as {
      traceEvents: Array<{ name: string; ph: string; args?: { sites?: number } }>;
      metadata: { allocationSites: unknown[] };
    };
    const counters = traceFile.traceEvents.filter((e) => e.name === 'Allocations counted' && e.ph === 'C');
    expect(counters).toHaveLength(400);
    expect(counters.slice(0, 200).every((e) => e.args!.sites === 1)).toBe(true);
    expect(traceFile.metadata.allocationSites).toHaveLength(2);
  });

  it('without --sites, no site is counted and the JSON has no sites', async () => {
    const dir = tempDir('alloclab-cli-');
    const json = join(dir, 'plain.json');
    const { code } = await alloclab('run', fixture('user-scene.ts'), '--frames', '100', '--json', json, '--no-progress');
    expect(code).toBe(0);
    const [run] = parseRunFile(JSON.parse(readFileSync(json, 'utf8'))).runs;
    expect(run!.sites).toBeUndefined();
  });

  it('measures several scenes into one JSON: names and a glob of files; --all names the whole catalog', async () => {
    const dir = tempDir('alloclab-set-');
    const few = await alloclab(
      'run',
      'boxing',
      'test/fixtures/scenes/user-*.ts',
      'tags',
      '-v',
      'optimized',
      '--frames',
      '30',
      '--warmup',
      '30',
      '--json',
      join(dir, 'few.json'),
    );
    expect(few.code).toBe(0);
    expect(few.stdout).toContain('3 scenes, 3 runs.');
    const fewRuns = parseRunFile(JSON.parse(readFileSync(join(dir, 'few.json'), 'utf8'))).runs;
    expect(fewRuns.map((r) => `${r.scene}/${r.variant}`)).toEqual(['boxing/optimized', 'user-scene/optimized', 'tags/optimized']);

    // --all: the catalog's names, in its order (measuring them all is the verdicts benchmark's work).
    const { scenes } = await import('../../scenes/index.ts');
    expect(await expandSceneArgs([], true)).toEqual(scenes.map((s) => s.name));
  });

  it('refuses a set it cannot measure, before measuring: no match, --all beside names, a scene twice, no scene', async () => {
    const cases: [string[], string][] = [
      [['run', 'test/fixtures/nothing-here/*.ts'], 'alloclab: no scene file matches test/fixtures/nothing-here/*.ts'],
      [['run', 'bullets', '--all'], 'alloclab: --all measures the whole catalog: drop bullets, or drop --all'],
      [['run', 'bullets', 'tags', 'bullets'], 'alloclab: bullets is named twice: each scene is measured once per run'],
      [['compare'], 'alloclab: name a scene (or several, or a glob of scene files), or give --all for the catalog'],
      [['merge', 'test/fixtures/nothing-here/*.json', '-o', '-'], 'alloclab: no file matches test/fixtures/nothing-here/*.json'],
    ];
    for (const [args, line] of cases) {
      const { code, stdout, stderr } = await alloclab(...args);
      expect(code, args.join(' ')).toBe(2);
      expect(stderr.trim(), args.join(' ')).toBe(line);
      expect(stdout).toBe('');
    }
  });

  it('list shows the catalog, also as JSON', async () => {
    const { code, stdout } = await alloclab('list', '--json');
    expect(code).toBe(0);
    const list = JSON.parse(stdout) as Array<{ name: string; variants: string[] }>;
    for (const scene of list) expect(scene.variants).toEqual(expect.arrayContaining(['allocating', 'optimized']));
  });
});
