/**
 * Frame time with the profiler recording vs not, at 10,000 behaviours (goal <= 1.05x).
 *
 * In one process, one world runs alternating rounds with the profiler off, recording frame rows
 * only, and recording frame rows and phase markers: the same objects and compiled code, so the
 * difference is the profiler's own cost; each level's figure is the median of its rounds. From
 * one process to the next the ratio moves by a few hundredths (where V8 put the objects and code),
 * more than the effect measured, so the script runs PROCESSES fresh processes with the production
 * mode's flags, prints each, and reports the median of their ratios.
 * Run: npm run bench (or: node bench/profiler-overhead.ts [--processes N])
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import Table from 'cli-table3';
import { World, Behaviour } from '../src/index.ts';
import { createNodeProfiler } from '../src/node/NodeProfiler.ts';
import { assertMode, MODE_FLAGS } from '../src/node/modes.ts';

const BEHAVIOURS = 10_000;
const FRAMES_PER_ROUND = 200;
const ROUNDS = 15;
const GOAL = 1.05;

interface ProcessFigures {
  offUs: number;
  framesUs: number;
  onUs: number;
}

class Mover extends Behaviour {
  x = 0;
  override update(): void {
    this.x += 1;
  }
  override lateUpdate(): void {
    this.x -= 0.5;
  }
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

/** One process's measurement: the median us/frame of each level over alternating rounds. */
function measureHere(): ProcessFigures {
  assertMode('production');
  const nodeProfiler = createNodeProfiler();
  const world = new World();
  for (let i = 0; i < BEHAVIOURS; i++) world.createGameObject('Mover').addComponent(Mover);

  /** off: no profiler; frames: frame rows only (bytes, time, sites); markers: the phase markers too. */
  const timeFrames = (frames: number, level: 'off' | 'frames' | 'markers'): number => {
    world.profiler = level === 'off' ? null : nodeProfiler.profiler;
    if (level === 'markers') nodeProfiler.profiler.start();
    else nodeProfiler.profiler.stop();
    const t0 = performance.now();
    for (let i = 0; i < frames; i++) world.tick(16.7);
    return ((performance.now() - t0) / frames) * 1000;
  };

  // Warm up every way.
  for (let i = 0; i < 3; i++) {
    timeFrames(FRAMES_PER_ROUND, 'off');
    timeFrames(FRAMES_PER_ROUND, 'frames');
    timeFrames(FRAMES_PER_ROUND, 'markers');
  }
  const off: number[] = [];
  const framesOnly: number[] = [];
  const on: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    off.push(timeFrames(FRAMES_PER_ROUND, 'off'));
    framesOnly.push(timeFrames(FRAMES_PER_ROUND, 'frames'));
    on.push(timeFrames(FRAMES_PER_ROUND, 'markers'));
  }
  nodeProfiler.profiler.stop();
  return { offUs: median(off), framesUs: median(framesOnly), onUs: median(on) };
}

const { values } = parseArgs({ options: { child: { type: 'boolean' }, processes: { type: 'string', default: '7' } } });
if (values.child) {
  console.log(JSON.stringify(measureHere()));
} else {
  const processes = Number(values.processes);
  if (!Number.isInteger(processes) || processes < 1) {
    console.error(`profiler-overhead: --processes must be a positive integer, got ${values.processes}`);
    process.exit(2);
  }
  const script = fileURLToPath(import.meta.url);
  const table = new Table({
    head: ['process', 'off us/frame', 'frame rows us/frame', 'ratio', 'rows + markers us/frame', 'ratio'],
    colAligns: ['right', 'right', 'right', 'right', 'right', 'right'],
  });
  const framesRatios: number[] = [];
  const onRatios: number[] = [];
  for (let p = 0; p < processes; p++) {
    const output = execFileSync(process.execPath, [...MODE_FLAGS.production, script, '--child'], { encoding: 'utf8' });
    const figures = JSON.parse(output.trim().split('\n').pop()!) as ProcessFigures;
    framesRatios.push(figures.framesUs / figures.offUs);
    onRatios.push(figures.onUs / figures.offUs);
    table.push([
      p + 1,
      figures.offUs.toFixed(1),
      figures.framesUs.toFixed(1),
      `${framesRatios[p]!.toFixed(3)}x`,
      figures.onUs.toFixed(1),
      `${onRatios[p]!.toFixed(3)}x`,
    ]);
  }
  const ratio = median(onRatios);
  console.log(
    `Profiler overhead at ${BEHAVIOURS.toLocaleString('en-US')} behaviours: ${processes} processes, each the median of ${ROUNDS} rounds x ${FRAMES_PER_ROUND} frames per level`,
  );
  console.log(table.toString());
  console.log(`frame rows only (bytes, time, sites):      median ${median(framesRatios).toFixed(3)}x`);
  console.log(
    `frame rows and phase markers (profiling on): median ${ratio.toFixed(3)}x  (goal <= ${GOAL}x: ${ratio <= GOAL ? 'met' : 'not met'})`,
  );
}
