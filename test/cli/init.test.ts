import { describe, it, expect } from 'vitest';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseRunFile } from '../../src/profiler/exports/runFile.ts';
import { tempDir } from '../tempDir.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(root, 'bin', 'alloclab.js');

/** No Chromium, whatever the machine has: ALLOCLAB_CHROMIUM wins and names no binary. */
const NO_BROWSER = { ALLOCLAB_CHROMIUM: join(tmpdir(), 'no-such-chromium') };
/** A "Chromium" that findChromium accepts (an executable file); init only looks for it. */
const SOME_BROWSER = { ALLOCLAB_CHROMIUM: process.execPath };

function alloclab(
  cwd: string,
  args: string[],
  env: Record<string, string> = NO_BROWSER,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { cwd, env: { ...process.env, NODE_OPTIONS: '', ...env } }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

/** A temporary project folder with this package.json text (none when null). */
function project(packageJson: object | string | null): string {
  const dir = tempDir('alloclab-init-');
  if (packageJson !== null)
    writeFileSync(join(dir, 'package.json'), typeof packageJson === 'string' ? packageJson : JSON.stringify(packageJson, null, 2) + '\n');
  return dir;
}

/** Every file under `dir` with its content. */
function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile())
      files[join(entry.parentPath, entry.name).slice(dir.length + 1)] = readFileSync(join(entry.parentPath, entry.name), 'utf8');
  }
  return files;
}

const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');

