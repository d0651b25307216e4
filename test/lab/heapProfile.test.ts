import { describe, expect, it } from 'vitest';
import { bytesByFunction, type SamplingHeapProfile, type SamplingHeapProfileNode } from '../../src/chromium/heapProfile.ts';

let nextId = 1;
function node(
  functionName: string,
  url: string,
  lineNumber: number,
  selfSize: number,
  children: SamplingHeapProfileNode[] = [],
): SamplingHeapProfileNode {
  return { callFrame: { functionName, scriptId: '1', url, lineNumber, columnNumber: 4 }, selfSize, id: nextId++, children };
}

const SCENE = 'http://127.0.0.1:5000/scenes/demo/allocating.ts';
const PROFILER = 'http://127.0.0.1:5000/src/profiler/Profiler.ts';

describe('bytesByFunction', () => {
  it('adds up every stack ending in a function, per frame, mapped to the source, largest first', () => {
    const spawnA = node('spawn', SCENE, 9, 6000);
    const spawnB = node('spawn', SCENE, 9, 3000);
    const move = node('move', SCENE, 30, 1500);
    const builtin = node('map', '', -1, 600);
    const read = node('sample', PROFILER, 70, 900);
    const root = node('(root)', '', -1, 0, [
      node('update', SCENE, 20, 0, [spawnA, move]),
      node('lateUpdate', SCENE, 40, 0, [spawnB, builtin]),
      read,
    ]);
    const profile: SamplingHeapProfile = {
      head: root,
      samples: [
        { size: 40, nodeId: spawnA.id, ordinal: 1 },
        { size: 40, nodeId: spawnA.id, ordinal: 2 },
        { size: 40, nodeId: spawnB.id, ordinal: 3 },
        { size: 24, nodeId: move.id, ordinal: 4 },
        { size: 16, nodeId: read.id, ordinal: 5 },
      ],
    };
    // The served module's line 9 is the source's line 12 (as a source map would say).
    const map = (url: string, line: number, column: number) =>
      url === SCENE ? { file: 'scenes/demo/allocating.ts', line: line + 3, column } : null;
    const { functions, setAsideBytesPerFrame, setAsideSamples } = bytesByFunction(profile, 100, map, {
      setAside: (frame) => frame.url === PROFILER,
    });
    const caller = (functionName: string, line: number) => ({ functionName, file: 'scenes/demo/allocating.ts', line });
    const at = (functionName: string, line: number, sampledBytesPerFrame: number, samples: number) => ({
      functionName,
      file: functionName === 'map' ? '' : 'scenes/demo/allocating.ts',
      line,
      column: functionName === 'map' ? 0 : 4,
      sampledBytesPerFrame,
      samples,
    });
    expect(functions).toEqual([
      {
        ...at('spawn', 12, 90, 3),
        // Two paths: through update (6,000 of the 9,000 bytes), and through lateUpdate.
        paths: [
          { sampledBytesPerFrame: 60, share: 6000 / 9000, callers: [caller('update', 23)] },
          { sampledBytesPerFrame: 30, share: 3000 / 9000, callers: [caller('lateUpdate', 43)] },
        ],
      },
      { ...at('move', 33, 15, 1), paths: [{ sampledBytesPerFrame: 15, share: 1, callers: [caller('update', 23)] }] },
      { ...at('map', 0, 6, 0), paths: [{ sampledBytesPerFrame: 6, share: 1, callers: [caller('lateUpdate', 43)] }] },
    ]);
    expect(setAsideBytesPerFrame).toBe(9);
    expect(setAsideSamples).toBe(1);
  });
});

describe('call paths', () => {
  it('keep the nearest callers first, without the hidden ones, and the heaviest paths only', () => {
    const leaf = (size: number) => node('alloc', SCENE, 5, size);
    const hidden = 'http://127.0.0.1:5000/src/page/kit/measureInPage.ts';
    const root = node('(root)', '', -1, 0, [
      node('loop', hidden, 1, 0, [
        node('a', SCENE, 10, 0, [leaf(4000)]),
        node('b', SCENE, 20, 0, [leaf(3000)]),
        node('c', SCENE, 30, 0, [leaf(2000)]),
        node('d', SCENE, 40, 0, [node('e', SCENE, 50, 0, [leaf(1000)])]),
      ]),
    ]);
    const { functions } = bytesByFunction({ head: root, samples: [] }, 10, () => null, {
      hideCaller: (frame) => frame.url === hidden,
    });
    expect(functions).toHaveLength(1);
    const paths = functions[0]!.paths!;
    // Three of the four paths, the heaviest first; each without the hidden loop.
    expect(paths.map((p) => p.callers.map((c) => `${c.functionName}:${c.line}`))).toEqual([['a:11'], ['b:21'], ['c:31']]);
    expect(paths.map((p) => p.share)).toEqual([0.4, 0.3, 0.2]);
    expect(paths[0]!.sampledBytesPerFrame).toBe(400);
  });
});
