/**
 * Frame time with allocation sites counted vs not, for every scene and variant (goal <= 1.5x).
 * Each figure comes from fresh processes (bench/scene-frame-time.ts) started with the production
 * mode's flags, the instrumented one with the CLI's import hook; both record with the profiler.
 * A frame of a few microseconds runs 30% faster or slower from one process to the next (where
 * V8 put the objects, what it inlined), so each side is measured in PROCESSES processes,
 * alternating, and the median of their medians is compared. Prints the median frame time of each
 * and the ratio. Run: npm run bench:sites [-- scene ...]
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import Table from 'cli-table3';
import { scenes } from '../scenes/index.ts';
import { MODE_FLAGS } from '../src/node/modes.ts';

const script = fileURLToPath(new URL('./scene-frame-time.ts', import.meta.url));
const selected = process.argv.slice(2);
const GOAL = 1.5;
const PROCESSES = 5;

function measure(scene: string, variant: string, sites: boolean): { msPerFrame: number; hitsLastFrame: number } {
  const args = [...MODE_FLAGS.production, script, scene, variant, ...(sites ? ['--sites'] : [])];
  return JSON.parse(execFileSync(process.execPath, args, { encoding: 'utf8' }).trim().split('\n').pop()!);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1]!;
}

const table = new Table({
  head: ['scene', 'variant', 'plain ms/frame', 'counted ms/frame', 'allocations counted/frame', 'ratio'],
  colAligns: ['left', 'left', 'right', 'right', 'right', 'right'],
});
const ratios: number[] = [];
for (const scene of scenes) {
  if (selected.length > 0 && !selected.includes(scene.name)) continue;
  for (const variant of ['allocating', 'optimized']) {
    const plainRuns: number[] = [];
    const countedRuns: number[] = [];
    let counted = { msPerFrame: 0, hitsLastFrame: 0 };
    for (let p = 0; p < PROCESSES; p++) {
      plainRuns.push(measure(scene.name, variant, false).msPerFrame);
      counted = measure(scene.name, variant, true);
      countedRuns.push(counted.msPerFrame);
    }
    const plain = { msPerFrame: median(plainRuns) };
    counted = { ...counted, msPerFrame: median(countedRuns) };
    const ratio = counted.msPerFrame / plain.msPerFrame;
    ratios.push(ratio);
    table.push([
      scene.name,
      variant,
      plain.msPerFrame.toFixed(4),
      counted.msPerFrame.toFixed(4),
      counted.hitsLastFrame.toLocaleString('en-US'),
      `${ratio.toFixed(2)}x`,
    ]);
  }
}
const geomean = Math.exp(ratios.reduce((sum, r) => sum + Math.log(r), 0) / ratios.length);
const worst = Math.max(...ratios);
console.log(
  `Frame time with allocation sites counted vs not (median of ${PROCESSES} processes, each the median of 9 rounds x 500 frames; profiler recording in both)`,
);
console.log(table.toString());
console.log(`geometric mean ${geomean.toFixed(2)}x, worst ${worst.toFixed(2)}x (goal <= ${GOAL}x: ${worst <= GOAL ? 'met' : 'not met'})`);
