// `alloclab diff` on real runs: a scene measured before and after a change that adds an allocation,
// a scene whose frames vary, and every bad input as one line.
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './runCli.ts';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseRunFile } from '../../src/profiler/exports/runFile.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const scene = join('test', 'fixtures', 'scenes', 'diff-scene.ts');
const scratch = mkdtempSync(join(tmpdir(), 'alloclab-diff-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const at = (name: string) => join(scratch, name);

const alloclab = runCli;

const measured = ['-v', 'both', '--sites', '--deep', '--frames', '120', '--warmup', '60', '--no-progress'];
/** The line of the fixture that allocates only in the head version. */
const addedLine =
  readFileSync(join(root, scene), 'utf8')
    .split('\n')
    .findIndex((l) => l.includes('= [this.x]')) + 1;

describe('alloclab diff', () => {
  it('flags an allocation a change added, with its scene, marker and site, and writes Markdown and JSON', async () => {
    const base = await alloclab(['run', scene, ...measured, '--json', at('base.json')]);
    const head = await alloclab(['run', scene, ...measured, '--json', at('head.json')], { ALLOCLAB_FIXTURE_CHANGE: 'on' });
    expect([base.code, head.code]).toEqual([0, 0]);
    const diff = await alloclab(['diff', at('base.json'), at('head.json'), '--markdown', at('report.md'), '--json', at('report.json')]);
    expect(diff.stderr).toBe('');
    expect(diff.code).toBe(1);
    expect(diff.stdout).toMatch(/regression +│ diff-scene · optimized · production · node/);
    expect(diff.stdout).toContain('marker Mover.update: +');
    expect(diff.stdout).toContain(`site ${scene}:${addedLine} array in Mover.update: 0 -> 1 per frame`);
    expect(diff.stdout).toContain('2 regressions, 0 improvements, 0 same');

    // The report's figures are the files' own: the change is head's mean minus base's.
    const report = JSON.parse(readFileSync(at('report.json'), 'utf8'));
    expect(report.schema).toBe('alloclab.diff/1');
    const optimized = report.rows.find((r: { key: { variant: string } }) => r.key.variant === 'optimized');
    const before = parseRunFile(JSON.parse(readFileSync(at('base.json'), 'utf8'))).runs.find((r) => r.variant === 'optimized')!;
    const after = parseRunFile(JSON.parse(readFileSync(at('head.json'), 'utf8'))).runs.find((r) => r.variant === 'optimized')!;
    expect(before.bytesPerFrame.mean).toBe(0);
    expect(after.bytesPerFrame.mean).toBeGreaterThan(0);
    expect(optimized).toMatchObject({ verdict: 'regression', basis: 'exact', delta: after.bytesPerFrame.mean - before.bytesPerFrame.mean });
    expect(optimized.markers[0].name).toBe('Mover.update');
    expect(optimized.sites[0]).toMatchObject({ where: `${scene}:${addedLine}`, countBase: 0, countHead: 1 });

    const markdown = readFileSync(at('report.md'), 'utf8');
    expect(markdown.split('\n')[0]).toBe('### AllocLab: 2 regressions, 0 improvements, 0 same');
    expect(markdown).toContain('| **regression** | diff-scene · optimized · production · node |');
    expect(markdown).toContain(`site \`${scene}:${addedLine}\``);

    // The other way round, the same change is an improvement: exit 0.
    const back = await alloclab(['diff', at('head.json'), at('base.json')]);
    expect(back.code).toBe(0);
    expect(back.stdout).toContain('0 regressions, 2 improvements, 0 same');
    // A file against itself: nothing changed.
    const same = await alloclab(['diff', at('base.json'), at('base.json')]);
    expect(same.code).toBe(0);
    expect(same.stdout).toContain('0 regressions, 0 improvements, 2 same');
  });

  it('judges runs whose frames vary by an interval: a larger scene is a regression, the same scene measured again is not', async () => {
    const args = ['run', 'bullets', '-v', 'allocating', '--frames', '300', '--no-progress', '--json'];
    const runs = await Promise.all([
      alloclab([...args, at('b-base.json')]),
      alloclab([...args, at('b-again.json')]),
      alloclab([...args, at('b-large.json'), '--size', '1600']),
    ]);
    expect(runs.map((r) => r.code)).toEqual([0, 0, 0]);
    const read = (name: string) => JSON.parse(readFileSync(at(name), 'utf8'));
    const again = await alloclab(['diff', at('b-base.json'), at('b-again.json'), '--json', at('again.json')]);
    expect(again.code).toBe(0);
    expect(read('again.json').rows[0]).toMatchObject({ verdict: 'same', basis: 'interval' });
    const large = await alloclab(['diff', at('b-base.json'), at('b-large.json'), '--json', at('large.json')]);
    expect(large.code).toBe(1);
    const row = read('large.json').rows[0];
    expect(row).toMatchObject({ verdict: 'regression', basis: 'interval' });
    expect(row.interval.low).toBeGreaterThan(0);
    expect(row.notes).toContain('sizes differ (400 -> 1600)');
    expect(large.stdout).toMatch(/regression: bullets · allocating · production · node \(95% interval \+[\d,.]+ B \.\. \+[\d,.]+ B/);
  });

  it('refuses bad input in one line with exit 2', async () => {
    writeFileSync(at('not-json.json'), '{"schema": ');
    writeFileSync(at('foreign.json'), JSON.stringify({ schema: 'lighthouse/9', runs: [] }));
    const run = parseRunFile(JSON.parse(readFileSync(at('base.json'), 'utf8')));
    writeFileSync(at('twice.json'), JSON.stringify({ ...run, runs: [run.runs[0], run.runs[0]] }));
    writeFileSync(
      at('failed.json'),
      JSON.stringify({ ...run, failure: { scene: 'diff-scene', variant: 'optimized', phase: 'update', message: 'boom' } }),
    );
    const cases: [string[], RegExp][] = [
      [['diff', at('nope.json'), at('base.json')], /^alloclab: diff: .*nope\.json: no such file$/],
      [['diff', at('not-json.json'), at('base.json')], /^alloclab: diff: .*not-json\.json: not JSON \(/],
      [
        ['diff', at('base.json'), at('foreign.json')],
        /^alloclab: diff: .*foreign\.json: schema is "lighthouse\/9", expected "alloclab\.run\/1"$/,
      ],
      [
        ['diff', at('twice.json'), at('base.json')],
        /^alloclab: diff: the base file holds diff-scene · allocating · production · node twice/,
      ],
      [
        ['diff', at('base.json'), at('failed.json')],
        /^alloclab: diff: .*failed\.json \(the head\) records a failed run: diff-scene \(optimized\) failed in update: boom$/,
      ],
      [
        ['diff', at('base.json'), at('base.json'), '--tolerance', 'lots'],
        /^alloclab: option '--tolerance <bytes,percent>' argument 'lots' is invalid\. --tolerance must be/,
      ],
      [
        ['diff', at('base.json'), at('base.json'), '--markdown', '-', '--json', '-'],
        /^alloclab: --markdown and --json both go to the standard output$/,
      ],
      [['diff', at('base.json')], /^alloclab: missing required argument 'head'$/],
    ];
    for (const [args, expected] of cases) {
      const { code, stderr } = await alloclab(args);
      expect(code, args.join(' ')).toBe(2);
      expect(stderr.split('\n')[0], args.join(' ')).toMatch(expected);
      expect(stderr, args.join(' ')).not.toMatch(/\n\s+at /);
    }
  });
});
