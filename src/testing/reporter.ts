/**
 * `alloclab/testing/reporter`: a vitest reporter that collects every run the suite's profileScene
 * and profileFrames made (in Node and in Chromium), keyed by test, into one report
 * (`alloclab.suite/1`), prints a table at the end of `vitest run`, and with `baseline` fails the
 * run on regressions as `alloclab diff` judges them.
 *
 * @example
 * // vitest.config.ts
 * reporters: ['default', ['alloclab/testing/reporter', { baseline: 'alloclab/main.json' }]]
 */
import Table from 'cli-table3';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import type { Reporter, TestCase, TestModule, TestRunEndReason, Vitest } from 'vitest/node';
import { DEFAULT_TOLERANCE, diffRunFiles, keyLabel, type DiffReport, type Tolerance } from '../profiler/diff/diffRuns.ts';
import { keyedRuns, parseSuiteFile, SUITE_SCHEMA, type SuiteFile, type SuiteTest } from '../profiler/diff/suiteFile.ts';
import { parseRunFile, toJsonText } from '../profiler/exports/runFile.ts';
import { writeFileAtomic } from '../node/writeFileAtomic.ts';
import { formatDiffDetails, formatDiffMarkdown, signedBytes } from '../cli/format/formatDiff.ts';
import { formatBytes } from '../cli/format/format.ts';
import { META_KEY, type PublishedRun } from './runSink.ts';

/** Options of the reporter (the second item of its entry in `reporters`). */
export interface AllocLabReporterOptions {
  /** Where the report goes, relative to the project root (default `alloclab-report.json`; a shard's part adds `.shard-i-of-n`). */
  outputFile?: string;
  /** A report to compare with (e.g. main's): regressions fail the run (exit 1). A missing file is said, not fatal. */
  baseline?: string;
  /** As `alloclab diff --tolerance`: `{ bytes, fraction }` (default max(8 B, 1%)). */
  tolerance?: Tolerance;
  /** Also write the comparison with the baseline as Markdown (a CI step summary). */
  markdown?: string;
}

const decimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

export default class AllocLabReporter implements Reporter {
  private readonly options: AllocLabReporterOptions;
  private readonly tests: SuiteTest[] = [];
  private root = process.cwd();
  private shard: { index: number; count: number } | undefined;
  private log: (text: string) => void = (text) => console.log(text);
  private error: (text: string) => void = (text) => console.error(text);

  constructor(options: AllocLabReporterOptions = {}) {
    this.options = options;
  }

  onInit(vitest: Vitest): void {
    this.root = vitest.config.root;
    const shard = vitest.config.shard;
    if (shard) this.shard = { index: shard.index, count: shard.count };
    this.log = (text) => vitest.logger.log(text);
    this.error = (text) => vitest.logger.error(text);
  }

  onTestCaseResult(testCase: TestCase): void {
    const published = (testCase.meta() as { [META_KEY]?: PublishedRun[] })[META_KEY];
    if (!published || published.length === 0) return;
    this.tests.push({
      test: `${testCase.module.relativeModuleId} > ${testCase.fullName}`,
      project: testCase.project.name,
      runtime: published[0]!.runtime,
      runs: published.map((p) => p.run),
    });
  }

  /** Where the report goes: a shard writes its own part beside the whole report's name. */
  private outputPath(): string {
    const file = this.options.outputFile ?? 'alloclab-report.json';
    const path = isAbsolute(file) ? file : join(this.root, file);
    if (!this.shard) return path;
    return path.replace(/(\.json)?$/, `.shard-${this.shard.index}-of-${this.shard.count}$1`);
  }

  async onTestRunEnd(_modules: ReadonlyArray<TestModule>, _errors: unknown, reason: TestRunEndReason): Promise<void> {
    if (reason === 'interrupted') return;
    const report: SuiteFile = {
      schema: SUITE_SCHEMA,
      createdAt: new Date().toISOString(),
      ...(this.shard ? { shard: this.shard } : {}),
      tests: this.tests,
    };
    const path = this.outputPath();
    mkdirSync(dirname(path), { recursive: true });
    writeFileAtomic(path, toJsonText(report));
    const comparison = this.compare(report);
    this.log(this.table(report, comparison));
    this.log(`AllocLab: ${this.tests.length} test(s) measured, report written to ${relative(this.root, path) || path}`);
    if (comparison === null) return;
    this.log(formatDiffDetails(comparison));
    if (this.options.markdown) {
      const markdown = resolve(this.root, this.options.markdown);
      mkdirSync(dirname(markdown), { recursive: true });
      writeFileAtomic(markdown, formatDiffMarkdown(comparison));
    }
    if (comparison.counts.regression > 0) {
      this.error(`AllocLab: ${comparison.counts.regression} allocation regression(s) against ${this.options.baseline}`);
      process.exitCode = 1;
    }
  }

  /** The comparison with the baseline, or null without one (said when its file is missing). */
  private compare(report: SuiteFile): DiffReport | null {
    if (!this.options.baseline) return null;
    const path = resolve(this.root, this.options.baseline);
    if (!existsSync(path)) {
      this.log(`AllocLab: no baseline at ${this.options.baseline} yet: nothing compared (this report can be the next one's baseline)`);
      return null;
    }
    let data: unknown;
    try {
      data = JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
      throw new Error(
        `AllocLab reporter: baseline ${this.options.baseline}: not JSON (${error instanceof Error ? error.message : String(error)})`,
      );
    }
    const schema = (data as { schema?: unknown } | null)?.schema;
    const baseline = schema === SUITE_SCHEMA ? parseSuiteFile(data, this.options.baseline) : parseRunFile(data, this.options.baseline);
    return diffRunFiles(baseline, report, this.options.tolerance ?? DEFAULT_TOLERANCE);
  }

  /** One row per run: the test, the run, its bytes per frame and GCs, and the verdict against the baseline. */
  private table(report: SuiteFile, comparison: DiffReport | null): string {
    const verdicts = new Map<string, string>();
    for (const row of comparison?.rows ?? []) {
      verdicts.set(
        keyLabel(row.key),
        row.verdict === 'same' ? 'same' : `${row.verdict}${Number.isFinite(row.delta) ? ` ${signedBytes(row.delta)}` : ''}`,
      );
    }
    const table = new Table({
      head: ['Test', 'Run', 'B/frame', 'GCs /1k frames', 'Verdict'],
      style: { head: [], border: [] },
      chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
      colAligns: ['left', 'left', 'right', 'right', 'left'],
    });
    for (const { key, run } of keyedRuns(report)) {
      table.push([
        key.test ?? '',
        `${key.scene} · ${key.variant} · ${key.engine}`,
        formatBytes(run.bytesPerFrame.mean),
        decimal.format(run.gc.per1000Frames),
        comparison === null ? 'no baseline' : (verdicts.get(keyLabel(key)) ?? 'not compared'),
      ]);
    }
    return table.toString();
  }
}
