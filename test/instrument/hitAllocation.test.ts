import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { NodeHeapMeter } from '../../src/node/NodeHeapMeter.ts';
import {
  __alloclab_hit,
  __alloclab_register,
  copySlots,
  countHits,
  reset,
  siteCount,
  slotCount,
  snapshot,
} from '../../src/profiler/sites/runtime.ts';

const HITS = 100_000;
/**
 * Bounds for the bytes between two reads around 100,000 hits. Even an empty loop reads up to ~96 B
 * now and then (measured: 0 0 96 0 0 in the interpreter, with V8's own bookkeeping), so the
 * quietest round must be under 64 B and every round under 1 KB: one byte per hit would read 100 KB.
 */
const QUIETEST_ROUND = 64;
const ANY_ROUND = 1024;

function expectNoPerHitAllocation(deltas: number[]): void {
  expect(Math.min(...deltas)).toBeLessThan(QUIETEST_ROUND);
  expect(Math.max(...deltas)).toBeLessThan(ANY_ROUND);
}

describe('the hit function allocates nothing', () => {
  it('in this worker, at whatever tier V8 reaches', () => {
    const meter = new NodeHeapMeter();
    const base = __alloclab_register('test/instrument/hitAllocation.test.ts', [
      [1, 1, 'object', '', 2, 'loop', '{ x, y }'],
      [2, 1, 'array', '', 0, 'loop', '[]'],
    ]);
    const loop = (n: number) => {
      for (let i = 0; i < n; i++) __alloclab_hit(base + (i & 1));
    };
    loop(HITS);
    reset();
    // `sample` into a buffer made beforehand: `readNow` would box its sums between the two reads.
    const size = meter.sampleSize;
    const samples = new Float64Array(size * 2);
    const deltas: number[] = [];
    for (let round = 0; round < 5; round++) {
      meter.sample(samples, 0);
      loop(HITS);
      meter.sample(samples, size);
      deltas.push(meter.toBytes(samples, size) - meter.toBytes(samples, 0));
    }
    expect(countHits()).toBe(5 * HITS);
    expectNoPerHitAllocation(deltas);
  });

  it.each([
    ['the interpreter only', ['--no-opt', '--no-maglev', '--no-sparkplug']],
    ['baseline code (Sparkplug)', ['--no-opt', '--no-maglev', '--always-sparkplug']],
    ['Maglev', ['--no-opt', '--maglev']],
  ])('in %s', (_tier, flags) => {
    const script = fileURLToPath(new URL('../fixtures/instrument/hitAllocation.ts', import.meta.url));
    const stdout = execFileSync(process.execPath, ['--expose-internals', '--no-warnings', ...flags, script], { encoding: 'utf8' });
    const { deltas, total } = JSON.parse(stdout) as { deltas: number[]; total: number };
    expect(total).toBe(6 * HITS);
    expectNoPerHitAllocation(deltas);
  });

  it('and neither do the frame-boundary reads: snapshot(), copySlots() and countHits()', () => {
    const meter = new NodeHeapMeter();
    const perSite = new Uint32Array(siteCount());
    const perSlot = new Uint32Array(slotCount());
    const row = new Uint32Array(4);
    const frames = (n: number) => {
      for (let i = 0; i < n; i++) {
        snapshot(perSite);
        copySlots(perSlot);
        row[i & 3] = countHits();
      }
    };
    frames(10_000);
    const size = meter.sampleSize;
    const samples = new Float64Array(size * 2);
    const deltas: number[] = [];
    for (let round = 0; round < 5; round++) {
      meter.sample(samples, 0);
      frames(10_000);
      meter.sample(samples, size);
      deltas.push(meter.toBytes(samples, size) - meter.toBytes(samples, 0));
    }
    expectNoPerHitAllocation(deltas);
  });
});
