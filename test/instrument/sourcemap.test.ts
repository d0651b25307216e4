import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { TraceMap, originalPositionFor } from '@jridgewell/trace-mapping';
import { describe, expect, it } from 'vitest';
import { instrumentCode } from '../../src/instrument/plugin.ts';

const ID = fileURLToPath(new URL('../fixtures/instrument/counts.ts', import.meta.url));
const SOURCE = readFileSync(ID, 'utf8');
const out = instrumentCode(SOURCE, { id: ID, file: 'counts.ts', runtimeImport: '/runtime.ts' })!;
const map = new TraceMap(out.map as unknown as ConstructorParameters<typeof TraceMap>[0]);

/**
 * 1-based line and 0-based column of the first occurrence of `token` after `after` in `text`,
 * past line 1 (where the generated header repeats the excerpts).
 */
function locate(text: string, token: string, after = ''): { line: number; column: number } {
  const from = text.indexOf('\n');
  const offset = text.indexOf(token, after ? text.indexOf(after, from) : from);
  expect(offset, `${token} in text`).toBeGreaterThanOrEqual(0);
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1]!.length };
}

describe('source maps of instrumented modules', () => {
  it('names the original file and embeds its content', () => {
    expect(out.map.sources).toEqual([ID]);
    expect(out.map.sourcesContent).toEqual([SOURCE]);
  });

  it.each([
    ['an object literal after an inserted hit', '{ x: i, y: i }', ''],
    ['a property inside a wrapped literal', 'y: i', ''],
    ['an array literal', '[i, i]', ''],
    ['code after a wrapped closure on the same line', 'total += v', ''],
    ['a method name rewritten nowhere, after a counted call', '.length', 'list?.map'],
    ['a generator call', 'countUp(n)', 'for (const v'],
    ['a class field after an inserted private field', 'onHit', ''],
  ])('maps %s back to its line and column', (_what, token, after) => {
    const generated = locate(out.code, token, after);
    const original = locate(SOURCE, token, after);
    const traced = originalPositionFor(map, generated);
    expect(traced).toMatchObject({ source: ID, line: original.line, column: original.column });
  });

  it('keeps every original line number, the header included', () => {
    expect(out.code.split('\n').length).toBe(SOURCE.split('\n').length);
    const generated = locate(out.code, 'export function drain');
    expect(generated.line).toBe(locate(SOURCE, 'export function drain').line);
  });
});
