import type { RunResult } from '../profiler/RunResult.ts';
import { formatBytes } from '../panel/format.ts';
import { SAMPLED_FRAMES, SAMPLING_ENDPOINT, type SamplingReply, type SamplingRequest } from './samplingProtocol.ts';

/** Functions listed under a sampling's result. */
const LISTED = 8;

/** How to get sampling where this page cannot (no endpoint, or no Chromium to attach to). */
export function samplingHelp(): string {
  return (
    "Sampling needs help from outside the page: add alloclabSampling() from 'alloclab/vite' to the dev server's plugins " +
    'and open the page in Chromium started with --remote-debugging-port=9222 --enable-precise-memory-info; ' +
    `or run: npx alloclab page ${location.href} --attribute`
  );
}

/** Why a function may be missing from the list, and how to see it. */
const INLINING_HINT =
  'A function V8 inlined counts in its caller. To see each function apart, start Chromium with ' +
  '--js-flags="--no-turbo-inlining --no-maglev-inlining" (alloclab page --attribute does).';

type Attribution = Extract<SamplingReply, { ok: true }>['attribution'] & object;

/**
 * The overlay's "Sample 300 frames": asks the dev server to start V8's sampling heap profiler on
 * this tab (see `alloclabSampling`), measures the next 300 frames with `summary`, asks it to stop,
 * and lists the functions that allocated most, with file:line and their heaviest caller. All of it
 * happens on clicks and between frames, never inside one.
 */
export class SampleAction {
  readonly element: HTMLElement;
  private readonly _button: HTMLButtonElement;
  private readonly _status: HTMLElement;
  private readonly _result: HTMLElement;
  private readonly _summary: (frames: number) => Promise<RunResult>;
  private readonly _precise: boolean;

  constructor(summary: (frames: number) => Promise<RunResult>, precise: boolean) {
    this._summary = summary;
    this._precise = precise;
    this.element = document.createElement('div');
    this.element.className = 'al-sample';
    this.element.dataset.alloclabSample = '';
    const row = document.createElement('div');
    row.className = 'al-sample-row';
    this._button = document.createElement('button');
    this._button.textContent = `Sample ${SAMPLED_FRAMES} frames`;
    this._button.title = 'Which functions allocate: V8 samples allocations while the game runs this many frames';
    this._button.addEventListener('click', () => void this.run());
    this._status = document.createElement('span');
    this._status.className = 'al-sample-status';
    row.append(this._button, this._status);
    this._result = document.createElement('div');
    this._result.className = 'al-sample-result';
    this.element.append(row, this._result);
  }

  /** Samples the next 300 frames and shows where their bytes came from (or why it could not). */
  async run(): Promise<void> {
    if (this._button.disabled) return;
    this._button.disabled = true;
    this._result.replaceChildren();
    try {
      this._say('starting the sampling heap profiler…');
      const started = await ask({ action: 'start', url: location.href });
      if (!started.ok) return this._fail(started.error);
      this._say(`sampling ${SAMPLED_FRAMES} frames…`);
      let measured: number | null = null;
      try {
        const run = await this._summary(SAMPLED_FRAMES);
        measured = this._precise ? run.bytesPerFrame.mean : null;
      } finally {
        // Stopped whatever happened to the frames, so the profiler does not go on sampling.
        const stopped = await ask({ action: 'stop', frames: SAMPLED_FRAMES, measuredBytesPerFrame: measured });
        if (!stopped.ok) this._fail(stopped.error);
        else if (stopped.attribution !== undefined) this._show(stopped.attribution);
      }
    } catch (error) {
      this._fail(error instanceof Error ? error.message : String(error));
    } finally {
      this._button.disabled = false;
    }
  }

  private _say(text: string): void {
    this._status.textContent = text;
    this._status.classList.remove('al-notice');
  }

  private _fail(error: string): void {
    this._status.textContent = error;
    this._status.classList.add('al-notice');
  }

  private _show(a: Attribution): void {
    const measured = a.measuredBytesPerFrame === null ? 'n/a' : formatBytes(a.measuredBytesPerFrame);
    this._say(
      `${a.frames} frames: ~${formatBytes(a.sampledBytesPerFrame)}/frame sampled (${a.samples} samples), ${measured}/frame measured`,
    );
    this._status.title = INLINING_HINT;
    if (a.functions.length === 0) {
      this._result.textContent = 'No allocation was sampled in these frames.';
      return;
    }
    const table = document.createElement('table');
    table.className = 'al-table al-sample-table';
    const head = table.createTHead().insertRow();
    for (const title of ['function', 'where', '~/frame']) {
      const th = document.createElement('th');
      th.textContent = title;
      head.append(th);
    }
    const body = table.createTBody();
    for (const f of a.functions.slice(0, LISTED)) {
      const row = body.insertRow();
      row.insertCell().textContent = f.functionName;
      const where = row.insertCell();
      where.className = 'al-site-where';
      where.textContent = f.file === '' ? '(built-in)' : `${f.file}:${f.line}`;
      where.title = where.textContent;
      row.insertCell().textContent = formatBytes(f.sampledBytesPerFrame);
      const caller = f.paths?.[0]?.callers[0];
      if (caller !== undefined) {
        const through = body.insertRow();
        through.className = 'al-sample-path';
        const cell = through.insertCell();
        cell.colSpan = 3;
        cell.textContent = `  ← ${caller.functionName} ${caller.file === '' ? '' : `${caller.file}:${caller.line}`} (${Math.round(f.paths![0]!.share * 100)}%)`;
      }
    }
    const hint = document.createElement('div');
    hint.className = 'al-sample-hint';
    hint.textContent = INLINING_HINT;
    this._result.append(table, hint);
  }
}

/** One request to the dev server's endpoint; a page served without it gets the help text. */
async function ask(request: SamplingRequest): Promise<SamplingReply> {
  let response: Response;
  try {
    response = await fetch(SAMPLING_ENDPOINT, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(request),
    });
  } catch {
    return { ok: false, error: samplingHelp() };
  }
  const type = response.headers.get('content-type') ?? '';
  if (!response.ok || !type.includes('application/json')) return { ok: false, error: samplingHelp() };
  return (await response.json()) as SamplingReply;
}
