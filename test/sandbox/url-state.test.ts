import { describe, expect, it } from 'vitest';
import { readUrlState } from '../../src/sandbox/url-state.ts';

describe('readUrlState', () => {
  it('reads scene, variant, size, deep, resolution and pace from the query string', () => {
    expect(readUrlState('?scene=bullets&variant=optimized&size=200&deep=1&resolution=0.25&pace=max')).toEqual({
      scene: 'bullets',
      variant: 'optimized',
      size: 200,
      deep: true,
      resolution: 0.25,
      pace: 'max',
    });
  });

  it('defaults: nothing named, the display\u2019s pace, resolution 1 (null)', () => {
    expect(readUrlState('')).toEqual({ scene: null, variant: null, size: null, deep: false, resolution: null, pace: 'display' });
  });

  it('ignores what it cannot read: an unknown pace, a size or resolution that is not a number; clamps the resolution', () => {
    expect(readUrlState('?pace=fast&size=abc&resolution=x')).toMatchObject({ pace: 'display', size: null, resolution: null });
    expect(readUrlState('?resolution=9').resolution).toBe(2);
    expect(readUrlState('?size=12.6').size).toBe(13);
  });
});
