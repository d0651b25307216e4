import { Option, type Command } from 'commander';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SingleBar, Presets } from 'cli-progress';
import { toRunFile, stringifyRunFile } from '../profiler/exports/runFile.ts';
import { toChromeTrace } from '../profiler/exports/chromeTrace.ts';
import { findChromium, NO_CHROMIUM } from '../chromium/findChromium.ts';
import { PAGE_GPU_MODES, type PageGpu } from '../chromium/chromiumFlags.ts';
import type { MeasuredPage } from '../chromium/measurePage.ts';
import { formatRun } from './format/format.ts';
import { formatGcReport } from './format/formatGc.ts';
import { formatAttribution, formatEngine } from './format/formatBrowser.ts';
import { formatSites } from './format/formatSites.ts';
import { withinBudget } from './budget.ts';
import { UsageError } from './UsageError.ts';
import { checkOutputs, writeOutputs, writesToStdout, type Output } from './outputs.ts';

interface PageOptions {
  frames: number;
  gpu: PageGpu;
  warmup: number;
  json?: string;
  trace?: string;
  budget?: number;
  idleTimeout: number;
  keepFailed: boolean;
  progress: boolean;
  attribute: boolean;
  sites: boolean;
}

/**
 * The page to open: any URL as given (localhost and file URLs are the use case; nothing is
 * refused), or a path to an existing file, as its file URL.
 */
export function pageUrl(arg: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(arg) && !/^[a-z]:[\\/]/i.test(arg)) {
    try {
      return new URL(arg).href;
    } catch {
      throw new UsageError(`"${arg}" is not a URL`);
    }
  }
  const path = resolve(arg);
  if (!existsSync(path))
    throw new UsageError(
      `"${arg}" is neither a URL nor an existing file`,
      'give a URL such as http://localhost:5173/ or file:///path/to/index.html',
    );
  return pathToFileURL(path).href;
}

