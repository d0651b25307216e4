/**
 * Verdicts under load: runs every catalog scene's optimized variant `rounds` times (default 20)
 * through the CLI, while busy processes of this script's own keep every core at 100%, and counts
 * the verdicts a CI gate would get wrong. Every optimized variant allocates nothing per frame, so
 * a run whose mean is above 0 B (`--budget 0` fails it) is wrong, and so is any run `alloclab
 * diff` calls a regression or an improvement against the scene's previous round (nothing changed
 * between them). Prints the figures; exits 1 when any verdict was wrong. Not part of `npm test`.
 * Run: npm run bench:verdicts [-- rounds]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { diffRunFiles } from '../src/profiler/diff/diffRuns.ts';
import { parseRunFile } from '../src/profiler/exports/runFile.ts';
import type { RunFile } from '../src/profiler/RunResult.ts';

const rounds = Number(process.argv[2] ?? 20);
if (!Number.isSafeInteger(rounds) || rounds < 1) throw new Error(`rounds must be a positive integer, got ${process.argv[2]}`);

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin', 'alloclab.js');
const work = mkdtempSync(join(tmpdir(), 'alloclab-verdicts-'));

/** One busy process per core: the load a shared CI machine puts on a run. */
const busy: ChildProcess[] = Array.from({ length: availableParallelism() }, () =>
  spawn(process.execPath, ['-e', 'for (;;);'], { stdio: 'ignore' }),
);
const stopLoad = () => {
  for (const p of busy) p.kill('SIGKILL');
};
process.on('exit', stopLoad);

function runAll(json: string): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [bin, 'run', '--all', '--variant', 'optimized', '--frames', '300', '--no-progress', '--json', json],
      {
        cwd: root,
        env: { ...process.env, NODE_OPTIONS: '' },
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    );
    child.on('close', (code) => resolve(code ?? 1));
  });
}

let runs = 0;
let overBudget = 0;
let diffWrong = 0;
let remeasured = 0;
const wrong: string[] = [];
let previous: RunFile | null = null;
const started = performance.now();
console.log(`Verdicts under load: ${rounds} round(s) of every optimized variant, ${busy.length} busy process(es) beside them`);
for (let round = 1; round <= rounds; round++) {
  const json = join(work, `round-${round}.json`);
  const code = await runAll(json);
  if (code !== 0) {
    console.error(`round ${round}: alloclab exited ${code}`);
    process.exitCode = 1;
    break;
  }
  const file = parseRunFile(JSON.parse(readFileSync(json, 'utf8')), json);
  for (const run of file.runs) {
    runs++;
    if (run.remeasured) remeasured++;
    if (run.bytesPerFrame.mean > 0) {
      overBudget++;
      wrong.push(`round ${round}: ${run.scene} mean ${run.bytesPerFrame.mean.toFixed(1)} B/frame (max ${run.bytesPerFrame.max} B)`);
    }
  }
  if (previous !== null) {
    for (const row of diffRunFiles(previous, file).rows) {
      if (row.verdict === 'same') continue;
      diffWrong++;
      wrong.push(`round ${round}: diff says ${row.verdict} for ${row.key.scene} (${row.delta.toFixed(1)} B/frame)`);
    }
  }
  previous = file;
  console.log(`  round ${round}: ${Math.round((performance.now() - started) / 1000)} s, ${overBudget + diffWrong} wrong so far`);
}
stopLoad();
rmSync(work, { recursive: true, force: true });
for (const line of wrong.slice(0, 20)) console.log(`  ${line}`);
console.log(`Runs: ${runs}; measured again: ${remeasured}`);
console.log(
  `Wrong verdicts: ${overBudget} of ${runs} over a 0 B budget; ${diffWrong} diff verdicts other than "same" between rounds (goal: 0)`,
);
if (overBudget + diffWrong > 0) process.exitCode = 1;
