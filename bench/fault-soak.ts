/**
 * Fault soak: runs the CLI's faults in a loop and checks, after every run, that no process it
 * started is still running, that no temporary file is left beside the outputs, and that no output
 * was replaced by a failed run. Prints the figures per fault and the totals; exits 1 on any finding.
 * Linux only (it reads /proc). Not part of `npm test`.
 * Run: npm run soak:faults [-- rounds]   (default 100)
 */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { descendants, isRunning } from '../test/cli/processes.ts';

const rounds = Number(process.argv[2] ?? 100);
if (!Number.isSafeInteger(rounds) || rounds < 1) throw new Error(`rounds must be a positive integer, got ${process.argv[2]}`);

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin', 'alloclab.js');
const faults = join('test', 'fixtures', 'scenes', 'faults');
const fault = join(faults, 'fault.ts');
const tiny = ['--frames', '30', '--warmup', '30', '--no-progress'];
const work = mkdtempSync(join(tmpdir(), 'alloclab-fault-soak-'));
const logs = join(work, 'logs');
mkdirSync(logs);
const BEFORE = 'recorded before';

interface Ended {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  tree: number[];
  ms: number;
}

/** Runs the CLI; `act` may signal it. A run still going after 60 s is killed and counted as hung. */
function alloclab(
  args: string[],
  env: NodeJS.ProcessEnv = {},
  act?: (kill: (s: NodeJS.Signals) => void, tree: () => number[], child: ChildProcessByStdio<null, Readable, Readable>) => void,
) {
  return new Promise<Ended & { hung: boolean }>((resolve) => {
    const start = performance.now();
    const child = spawn(process.execPath, [bin, ...args], {
      cwd: root,
      env: { ...process.env, NODE_OPTIONS: '', ALLOCLAB_LOG_DIR: logs, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stdout.resume();
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const seen = new Set<number>();
    const look = (): number[] => {
      for (const pid of descendants(child.pid!)) seen.add(pid);
      return [...seen];
    };
    const watcher = setInterval(look, 20);
    let hung = false;
    const limit = setTimeout(() => {
      hung = true;
      for (const pid of look()) if (isRunning(pid)) process.kill(pid, 'SIGKILL');
      child.kill('SIGKILL');
    }, 60_000);
    act?.((signal) => child.kill(signal), look, child);
    child.on('close', (code, signal) => {
      clearInterval(watcher);
      clearTimeout(limit);
      resolve({ code, signal, stderr, tree: [...seen], ms: performance.now() - start, hung });
    });
  });
}

/** Signals the CLI `afterMs` after its measuring process started. */
function whenMeasuring(signal: NodeJS.Signals, afterMs: number) {
  return (kill: (s: NodeJS.Signals) => void, tree: () => number[]) => {
    const poll = setInterval(() => {
      if (!tree().some(isRunning)) return;
      clearInterval(poll);
      setTimeout(() => kill(signal), afterMs);
    }, 20);
  };
}

/** One fault: how to run it, the exit it must end with, and the outputs a failed run must not replace. */
interface Fault {
  name: string;
  run(dir: string): Promise<Ended & { hung: boolean }>;
  expect: (e: Ended) => boolean;
  /** Files (in the round's directory) written before the run that must keep their content. */
  kept?: string[];
  /** A file the run must write (a successful run). */
  writes?: string;
  /**
   * A run that ended 0 before the signal reached it (the write finished between the temporary
   * file being seen and the signal): its output is a whole, successful one, not a failed run's.
   */
  mayFinishFirst?: boolean;
}

const exit = (code: number) => (e: Ended) => e.code === code;

const FAULTS: Fault[] = [
  {
    name: 'timer left running',
    run: (dir) => alloclab(['run', fault, '--variant', 'timer-left', ...tiny, '--json', join(dir, 'timer.json')]),
    expect: exit(0),
    writes: 'timer.json',
  },
  {
    name: 'timer throws outside frames',
    run: (dir) => alloclab(['run', fault, '--variant', 'timer-throws', ...tiny, '--json', join(dir, 'kept-1.json')]),
    expect: exit(2),
    kept: ['kept-1.json'],
  },
  {
    name: 'unhandled rejection',
    run: (dir) => alloclab(['run', fault, '--variant', 'rejects', ...tiny, '--json', join(dir, 'kept-2.json')]),
    expect: exit(2),
    kept: ['kept-2.json'],
  },
  {
    name: 'throws in every update',
    run: (dir) =>
      alloclab([
        'run',
        fault,
        '--variant',
        'throws-in-update',
        ...tiny,
        '--json',
        join(dir, 'kept-3.json'),
        '--trace',
        join(dir, 'kept-4.json'),
      ]),
    expect: exit(2),
    kept: ['kept-3.json', 'kept-4.json'],
  },
  {
    name: 'second output fails (/dev/full)',
    run: (dir) => alloclab(['run', fault, '--variant', 'timer-left', ...tiny, '--json', join(dir, 'kept-5.json'), '--trace', '/dev/full']),
    expect: exit(2),
    kept: ['kept-5.json'],
  },
  {
    name: 'endless loop in update, --timeout',
    run: () => alloclab(['run', fault, '--variant', 'loops-in-update', ...tiny, '--timeout', '3']),
    expect: exit(2),
  },
  {
    name: 'endless loop at load, --timeout',
    run: () => alloclab(['run', join(faults, 'loops-at-load.ts'), ...tiny, '--timeout', '3']),
    expect: exit(2),
  },
  {
    name: 'out of memory',
    run: () => alloclab(['run', fault, '--variant', 'out-of-memory', ...tiny], { NODE_OPTIONS: '--max-old-space-size=48' }),
    expect: (e) => e.code === 2 && e.stderr.trimEnd().split('\n').length === 1,
  },
  {
    name: 'SIGINT to the CLI',
    run: (dir) =>
      alloclab(
        ['run', fault, '--variant', 'loops-in-update', ...tiny, '--json', join(dir, 'kept-6.json')],
        {},
        whenMeasuring('SIGINT', 1000),
      ),
    expect: exit(130),
    kept: ['kept-6.json'],
  },
  {
    name: 'SIGTERM to the CLI',
    run: () => alloclab(['run', fault, '--variant', 'loops-in-update', ...tiny], {}, whenMeasuring('SIGTERM', 1000)),
    expect: exit(143),
  },
  {
    name: 'SIGHUP to the CLI',
    run: () => alloclab(['run', fault, '--variant', 'loops-in-update', ...tiny], {}, whenMeasuring('SIGHUP', 1000)),
    expect: exit(129),
  },
  {
    name: 'CLI killed (SIGKILL)',
    run: () => alloclab(['run', fault, '--variant', 'loops-in-update', ...tiny], {}, whenMeasuring('SIGKILL', 1000)),
    expect: (e) => e.signal === 'SIGKILL',
  },
  {
    name: 'SIGINT while a large trace is written',
    run: (dir) =>
      alloclab(
        ['run', 'bullets', '--deep', '--frames', '20000', '--warmup', '30', '--no-progress', '--trace', join(dir, 'kept-7.json')],
        {},
        (kill, _tree, child) => {
          // The moment the temporary file appears beside the trace; no more looking once the CLI
          // ended (it may finish writing between two looks, and the round's folder then goes).
          const poll = setInterval(() => {
            if (!readdirSync(dir).some((f) => f.startsWith('.kept-7.json.'))) return;
            clearInterval(poll);
            kill('SIGINT');
          }, 2);
          child.once('exit', () => clearInterval(poll));
        },
      ),
    expect: exit(130),
    kept: ['kept-7.json'],
    mayFinishFirst: true,
  },
  {
    name: 'scene printing to a closed pipe',
    // As `| head -c 50`: the reader closes the pipe after the first chunk.
    run: () =>
      alloclab(['run', join(faults, 'prints.ts'), ...tiny], {}, (_kill, _tree, child) =>
        child.stdout.once('data', () => child.stdout.destroy()),
      ),
    expect: (e) => e.code === 0 && !e.stderr.includes('EPIPE'),
  },
];

interface Tally {
  runs: number;
  unexpected: number;
  hung: number;
  leftRunning: number;
  tempFiles: number;
  replaced: number;
  notWritten: number;
  finishedFirst: number;
  ms: number[];
}

const tallies = new Map<string, Tally>(
  FAULTS.map((f) => [
    f.name,
    { runs: 0, unexpected: 0, hung: 0, leftRunning: 0, tempFiles: 0, replaced: 0, notWritten: 0, finishedFirst: 0, ms: [] },
  ]),
);
const examples: string[] = [];

async function runFault(f: Fault, round: number): Promise<void> {
  const dir = join(work, `round-${round}-${FAULTS.indexOf(f)}`);
  mkdirSync(dir);
  for (const file of f.kept ?? []) writeFileSync(join(dir, file), BEFORE);
  const ended = await f.run(dir);
  const t = tallies.get(f.name)!;
  t.runs++;
  t.ms.push(ended.ms);
  if (ended.hung) t.hung++;
  const finishedFirst = f.mayFinishFirst === true && ended.code === 0 && (f.kept ?? []).every((file) => wholeJson(join(dir, file)));
  if (finishedFirst) t.finishedFirst++;
  else if (!f.expect(ended)) {
    t.unexpected++;
    if (examples.length < 10) examples.push(`${f.name}: code ${ended.code} signal ${ended.signal}: ${ended.stderr.trim().slice(0, 300)}`);
  }
  // Give a killed process a moment to be gone, then look.
  const until = Date.now() + 3000;
  while (ended.tree.some(isRunning) && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
  t.leftRunning += ended.tree.filter(isRunning).length;
  for (const pid of ended.tree) if (isRunning(pid)) process.kill(pid, 'SIGKILL');
  t.tempFiles += readdirSync(dir).filter((name) => name.endsWith('.tmp')).length;
  if (!finishedFirst) for (const file of f.kept ?? []) if (readFileSync(join(dir, file), 'utf8') !== BEFORE) t.replaced++;
  if (f.writes !== undefined && !existsSync(join(dir, f.writes))) t.notWritten++;
  rmSync(dir, { recursive: true, force: true });
}

function wholeJson(path: string): boolean {
  try {
    JSON.parse(readFileSync(path, 'utf8'));
    return true;
  } catch {
    return false;
  }
}

const started = performance.now();
console.log(`Fault soak: ${rounds} round(s) of ${FAULTS.length} faults, two at a time; outputs in ${work}`);
for (let round = 1; round <= rounds; round++) {
  const queue = [...FAULTS];
  await Promise.all(
    [0, 1].map(async () => {
      for (let f = queue.shift(); f !== undefined; f = queue.shift()) await runFault(f, round);
    }),
  );
  if (round % 10 === 0 || round === rounds) console.log(`  round ${round}: ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
const rows = [...tallies].map(([name, t]) => ({
  fault: name,
  runs: t.runs,
  'median s': (median(t.ms) / 1000).toFixed(2),
  unexpected: t.unexpected,
  hung: t.hung,
  'left running': t.leftRunning,
  'temp files': t.tempFiles,
  replaced: t.replaced,
  'not written': t.notWritten,
  'ended before the signal': t.finishedFirst,
}));
console.table(rows);
const total = (key: keyof Tally) => [...tallies.values()].reduce((sum, t) => sum + (t[key] as number), 0);
const findings = total('unexpected') + total('hung') + total('leftRunning') + total('tempFiles') + total('replaced') + total('notWritten');
const logCount = readdirSync(logs).length;
console.log(
  `${total('runs')} runs in ${((performance.now() - started) / 1000).toFixed(0)} s: ${total('unexpected')} unexpected exits, ${total('hung')} hung, ` +
    `${total('leftRunning')} processes left running, ${total('tempFiles')} temporary files left, ${total('replaced')} outputs replaced by a failed run, ` +
    `${total('notWritten')} outputs missing; ${total('finishedFirst')} runs ended (0, output whole) before the signal reached them; ${logCount} failure logs written`,
);
for (const example of examples) console.log(`  ${example}`);
rmSync(work, { recursive: true, force: true });
process.exitCode = findings === 0 ? 0 : 1;
