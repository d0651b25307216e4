import { describe, expect, it } from 'vitest';
import { transformWithOxc } from 'vite';
import { instrumentCode } from '../../src/instrument/plugin.ts';

const HEADER_IMPORT = 'import { __alloclab_register, __alloclab_slots } from "RT";';

function instrument(source: string) {
  return instrumentCode(source, { id: '/project/case.ts', file: 'case.ts', runtimeImport: 'RT' });
}

/**
 * Runs a snippet (TypeScript, no imports/exports) with `out` in scope, original or instrumented,
 * and returns what it pushed and the slots it hit.
 */
async function run(source: string, instrumented: boolean): Promise<{ out: unknown[]; hits: number[] }> {
  let code = source;
  if (instrumented) {
    const result = instrument(source);
    code = result ? result.code.replace(HEADER_IMPORT, '') : source;
  }
  const js = (await transformWithOxc(code, 'case.ts', { lang: 'ts' })).code;
  const out: unknown[] = [];
  const hits: number[] = [];
  // Slot counters that record the order of hits (the runtime's are a Uint32Array).
  const slots = new Proxy([] as number[], {
    get: () => 0,
    set: (_target, key) => {
      hits.push(Number(key));
      return true;
    },
  });
  new Function('out', '__alloclab_register', '__alloclab_slots', js)(out, () => 0, slots);
  return { out, hits };
}

async function expectSameBehaviour(source: string): Promise<number[]> {
  const original = await run(source, false);
  const counted = await run(source, true);
  expect(counted.out).toEqual(original.out);
  return counted.hits;
}

describe('instrumentCode on snippets that only parse as TypeScript or JavaScript', () => {
  it.each([
    ['angle-bracket type assertions', 'const a = <number[]>[1, 2]; out.push(a, (<any>{ k: 1 }).k)'],
    ['non-null assertions on calls', 'const xs: number[] | undefined = [1, 2]; out.push(xs!.map((v) => v * 2)!.length)'],
    [
      'a call across lines (no ASI), as written',
      'const y = (f: () => number) => f() + 1; let x: unknown\nx = y\n(function () { return 1 })\nout.push(x)',
    ],
    ['`new` after a line without semicolon', 'let a = 1\nnew Set([a])\nout.push(a)'],
    [
      'statement bodies that are not lists',
      'if (out.length > 5) new Error("no")\nelse out.push([1])\nfor (const x of [1, 2]) [x].forEach((v) => out.push(v))\nlbl: new Set()',
    ],
    ['comma and while bodies', 'let i = 0\nwhile (i < 2) i++, out.push(`${i}`)'],
    [
      'numeric and string keys naming functions',
      'const o = { 1: () => 0, 0x10: function () {}, "s p": () => 1 }; out.push(Object.keys(o), o[1].name, o[16].name, o["s p"].name)',
    ],
    [
      'generic arrows and satisfies',
      'const id = <T,>(v: T): T => v; const f = () => ({ a: [1] }) satisfies { a: number[] }; out.push(id([2]), f(), id.name, f.name)',
    ],
    ['logical assignment of a closure', 'let h: (() => number) | undefined\nh ??= () => 3\nout.push(h.name, h())'],
    ['destructuring defaults and rest in for-of heads', 'for (const { a = [0], ...r } of [{ b: 1 }, { a: [2], c: 3 }]) out.push(a, r)'],
    ['yield and await of literals', 'function* g() { yield { v: 1 }; yield* [2, 3] } out.push([...g()])'],
  ])('%s', async (_name, source) => {
    await expectSameBehaviour(source);
  });

  it('counts each evaluation of a site, in the order of its k', async () => {
    const hits = await expectSameBehaviour('for (let i = 0; i < 3; i++) out.push({ i }, [i])');
    expect(hits).toEqual([0, 1, 0, 1, 0, 1]);
  });

  it('recognises string building, not constant or numeric `+`', () => {
    const kinds = (source: string) => instrument(source)?.sites.map((s) => `${s[2]} ${s[3]}`) ?? [];
    expect(kinds('declare const x: number; const a = "a" + "b", b = 1 + 2, c = "a" + 1, d = x + 1;')).toEqual([]);
    expect(kinds('declare const x: number; const a = "a" + x;')).toEqual(['concat +']);
    expect(kinds('declare const x: number; const a = x + "a" + "b";')).toEqual(['concat +', 'concat +']);
    expect(kinds('declare let s: string; declare let n: number; s += "x"; n += 1; s += `${n}`;')).toEqual([
      'concat +=',
      'concat +=',
      'template ',
    ]);
    expect(kinds('declare const tag: any, x: number; tag`a${x}`; `b${x}`;')).toEqual(['template ']);
  });

  it('leaves patterns, methods and top-level function declarations alone', () => {
    const source = 'declare const o: any; const { a, b: [c] } = o; function top() {} class K { m() {} get g() { return 1 } } ({ m() {} });';
    expect(instrument(source)?.sites.map((s) => s[2])).toEqual(['object']);
  });

  it('returns null for modules without sites and for modules that do not parse', () => {
    expect(instrument('export const n = 1 + 2;')).toBeNull();
    expect(instrument('const = ;')).toBeNull();
  });

  it('keeps a hashbang first', () => {
    const out = instrument('#!/usr/bin/env node\nexport const o = {};\n')!;
    expect(out.code.startsWith('#!/usr/bin/env node\nimport {')).toBe(true);
  });
});
