import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import { readFileSync } from 'node:fs';
import * as nodeModule from 'node:module';
import { MODE_FLAGS, PROFILE_MODES, type ProfileMode } from '../node/modes.ts';
import { PACKAGE_JSON } from '../node/packageLayout.ts';
import { toRunFile, stringifyRunFile } from '../profiler/exports/runFile.ts';
import { relative } from 'node:path';
import { toChromeTrace } from '../profiler/exports/chromeTrace.ts';
import type { RunFailure, RunResult, RuntimeInfo } from '../profiler/RunResult.ts';
import { formatComparison, formatRun } from './format/format.ts';
import { withinBudget } from './budget.ts';
import { addPageCommand } from './pageCommand.ts';
import { addInitCommand } from './init.ts';
import { addDiffCommand } from './diffCommand.ts';
import { addMergeCommand } from './mergeCommand.ts';
import { addViewCommand } from './viewCommand.ts';
import { formatSites } from './format/formatSites.ts';
import { formatGcComparison, formatGcReport } from './format/formatGc.ts';
import { formatAttribution, formatEngine } from './format/formatBrowser.ts';
import { openBrowserLab } from './browserRun.ts';
import { expandSceneArgs, loadScene, parseSceneRef, sceneInfo, selectVariants, type SceneRef } from './sceneRef.ts';
import {
  DEFAULT_TIMEOUT_S,
  openSceneFile,
  runVariant,
  runVariantCountingSites,
  SceneFailure,
  type VariantOutcome,
  type WorkerControl,
} from './runScene.ts';
import { UsageError } from './UsageError.ts';
import { checkOutputs, writeOutputs, writesToStdout, type Output } from './outputs.ts';
import { installExitHandlers } from './lifetime.ts';
import type { SceneInfo, WorkerSpec } from './worker/protocol.ts';
import { addExtraPassOptions, extraPassSpec, type ExtraPassOptions } from './worker/extraPasses.ts';

const pkg = JSON.parse(readFileSync(PACKAGE_JSON, 'utf8')) as { version: string };

/** Exit codes: documented in README. */
export const EXIT_OK = 0;
export const EXIT_BUDGET = 1;
export const EXIT_USAGE = 2;

interface RunOptions extends ExtraPassOptions {
  /** Absent: the scene's allocating variant, or its first. */
  variant?: string;
  frames: number;
  warmup: number;
  size?: number;
  mode: ProfileMode;
  deep: boolean;
  json?: string;
  trace?: string;
  budget?: number;
  progress: boolean;
  sites: boolean;
  browser: boolean;
  attribute: boolean;
  timeout: number;
  atFrame?: number;
  verbose: boolean;
  keepFailed: boolean;
  all: boolean;
}

/** Where a scene stands in a run of several: shown before its progress bar. */
interface SetPosition {
  index: number;
  count: number;
}

function positiveInt(name: string, min: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value.replace(/_/g, '')) || !Number.isSafeInteger(n) || n < min) {
      throw new InvalidArgumentError(`${name} must be an integer >= ${min}, got "${value}"`);
    }
    return n;
  };
}

