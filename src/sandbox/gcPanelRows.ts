import type { RunResult } from '../profiler/RunResult.ts';
import type { LeaksResult } from '../profiler/retainedGrowth.ts';
import type { PageLeakPassSupport } from './measureRetainedInPage.ts';

/** One line of the panel's GC report: a label and its value, as text. */
export interface GcPanelRow {
  label: string;
  value: string;
}

const count = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
const signed = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1, signDisplay: 'exceptZero' });
const ms = (value: number) => `${value < 1 ? value.toFixed(3) : value.toFixed(2)} ms`;

/**
 * The GC report of a run measured in the page (`collectRun`), and the leak pass's finding or why
 * the page cannot run one, as rows for the GC Alloc panel. What a page cannot measure is said,
 * not shown as 0: pause durations (GCs are inferred from the heap) and the young generation's size.
 */
export function gcPanelRows(run: RunResult, leakPass: PageLeakPassSupport, leaks: LeaksResult | null = null): GcPanelRow[] {
  const gc = run.gc;
  const rows: GcPanelRow[] = [];
  if (gc.per1000FramesByKind !== undefined) {
    const k = gc.per1000FramesByKind;
    const spacing = gc.minorGcSpacing;
    rows.push(
      {
        label: 'GCs / 1,000 frames',
        value: `${count.format(k.minor)} minor, ${count.format(k.major)} major, ${count.format(k.other)} other`,
      },
      {
        label: 'GC pause p50 / max',
        value: !gc.pausesTimed
          ? 'not timed in a page (GCs inferred from the heap)'
          : gc.pauseMs === null
            ? 'no GC'
            : `${ms(gc.pauseMs.p50)} / ${ms(gc.pauseMs.max)}`,
      },
      {
        label: `frames > ${count.format(gc.overBudget.budgetMs)} ms`,
        value: `${gc.overBudget.frames} (${gc.overBudget.withGc} with a GC)`,
      },
      {
        label: 'frames between minor GCs',
        value:
          `predicted ${spacing.predictedFrames !== null ? count.format(spacing.predictedFrames) : spacing.youngGenerationBytes === null ? 'n/a (young generation size not readable in a page)' : 'never'}` +
          `, observed ${spacing.observedFrames !== null ? count.format(spacing.observedFrames) : `none in ${run.frames} frames`}`,
      },
    );
  }
  rows.push({ label: 'retained / frame', value: retainedText(leakPass, leaks) });
  return rows;
}

/** The leak pass's finding, or why there is none, in one line. */
export function retainedText(support: PageLeakPassSupport, leaks: LeaksResult | null): string {
  if (!support.available) return `no leak pass: ${support.reason}`;
  if (leaks === null) return 'not measured yet (leak pass: forced full GCs between frames)';
  const fit = leaks.bytesPerFrame === null ? 'no fit' : `${signed.format(leaks.bytesPerFrame)} B`;
  const word =
    leaks.verdict === 'leak'
      ? 'LEAK'
      : leaks.verdict === 'no-leak'
        ? 'no leak'
        : leaks.verdict === 'step'
          ? 'no leak (a step)'
          : 'inconclusive';
  return `${fit}: ${word} (${leaks.reason})`;
}
