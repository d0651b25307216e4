import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ViteDevServer } from 'vite';
import type { SiteInfo } from '../../src/profiler/sites/siteKinds.ts';
import { FIXTURES, loadRuntime, startServer } from './viteHarness.ts';

type Fixture = typeof import('../fixtures/instrument/counts.ts');
type Runtime = Awaited<ReturnType<typeof loadRuntime>>;
const FILE = `${FIXTURES}counts.ts`;

describe('known snippets give known counts', () => {
  let server: ViteDevServer;
  let runtime: Runtime;
  let fixture: Fixture;
  let perSite: Uint32Array;

  beforeAll(async () => {
    server = await startServer({ include: [FIXTURES] });
    fixture = (await server.ssrLoadModule(`/${FILE}`)) as Fixture;
    runtime = await loadRuntime(server);
    perSite = new Uint32Array(runtime.siteCount());
  });
  afterAll(() => server.close());

  /** The sites of the fixture as `line:column kind detail @function`, and the hits at each. */
  function hitsAt(): Record<string, number> {
    runtime.snapshot(perSite);
    const out: Record<string, number> = {};
    for (const s of runtime.sites()) if (s.file === FILE && perSite[s.id]! > 0) out[describeSite(s)] = perSite[s.id]!;
    return out;
  }

  it('reports every site with its line, column, kind and function', () => {
    const found = runtime
      .sites()
      .filter((s) => s.file === FILE)
      .map(describeSite);
    expect(found).toEqual([
      '5:13 object @pair',
      '6:13 array @pair',
      '11:10 template @label',
      '16:18 closure @sum',
      '21:16 builtin map @maybeMap',
      '21:20 closure @maybeMap',
      '30:19 generator-call countUp @drain',
      '34:26 rest @withRest',
      '39:3 closure helper @inner',
      '44:11 closure onHit @Emitter.onHit',
    ]);
    const pairObject = runtime.sites().find((s) => s.file === FILE && s.kind === 'object')!;
    expect(pairObject).toMatchObject({ count: 2, excerpt: '{ x: i, y: i }' });
  });

  it('counts each evaluation: one object and one array per call of pair()', () => {
    runtime.reset();
    for (let i = 0; i < 10; i++) fixture.pair(i);
    expect(hitsAt()).toEqual({ '5:13 object @pair': 10, '6:13 array @pair': 10 });
    expect(runtime.countHits()).toBe(20);
  });

  it('counts closures, templates, generators, rest parameters and nested declarations', () => {
    runtime.reset();
    fixture.label(1);
    fixture.sum([1, 2, 3]);
    fixture.sum([]);
    fixture.drain(5);
    fixture.withRest(1, 2);
    fixture.inner();
    fixture.inner();
    new fixture.Emitter();
    expect(hitsAt()).toEqual({
      '11:10 template @label': 1,
      '16:18 closure @sum': 2,
      '30:19 generator-call countUp @drain': 1,
      '34:26 rest @withRest': 1,
      '39:3 closure helper @inner': 2,
      '44:11 closure onHit @Emitter.onHit': 1,
    });
  });

  it('counts an optional call only when it is evaluated', () => {
    runtime.reset();
    expect(fixture.maybeMap(null)).toBeUndefined();
    expect(hitsAt()).toEqual({});
    expect(fixture.maybeMap([1, 2])).toBe(2);
    expect(hitsAt()).toEqual({ '21:16 builtin map @maybeMap': 1, '21:20 closure @maybeMap': 1 });
  });
});

function describeSite(s: SiteInfo): string {
  return `${s.line}:${s.column} ${s.kind}${s.detail ? ` ${s.detail}` : ''} @${s.functionName}`;
}