function addRunOptions(command: Command, withVariant: boolean): Command {
  if (withVariant) {
    command.option(
      '-v, --variant <name>',
      "allocating, optimized, both, all, or any variant the scene defines (default: allocating, or a scene's first variant when it has none)",
    );
  }
  return command
    .option('-f, --frames <n>', 'frames to measure', positiveInt('--frames', 1), 600)
    .option('-w, --warmup <n>', 'frames to run first, at least (warm-up goes on until the JIT is quiet)', positiveInt('--warmup', 0), 300)
    .option('-s, --size <n>', "the scene's size parameter (default: the scene's own)", positiveInt('--size', 0))
    .option(
      '--at-frame <n>',
      "measure a fresh world from its frame n on, after the code warmed up on a world of its own (the sandbox's way: its runs say the frame as warmup)",
      positiveInt('--at-frame', 0),
    )
    .addOption(
      new Option('-m, --mode <mode>', 'production: optimiser on; deterministic: no optimising JIT')
        .choices(PROFILE_MODES)
        .default('production'),
    )
    .option('--deep', 'one marker per behaviour type (slower)', false)
    .option('--sites', "count allocation sites in the scene's code, with file:line (estimated bytes beside measured)", false)
    .option('--json <file>', 'write the runs as JSON (schema alloclab.run/1)')
    .option('--trace <file>', 'write a Chrome trace (opens in Perfetto and chrome://tracing)')
    .option('--browser', "measure in headless Chromium (the system's) instead of Node", false)
    .option('--attribute', 'with --browser: a second, slower pass that samples bytes per function (sampled, not measured)', false)
    .option('--budget <bytes>', 'exit 1 when a variant allocates more than this many bytes per frame (mean)', positiveInt('--budget', 0))
    .option(
      '--timeout <seconds>',
      'a variant that has not finished after this long fails (exit 2)',
      positiveInt('--timeout', 1),
      DEFAULT_TIMEOUT_S,
    )
    .option('--keep-failed', 'with --json: write the JSON of a run whose scene failed too (it says what failed)', false)
    .option('--verbose', "print a failed measuring process's raw error output instead of keeping it in a log file", false)
    .option('--all', 'every scene of the catalog, one after the other, into one JSON', false)
    .option('--no-progress', 'no progress bar');
}

/** Who failed, as a failure line names it: the scene, or the file when it did not load. */
function subjectOf(ref: SceneRef, name: string | null): string {
  if (name !== null) return `scene "${name}"`;
  return ref.kind === 'catalog' ? `scene "${ref.name}"` : relativePath(ref.path);
}

function relativePath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel.startsWith('..') ? path : rel;
}

/** `<file or scene> (<variant>) failed in <phase>: <message> (file:line); details in <log>`: a failure line without its prefix. */
function failureLine(subject: string, variant: string | null, failure: SceneFailure): string {
  const where = failure.location ? ` (${failure.location})` : '';
  const log = failure.log ? `; details in ${failure.log}` : '';
  return `${subject}${variant === null ? '' : ` (${variant})`} failed in ${failure.phase}: ${failure.message}${where}${log}`;
}

/** Options refused whatever the scene (before anything loads). */
function checkOptions(options: RunOptions): void {
  if (options.attribute && !options.browser) throw new UsageError("--attribute needs --browser (it samples with Chromium's heap profiler)");
  if (options.browser && (options.leaks || options.liveHeap)) {
    throw new UsageError(
      `--${options.leaks ? 'leaks' : 'live-heap'} is not available with --browser yet`,
      'run it in Node (without --browser); the sandbox page has its own leak pass',
    );
  }
  if (options.sites && !('registerHooks' in nodeModule)) {
    throw new UsageError(`--sites needs Node 22.15 or newer (it counts with module.registerHooks); this is Node ${process.versions.node}`);
  }
  // Their second pass re-runs the warm-up's frames on one world: it cannot repeat a switch to another.
  if (options.atFrame !== undefined && (options.sites || options.attribute))
    throw new UsageError(`--at-frame cannot be combined with --${options.sites ? 'sites' : 'attribute'}`);
  if (options.sites && options.browser)
    throw new UsageError(
      '--sites is not available with --browser',
      'count sites in Node (counts do not depend on the engine), or use --attribute for sampled bytes per function in Chromium',
    );
}

/** The variants to measure and the size, or a UsageError. */
function planRun(scene: SceneInfo, options: RunOptions, variantArg: string | undefined): { variants: string[]; size: number } {
  const variants = selectVariants(scene, variantArg);
  const size = options.size ?? scene.size.default;
  if (size < scene.size.min || size > scene.size.max) {
    throw new UsageError(
      `--size ${size} is outside scene "${scene.name}"'s range ${scene.size.min}..${scene.size.max} (${scene.size.unit})`,
    );
  }
  return { variants, size };
}

