// The CLI under faults: a scene that never ends, throws outside frames or runs out of memory, a CLI
// killed by a signal, outputs that cannot be written. Nothing hangs, nothing is left running,
// nothing recorded is lost, and every failure is one line.
import { afterAll, describe, it, expect } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseRunFile } from '../../src/profiler/exports/runFile.ts';
import { writeOutputs } from '../../src/cli/outputs.ts';
import { cleanUp } from '../../src/cli/lifetime.ts';
import { descendants, isRunning } from './processes.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(root, 'bin', 'alloclab.js');
const faults = join('test', 'fixtures', 'scenes', 'faults');
const fault = join(faults, 'fault.ts');
const tiny = ['--frames', '30', '--warmup', '30', '--no-progress'];
// Every directory the tests make (outputs, and the failure logs, ALLOCLAB_LOG_DIR), removed at the end.
const scratch = mkdtempSync(join(tmpdir(), 'alloclab-faults-'));
const logs = mkdtempSync(join(scratch, 'logs-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface Ended {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Every process the CLI started (its whole tree, seen while it ran). */
  tree: number[];
}

/**
 * Runs the CLI and resolves when it ended; a CLI still running after `limitMs` is killed and the
 * promise rejects (a hang fails the test). `onStart` gets the process, e.g. to signal it.
 */
function alloclab(
  args: string[],
  options: {
    env?: NodeJS.ProcessEnv;
    limitMs?: number;
    onStart?: (child: ChildProcess, tree: () => number[]) => void;
    /** Node's own flags, before the script. */
    nodeArgs?: string[];
  } = {},
): Promise<Ended> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), bin, ...args], {
      cwd: root,
      env: { ...process.env, NODE_OPTIONS: '', ALLOCLAB_LOG_DIR: logs, ...options.env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const seen = new Set<number>();
    const look = (): number[] => {
      for (const pid of descendants(child.pid!)) seen.add(pid);
      return [...seen];
    };
    const watcher = setInterval(look, 25);
    const limit = setTimeout(() => {
      for (const pid of look()) if (isRunning(pid)) process.kill(pid, 'SIGKILL');
      child.kill('SIGKILL');
      reject(new Error(`alloclab ${args.join(' ')} did not end within ${options.limitMs ?? 30_000} ms`));
    }, options.limitMs ?? 30_000);
    options.onStart?.(child, look);
    // 'close': the CLI ended and its output streams are closed (no process it started holds them).
    child.on('close', (code, signal) => {
      clearInterval(watcher);
      clearTimeout(limit);
      resolve({ code, signal, stdout, stderr, tree: [...seen] });
    });
  });
}

/** Resolves once every process in `pids` has ended (zombies count as ended), or after `ms`. */
async function ended(pids: number[], ms = 3000): Promise<number[]> {
  const until = Date.now() + ms;
  let alive = pids.filter(isRunning);
  while (alive.length > 0 && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 50));
    alive = alive.filter(isRunning);
  }
  return alive;
}

function tempDir(): string {
  return mkdtempSync(join(scratch, 'out-'));
}

/** The failure line the CLI printed: exactly one line on stderr. */
function oneLine(stderr: string): string {
  const lines = stderr.trimEnd().split('\n');
  expect(lines, stderr).toHaveLength(1);
  return lines[0]!;
}

