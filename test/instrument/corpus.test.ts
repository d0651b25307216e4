import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ViteDevServer } from 'vite';
import { FIXTURES, loadRuntime, startServer } from './viteHarness.ts';

const CORPUS = `/${FIXTURES}corpus.ts`;

describe('instrumented corpus of tricky syntax', () => {
  let plain: ViteDevServer;
  let instrumented: ViteDevServer;

  beforeAll(async () => {
    plain = await startServer(false);
    instrumented = await startServer({ include: [FIXTURES] });
  });
  afterAll(async () => {
    await plain.close();
    await instrumented.close();
  });

  it('behaves exactly as the original', async () => {
    const original = (await plain.ssrLoadModule(CORPUS)) as { run(): Promise<unknown>; default: unknown };
    const counted = (await instrumented.ssrLoadModule(CORPUS)) as typeof original;
    const expected = await original.run();
    expect(await counted.run()).toEqual(expected);
    expect(counted.default).toEqual(original.default);
  });

  it('keeps the names functions take from where they stand', async () => {
    const counted = (await instrumented.ssrLoadModule(CORPUS)) as { run(): Promise<{ names: string[] }> };
    expect((await counted.run()).names).toEqual([
      'namedArrow',
      'namedFn',
      'assigned',
      'prop',
      'quoted',
      'computed',
      'method',
      'arrowField',
      'fnField',
      'staticArrow',
      '',
    ]);
  });

  it('was really instrumented: the run counts hits at sites of the corpus', async () => {
    const runtime = await loadRuntime(instrumented);
    const counted = (await instrumented.ssrLoadModule(CORPUS)) as { run(): Promise<unknown> };
    runtime.reset();
    await counted.run();
    expect(runtime.countHits()).toBeGreaterThan(100);
    const kinds = new Set(
      runtime
        .sites()
        .filter((s) => s.file === `${FIXTURES}corpus.ts`)
        .map((s) => s.kind),
    );
    expect([...kinds].sort()).toEqual([
      'array',
      'async-call',
      'builtin',
      'closure',
      'concat',
      'generator-call',
      'new',
      'object',
      'regexp',
      'rest',
      'spread',
      'template',
    ]);
  });
});
