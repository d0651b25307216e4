import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { build } from 'vite';
import { alloclabInstrument } from '../../src/instrument/plugin.ts';
import { FIXTURES, ROOT } from './viteHarness.ts';

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
    expect(code.match(/function __alloclab_hit\(/g)).toHaveLength(1);
    const bundle = (await import(/* @vite-ignore */ pathToFileURL(file).href)) as Bundle;
    bundle.reset();
    for (let i = 0; i < 4; i++) bundle.pair(i);
    expect(bundle.totalHits[0]).toBe(8);
    expect(bundle.sites().filter((s) => s.file === `${FIXTURES}counts.ts`).map((s) => s.kind).slice(0, 2)).toEqual(['object', 'array']);
  });
});
