import { fork } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MODE_FLAGS } from '../node/modes.ts';
import { ownModule } from '../node/packageLayout.ts';
import { trackChild } from './lifetime.ts';
import type { SceneRef } from './sceneRef.ts';
import type { DescribeSpec, ParentMessage, SceneInfo, WorkerMessage, WorkerSpec } from './worker/protocol.ts';
import type { ProfileMode } from '../profiler/RunResult.ts';

/** A finished variant, as the worker reported it. */
export type VariantOutcome = Extract<WorkerMessage, { type: 'result' }>;

/** A failure of the scene or the measuring process, reported in one line by the CLI. */
export class SceneFailure extends Error {
  readonly phase: string;
  /** file:line where the scene threw, when known. */
  location?: string;
  /** The log file that holds the raw detail (a stack, V8's fatal error text). */
  log?: string;
  /** The scene and variant that failed, and the message before the CLI made it a line (for the JSON of --keep-failed). */
  scene?: string;
  variant?: string;
  reason?: string;
  /** Variants measured before this one failed (written with --keep-failed). */
  outcomes: VariantOutcome[] = [];

  constructor(phase: string, message: string, extra: { location?: string; log?: string } = {}) {
    super(message);
    this.phase = phase;
    if (extra.location !== undefined) this.location = extra.location;
    if (extra.log !== undefined) this.log = extra.log;
  }
}

/** Default of `--timeout`: seconds a variant may take, far above any catalog scene's. */
export const DEFAULT_TIMEOUT_S = 300;

/** How the CLI runs a measuring process. */
export interface WorkerControl {
  /** Seconds before the process is killed and the variant fails (`--timeout`). */
  timeoutS: number;
  /** Print the process's raw error output instead of keeping it in a log file (`--verbose`). */
  verbose: boolean;
}

const workerPath = ownModule('src/cli/worker/worker.ts');

/** Most bytes of a process's stderr kept for its log (the end of it). */
const STDERR_KEPT = 1 << 20;

let logCount = 0;

/** Writes the raw detail of a failure to a log file and returns its path (null when it could not). */
function writeLog(text: string): string | null {
  const dir = process.env.ALLOCLAB_LOG_DIR || tmpdir();
  const path = join(dir, `alloclab-${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}-${++logCount}.log`);
  try {
    writeFileSync(path, text);
    return path;
  } catch {
    return null;
  }
}

/**
 * Runs `spec` in a fresh Node process started with `flags`, and resolves with its last message
 * (a result or a scene description). The process is killed when the CLI has the result (whatever
 * the scene left running), at the timeout, and when the CLI ends; its stderr is passed on after a
 * success and kept in a log file (or printed, with `verbose`) after a failure.
 */
function runProcess(
  spec: WorkerSpec | DescribeSpec,
  flags: readonly string[],
  control: WorkerControl,
  onProgress?: (done: number, total: number) => void,
  onScene?: (scene: SceneInfo) => WorkerSpec | null,
): Promise<Extract<WorkerMessage, { type: 'result' | 'scene' }>> {
  return new Promise((resolve, reject) => {
    const child = fork(workerPath, [JSON.stringify(spec), String(process.pid)], {
      execArgv: [...flags],
      stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
      serialization: 'advanced',
    });
    trackChild(child);
    let stderr = '';
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (chunk: string) => {
      stderr += chunk;
      if (stderr.length > 2 * STDERR_KEPT) stderr = stderr.slice(-STDERR_KEPT);
    });
    let last: { phase: string; done?: number; total?: number } = { phase: 'load' };
    let final: Extract<WorkerMessage, { type: 'result' | 'scene' }> | null = null;
    let failure: Extract<WorkerMessage, { type: 'error' }> | null = null;
    let timedOut = false;
    let grace: NodeJS.Timeout | undefined;
    const startTimer = () =>
      setTimeout(() => {
        timedOut = true;
        child.kill('SIGKILL');
      }, control.timeoutS * 1000);
    let timer = startTimer();
    child.on('message', (message: WorkerMessage) => {
      if (message.type === 'progress') {
        last = { phase: message.phase, done: message.done, total: message.total };
        onProgress?.(message.done, message.total);
        return;
      }
      if (message.type === 'phase') {
        last = { phase: message.phase };
        return;
      }
      if (message.type === 'error') failure = message;
      else if (message.type === 'scene' && 'describe' in spec && spec.hold) {
        // Described, and holding: measure the first variant in this process, or stop it.
        const next = onScene?.(message.scene) ?? null;
        if (next !== null) {
          clearTimeout(timer);
          timer = startTimer();
          last = { phase: 'setup' };
          child.send({ type: 'measure', spec: next } satisfies ParentMessage);
          return;
        }
        final = message;
        child.send({ type: 'stop' } satisfies ParentMessage);
      } else final = message;
      // The process exits by itself once it sent its last message; a scene's handle cannot keep it.
      grace = setTimeout(() => child.kill('SIGKILL'), 2000);
    });
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new SceneFailure('start', error.message));
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      clearTimeout(grace);
      const failed = (message: string, phase = last.phase, location?: string): void => {
        let log: string | undefined;
        const detail = stderr.trim();
        if (detail !== '') {
          if (control.verbose) process.stderr.write(detail + '\n');
          else log = writeLog(detail + '\n') ?? undefined;
        }
        reject(new SceneFailure(phase, message, { ...(location ? { location } : {}), ...(log ? { log } : {}) }));
      };
      if (timedOut) {
        const at =
          last.done === undefined
            ? ''
            : `; last report: frame ${last.done.toLocaleString('en-US')} of ${last.total!.toLocaleString('en-US')}`;
        failed(`no result within ${control.timeoutS} s (--timeout)${at}`);
      } else if (failure) failed(failure.message, failure.phase, failure.location);
      else if (final) {
        if (stderr !== '') process.stderr.write(stderr);
        resolve(final);
      } else if (/heap out of memory|Fatal JavaScript out of memory|Allocation failed/i.test(stderr)) {
        failed(`out of memory (V8 stopped the measuring process${signal ? ` with ${signal}` : ''})`);
      } else failed(`the measuring process ended without a result (${signal ?? `exit code ${code}`})`);
    });
  });
}