async function measure(
  sceneArg: string,
  options: RunOptions,
  variantArg: string | undefined,
  position: SetPosition,
): Promise<{ outcomes: VariantOutcome[]; runs: RunResult[] }> {
  const ref = await parseSceneRef(sceneArg);
  const control: WorkerControl = { timeoutS: options.timeout, verbose: options.verbose };
  const specOf = (variant: string, size: number): WorkerSpec => ({
    scene: ref,
    variant,
    frames: options.frames,
    warmup: options.warmup,
    size,
    mode: options.mode,
    deep: options.deep,
    keepSlices: options.trace !== undefined,
    sites: options.sites,
    atFrame: options.atFrame ?? null,
    ...extraPassSpec(options),
  });
  // A scene file is loaded in the process that measures its first variant (not in the CLI); a
  // catalog scene is read here.
  let progressOfFirst: ((done: number, total: number) => void) | null = null;
  let first: Promise<VariantOutcome | null> | null = null;
  let scene: SceneInfo;
  try {
    if (ref.kind === 'catalog') scene = sceneInfo(await loadScene(ref));
    else {
      const file = openSceneFile(
        ref,
        options.mode,
        control,
        (info) => {
          if (options.browser || options.sites) return null;
          try {
            const plan = planRun(info, options, variantArg);
            return specOf(plan.variants[0]!, plan.size);
          } catch {
            return null;
          }
        },
        (done, total) => progressOfFirst?.(done, total),
      );
      first = file.outcome;
      scene = await file.info;
    }
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const failure =
      error instanceof SceneFailure ? error : new SceneFailure('load', error instanceof Error ? error.message : String(error));
    failure.message = failureLine(subjectOf(ref, null), null, failure);
    throw failure;
  }
  const { variants, size } = planRun(scene, options, variantArg);
  const showProgress = options.progress && process.stderr.isTTY === true;
  const outcomes: VariantOutcome[] = [];
  // Closed (its dev server stopped) however measuring ends.
  await using lab = options.browser ? await openBrowserLab(ref, { attribute: options.attribute, timeoutS: options.timeout }) : null;
  for (const [i, variant] of variants.entries()) {
    const bar = showProgress
      ? new SingleBar(
          {
            format: `${position.count > 1 ? `(${position.index + 1}/${position.count}) ` : ''}${scene.name} · ${variant} [{bar}] {value}/{total} frames`,
            stream: process.stderr,
            clearOnComplete: true,
          },
          Presets.shades_classic,
        )
      : null;
    bar?.start(options.warmup + options.frames, 0);
    try {
      const progress = (done: number, total: number): void => {
        bar?.setTotal(total);
        bar?.update(done);
      };
      progressOfFirst = i === 0 ? progress : null;
      const measuredFirst = i === 0 && first !== null ? await first : null;
      outcomes.push(
        measuredFirst ??
          (lab !== null
            ? await lab.runVariant(specOf(variant, size), progress)
            : await (options.sites ? runVariantCountingSites : runVariant)(specOf(variant, size), control, progress)),
      );
    } catch (error) {
      if (error instanceof SceneFailure) {
        error.reason = error.location ? `${error.message} (${error.location})` : error.message;
        error.message = failureLine(subjectOf(ref, scene.name), variant, error);
        error.outcomes = outcomes;
        error.scene = scene.name;
        error.variant = variant;
      }
      throw error;
    } finally {
      bar?.stop();
    }
  }
  return { outcomes, runs: outcomes.map((o) => o.result) };
}

/** The JSON and trace outputs of measured variants; a failed run's JSON says what failed (and no trace is written). */
function outputsOf(outcomes: VariantOutcome[], options: RunOptions, failure?: RunFailure): Output[] {
  const outputs: Output[] = [];
  const first = outcomes[0]!;
  if (options.json) {
    const file = toRunFile(
      runtimeOf(first, options),
      outcomes.map((o) => o.result),
      { perFrame: true, ...(failure ? { failure } : {}) },
    );
    outputs.push({ path: options.json, data: stringifyRunFile(file), written: `JSON written to ${options.json}` });
  }
  if (options.trace && !failure) {
    const trace = toChromeTrace(outcomes.map((o) => ({ result: o.result, frames: o.frames, markerNames: o.markerNames })));
    outputs.push({ path: options.trace, data: JSON.stringify(trace), written: `Chrome trace written to ${options.trace}` });
  }
  return outputs;
}

/** Where the tables go: stdout, or stderr when an output is `-` (stdout then carries that file alone). */
function reporter(options: RunOptions): (line: string) => void {
  return writesToStdout(options) ? (line) => console.error(line) : (line) => console.log(line);
}