/** `alloclab page <url>`: per-frame allocation of any page's requestAnimationFrame loop. */
export function addPageCommand(
  program: Command,
  setExitCode: (code: number) => void,
  positiveInt: (name: string, min: number) => (value: string) => number,
): void {
  program
    .command('page')
    .description("measure a page's own game loop in headless Chromium: each requestAnimationFrame turn is a frame")
    .argument('<url>', 'the page: http://localhost:PORT/..., file:///.../index.html, or a path to an HTML file')
    .option('-f, --frames <n>', 'frames to measure', positiveInt('--frames', 1), 600)
    .option('-w, --warmup <n>', 'frames the page runs first, unmeasured', positiveInt('--warmup', 0), 300)
    .option('--json <file>', 'write the run as JSON (schema alloclab.run/1)')
    .option('--trace <file>', 'write a Chrome trace (opens in Perfetto and chrome://tracing)')
    .option('--budget <bytes>', 'exit 1 when the page allocates more than this many bytes per frame (mean)', positiveInt('--budget', 0))
    .option('--idle-timeout <seconds>', 'give up when the page runs no frame for this long', positiveInt('--idle-timeout', 1), 10)
    .option('--keep-failed', 'with --json: write the JSON of a run in which the page threw too (it says what failed)', false)
    .option('--attribute', 'a second, slower pass that samples bytes per function, with call paths (sampled, not measured)', false)
    .option('--sites', "the allocation sites the page's instrumented code counted (a page served by a Vite with alloclabInstrument)", false)
    .addOption(
      new Option('--gpu <mode>', "the page's WebGL: swiftshader (on the CPU), or off (none: for a page whose WebGL work kills the browser)")
        .choices(PAGE_GPU_MODES)
        .default('swiftshader'),
    )
    .option('--no-progress', 'no progress bar')
    .action(async (urlArg: string, options: PageOptions) => {
      checkOutputs(options);
      const url = pageUrl(urlArg);
      const executablePath = findChromium();
      if (executablePath === null) throw new UsageError(`page: ${NO_CHROMIUM}`);
      let measurePage, PageFailure, retryOnceAfterCrash, attributePage;
      try {
        ({ measurePage, PageFailure } = await import('../chromium/measurePage.ts'));
        ({ retryOnceAfterCrash } = await import('../chromium/crashWatch.ts'));
        ({ attributePage } = await import('../chromium/attributePage.ts'));
      } catch (error) {
        throw new UsageError(
          `page needs the packages vite and playwright-core (${error instanceof Error ? error.message : String(error)})`,
          'npm install --save-dev vite playwright-core',
        );
      }
      const bar =
        options.progress && process.stderr.isTTY === true
          ? new SingleBar(
              { format: `${url} [{bar}] {value}/{total} frames`, stream: process.stderr, clearOnComplete: true },
              Presets.shades_classic,
            )
          : null;
      bar?.start(options.warmup + options.frames, 0);
      // A browser that dies under a real game (it happens, with WebGL on the CPU) gets one more try in a fresh one.
      const onceMore = <T>(pass: (attempt: 1 | 2) => Promise<T>, what: string): Promise<T> =>
        retryOnceAfterCrash(
          pass,
          (crash) => {
            bar?.stop();
            console.error(`alloclab: page ${url}: ${what}: ${crash.message}; trying once more in a fresh browser`);
          },
          (crash) => new CrashedTwice(`page ${url}: ${what}: ${crash.message}, in the second browser too`, crash.partial),
        );
      let measured;
      // The second browser crashed too, after measuring some frames: they are reported and written, and the command exits 2.
      let crashedAfter: string | null = null;
      try {
        measured = await onceMore(
          (attempt) =>
            measurePage(url, {
              // The second try reads its frames as it goes, so a second crash does not lose them.
              keepPartial: attempt === 2,
              executablePath,
              frames: options.frames,
              warmup: options.warmup,
              keepSlices: options.trace !== undefined,
              idleMs: options.idleTimeout * 1000,
              gpu: options.gpu,
              onProgress: (done, total) => {
                bar?.setTotal(total);
                bar?.update(done);
              },
            }),
          'measuring',
        );
      } catch (error) {
        // The page's own problems are the user's to fix: one line, exit 2.
        if (error instanceof PageFailure) throw new UsageError(`page ${url}: ${error.message}`);
        if (!(error instanceof CrashedTwice) || error.partial === null) throw error;
        const kept = error.partial.page.result.frames;
        crashedAfter = `${error.message}; kept the ${kept} frame(s) of ${options.frames} measured before it`;
        measured = { ...error.partial, pageErrors: [] };
      } finally {
        bar?.stop();
      }
      const { page, runtime, pageErrors } = measured;
      const run = page.result;
      // A sampling pass that fails loses nothing measured: the run is reported and written, and the command exits 2.
      let samplingFailed: string | null = null;
      if (options.attribute && pageErrors.length === 0 && crashedAfter === null) {
        const pass =
          options.progress && process.stderr.isTTY === true
            ? new SingleBar(
                { format: `${url} · sampling [{bar}] {value}/{total} frames`, stream: process.stderr, clearOnComplete: true },
                Presets.shades_classic,
              )
            : null;
        pass?.start(options.warmup + options.frames, 0);
        try {
          run.attribution = await onceMore(
            () =>
              attributePage(url, {
                executablePath,
                frames: options.frames,
                warmup: options.warmup,
                idleMs: options.idleTimeout * 1000,
                gpu: options.gpu,
                onProgress: (done, total) => {
                  pass?.setTotal(total);
                  pass?.update(done);
                },
              }),
            'the sampling pass',
          );
        } catch (error) {
          samplingFailed =
            error instanceof PageFailure
              ? `the sampling pass failed: ${error.message}`
              : error instanceof UsageError
                ? error.message.replace(`page ${url}: `, '')
                : `the sampling pass failed: ${error instanceof Error ? error.message : String(error)}`;
        } finally {
          pass?.stop();
        }
      }
      const say = writesToStdout(options) ? (line: string) => console.error(line) : (line: string) => console.log(line);
      say([formatRun(run), formatGcReport(run)].filter(Boolean).join('\n') + '\n');
      say(
        'Each frame is one requestAnimationFrame turn: every callback the page requested for it, from the first to the last. Work in timers, events and promise jobs runs between frames and is not counted.',
      );
      if (options.sites) {
        say(
          run.sites
            ? formatSites(run) + '\n'
            : "No allocation site was counted: the page runs no instrumented code. Serve it with a Vite whose config has alloclabInstrument() (from alloclab/vite) including your game's files.\n",
        );
      }
      if (run.attribution) {
        say(formatAttribution(run));
        say(
          "The sampling ran from the first measured frame to the last, so work the page does between frames (timers, events) is in it too; what AllocLab's agent, its overlay and the browser driver allocate is left out.\n",
        );
      }
      say(formatEngine({ engine: 'chromium', ...runtime }, { traced: crashedAfter === null }));
      // As `run` does for a scene that threw: exit 2, and no file unless --keep-failed (its JSON says what failed).
      const failure =
        crashedAfter !== null
          ? { scene: url, variant: 'page', phase: 'frames', message: crashedAfter }
          : pageErrors.length > 0
            ? { scene: url, variant: 'page', phase: 'frames', message: `${pageErrors.length} uncaught error(s); first: ${pageErrors[0]}` }
            : null;
      if (crashedAfter !== null) console.error(`alloclab: ${crashedAfter}`);
      else if (failure) console.error(`alloclab: page ${url} failed in ${failure.phase}: ${failure.message}`);
      const outputs: Output[] = [];
      // Frames measured before a crash are the user's record: written whatever the flags (the JSON says what failed).
      if (options.json && (failure === null || options.keepFailed || crashedAfter !== null)) {
        const file = toRunFile({ engine: 'chromium', ...runtime }, [run], { perFrame: true, ...(failure ? { failure } : {}) });
        outputs.push({ path: options.json, data: stringifyRunFile(file), written: `JSON written to ${options.json}` });
      }
      if (options.trace && (failure === null || crashedAfter !== null)) {
        const trace = toChromeTrace([{ result: run, frames: page.frames, markerNames: page.markerNames }]);
        outputs.push({ path: options.trace, data: JSON.stringify(trace), written: `Chrome trace written to ${options.trace}` });
      }
      await writeOutputs(outputs, say);
      if (samplingFailed !== null)
        console.error(`alloclab: page ${url}: ${samplingFailed}; the measured run is reported without attribution`);
      setExitCode(failure || samplingFailed !== null ? 2 : options.budget !== undefined && !withinBudget([run], options.budget) ? 1 : 0);
    });
}

/** The second browser crashed too; `partial` holds the frames it measured before (null when none were read). */
class CrashedTwice extends UsageError {
  readonly partial: MeasuredPage | null;

  constructor(message: string, partial: MeasuredPage | null) {
    super(message);
    this.partial = partial;
  }
}
