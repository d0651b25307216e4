import { describe, expect, it } from 'vitest';
import { batchMeans, differenceInterval } from '../../src/profiler/diff/interval.ts';
import { parseTolerance } from '../../src/cli/diffCommand.ts';
import { toleranceFor } from '../../src/profiler/diff/diffRuns.ts';

describe('the diff arithmetic', () => {
  it('cuts frames into batch means, leaving out frames without a figure and the first frames that fill no batch', () => {
    const frames = [999, null, ...Array.from({ length: 40 }, (_, i) => i % 10)];
    expect(batchMeans(frames)).toEqual([4.5, 4.5, 4.5, 4.5]);
    expect(batchMeans(Array.from({ length: 39 }, () => 1))).toEqual([]);
  });

  it('gives an interval around the difference that holds zero for two samples of one wave, and not for a shifted wave', () => {
    const wave = (shift: number) => Array.from({ length: 600 }, (_, i) => 1000 + 500 * Math.sin(i / 7) + shift);
    const same = differenceInterval(wave(0), wave(0).reverse())!;
    expect(same.low).toBeLessThan(0);
    expect(same.high).toBeGreaterThan(0);
    const shifted = differenceInterval(wave(0), wave(200))!;
    expect(shifted.low).toBeGreaterThan(0);
    expect(shifted.low).toBeLessThan(200);
    expect(shifted.high).toBeGreaterThan(200);
    expect(differenceInterval([1, 2, 3], wave(0))).toBeNull();
  });

  it('reads a tolerance as bytes, a share of the base, or both', () => {
    expect(parseTolerance('16')).toEqual({ bytes: 16, fraction: 0 });
    expect(parseTolerance('16B, 2%')).toEqual({ bytes: 16, fraction: 0.02 });
    expect(parseTolerance('0.5%')).toEqual({ bytes: 0, fraction: 0.005 });
    expect(() => parseTolerance('16KB')).toThrow('--tolerance must be bytes (16B), a percentage (2%) or both (16B,2%), got "16KB"');
    expect(toleranceFor(0, { bytes: 8, fraction: 0.01 })).toBe(8);
    expect(toleranceFor(3000, { bytes: 8, fraction: 0.01 })).toBe(30);
  });
});
