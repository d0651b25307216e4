import type { RunResult } from '../profiler/RunResult.ts';
import { formatBytes, formatMs, formatRatio } from './format.ts';

/** Two runs of one scene to show side by side (the sandbox's Compare, or two runs of a recording). */
export interface CompareResult {
  scene: string;
  size: number | null;
  frames: number;
  /** Usually "allocating" then "optimized". */
  runs: [RunResult, RunResult];
}

/** One line of the comparison: a figure of each run and their ratio. */
interface CompareLine {
  label: string;
  value: (run: RunResult) => number;
  format: (value: number) => string;
}

const LINES: readonly CompareLine[] = [
  { label: 'bytes/frame mean', value: (r) => r.bytesPerFrame.mean, format: formatBytes },
  { label: 'bytes/frame median', value: (r) => r.bytesPerFrame.median, format: formatBytes },
  { label: 'bytes/frame max', value: (r) => r.bytesPerFrame.max, format: formatBytes },
  { label: 'GCs', value: (r) => r.gc.events.length, format: (v) => String(v) },
  { label: 'frame ms mean', value: (r) => r.frameMs.mean, format: formatMs },
  { label: 'frame ms p95', value: (r) => r.frameMs.p95, format: formatMs },
];

/** How each judge is named in the table. */
const JUDGE_LABELS: Record<string, string> = {
  tiers: 'optimised code',
  'quiet-window': 'quiet frames',
  none: 'fixed',
  'jit-watch': 'JIT watch',
  trace: 'trace',
};

/** "812 · optimised code", or "1,800 · quiet frames (not settled)" when the warm-up hit its limit. */
function warmupText(run: RunResult): string {
  const judge = run.warmupJudge === undefined ? '' : ` \u00b7 ${JUDGE_LABELS[run.warmupJudge] ?? run.warmupJudge}`;
  return run.warmup.toLocaleString('en-US') + judge + (run.jitSettled ? '' : ' (not settled)');
}

/** What a warm-up judged by quiet frames alone cannot promise, and how to get the better judge. */
export const QUIET_WINDOW_NOTE =
  'Warm-up ended on quiet frames alone: this browser does not let the page read whether V8 optimised the scene\u2019s code ' +
  '(start it with --js-flags=--allow-natives-syntax, as npm run sandbox does), so figures may still include warm-up.';

/**
 * The Compare summary: both variants' figures side by side with the ratio first / second, as
 * `alloclab compare` prints it, and how long each warmed up.
 */
export class CompareView {
  readonly element: HTMLElement;

  constructor(placeholder = 'Compare runs both variants for the frames set above and shows the ratios here.') {
    this.element = document.createElement('div');
    this.element.className = 'al-compare';
    this.showText(placeholder);
  }

  showText(text: string): void {
    const p = document.createElement('div');
    p.className = 'al-caption';
    p.textContent = text;
    this.element.replaceChildren(p);
  }

  show(result: CompareResult): void {
    const [a, b] = result.runs;
    const caption = document.createElement('div');
    caption.className = 'al-caption';
    caption.textContent = `${result.scene}${result.size === null ? '' : ` (size ${result.size})`}, ${result.frames} frames each`;
    const table = document.createElement('table');
    table.className = 'al-table';
    const head = table.createTHead().insertRow();
    for (const [text, numeric] of [
      ['', false],
      [a.variant, true],
      [b.variant, true],
      ['ratio', true],
    ] as const) {
      const th = document.createElement('th');
      th.textContent = text;
      if (numeric) th.className = 'num';
      head.append(th);
    }
    const body = table.createTBody();
    for (const line of LINES) {
      const tr = body.insertRow();
      const va = line.value(a);
      const vb = line.value(b);
      tr.insertCell().textContent = line.label;
      for (const text of [line.format(va), line.format(vb), formatRatio(va, vb)]) {
        const td = tr.insertCell();
        td.className = 'num';
        td.textContent = text;
      }
    }
    // How long each variant warmed up, and whether its figures went quiet (no ratio: not a cost).
    const warmup = body.insertRow();
    warmup.className = 'al-warmup';
    warmup.insertCell().textContent = 'warm-up frames';
    for (const text of [warmupText(a), warmupText(b), '']) {
      const td = warmup.insertCell();
      td.className = 'num';
      td.textContent = text;
    }
    this.element.replaceChildren(caption, table);
    if (!a.jitSettled || !b.jitSettled) {
      this._note('A variant did not settle within its warm-up: its figures may still include the JIT\u2019s own work.');
    } else if (a.warmupJudge === 'quiet-window' || b.warmupJudge === 'quiet-window') {
      this._note(QUIET_WINDOW_NOTE);
    }
    if (a.droppedFrames + b.droppedFrames > 0)
      this._note(`${a.droppedFrames + b.droppedFrames} frames were lost to ring overflow and left out.`);
  }

  private _note(text: string): void {
    const note = document.createElement('div');
    note.className = 'al-caption warn';
    note.textContent = text;
    this.element.append(note);
  }
}