/**
 * Measures and reports a `run` or `compare`: the tables, then the outputs and the exit code. A
 * failed run writes no file, except its JSON with --keep-failed (saying what failed).
 */
async function runCommand(
  sceneArgs: string[],
  options: RunOptions,
  variantArg: string | undefined,
  print: (outcomes: VariantOutcome[], say: (line: string) => void) => void,
  setExitCode: (code: number) => void,
): Promise<void> {
  const say = reporter(options);
  checkOutputs(options);
  checkOptions(options);
  const scenes = await expandSceneArgs(sceneArgs, options.all);
  // Every scene's runs go in one file; a scene that fails stops the set (its runs, and those of the
  // scenes before it, are kept with --keep-failed).
  const outcomes: VariantOutcome[] = [];
  for (const [index, sceneArg] of scenes.entries()) {
    try {
      const measured = await measure(sceneArg, options, variantArg, { index, count: scenes.length });
      outcomes.push(...measured.outcomes);
      print(measured.outcomes, say);
    } catch (error) {
      if (error instanceof SceneFailure) error.outcomes = [...outcomes, ...error.outcomes];
      if (error instanceof SceneFailure && options.keepFailed && options.json && error.outcomes.length > 0) {
        const failure = { scene: error.scene!, variant: error.variant!, phase: error.phase, message: error.reason ?? error.message };
        await writeOutputs(outputsOf(error.outcomes, options, failure), say);
      }
      throw error;
    }
  }
  say(formatEngine(runtimeOf(outcomes[0]!, options)));
  if (scenes.length > 1) say(`${scenes.length} scenes, ${outcomes.length} runs.`);
  const { code, failure } = verdict(outcomes, options);
  if (failure === null) await writeOutputs(outputsOf(outcomes, options), say);
  else if (options.keepFailed && options.json) await writeOutputs(outputsOf(outcomes, options, failure), say);
  setExitCode(code);
}

/** What measured the runs: Node (the worker's) or the browser's, with V8's version and flags. */
function runtimeOf(outcome: VariantOutcome, options: RunOptions): RuntimeInfo {
  return { engine: options.browser ? 'chromium' : 'node', ...outcome.runtime };
}

/** Reports scene errors and the budget; returns the exit code, and what failed when a scene threw. */
function verdict(outcomes: VariantOutcome[], options: RunOptions): { code: number; failure: RunFailure | null } {
  let code = EXIT_OK;
  let failure: RunFailure | null = null;
  for (const o of outcomes) {
    if (o.sceneErrors.count > 0) {
      const phase = /threw in (\w+)/.exec(o.sceneErrors.first ?? '')?.[1] ?? 'frames';
      const where = o.sceneErrors.location === undefined ? '' : ` (${o.sceneErrors.location})`;
      const message = `${o.sceneErrors.count} error(s) thrown during frames; first: ${o.sceneErrors.first}${where}`;
      console.error(`alloclab: scene "${o.result.scene}" (${o.result.variant}) failed in ${phase}: ${message}`);
      failure ??= { scene: o.result.scene, variant: o.result.variant, phase, message };
      code = EXIT_USAGE;
    }
  }
  if (
    options.budget !== undefined &&
    !withinBudget(
      outcomes.map((o) => o.result),
      options.budget,
    ) &&
    code === EXIT_OK
  )
    code = EXIT_BUDGET;
  return { code, failure };
}

function digestNote(outcomes: VariantOutcome[]): string | null {
  if (outcomes.length < 2) return null;
  const same = outcomes.every((o) => o.digest === outcomes[0]!.digest);
  const frame = outcomes[0]!.digestFrame;
  return same
    ? `State digests of the variants are equal after ${frame} frames: they did the same work.`
    : `Warning: the variants' states differ after ${frame} frames (digests differ): they did not do the same work.`;
}

