import { describe, it, expect } from 'vitest';
import { profileFrames, toAllocateNothingPerFrame, toHaveNoAllocationSitesPerFrame } from '../../src/testing/index.ts';
import { makePoint } from '../fixtures/sites/counted.ts';

const holder: unknown[] = new Array(16).fill(null);
let counter = 0;

function allocatesNothing(): void {
  counter = (counter + 1) | 0;
}

describe('allocation-site matchers (instrumented project)', () => {
  it('toHaveNoAllocationSitesPerFrame counts sites exactly and names them on failure', async () => {
    let n = 0;
    const makesPoints = (): void => {
      for (let i = 0; i < 2; i++) holder[i] = makePoint(i, n);
      n = (n + 1) | 0;
    };
    const allocating = await profileFrames(makesPoints, { frames: 100, name: 'makesPoints' });
    expect(allocating).not.toHaveNoAllocationSitesPerFrame();
    const failure = toHaveNoAllocationSitesPerFrame.call({ isNot: false }, allocating);
    expect(failure.pass).toBe(false);
    expect(failure.message()).toMatch(
      /^expected makesPoints \(function\) to run no allocation site per frame, but 1 site\(s\) ran, 2 allocations per frame \(max 2\):\n/,
    );
    expect(failure.message()).toContain('test/fixtures/sites/counted.ts:6:10 makePoint: object x2/frame, ~');
    // The other matchers' failures list the sites too.
    expect(toAllocateNothingPerFrame.call({ isNot: false }, allocating).message()).toMatch(
      /top allocation sites \(count\/frame, estimated bytes\):\n\s+test\/fixtures\/sites\/counted\.ts:6:10 makePoint/,
    );

    const quiet = await profileFrames(allocatesNothing, { frames: 100, name: 'allocatesNothing' });
    expect(quiet).toHaveNoAllocationSitesPerFrame();
    expect(toHaveNoAllocationSitesPerFrame.call({ isNot: true }, quiet).message()).toMatch(
      /^expected allocatesNothing \(function\) to run allocation sites, but none of \d+ known sites ran in 100 frames/,
    );
    const { sites: _, ...uninstrumented } = quiet;
    expect(() => toHaveNoAllocationSitesPerFrame.call({ isNot: false }, uninstrumented)).toThrow(
      /no instrumented code was loaded .* add alloclabInstrument\(\) from alloclab\/vite/,
    );
  });
});
