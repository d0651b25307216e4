import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { build } from 'vite';
import { alloclabInstrument } from '../../src/instrument/plugin.ts';
import { FIXTURES, ROOT, startServer } from './viteHarness.ts';

type Bundle = typeof import('../fixtures/instrument/buildEntry.ts');

describe('vite build with the plugin', () => {
  const outDir = mkdtempSync(join(tmpdir(), 'alloclab-instrument-'));
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('bundles the runtime once and counts in the built code (default options, pragma file)', async () => {
    await build({
      configFile: false,
      root: ROOT,
      logLevel: 'silent',
      plugins: [alloclabInstrument()],
      build: { ssr: `${FIXTURES}buildEntry.ts`, outDir, emptyOutDir: true, minify: false, sourcemap: true },
    });
    const file = join(outDir, 'buildEntry.js');
    const code = readFileSync(file, 'utf8');
    expect(code.match(/function __alloclab_register\(/g)).toHaveLength(1);
    const bundle = (await import(/* @vite-ignore */ pathToFileURL(file).href)) as Bundle;
    bundle.reset();
    for (let i = 0; i < 4; i++) bundle.pair(i);
    expect(bundle.countHits()).toBe(8);
    expect(
      bundle
        .sites()
        .filter((s) => s.file === `${FIXTURES}counts.ts`)
        .map((s) => s.kind)
        .slice(0, 2),
    ).toEqual(['object', 'array']);
  });
});

describe('vite dev for the browser', () => {
  it('serves instrumented modules whose runtime import is a URL under the root', async () => {
    const server = await startServer({ include: [FIXTURES] });
    try {
      const result = await server.transformRequest(`/${FIXTURES}counts.ts`);
      expect(result!.code).toContain('from "/src/profiler/sites/runtime.ts"');
      // Vite reprints the module: parentheses and spacing may differ from the transform's output.
      expect(result!.code).toMatch(/__alloclab_slots\[\(?__alloclab_base \+ 0\)? \| 0\]\+\+/);
      const runtime = await server.transformRequest('/src/profiler/sites/runtime.ts');
      expect(runtime!.code).not.toContain('var __alloclab_base');
    } finally {
      await server.close();
    }
  });
});

describe('vitest with the plugin in its config', () => {
  it('instruments the modules a test imports (child vitest run)', () => {
    const vitest = join(ROOT, 'node_modules/vitest/vitest.mjs');
    const output = execFileSync(process.execPath, [vitest, 'run', '--config', `${FIXTURES}vitest.config.ts`], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', CI: '1' },
    });
    expect(output).toMatch(/1 passed/);
  });
});