/**
 * Measures one variant in a fresh Node process started with the mode's V8 flags, and resolves
 * with its result. `onProgress` gets frames done and total (warm-up included).
 */
export async function runVariant(
  spec: WorkerSpec,
  control: WorkerControl,
  onProgress?: (done: number, total: number) => void,
): Promise<VariantOutcome> {
  return (await runProcess(spec, MODE_FLAGS[spec.mode], control, onProgress)) as VariantOutcome;
}

/**
 * Loads a scene file in a measuring process (its top level may throw, loop or leave timers running:
 * the CLI is not where it runs). `info` resolves with its name, variants and size; `first(info)`
 * returns the spec of the first variant to measure in that same process (null: none, the process
 * ends), whose outcome `outcome` resolves with (null when there was none). Started with `mode`'s flags.
 */
export function openSceneFile(
  scene: SceneRef,
  mode: ProfileMode,
  control: WorkerControl,
  first: (info: SceneInfo) => WorkerSpec | null,
  onProgress: (done: number, total: number) => void,
): { info: Promise<SceneInfo>; outcome: Promise<VariantOutcome | null> } {
  let resolveInfo!: (info: SceneInfo) => void;
  let rejectInfo!: (error: unknown) => void;
  const info = new Promise<SceneInfo>((resolve, reject) => {
    resolveInfo = resolve;
    rejectInfo = reject;
  });
  const run = runProcess({ describe: true, scene, hold: true }, MODE_FLAGS[mode], control, onProgress, (described) => {
    resolveInfo(described);
    return first(described);
  });
  // A failure before the scene was described is the info's (a rejection after it changes nothing).
  run.catch(rejectInfo);
  const outcome = run.then((message) => (message.type === 'result' ? message : null));
  outcome.catch(() => {});
  return { info, outcome };
}

/**
 * Measures one variant and counts its allocation sites, in two processes: the first measures the
 * scene as written; the second runs it instrumented for exactly as many warm-up frames, so its
 * measured frames are the same frames, and counts the sites. The run's figures are the first's;
 * the sites' verdicts are judged on the first's bytes (the counters make V8 inline less, so
 * instrumented code can allocate more than the code as written).
 */
export async function runVariantCountingSites(
  spec: WorkerSpec,
  control: WorkerControl,
  onProgress?: (done: number, total: number) => void,
): Promise<VariantOutcome> {
  let firstTotal = 0;
  const measured = await runVariant({ ...spec, sites: false }, control, (done, total) => {
    firstTotal = total;
    onProgress?.(done, total * 2);
  });
  const reference = measured.result.perFrameBytes;
  const counted = await runVariant(
    // Leak and live-heap passes belong to the code as written: the first process ran them.
    {
      ...spec,
      sites: true,
      warmup: measured.result.warmup,
      quietFrames: 0,
      siteReferenceBytes: reference,
      leakFrames: null,
      liveHeap: false,
    },
    control,
    (done, total) => onProgress?.(firstTotal + done, firstTotal + total),
  );
  const result = { ...measured.result };
  if (counted.result.sites) result.sites = counted.result.sites;
  if (counted.result.perFrameSiteHits) result.perFrameSiteHits = counted.result.perFrameSiteHits;
  return { ...measured, result };
}
