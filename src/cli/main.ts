import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import { readFileSync } from 'node:fs';
import * as nodeModule from 'node:module';
import { MODE_FLAGS, PROFILE_MODES, type ProfileMode } from '../node/modes.ts';
import { writeFileAtomic } from '../node/writeFileAtomic.ts';
import { PACKAGE_JSON } from '../node/packageLayout.ts';
import { toRunFile, stringifyRunFile } from '../profiler/exports/runFile.ts';
import { toChromeTrace } from '../profiler/exports/chromeTrace.ts';
import type { RunResult, RuntimeInfo } from '../profiler/RunResult.ts';
import { formatComparison, formatRun } from './format/format.ts';
import { withinBudget } from './budget.ts';
import { addPageCommand } from './pageCommand.ts';
import { addInitCommand } from './init.ts';
import { formatSites } from './format/formatSites.ts';
import { formatGcComparison, formatGcReport } from './format/formatGc.ts';
import { formatAttribution, formatEngine } from './format/formatBrowser.ts';
import { openBrowserLab } from './browserRun.ts';
import { loadScene, parseSceneRef, selectVariants } from './sceneRef.ts';
import { runVariant, runVariantCountingSites, SceneFailure, type VariantOutcome } from './runScene.ts';
import { UsageError } from './UsageError.ts';
import { checkOutputs } from './outputs.ts';
import { addExtraPassOptions, extraPassSpec, type ExtraPassOptions } from './worker/extraPasses.ts';

const pkg = JSON.parse(readFileSync(PACKAGE_JSON, 'utf8')) as { version: string };

/** Exit codes: documented in README. */
export const EXIT_OK = 0;
export const EXIT_BUDGET = 1;
export const EXIT_USAGE = 2;

interface RunOptions extends ExtraPassOptions {
  variant: string;
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
    command.option('-v, --variant <name>', 'allocating, optimized, both (or any variant the scene defines)', 'allocating');
  }
  return command
    .option('-f, --frames <n>', 'frames to measure', positiveInt('--frames', 1), 600)
    .option('-w, --warmup <n>', 'frames to run first, at least (warm-up goes on until the JIT is quiet)', positiveInt('--warmup', 0), 300)
    .option('-s, --size <n>', "the scene's size parameter (default: the scene's own)", positiveInt('--size', 0))
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
    .option('--no-progress', 'no progress bar');
}

async function measure(
  sceneArg: string,
  options: RunOptions,
  variantArg: string,
): Promise<{ outcomes: VariantOutcome[]; runs: RunResult[] }> {
  checkOutputs(options);
  const ref = await parseSceneRef(sceneArg);
  let scene;
  try {
    scene = await loadScene(ref);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new SceneFailure('load', error instanceof Error ? error.message : String(error));
  }
  const variants = selectVariants(scene, variantArg);
  const size = options.size ?? scene.size.default;
  if (size < scene.size.min || size > scene.size.max) {
    throw new UsageError(
      `--size ${size} is outside scene "${scene.name}"'s range ${scene.size.min}..${scene.size.max} (${scene.size.unit})`,
    );
  }
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
  if (options.sites && options.browser)
    throw new UsageError(
      '--sites is not available with --browser',
      'count sites in Node (counts do not depend on the engine), or use --attribute for sampled bytes per function in Chromium',
    );
  const showProgress = options.progress && process.stderr.isTTY === true;
  const outcomes: VariantOutcome[] = [];
  // Closed (its dev server stopped) however measuring ends.
  await using lab = options.browser ? await openBrowserLab(ref, { attribute: options.attribute }) : null;
  for (const variant of variants) {
    const bar = showProgress
      ? new SingleBar(
          { format: `${scene.name} · ${variant} [{bar}] {value}/{total} frames`, stream: process.stderr, clearOnComplete: true },
          Presets.shades_classic,
        )
      : null;
    bar?.start(options.warmup + options.frames, 0);
    try {
      const run = lab !== null ? lab.runVariant : options.sites ? runVariantCountingSites : runVariant;
      outcomes.push(
        await run(
          {
            scene: ref,
            variant,
            frames: options.frames,
            warmup: options.warmup,
            size,
            mode: options.mode,
            deep: options.deep,
            keepSlices: options.trace !== undefined,
            sites: options.sites,
            ...extraPassSpec(options),
          },
          (done, total) => {
            bar?.setTotal(total);
            bar?.update(done);
          },
        ),
      );
    } catch (error) {
      if (error instanceof SceneFailure) error.message = `scene "${scene.name}" (${variant}) failed in ${error.phase}: ${error.message}`;
      throw error;
    } finally {
      bar?.stop();
    }
  }
  return { outcomes, runs: outcomes.map((o) => o.result) };
}