describe('alloclab init', () => {
  it('writes the config, an example scene and test, and the script, then prints the next commands', async () => {
    const dir = project({
      name: 'my-game',
      version: '1.0.0',
      type: 'module',
      scripts: { dev: 'vite', test: 'vitest' },
      devDependencies: { vitest: '^5.1.0' },
    });
    const { code, stdout, stderr } = await alloclab(dir, ['init']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('wrote vitest.alloclab.config.ts\n');
    expect(stdout).toContain('wrote alloclab/example.scene.ts\n');
    expect(stdout).toContain('wrote alloclab/example.alloc.ts\n');
    expect(stdout).toContain('added the script alloclab:test to package.json\n');
    expect(stdout).toMatch(/Next:\n {2}npm run alloclab:test\n {2}npx alloclab run alloclab\/example\.scene\.ts --variant both\n$/);
    expect(Object.keys(snapshot(dir)).sort()).toEqual([
      'alloclab/example.alloc.ts',
      'alloclab/example.scene.ts',
      'package.json',
      'vitest.alloclab.config.ts',
    ]);

    const config = read(dir, 'vitest.alloclab.config.ts');
    expect(config).toContain("import { execArgv } from 'alloclab/testing/config';");
    expect(config).toContain('execArgv: execArgv()');
    expect(config).toContain("setupFiles: ['alloclab/testing/setup']");
    expect(config).toContain("include: ['alloclab/**/*.alloc.{ts,mts}']");
    expect(config).not.toContain('chromiumTestProject');
    expect(read(dir, 'alloclab/example.scene.ts')).toContain("import { Behaviour, defineScene, type World } from 'alloclab';");
    const test = read(dir, 'alloclab/example.alloc.ts');
    expect(test).toContain("import { profileScene } from 'alloclab/testing';");
    expect(test).toContain("import scene from './example.scene.ts';");
    expect(test).toContain('expect(run).toAllocateNothingPerFrame();');
    expect(test).toContain('expect(run).not.toAllocateNothingPerFrame();');

    // The other fields, their order and the formatting stay; the script comes last in scripts.
    expect(read(dir, 'package.json')).toBe(
      JSON.stringify(
        {
          name: 'my-game',
          version: '1.0.0',
          type: 'module',
          scripts: { dev: 'vite', test: 'vitest', 'alloclab:test': 'vitest run --config vitest.alloclab.config.ts' },
          devDependencies: { vitest: '^5.1.0' },
        },
        null,
        2,
      ) + '\n',
    );
  });

  it('a second run leaves everything alone and says so', async () => {
    const dir = project({ name: 'my-game', type: 'module' });
    expect((await alloclab(dir, ['init'])).code).toBe(0);
    const before = snapshot(dir);
    const { code, stdout, stderr } = await alloclab(dir, ['init']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('left alone: vitest.alloclab.config.ts (exists)\n');
    expect(stdout).toContain('left alone: alloclab/example.scene.ts (exists)\n');
    expect(stdout).toContain('left alone: alloclab/example.alloc.ts (exists)\n');
    expect(stdout).toContain('left alone: the script alloclab:test in package.json (exists)\n');
    expect(stdout).not.toContain('wrote ');
    expect(stdout).toContain('npm run alloclab:test');
    expect(snapshot(dir)).toEqual(before);
  });

  it('an existing alloclab:test script and existing files are kept; what is missing is written', async () => {
    const dir = project({ name: 'my-game', type: 'module', scripts: { 'alloclab:test': 'vitest run' } });
    mkdirSync(join(dir, 'alloclab'));
    writeFileSync(join(dir, 'alloclab', 'example.scene.ts'), '// mine\n');
    const { code, stdout } = await alloclab(dir, ['init']);
    expect(code).toBe(0);
    expect(stdout).toContain('left alone: alloclab/example.scene.ts (exists)\n');
    expect(stdout).toContain('wrote alloclab/example.alloc.ts\n');
    expect(stdout).toContain('left alone: the script alloclab:test in package.json (exists)\n');
    expect(read(dir, 'alloclab/example.scene.ts')).toBe('// mine\n');
    expect(JSON.parse(read(dir, 'package.json')).scripts).toEqual({ 'alloclab:test': 'vitest run' });
  });

  it('a package without "type": "module" gets .mts files, and is told why', async () => {
    const dir = project('{\n    "name": "cjs-game",\n    "version": "0.0.1"\n}\n');
    const { code, stdout } = await alloclab(dir, ['init']);
    expect(code).toBe(0);
    expect(stdout).toContain('wrote vitest.alloclab.config.mts\n');
    expect(stdout).toContain('wrote alloclab/example.scene.mts\n');
    expect(stdout).toContain('wrote alloclab/example.alloc.mts\n');
    expect(stdout).toContain(
      'package.json has no "type": "module": the config, scene and tests are .mts files, which Node and Vite load as ES modules.\n',
    );
    expect(stdout).toContain('npx alloclab run alloclab/example.scene.mts --variant both');
    expect(read(dir, 'alloclab/example.alloc.mts')).toContain("import scene from './example.scene.mts';");
    expect(existsSync(join(dir, 'alloclab', 'example.scene.ts'))).toBe(false);
    // scripts is created; the file's own indentation is kept.
    expect(read(dir, 'package.json')).toBe(
      '{\n    "name": "cjs-game",\n    "version": "0.0.1",\n    "scripts": {\n        "alloclab:test": "vitest run --config vitest.alloclab.config.mts"\n    }\n}\n',
    );
  });

  it('--dir names the project folder', async () => {
    const dir = project({ name: 'my-game', type: 'module' });
    const { code, stdout } = await alloclab(tmpdir(), ['init', '--dir', dir]);
    expect(code).toBe(0);
    expect(stdout).toContain(`  cd ${relative(tmpdir(), dir)}\n`);
    expect(existsSync(join(dir, 'vitest.alloclab.config.ts'))).toBe(true);
  });

  it('no package.json: exit 2 with one line, and nothing written', async () => {
    const dir = project(null);
    const { code, stdout, stderr } = await alloclab(dir, ['init']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(`alloclab: no package.json in ${dir}: run npm init first\n`);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a package.json that is not JSON: exit 2 with one line', async () => {
    const dir = project('{ "name": ');
    const { code, stderr } = await alloclab(dir, ['init']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^alloclab: init: .*package\.json is not valid JSON: .*\n$/);
  });

  it('a file that cannot be written: exit 2 with one line', async () => {
    const dir = project({ name: 'my-game', type: 'module' });
    writeFileSync(join(dir, 'alloclab'), 'a file where the folder goes\n');
    const { code, stderr } = await alloclab(dir, ['init']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^alloclab: init: cannot write .*alloclab[/\\]example\.scene\.ts: .*\n$/);
  });

  it('without a Chromium the config has the Node project only, and one line says how to add one', async () => {
    const dir = project({ name: 'my-game', type: 'module' });
    const { stdout } = await alloclab(dir, ['init'], NO_BROWSER);
    expect(stdout).toContain(
      'Node tests only: no Chromium or Chrome found: install one (Debian/Ubuntu: apt-get install -y chromium) or set ALLOCLAB_CHROMIUM to its binary; then delete vitest.alloclab.config.ts and run npx alloclab init again to add a Chromium project.\n',
    );
    expect(read(dir, 'vitest.alloclab.config.ts')).not.toContain('chromium');
  });

  it('with a Chromium and the browser provider installed, a Chromium project and a browser test too', async () => {
    const dir = project({ name: 'my-game', type: 'module' });
    mkdirSync(join(dir, 'node_modules', '@vitest', 'browser-playwright'), { recursive: true });
    writeFileSync(join(dir, 'node_modules', '@vitest', 'browser-playwright', 'package.json'), '{}\n');
    const { code, stdout } = await alloclab(dir, ['init'], SOME_BROWSER);
    expect(code).toBe(0);
    expect(stdout).toContain('wrote alloclab/example.browser.alloc.ts\n');
    expect(stdout).not.toContain('Node tests only');
    const config = read(dir, 'vitest.alloclab.config.ts');
    expect(config).toContain("import { chromiumTestProject } from 'alloclab/testing/browser-config';");
    expect(config).toContain("chromiumTestProject({ name: 'alloc-chromium', include: ['alloclab/**/*.browser.alloc.{ts,mts}'] })");
    expect(config).toContain("exclude: ['alloclab/**/*.browser.alloc.{ts,mts}']");
    expect(read(dir, 'alloclab/example.browser.alloc.ts')).toContain("import scene from './example.scene.ts';");

    // A package without "type": "module": the same project, in .mts files.
    const cjs = project({ name: 'cjs-game' });
    mkdirSync(join(cjs, 'node_modules'));
    renameSync(join(dir, 'node_modules', '@vitest'), join(cjs, 'node_modules', '@vitest'));
    expect((await alloclab(cjs, ['init'], SOME_BROWSER)).stdout).toContain('wrote alloclab/example.browser.alloc.mts\n');
    expect(read(cjs, 'vitest.alloclab.config.mts')).toContain(
      "chromiumTestProject({ name: 'alloc-chromium', include: ['alloclab/**/*.browser.alloc.{ts,mts}'] })",
    );
  });

  it('with a Chromium but no browser provider, the Node project only: the config could not load', async () => {
    const dir = project({ name: 'my-game', type: 'module' });
    const { stdout } = await alloclab(dir, ['init'], SOME_BROWSER);
    expect(stdout).toContain('Node tests only: a Chromium project needs @vitest/browser-playwright');
    expect(read(dir, 'vitest.alloclab.config.ts')).not.toContain('chromium');
    expect(existsSync(join(dir, 'alloclab', 'example.browser.alloc.ts'))).toBe(false);
  });

  it('the example scene allocates in its allocating variant, nothing in its optimized one, and both do the same work', async () => {
    const dir = project({ name: 'my-game', type: 'module' });
    await alloclab(dir, ['init']);
    // The scene imports the installed package; here, the sources stand in for it.
    const scene = join(dir, 'alloclab', 'example.scene.ts');
    writeFileSync(scene, read(dir, 'alloclab/example.scene.ts').replace("from 'alloclab';", `from '${join(root, 'src', 'index.ts')}';`));
    const json = join(dir, 'out.json');
    const { code, stdout, stderr } = await alloclab(dir, [
      'run',
      scene,
      '--variant',
      'both',
      '--frames',
      '300',
      '--json',
      json,
      '--no-progress',
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('State digests of the variants are equal');
    const [allocating, optimized] = parseRunFile(JSON.parse(readFileSync(json, 'utf8'))).runs;
    expect(allocating!.bytesPerFrame.median).toBeGreaterThan(0);
    expect(optimized!.bytesPerFrame.max).toBe(0);
  });

  it('--help describes the command', async () => {
    const { code, stdout } = await alloclab(root, ['init', '--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('set up allocation tests in your project');
    expect(stdout).toContain('--dir <path>');
    expect((await alloclab(root, ['--help'])).stdout).toMatch(/init \[options\]/);
  });
});
