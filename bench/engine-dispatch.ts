/**
 * Engine dispatch cost: `world.tick()` over 10,000 behaviours with trivial update/lateUpdate bodies,
 * against a plain loop calling the same methods on the same objects (goal <= 1.5x).
 *
 * Both run in the same process on the same objects; rounds alternate so that machine noise hits
 * both alike, and the median of the rounds is reported. It only reports: it never fails on a slow
 * or noisy machine. Run: npm run bench  (or node bench/engine-dispatch.ts [behaviours] [rounds])
 */
import { Behaviour, World } from '../src/engine/index.ts';

const BEHAVIOURS = Number(process.argv[2] ?? 10_000);
const ROUNDS = Number(process.argv[3] ?? 21);
const FRAMES_PER_ROUND = 200;
const WARMUP_FRAMES = 1000;
const DT_MS = 1000 / 60;

/** Trivial bodies: the cost measured is the dispatch around them. */
class Counter extends Behaviour {
  updates = 0;
  lates = 0;
  override update(): void {
    this.updates++;
  }
  override lateUpdate(): void {
    this.lates++;
  }
}

const world = new World({ seed: 1 });
const counters: Counter[] = [];
for (let i = 0; i < BEHAVIOURS; i++) counters.push(world.createGameObject('counter').addComponent(Counter));
world.tick(DT_MS); // runs start(), so every behaviour is on the update lists

/** The baseline: what a hand-written game loop does with the same objects. */
function plainFrame(objects: Counter[]): void {
  for (let i = 0; i < objects.length; i++) objects[i]!.update();
  for (let i = 0; i < objects.length; i++) objects[i]!.lateUpdate();
}

function timeEngine(frames: number): number {
  const t0 = performance.now();
  for (let f = 0; f < frames; f++) world.tick(DT_MS);
  return ((performance.now() - t0) * 1000) / frames;
}

function timePlain(frames: number): number {
  const t0 = performance.now();
  for (let f = 0; f < frames; f++) plainFrame(counters);
  return ((performance.now() - t0) * 1000) / frames;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

timeEngine(WARMUP_FRAMES);
timePlain(WARMUP_FRAMES);

const engine: number[] = [];
const plain: number[] = [];
const ratios: number[] = [];
for (let r = 0; r < ROUNDS; r++) {
  // Alternate which goes first, so neither always runs on a warmer cache.
  let e: number;
  let p: number;
  if (r % 2 === 0) {
    e = timeEngine(FRAMES_PER_ROUND);
    p = timePlain(FRAMES_PER_ROUND);
  } else {
    p = timePlain(FRAMES_PER_ROUND);
    e = timeEngine(FRAMES_PER_ROUND);
  }
  engine.push(e);
  plain.push(p);
  ratios.push(e / p);
}

// Both paths ran the same number of frames on the same objects.
const expectedCalls = 1 + WARMUP_FRAMES + ROUNDS * FRAMES_PER_ROUND;
const c = counters[0]!;
if (c.updates !== expectedCalls * 2 - 1 || c.lates !== c.updates) {
  console.error('engine-dispatch: unexpected call counts ' + c.updates + '/' + c.lates);
}

const ratio = median(ratios);
const rows: [string, string, string, string][] = [
  ['', 'median µs/frame', 'min', 'max'],
  ['world.tick()', median(engine).toFixed(1), Math.min(...engine).toFixed(1), Math.max(...engine).toFixed(1)],
  ['plain loop', median(plain).toFixed(1), Math.min(...plain).toFixed(1), Math.max(...plain).toFixed(1)],
];
const widths = [0, 1, 2, 3].map((col) => Math.max(...rows.map((row) => row[col]!.length)));
const line = (row: string[]) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('   ');
console.log(
  'Engine dispatch: ' +
    BEHAVIOURS.toLocaleString('en-US') +
    ' behaviours (update + lateUpdate), ' +
    ROUNDS +
    ' alternating rounds of ' +
    FRAMES_PER_ROUND +
    ' frames, Node ' +
    process.versions.node,
);
console.log(line(rows[0]!));
console.log(rows[0]!.map((_, i) => '-'.repeat(widths[i]!)).join('   '));
console.log(line(rows[1]!));
console.log(line(rows[2]!));
console.log(
  'ratio engine / plain (median of per-round ratios): ' +
    ratio.toFixed(2) +
    'x  (goal <= 1.5x: ' +
    (ratio <= 1.5 ? 'met' : 'NOT met') +
    ')',
);