describe('alloclab under faults: nothing hangs, nothing is left running', () => {
  it('ends when it has its result, whatever timer the scene left running', async () => {
    const dir = tempDir();
    const json = join(dir, 'out.json');
    const run = await alloclab(['run', fault, '--variant', 'timer-left', ...tiny, '--json', json]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(parseRunFile(JSON.parse(readFileSync(json, 'utf8'))).runs[0]!.variant).toBe('timer-left');
    expect(run.tree.length).toBeGreaterThan(0);
    expect(await ended(run.tree)).toEqual([]);
  });

  it('--timeout ends an endless loop in setup, in update and at the top level of the file: one line naming the phase, exit 2', async () => {
    const [setup, update, load] = await Promise.all([
      alloclab(['run', fault, '--variant', 'loops-in-setup', ...tiny, '--timeout', '3']),
      alloclab(['run', fault, '--variant', 'loops-in-update', ...tiny, '--timeout', '3']),
      alloclab(['run', join(faults, 'loops-at-load.ts'), ...tiny, '--timeout', '3']),
    ]);
    for (const run of [setup, update, load]) {
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(await ended(run.tree)).toEqual([]);
    }
    expect(oneLine(setup.stderr)).toBe('alloclab: scene "fault" (loops-in-setup) failed in setup: no result within 3 s (--timeout)');
    // It loops in frame 40 of the warm-up: the last report it sent was before.
    expect(oneLine(update.stderr)).toMatch(
      /^alloclab: scene "fault" \(loops-in-update\) failed in warm-up: no result within 3 s \(--timeout\); last report: frame \d+ of 60$/,
    );
    expect(oneLine(load.stderr)).toBe(`alloclab: ${join(faults, 'loops-at-load.ts')} failed in load: no result within 3 s (--timeout)`);
  });

  it('--timeout ends a scene looping in the browser too (--browser): one line, exit 2, no browser left', async () => {
    const run = await alloclab(['run', fault, '--variant', 'loops-in-update', '--browser', ...tiny, '--timeout', '4']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    // The lab page reports once setup is done: the loop is in the frames after it.
    expect(oneLine(run.stderr)).toBe(
      'alloclab: scene "fault" (loops-in-update) failed in run: no result within 4 s (--timeout); last report: frame 0 of 60',
    );
    expect(await ended(run.tree)).toEqual([]);
  });

  it('no measuring process outlives the CLI: SIGINT, SIGTERM, SIGHUP to the CLI, and the CLI killed outright', async () => {
    const signals = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGKILL'] as const;
    const runs = await Promise.all(
      signals.map((signal) =>
        alloclab(['run', fault, '--variant', 'loops-in-update', ...tiny], {
          onStart: (child, tree) => {
            // Once the measuring process runs, and has had time to load the scene and reach its loop.
            const poll = setInterval(() => {
              if (!tree().some(isRunning)) return;
              clearInterval(poll);
              setTimeout(() => child.kill(signal), 1000);
            }, 25);
          },
        }),
      ),
    );
    for (const [i, run] of runs.entries()) {
      const signal = signals[i]!;
      if (signal === 'SIGKILL') expect(run.signal).toBe('SIGKILL');
      else {
        expect(run.code).toBe(128 + { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 }[signal]);
        expect(run.stderr).toBe(`alloclab: stopped by ${signal}\n`);
      }
      expect(run.tree.length).toBeGreaterThan(0);
      expect(await ended(run.tree), `left running after ${signal}`).toEqual([]);
    }
  });
});

describe('alloclab on a Node that strips types only behind a flag (it starts itself again with it)', () => {
  // Node before 22.18 strips types only with --experimental-strip-types; this Node, started with
  // --no-experimental-strip-types, takes the same path: bin/alloclab.js starts a second process.
  const nodeArgs = ['--no-experimental-strip-types'];

  it('measures a scene file, and the first process killed outright takes the second and its measuring process with it', async () => {
    const ok = await alloclab(['run', join('test', 'fixtures', 'scenes', 'user-scene.ts'), ...tiny], { nodeArgs });
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^user-scene · allocating/);
    const killed = await alloclab(['run', fault, '--variant', 'loops-in-update', ...tiny], {
      nodeArgs,
      onStart: (child, tree) => {
        // The second CLI and its measuring process (three processes in all, with the first).
        const poll = setInterval(() => {
          if (tree().filter(isRunning).length < 2) return;
          clearInterval(poll);
          setTimeout(() => child.kill('SIGKILL'), 1000);
        }, 25);
      },
    });
    expect(killed.signal).toBe('SIGKILL');
    expect(killed.tree.length).toBeGreaterThanOrEqual(2);
    expect(await ended(killed.tree), 'left running after the first process was killed').toEqual([]);
  });
});

describe('alloclab under faults: every failure is one line', () => {
  it('an error thrown outside frames (a timer, an unhandled rejection) fails the run with exit 2, the stack in a log the line names', async () => {
    const [timer, rejection] = await Promise.all([
      alloclab(['run', fault, '--variant', 'timer-throws', ...tiny]),
      alloclab(['run', fault, '--variant', 'rejects', ...tiny]),
    ]);
    const lines = readFileSync(join(root, fault), 'utf8').split('\n');
    const lineOf = (text: string): number => lines.findIndex((l) => l.includes(text)) + 1;
    for (const [run, variant, message] of [
      [timer, 'timer-throws', 'timer went off'],
      [rejection, 'rejects', 'nobody caught this'],
    ] as const) {
      const line = lineOf(`new Error('${message}')`);
      expect(run.code).toBe(2);
      const failure = oneLine(run.stderr);
      expect(failure).toMatch(
        new RegExp(
          `^alloclab: scene "fault" \\(${variant}\\) failed in warm-up: ${message} \\(thrown outside a frame: in a timer, an event or a promise job\\) \\(${fault}:${line}\\); details in (\\S+\\.log)$`,
        ),
      );
      const log = readFileSync(/details in (\S+\.log)$/.exec(failure)![1]!, 'utf8');
      expect(log).toContain(`Error: ${message}`);
      expect(log).toMatch(/\n\s+at /);
    }
  });

  it("out of memory is one line; V8's fatal error text goes to the log, or to stderr with --verbose", async () => {
    const env = { NODE_OPTIONS: '--max-old-space-size=48' };
    const [logged, verbose] = await Promise.all([
      alloclab(['run', fault, '--variant', 'out-of-memory', ...tiny], { env }),
      alloclab(['run', fault, '--variant', 'out-of-memory', ...tiny, '--verbose'], { env }),
    ]);
    expect(logged.code).toBe(2);
    const failure = oneLine(logged.stderr);
    expect(failure).toMatch(
      /^alloclab: scene "fault" \(out-of-memory\) failed in (warm-up|setup): out of memory \(V8 stopped the measuring process with SIGABRT\); details in \S+\.log$/,
    );
    expect(readFileSync(/details in (\S+\.log)$/.exec(failure)![1]!, 'utf8')).toMatch(/heap out of memory/);
    expect(verbose.code).toBe(2);
    expect(verbose.stderr).toMatch(/heap out of memory/);
    expect(verbose.stderr.trimEnd().split('\n').at(-1)).toMatch(
      /failed in (warm-up|setup): out of memory \(V8 stopped the measuring process with SIGABRT\)$/,
    );
  });

  it('a scene file that does not load names the file, the phase and the line: a syntax error, a top-level throw, no size, CommonJS', async () => {
    const dir = tempDir();
    const syntax = join(dir, 'syntax-error.ts');
    writeFileSync(syntax, 'export default {\n  name: "broken"\n  size: 1,\n};\n');
    const [bad, throws, noSize, commonjs] = await Promise.all([
      alloclab(['run', syntax, ...tiny]),
      alloclab(['run', join(faults, 'throws-at-load.ts'), ...tiny]),
      alloclab(['run', join(faults, 'no-size.ts'), ...tiny]),
      alloclab(['run', join(faults, 'commonjs.js'), ...tiny]),
    ]);
    for (const run of [bad, throws, noSize, commonjs]) expect(run.code).toBe(2);
    expect(oneLine(bad.stderr)).toBe(`alloclab: ${syntax} failed in load: SyntaxError: Expected ',', got 'ident' (${syntax}:3)`);
    expect(oneLine(throws.stderr)).toMatch(
      new RegExp(
        `^alloclab: ${join(faults, 'throws-at-load.ts')} failed in load: SyntaxError: .*is not valid JSON \\(${join(faults, 'throws-at-load.ts')}:4\\)$`,
      ),
    );
    expect(oneLine(noSize.stderr)).toBe(
      `alloclab: ${join(faults, 'no-size.ts')} failed in load: scene "no-size" has no size: a scene needs size: { default, min, max, unit }; e.g. size: { default: 1, min: 1, max: 1, unit: 'objects' }`,
    );
    expect(oneLine(commonjs.stderr)).toBe(
      `alloclab: ${join(faults, 'commonjs.js')} failed in load: ReferenceError: module is not defined in ES module scope (${join(faults, 'commonjs.js')}:2): a scene file is an ES module, this one is CommonJS; export default defineScene({ ... }) with import statements`,
    );
  });

  it('a scene printing to a reader that went away (| head -c 50) ends without an EPIPE stack', async () => {
    const run = await alloclab(['run', join(faults, 'prints.ts'), ...tiny], {
      onStart: (child) => child.stdout!.once('data', () => child.stdout!.destroy()),
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });

  it('a browser that does not start is one line without colour codes, exit 2; alloclab alone prints its help and exits 2', async () => {
    const [browser, page, bare] = await Promise.all([
      alloclab(['run', 'bullets', '--browser', ...tiny], { env: { ALLOCLAB_CHROMIUM: '/bin/false' } }),
      alloclab(['page', join('test', 'fixtures', 'pages', 'raf-loop.html'), ...tiny], { env: { ALLOCLAB_CHROMIUM: '/bin/false' } }),
      alloclab([]),
    ]);
    for (const run of [browser, page]) {
      expect(run.code).toBe(2);
      expect(oneLine(run.stderr)).toMatch(/^alloclab: Chromium did not start: \/bin\/false \(it exited with code 1\): \S/);
      // No terminal colour codes (ESC [ ... m) from Playwright's call log.
      expect(run.stderr).not.toContain(String.fromCharCode(27));
    }
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain('Usage: alloclab [options] [command]');
  });
});

describe('alloclab under faults: nothing recorded is lost', () => {
  it('output paths are checked before measuring, in one line naming the path; - is the standard output', async () => {
    const dir = tempDir();
    const [directory, missing, empty, stdout] = await Promise.all([
      alloclab(['run', fault, '--variant', 'timer-left', ...tiny, '--json', dir]),
      alloclab(['run', fault, '--variant', 'timer-left', ...tiny, '--json', join(dir, 'no-such-dir', 'out.json')]),
      alloclab(['run', fault, '--variant', 'timer-left', ...tiny, '--json', '']),
      alloclab(['run', fault, '--variant', 'timer-left', ...tiny, '--json', '-']),
    ]);
    expect(directory.code).toBe(2);
    expect(oneLine(directory.stderr)).toBe(`alloclab: --json ${dir}: is a directory, not a file`);
    expect(missing.code).toBe(2);
    expect(oneLine(missing.stderr)).toBe(
      `alloclab: --json ${join(dir, 'no-such-dir', 'out.json')}: no directory ${join(dir, 'no-such-dir')}`,
    );
    expect(empty.code).toBe(2);
    expect(oneLine(empty.stderr)).toBe('alloclab: --json needs a file name (or - for the standard output)');
    // Refused before anything ran: no measuring process was started.
    for (const run of [directory, missing, empty]) expect(run.tree).toEqual([]);
    expect(stdout.code).toBe(0);
    expect(parseRunFile(JSON.parse(stdout.stdout)).runs[0]!.variant).toBe('timer-left');
    expect(stdout.stderr).toContain('GC Alloc / frame');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a run whose scene threw keeps the old files; with --keep-failed its JSON says what failed; a failing second output replaces nothing', async () => {
    const dir = tempDir();
    const [kept, keptTrace, failedJson, devFull] = ['kept.json', 'kept.trace.json', 'failed.json', 'first.json'].map((f) => join(dir, f));
    for (const path of [kept, keptTrace, failedJson, devFull]) writeFileSync(path, 'recorded before');
    const laterJson = join(dir, 'later.json');
    const [threw, keepFailed, second, later] = await Promise.all([
      alloclab(['run', fault, '--variant', 'throws-in-update', ...tiny, '--json', kept, '--trace', keptTrace]),
      alloclab(['run', fault, '--variant', 'throws-in-update', ...tiny, '--json', failedJson, '--keep-failed']),
      alloclab(['run', fault, '--variant', 'timer-left', ...tiny, '--json', devFull, '--trace', '/dev/full']),
      alloclab(['compare', join(faults, 'second-fails.ts'), ...tiny, '--json', laterJson, '--keep-failed']),
    ]);
    expect(threw.code).toBe(2);
    expect(oneLine(threw.stderr)).toMatch(
      /^alloclab: scene "fault" \(throws-in-update\) failed in update: \d+ error\(s\) thrown during frames; first: Spawner on "Spawner" threw in update \(frame 1\): Error: sprite missing \(test\/fixtures\/scenes\/faults\/fault.ts:57\)$/,
    );
    expect(readFileSync(kept, 'utf8')).toBe('recorded before');
    expect(readFileSync(keptTrace, 'utf8')).toBe('recorded before');
    expect(keepFailed.code).toBe(2);
    const file = parseRunFile(JSON.parse(readFileSync(failedJson, 'utf8')));
    expect(file.failure).toMatchObject({ scene: 'fault', variant: 'throws-in-update', phase: 'update' });
    expect(file.failure!.message).toMatch(/error\(s\) thrown during frames; first: .*sprite missing/);
    expect(file.runs[0]!.frames).toBe(30);
    expect(second.code).toBe(2);
    expect(second.stderr).toBe('alloclab: could not write /dev/full (ENOSPC); no file was replaced\n');
    expect(readFileSync(devFull, 'utf8')).toBe('recorded before');
    // The second variant failed in setup: the JSON keeps the first, and says what failed and where.
    expect(later.code).toBe(2);
    expect(oneLine(later.stderr)).toBe(
      `alloclab: scene "second-fails" (optimized) failed in setup: level file missing (${join(faults, 'second-fails.ts')}:11)`,
    );
    const laterFile = parseRunFile(JSON.parse(readFileSync(laterJson, 'utf8')));
    expect(laterFile.runs.map((r) => r.variant)).toEqual(['allocating']);
    expect(laterFile.failure).toEqual({
      scene: 'second-fails',
      variant: 'optimized',
      phase: 'setup',
      message: `level file missing (${join(faults, 'second-fails.ts')}:11)`,
    });
    expect(readdirSync(dir).sort()).toEqual(['failed.json', 'first.json', 'kept.json', 'kept.trace.json', 'later.json']);
  });

  it('temporary files are removed when the CLI ends while it writes (as on SIGINT), and nothing is replaced', async () => {
    const dir = tempDir();
    const target = join(dir, 'big.trace.json');
    writeFileSync(target, 'recorded before');
    const writing = writeOutputs([{ path: target, data: 'x'.repeat(64 << 20), written: 'written' }], () => {});
    const temp = join(dir, `.big.trace.json.${process.pid}.tmp`);
    while (!existsSync(temp)) await new Promise((r) => setImmediate(r));
    cleanUp();
    await expect(writing).rejects.toThrow('stopped while the outputs were written; no file was replaced');
    expect(readdirSync(dir)).toEqual(['big.trace.json']);
    expect(readFileSync(target, 'utf8')).toBe('recorded before');
  });
});

describe('the production warm-up of a user scene file', () => {
  it('settles (the user-scene fixture ran to the 20,000-frame cap before: its update is inlined and never optimised itself)', async () => {
    const dir = tempDir();
    const json = join(dir, 'settled.json');
    const run = await alloclab(['run', join('test', 'fixtures', 'scenes', 'user-scene.ts'), ...tiny, '--json', json]);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain('not seen to settle');
    const [result] = parseRunFile(JSON.parse(readFileSync(json, 'utf8'))).runs;
    expect(result!.jitSettled).toBe(true);
    expect(result!.warmup).toBeLessThan(20_000);
  });
});
