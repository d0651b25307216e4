/**
 * One measurement of bench/instrument-overhead.ts, in its own process: the frame time of one scene
 * variant with the profiler recording, with allocation sites counted (`--sites`) or not. Prints
 * one JSON line. Run by the benchmark, not by hand.
 */
import { instrumentScene } from '../src/cli/instrumentScene.ts';

const [sceneName, variant, flag] = process.argv.slice(2);
if (!sceneName || !variant) {
  console.error('usage: node bench/scene-frame-time.ts <scene> <variant> [--sites]');
  process.exit(2);
}
const counting = flag === '--sites';
// Before the engine and the scenes load, so they are the instrumented modules.
if (counting) instrumentScene({ kind: 'catalog', name: sceneName });
const { findScene } = await import('../scenes/index.ts');
const { World } = await import('../src/engine/World.ts');
const { createNodeProfiler } = await import('../src/node/NodeProfiler.ts');
const { FrameCollector } = await import('../src/profiler/FrameCollector.ts');

const scene = findScene(sceneName)!;
const node = createNodeProfiler({ frameCapacity: 2000 });
const world = new World({ seed: scene.seed ?? 1, profiler: node.profiler });
scene.variants[variant]!(world, scene.size.default);
node.profiler.start();

const FRAMES = 500;
const ROUNDS = 9;
function timeFrames(frames: number): number {
  const t0 = performance.now();
  for (let i = 0; i < frames; i++) world.tick(1000 / 60);
  return (performance.now() - t0) / frames;
}
for (let i = 0; i < 6; i++) timeFrames(FRAMES);
const rounds: number[] = [];
for (let r = 0; r < ROUNDS; r++) rounds.push(timeFrames(FRAMES));
rounds.sort((a, b) => a - b);
const collector = new FrameCollector(node.profiler.recorder, node.clock, node.meter);
world.tick(1000 / 60);
collector.drain();
console.log(
  JSON.stringify({
    scene: sceneName,
    variant,
    sites: counting,
    msPerFrame: rounds[ROUNDS >> 1],
    hitsLastFrame: collector.siteHits[0] ?? 0,
  }),
);
