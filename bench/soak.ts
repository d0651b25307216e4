/**
 * Soak: runs 1,000,000 profiled frames headless and prints the profiler's memory at the start and
 * the end, to show it stays flat (the recorder is a preallocated ring; nothing grows per frame).
 * Run: npm run soak [-- frames]
 */
import { ProfilerMarker } from '../src/profiler/ProfilerMarker.ts';
import { createNodeProfiler } from '../src/node/NodeProfiler.ts';
import { assertMode } from '../src/node/modes.ts';

assertMode('production');
const frames = Number(process.argv[2] ?? 1_000_000);
const update = new ProfilerMarker('Soak.Update');
const render = new ProfilerMarker('Soak.Render');
const { profiler, meter } = createNodeProfiler();
profiler.start();
let state = 0;

function frame(): void {
  profiler.beginFrame(16.7);
  update.begin();
  for (let i = 0; i < 100; i++) state = (state + i) | 0;
  update.end();
  render.begin();
  render.end();
  profiler.endFrame();
}

function heapAfterGc(): { jsHeap: number; arrayBuffers: number } {
  (globalThis as { gc?: () => void }).gc?.();
  return { jsHeap: meter.readNow(), arrayBuffers: process.memoryUsage().arrayBuffers };
}

const mb = (bytes: number) => `${(bytes / 1048576).toFixed(2)} MiB`;
for (let i = 0; i < 20_000; i++) frame();
const start = heapAfterGc();
const t0 = performance.now();
const checkpoints = 5;
console.log(`frames         JS heap (after GC)   ArrayBuffers`);
console.log(`${'0'.padStart(9)}      ${mb(start.jsHeap).padStart(12)}   ${mb(start.arrayBuffers).padStart(12)}`);
for (let c = 1; c <= checkpoints; c++) {
  for (let i = 0; i < frames / checkpoints; i++) frame();
  const now = heapAfterGc();
  console.log(
    `${String((frames / checkpoints) * c).padStart(9)}      ${mb(now.jsHeap).padStart(12)}   ${mb(now.arrayBuffers).padStart(12)}`,
  );
}
const end = heapAfterGc();
const seconds = (performance.now() - t0) / 1000;
console.log(
  `\n${frames.toLocaleString('en-US')} frames in ${seconds.toFixed(1)} s; JS heap ${end.jsHeap >= start.jsHeap ? '+' : ''}${end.jsHeap - start.jsHeap} B from start to end; frames recorded ${profiler.recorder.framesWritten.toLocaleString('en-US')}, ring keeps ${profiler.recorder.frameCapacity.toLocaleString('en-US')}`,
);
profiler.stop();