function writeOutputs(outcomes: VariantOutcome[], options: RunOptions): void {
  const first = outcomes[0]!;
  if (options.json) {
    writeFileAtomic(
      options.json,
      stringifyRunFile(
        toRunFile(
          runtimeOf(first, options),
          outcomes.map((o) => o.result),
          { perFrame: true },
        ),
      ),
    );
    console.log(`JSON written to ${options.json}`);
  }
  if (options.trace) {
    const trace = toChromeTrace(outcomes.map((o) => ({ result: o.result, frames: o.frames, markerNames: o.markerNames })));
    writeFileAtomic(options.trace, JSON.stringify(trace));
    console.log(`Chrome trace written to ${options.trace}`);
  }
}

/** What measured the runs: Node (the worker's) or the browser's, with V8's version and flags. */
function runtimeOf(outcome: VariantOutcome, options: RunOptions): RuntimeInfo {
  return { engine: options.browser ? 'chromium' : 'node', ...outcome.runtime };
}

/** Reports scene errors and the budget; returns the exit code. */
function verdict(outcomes: VariantOutcome[], options: RunOptions): number {
  let code = EXIT_OK;
  for (const o of outcomes) {
    if (o.sceneErrors.count > 0) {
      console.error(
        `alloclab: scene "${o.result.scene}" (${o.result.variant}) threw ${o.sceneErrors.count} error(s) during frames; first: ${o.sceneErrors.first}`,
      );
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
  return code;
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
    .description('measure a scene (a catalog name or a path to a scene file)')
    .argument('<scene>', 'scene name or path/to/scene.ts');
  addExtraPassOptions(addRunOptions(run, true), positiveInt).action(async (sceneArg: string, options: RunOptions) => {
    const { outcomes, runs } = await measure(sceneArg, options, options.variant);
    for (const r of runs) console.log([formatRun(r), formatGcReport(r)].filter(Boolean).join('\n') + '\n');
    if (options.sites) for (const r of runs) console.log(formatSites(r) + '\n');
    if (options.attribute) for (const r of runs) console.log(formatAttribution(r) + '\n');
    if (runs.length > 1) console.log([formatComparison(runs), formatGcComparison(runs)].filter(Boolean).join('\n'));
    console.log(formatEngine(runtimeOf(outcomes[0]!, options)));
    const note = digestNote(outcomes);
    if (note) console.log(note);
    writeOutputs(outcomes, options);
    setExitCode(verdict(outcomes, options));
  });

  const compare = program
    .command('compare')
    .description('measure the allocating and optimized variants side by side, with ratios')
    .argument('<scene>', 'scene name or path/to/scene.ts');
  addExtraPassOptions(addRunOptions(compare, false), positiveInt).action(async (sceneArg: string, options: RunOptions) => {
    const { outcomes, runs } = await measure(sceneArg, options, 'both');
    console.log([formatComparison(runs), formatGcComparison(runs)].filter(Boolean).join('\n'));
    if (options.sites) for (const r of runs) console.log('\n' + formatSites(r));
    if (options.attribute) for (const r of runs) console.log('\n' + formatAttribution(r));
    console.log(formatEngine(runtimeOf(outcomes[0]!, options)));
    const note = digestNote(outcomes);
    if (note) console.log(note);
    writeOutputs(outcomes, options);
    setExitCode(verdict(outcomes, options));
  });

  addPageCommand(program, setExitCode, positiveInt);
  addInitCommand(program);

  program.addHelpText(
    'after',
    `\nModes start Node with these V8 flags (you never type them):\n  production:    ${MODE_FLAGS.production.join(' ')}\n  deterministic: ${MODE_FLAGS.deterministic.join(' ')}\nExit codes: 0 ok, 1 over --budget, 2 usage or scene error.`,
  );
  return program;
}

/** Runs the CLI with `argv` (user arguments only) and resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  let code = EXIT_OK;
  const program = createProgram((c) => (code = c));
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help'
        ? EXIT_OK
        : EXIT_USAGE;
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