/** Builds the `alloclab` command. `run` returns the exit code instead of exiting, for tests. */
export function createProgram(setExitCode: (code: number) => void): Command {
  const program = new Command('alloclab')
    .description('Per-frame allocation profiler for game loops: run scenes headless, compare variants, export, enforce budgets.')
    .version(pkg.version)
    .showHelpAfterError('(add --help for usage)')
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(`alloclab: ${text.replace(/^error: /, '')}`) });

  program
    .command('list')
    .description('list the scenes and their variants')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      const { scenes } = await import('../../scenes/index.ts');
      if (options.json) {
        const list = scenes.map((s) => ({
          name: s.name,
          description: s.description,
          source: s.source ?? null,
          size: s.size,
          variants: Object.keys(s.variants),
        }));
        console.log(JSON.stringify(list, null, 2));
        return;
      }
      const width = Math.max(...scenes.map((s) => s.name.length));
      for (const s of scenes) console.log(`${s.name.padEnd(width)}  ${s.description}  [${Object.keys(s.variants).join(', ')}]`);
    });

  const run = program
    .command('run')
    .description('measure scenes (catalog names, paths to scene files, globs of them, or --all): tables, and one JSON for every run')
    .argument('[scenes...]', "scene names, paths to scene files, or globs of them ('scenes/**/*.scene.ts')");
  addExtraPassOptions(addRunOptions(run, true), positiveInt).action((sceneArgs: string[], options: RunOptions) =>
    runCommand(
      sceneArgs,
      options,
      options.variant,
      (outcomes, say) => {
        const runs = outcomes.map((o) => o.result);
        for (const r of runs) say([formatRun(r), formatGcReport(r)].filter(Boolean).join('\n') + '\n');
        if (options.sites) for (const r of runs) say(formatSites(r) + '\n');
        if (options.attribute) for (const r of runs) say(formatAttribution(r) + '\n');
        if (runs.length > 1) say([formatComparison(runs), formatGcComparison(runs)].filter(Boolean).join('\n'));
        const note = digestNote(outcomes);
        if (note) say(note);
      },
      setExitCode,
    ),
  );

  const compare = program
    .command('compare')
    .description('measure the allocating and optimized variants of each scene side by side, with ratios')
    .argument('[scenes...]', "scene names, paths to scene files, or globs of them ('scenes/**/*.scene.ts')");
  addExtraPassOptions(addRunOptions(compare, false), positiveInt).action((sceneArgs: string[], options: RunOptions) =>
    runCommand(
      sceneArgs,
      options,
      'both',
      (outcomes, say) => {
        const runs = outcomes.map((o) => o.result);
        say([formatComparison(runs), formatGcComparison(runs)].filter(Boolean).join('\n'));
        if (options.sites) for (const r of runs) say('\n' + formatSites(r));
        if (options.attribute) for (const r of runs) say('\n' + formatAttribution(r));
        const note = digestNote(outcomes);
        if (note) say(note);
      },
      setExitCode,
    ),
  );

  addPageCommand(program, setExitCode, positiveInt);
  addDiffCommand(program, setExitCode);
  addMergeCommand(program);
  addViewCommand(program);
  addInitCommand(program);

  program.addHelpText(
    'after',
    `\nModes start Node with these V8 flags (you never type them):\n  production:    ${MODE_FLAGS.production.join(' ')}\n  deterministic: ${MODE_FLAGS.deterministic.join(' ')}\nExit codes: 0 ok, 1 over --budget (or a regression, for diff), 2 usage or scene error.`,
  );
  return program;
}

/**
 * Runs the CLI with `argv` (user arguments only) and resolves to the exit code. The measuring
 * processes it starts and the temporary files it writes do not outlive it (see lifetime.ts).
 */
export async function main(argv: string[]): Promise<number> {
  installExitHandlers();
  let code = EXIT_OK;
  const program = createProgram((c) => (code = c));
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      // `alloclab` alone prints the help as an error (commander's exit code 1): bad usage, as an unknown command is.
      const ok =
        error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version' ||
        (error.code === 'commander.help' && error.exitCode === 0);
      return ok ? EXIT_OK : EXIT_USAGE;
    }
    if (error instanceof UsageError) {
      console.error(`alloclab: ${error.message}`);
      if (error.hint) console.error(`  ${error.hint}`);
      return EXIT_USAGE;
    }
    if (error instanceof SceneFailure) {
      console.error(`alloclab: ${error.message}`);
      return EXIT_USAGE;
    }
    console.error(`alloclab: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT_USAGE;
  }
  return code;
}
