// The testing API in Chromium: profileFrames, toAllocate and a failing matcher's message, through
// alloclab/testing as in Node (resolved to the browser twin in this project).
import { describe, expect, it } from 'vitest';
import { profileFrames } from 'alloclab/testing';

const holder: unknown[] = new Array(8).fill(null);
let count = 0;

function keepAnObject(): void {
  holder[count++ & 7] = { count };
}
function addUp(): void {
  count = (count + 1) & 0xffff;
}

describe('alloclab/testing in Chromium', () => {
  it('profileFrames measures a function per call: one kept {count} object is 16 B in Chromium', async () => {
    const run = await profileFrames(keepAnObject, { frames: 200 });
    expect(run.heapMeter).toEqual({ kind: 'chromium-performance-memory', precise: true });
    expect(run.frames).toBe(200);
    expect(run.bytesPerFrame.median).toBe(16);
  });

  it('toAllocate measures in the page', async () => {
    await expect(keepAnObject).toAllocate({ frames: 200 });
    await expect(addUp).not.toAllocate({ frames: 200 });
  });

  it('toAllocateNothingPerFrame fails naming the bytes and the worst frames', async () => {
    const run = await profileFrames(keepAnObject, { frames: 200 });
    expect(() => expect(run).toAllocateNothingPerFrame()).toThrow(
      /expected frames \(function\) to allocate nothing per frame, but it allocated up to 16 B in a frame\n.*bytes\/frame: mean 16 B, median 16 B, max 16 B\n.*worst frames: #\d+ 16 B/s,
    );
  });
});
