import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { layeringViolations, readSources } from './layering.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('the layering of README\u2019s architecture', () => {
  it('holds in the tree: no import points up a layer, page code loads no Node code, scenes use the public API', () => {
    const files = readSources(root, ['src', 'scenes']);
    expect(files.length).toBeGreaterThan(100);
    expect(layeringViolations(files)).toEqual([]);
  });

  it('catches a planted upward import in each rule', () => {
    const planted = [
      { path: 'src/profiler/Planted.ts', text: "import { World } from '../engine/World.ts';" },
      { path: 'src/engine/Planted.ts', text: "import type { NodeProfiler } from '../node/NodeProfiler.ts';" },
      { path: 'src/measure/Planted.ts', text: "export { main } from '../cli/main.ts';" },
      { path: 'src/panel/Planted.ts', text: "const fs = await import('node:fs');" },
      { path: 'src/page/Planted.ts', text: "import { measureRun } from '../node/measureRun.ts';" },
      { path: 'scenes/planted/optimized.ts', text: "import { World } from '../../src/engine/World.ts';" },
    ];
    expect(layeringViolations(planted).map((v) => `${v.file} -> ${v.imports}: ${v.rule}`)).toEqual([
      'src/profiler/Planted.ts -> src/engine/World.ts: profiler imports nothing of ours',
      'src/engine/Planted.ts -> src/node/NodeProfiler.ts: engine imports the profiler only',
      'src/measure/Planted.ts -> src/cli/main.ts: measure imports the engine, the profiler and the catalog only',
      'src/panel/Planted.ts -> node:fs: page code imports no Node code',
      'src/page/Planted.ts -> src/node/measureRun.ts: page code imports no Node code',
      'scenes/planted/optimized.ts -> src/engine/World.ts: scenes import the public API (src/index.ts) only',
    ]);
  });
});
