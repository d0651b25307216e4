/**
 * Frame time with the profiler recording vs not, at 10,000 behaviours (goal <= 1.05x).
 * Both worlds are identical; rounds alternate so that machine noise hits both alike; the median
 * of the rounds is reported. Run: npm run bench
 */
import { World, Behaviour } from '../src/index.ts';
import { createNodeProfiler } from '../src/hosts/node/NodeProfiler.ts';
import { assertMode } from '../src/hosts/node/modes.ts';

assertMode('production');
const BEHAVIOURS = 10_000;
const FRAMES_PER_ROUND = 200;
const ROUNDS = 15;

class Mover extends Behaviour {
  x = 0;
  override update(): void {
    this.x += 1;
  }
  override lateUpdate(): void {
    this.x -= 0.5;
  }
}

// One world, the profiler attached and recording in alternate rounds: the same objects, the same
// compiled code, so the difference is the profiler's own cost.
const nodeProfiler = createNodeProfiler();
const world = new World();
for (let i = 0; i < BEHAVIOURS; i++) world.createGameObject('Mover').addComponent(Mover);

type Level = 'off' | 'frames' | 'markers';

/** off: no profiler; frames: frame rows only (bytes, time, sites); markers: the phase markers too. */
function timeFrames(frames: number, level: Level): number {
  world.profiler = level === 'off' ? null : nodeProfiler.profiler;
  if (level === 'markers') nodeProfiler.profiler.start();
  else nodeProfiler.profiler.stop();
  const t0 = performance.now();
  for (let i = 0; i < frames; i++) world.tick(16.7);
  return (performance.now() - t0) / frames;
}

// Warm up every way.
for (let i = 0; i < 3; i++) {
  timeFrames(200, 'off');
  timeFrames(200, 'frames');
  timeFrames(200, 'markers');
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

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
const offMs = median(off);
const framesMs = median(framesOnly);
const onMs = median(on);
const ratio = onMs / offMs;
console.log(`profiler overhead at ${BEHAVIOURS.toLocaleString('en-US')} behaviours (median of ${ROUNDS} rounds x ${FRAMES_PER_ROUND} frames)`);
console.log(`  profiling off  ${(offMs * 1000).toFixed(1).padStart(8)} us/frame`);
console.log(`  frames only    ${(framesMs * 1000).toFixed(1).padStart(8)} us/frame  ${(framesMs / offMs).toFixed(3)}x  (frame rows: bytes, time, sites; no markers)`);
console.log(`  profiling on   ${(onMs * 1000).toFixed(1).padStart(8)} us/frame  (frame rows and the five phase markers)`);
console.log(`  ratio          ${ratio.toFixed(3).padStart(8)}x  (goal <= 1.05x: ${ratio <= 1.05 ? 'met' : 'not met'})`);
