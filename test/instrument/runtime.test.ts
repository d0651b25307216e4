import { describe, expect, it } from 'vitest';
import { __alloclab_hit, __alloclab_register, reset, siteCount, sites, snapshot, countHits } from '../../src/profiler/sites/runtime.ts';
import type { SiteRecord } from '../../src/profiler/sites/siteKinds.ts';

const v1: SiteRecord[] = [
  [3, 5, 'object', '', 2, 'update', '{ x, y }'],
  [4, 5, 'array', '', 0, 'update', '[]'],
];

describe('runtime counters', () => {
  it('lists registered sites by id with their file and position', () => {
    const base = __alloclab_register('scenes/runtime-a.ts', v1);
    const table = sites();
    const mine = table.filter((s) => s.file === 'scenes/runtime-a.ts');
    expect(mine).toEqual([
      {
        id: mine[0]!.id,
        file: 'scenes/runtime-a.ts',
        line: 3,
        column: 5,
        kind: 'object',
        detail: '',
        count: 2,
        functionName: 'update',
        excerpt: '{ x, y }',
      },
      {
        id: mine[0]!.id + 1,
        file: 'scenes/runtime-a.ts',
        line: 4,
        column: 5,
        kind: 'array',
        detail: '',
        count: 0,
        functionName: 'update',
        excerpt: '[]',
      },
    ]);
    for (const s of table) expect(table[s.id]).toBe(s);
    expect(base).toBeGreaterThan(0);
  });

  it('counts hits per site and in total, snapshots them and resets', () => {
    const base = __alloclab_register('scenes/runtime-b.ts', v1);
    reset();
    __alloclab_hit(base);
    __alloclab_hit(base);
    __alloclab_hit(base + 1);
    const out = new Uint32Array(siteCount());
    expect(snapshot(out)).toBe(siteCount());
    const [object, array] = sites().filter((s) => s.file === 'scenes/runtime-b.ts');
    expect([out[object!.id], out[array!.id], countHits()]).toEqual([2, 1, 3]);
    const short = new Uint32Array(1);
    expect(snapshot(short)).toBe(1);
    reset();
    snapshot(out);
    expect(out.every((n) => n === 0)).toBe(true);
    expect(countHits()).toBe(0);
  });

  it('sends hits of a module that has not registered yet to the sink at id 0', () => {
    reset();
    const notYet = undefined as unknown as number; // `var __alloclab_base` before its line ran
    __alloclab_hit(notYet + 3);
    const out = new Uint32Array(siteCount());
    snapshot(out);
    expect(out[0]).toBe(1);
    expect(sites()[0]!.file).toBe('<unregistered>');
  });

  it('keeps site ids and counts of unchanged sites when a module re-registers (HMR)', () => {
    const base1 = __alloclab_register('scenes/runtime-hmr.ts', v1);
    expect(__alloclab_register('scenes/runtime-hmr.ts', v1)).toBe(base1);
    reset();
    __alloclab_hit(base1);
    // An edit adds a site above the object literal: the object keeps its position and id.
    const v2: SiteRecord[] = [[2, 1, 'closure', 'f', -1, '<module>', '() => 1'], v1[0]!, [5, 5, 'array', '', 1, 'update', '[1]']];
    const base2 = __alloclab_register('scenes/runtime-hmr.ts', v2);
    expect(base2).not.toBe(base1);
    __alloclab_hit(base2 + 1);
    const mine = sites().filter((s) => s.file === 'scenes/runtime-hmr.ts');
    expect(mine.map((s) => `${s.line}:${s.kind}`)).toEqual(['3:object', '4:array', '2:closure', '5:array']);
    const out = new Uint32Array(siteCount());
    snapshot(out);
    expect(out[mine[0]!.id]).toBe(2);
  });

  it('grows by doubling when many sites register', () => {
    const before = siteCount();
    const many: SiteRecord[] = Array.from({ length: 1000 }, (_, i) => [i + 1, 1, 'object', '', 0, '<module>', '{}'] as const);
    const base = __alloclab_register('scenes/runtime-many.ts', many);
    expect(siteCount()).toBe(before + 1000);
    reset();
    __alloclab_hit(base + 999);
    const out = new Uint32Array(siteCount());
    snapshot(out);
    expect(out[siteCount() - 1]).toBe(1);
  });
});
