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
    const { functions, setAsideBytesPerFrame, setAsideSamples } = bytesByFunction(profile, 100, map, (url) => url === PROFILER);
    expect(functions).toEqual([
      { functionName: 'spawn', file: 'scenes/demo/allocating.ts', line: 12, column: 4, sampledBytesPerFrame: 90, samples: 3 },
      { functionName: 'move', file: 'scenes/demo/allocating.ts', line: 33, column: 4, sampledBytesPerFrame: 15, samples: 1 },
      { functionName: 'map', file: '', line: 0, column: 0, sampledBytesPerFrame: 6, samples: 0 },
    ]);
    expect(setAsideBytesPerFrame).toBe(9);
    expect(setAsideSamples).toBe(1);
  });
});
