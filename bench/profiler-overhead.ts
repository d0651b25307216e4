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

function build(profiled: boolean): { world: World; stop(): void } {
  const node = profiled ? createNodeProfiler() : null;
  const world = new World({ profiler: node?.profiler });
  for (let i = 0; i < BEHAVIOURS; i++) world.createGameObject('Mover').addComponent(Mover);
  return {
    world,
    stop: () => node?.profiler.stop(),
  };
}

function timeFrames(world: World, frames: number, activate?: () => void): number {
  activate?.();
  const t0 = performance.now();
  for (let i = 0; i < frames; i++) world.tick(16.7);
  return (performance.now() - t0) / frames;
}

const plain = build(false);
const nodeProfiler = createNodeProfiler();
const profiledWorld = new World({ profiler: nodeProfiler.profiler });
for (let i = 0; i < BEHAVIOURS; i++) profiledWorld.createGameObject('Mover').addComponent(Mover);

// Warm up both.
nodeProfiler.profiler.start();
timeFrames(plain.world, 300);
timeFrames(profiledWorld, 300);

const off: number[] = [];
const on: number[] = [];
for (let r = 0; r < ROUNDS; r++) {
  off.push(timeFrames(plain.world, FRAMES_PER_ROUND));
  on.push(timeFrames(profiledWorld, FRAMES_PER_ROUND));
}
nodeProfiler.profiler.stop();

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
const offMs = median(off);
const onMs = median(on);
const ratio = onMs / offMs;
console.log(`profiler overhead at ${BEHAVIOURS.toLocaleString('en-US')} behaviours (median of ${ROUNDS} rounds x ${FRAMES_PER_ROUND} frames)`);
console.log(`  profiling off  ${(offMs * 1000).toFixed(1).padStart(8)} us/frame`);
console.log(`  profiling on   ${(onMs * 1000).toFixed(1).padStart(8)} us/frame`);
console.log(`  ratio          ${ratio.toFixed(3).padStart(8)}x  (goal <= 1.05x: ${ratio <= 1.05 ? 'met' : 'not met'})`);
