/**
 * The recording viewer: the panel's graphs over every frame of a recorded run, any frame
 * selectable as in the sandbox, and the run's figures, markers, GCs, sites and sampled functions
 * as the file holds them. What the file does not hold is said, never drawn as zeros. Shown on a
 * page of its own (`alloclab view`, viewerPage.ts) and over the sandbox when a file is dropped on it.
 */
import { CompareView } from '../panel/compare-view.ts';
import { FrameBar } from '../panel/frame-bar.ts';
import { FrameGraph, GraphWindow } from '../panel/frame-graph.ts';
import { formatBytes, formatCalls, formatMs } from '../panel/format.ts';
import { THEME } from '../panel/theme.ts';
import type { RunResult } from '../profiler/RunResult.ts';
import type { Recording, ViewedRun } from './recording.ts';
import { VIEWER_STYLE } from './viewerStyle.ts';

/** Builds an element with a class and optional text. */
function el<K extends keyof HTMLElementTagNameMap>(tag: K, className = '', text = ''): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (className !== '') e.className = className;
  if (text !== '') e.textContent = text;
  return e;
}

/** A card with a title and a body. */
function card(title: string, ...body: Node[]): HTMLElement {
  const c = el('section', 'al-card');
  c.append(el('div', 'al-card-title', title), ...body);
  return c;
}

/** A plain table: a header row, then rows of cells (numbers right-aligned where `numeric` says). */
function table(headers: string[], rows: string[][], numeric: boolean[]): HTMLTableElement {
  const t = el('table', 'al-table');
  const head = t.createTHead().insertRow();
  headers.forEach((h, i) => {
    const th = el('th', numeric[i] ? 'num' : '', h);
    head.append(th);
  });
  const body = t.createTBody();
  for (const row of rows) {
    const tr = body.insertRow();
    row.forEach((cell, i) => {
      const td = tr.insertCell();
      td.textContent = cell;
      if (numeric[i]) td.className = 'num';
    });
  }
  return t;
}

/** Adds the viewer's styles to the document, once. */
export function installViewerStyle(): void {
  if (document.getElementById('alloclab-viewer-style') !== null) return;
  const style = document.createElement('style');
  style.id = 'alloclab-viewer-style';
  style.textContent = VIEWER_STYLE;
  document.head.append(style);
}

/** Shows `recording` (named `name`) in `root` (given the `.al-viewer` class): a tab per run. */
export function showRecording(root: HTMLElement, recording: Recording, name: string): void {
  installViewerStyle();
  root.classList.add('al-viewer');
  root.replaceChildren();
  const head = el('header', 'al-view-head');
  head.append(
    el('div', 'al-card-title', `AllocLab viewer \u00b7 ${name}`),
    el(
      'div',
      'al-caption',
      `${recording.kind} written ${recording.createdAt}, ${recording.runs.length} run${recording.runs.length === 1 ? '' : 's'}`,
    ),
  );
  root.append(head);
  if (recording.failure) {
    const f = recording.failure;
    root.append(el('div', 'al-notice', `This recording holds a failed run: ${f.scene} (${f.variant}) failed in ${f.phase}: ${f.message}`));
  }
  if (recording.runs.length === 0) return;
  const tabs = el('nav', 'al-tabs');
  const view = el('div', 'al-run');
  root.append(tabs, view);
  const buttons = recording.runs.map((viewed, i) => {
    const b = el('button', 'al-tab', viewed.label);
    b.type = 'button';
    b.addEventListener('click', () => select(i));
    tabs.append(b);
    return b;
  });
  const select = (i: number) => {
    for (const [j, b] of buttons.entries()) b.classList.toggle('active', j === i);
    if (i < recording.runs.length) showRun(view, recording.runs[i]!);
    else showSideBySide(view, recording.runs);
  };
  if (recording.runs.length >= 2) {
    const b = el('button', 'al-tab', 'Side by side');
    b.type = 'button';
    b.title = 'Two runs of this file with their ratios, as Compare shows them';
    const index = buttons.length;
    b.addEventListener('click', () => select(index));
    tabs.append(b);
    buttons.push(b);
  }
  select(0);
}

/** Two runs of the recording with their ratios (the sandbox's Compare table); the pair is chosen in two lists. */
function showSideBySide(view: HTMLElement, runs: ViewedRun[]): void {
  view.replaceChildren();
  const choose = (initial: number) => {
    const list = el('select');
    for (const [i, r] of runs.entries()) list.append(new Option(r.label, String(i), false, i === initial));
    return list;
  };
  const [first, second] = defaultPair(runs);
  const left = choose(first);
  const right = choose(second);
  const compare = new CompareView();
  const show = () => {
    const a = runs[Number(left.value)]!.run;
    const b = runs[Number(right.value)]!.run;
    const scene = a.scene === b.scene ? a.scene : `${a.scene} / ${b.scene}`;
    compare.show({ scene, size: a.size === b.size ? a.size : null, frames: Math.min(a.frames, b.frames), runs: [a, b] });
  };
  left.addEventListener('change', show);
  right.addEventListener('change', show);
  const pick = el('div', 'al-frame-bar');
  pick.append(left, el('span', '', 'against'), right);
  view.append(card('Side by side', pick, compare.element));
  show();
}

/** The allocating and optimized runs of one scene when the file has them, else its first two runs. */
function defaultPair(runs: ViewedRun[]): [number, number] {
  for (const [i, a] of runs.entries()) {
    if (a.run.variant !== 'allocating') continue;
    const j = runs.findIndex(
      (b) => b.run.variant === 'optimized' && b.run.scene === a.run.scene && b.label.split(':')[0] === a.label.split(':')[0],
    );
    if (j >= 0) return [i, j];
  }
  return [0, 1];
}

/** Shows one run: its graphs over every frame with a selectable frame, then its figures. */
function showRun(view: HTMLElement, viewed: ViewedRun): void {
  const { run, runtime } = viewed;
  view.replaceChildren();
  const frames = run.frames;
  const bytes = new Float64Array(frames);
  const ms = new Float64Array(frames);
  const gc = new Uint8Array(frames);
  const perFrameBytes = run.perFrameBytes;
  const perFrameMs = run.perFrameMs;
  for (let i = 0; i < frames; i++) {
    const b = perFrameBytes?.[i];
    bytes[i] = typeof b === 'number' ? b : Number.NaN;
    const m = perFrameMs?.[i];
    ms[i] = typeof m === 'number' ? m : Number.NaN;
  }
  for (const event of run.gc.events) if (event.frame >= 0 && event.frame < frames) gc[event.frame] = 1;

  view.append(
    el(
      'div',
      'al-caption',
      `${run.scene} \u00b7 ${run.variant} \u00b7 ${run.mode}: ${frames.toLocaleString('en-US')} frames after ${run.warmup.toLocaleString('en-US')} of warm-up` +
        ` \u00b7 ${runtime.engine} ${runtime.version} (V8 ${runtime.v8})${run.heapMeter.precise ? '' : ', bytes not precise'}`,
    ),
  );
  // Both graphs show the same stretch: every frame at first; the wheel zooms, Shift+wheel scrolls.
  const graphWindow = new GraphWindow(Math.max(1, frames));
  const bytesGraph = new FrameGraph({
    window: graphWindow,
    title: 'GC Alloc per frame',
    format: formatBytes,
    color: THEME.bytes,
    minScale: 1024,
  });
  const msGraph = new FrameGraph({
    window: graphWindow,
    title: 'Time per frame, ms',
    format: (v) => `${formatMs(v)} ms`,
    color: THEME.ms,
    minScale: 2,
    guide: 1000 / 60,
    guideLabel: '16.7 ms',
  });
  const missing: string[] = [];
  if (perFrameBytes === undefined) {
    bytesGraph.setMessage('this file holds no per-frame bytes');
    missing.push('per-frame bytes');
  }
  if (perFrameMs === undefined) {
    msGraph.setMessage('this file holds no per-frame times (written before they were kept)');
    missing.push('per-frame times');
  }
  const graphs = el('div', 'al-graphs');
  graphs.append(bytesGraph.element, msGraph.element);

  const details = el('div', 'al-frame-details');
  let selected = worstFrame(bytes, gc);
  const frameBar = new FrameBar({
    step: (delta) => (selected = Math.min(frames - 1, Math.max(0, selected + delta))),
    mostBytes: () => (selected = worstFrame(bytes, gc)),
    nextGc: () => (selected = nextGc(gc, selected)),
    changed: () => {
      graphWindow.reveal(selected, frames);
      draw();
    },
  });
  // No GC ran inside a measured frame: nothing for Next GC to find.
  frameBar.nextGcButton.disabled = !gc.includes(1);
  const draw = () => {
    const index = frames > 0 ? selected : -1;
    const b = bytes[selected];
    const m = ms[selected];
    bytesGraph.draw(bytes, gc, frames, 0, frames > 0 ? `frame ${selected}: ${byteText(b, gc[selected] === 1)}` : '', index);
    msGraph.draw(ms, gc, frames, 0, frames > 0 && !Number.isNaN(m!) ? `frame ${selected}: ${formatMs(m!)} ms` : '', index);
    frameBar.label.textContent = frames > 0 ? `frame ${selected} of ${frames.toLocaleString('en-US')}` : 'no frames';
    showFrame(details, run, selected, b, m, perFrameBytes !== undefined, perFrameMs !== undefined);
  };
  graphWindow.onChange = draw;
  for (const graph of [bytesGraph, msGraph]) {
    graph.onPick((k) => {
      selected = k;
      draw();
    });
    frameBar.listenTo(graph.element);
  }

  const side = el('div', 'al-side');
  side.append(card('Selected frame', frameBar.element, details), card('Run', summaryTable(run)), markersCard(run));
  if (run.sites) side.append(sitesCard(run));
  else missing.push('allocation sites (record with --sites, or in the sandbox served by npm run dev:sites)');
  if (run.attribution) side.append(attributionCard(run));
  else missing.push('sampled functions (record with --attribute)');
  if (missing.length > 0) side.append(el('div', 'al-caption', `Not in this file: ${missing.join('; ')}.`));
  const layout = el('div', 'al-view-layout');
  const main = el('div', 'al-view-main');
  main.append(graphs);
  layout.append(main, side);
  view.append(layout);
  // The canvases take their size from the layout: draw once it is in the document, and again on resize.
  if (!resizeListened) {
    resizeListened = true;
    window.addEventListener('resize', () => redrawShown());
  }
  redrawShown = draw;
  requestAnimationFrame(draw);
}

/** Draws the shown run's graphs again (the window's one resize listener calls it). */
let redrawShown: () => void = () => {};
let resizeListened = false;

function byteText(bytes: number | undefined, gcInFrame: boolean): string {
  if (bytes === undefined || Number.isNaN(bytes)) return gcInFrame ? 'GC in frame' : 'no figure';
  return formatBytes(bytes);
}

/** The frame that allocated the most (frames without a figure are left out), or 0. */
function worstFrame(bytes: Float64Array, gc: Uint8Array): number {
  let best = 0;
  let bestBytes = -1;
  for (let i = 0; i < bytes.length; i++) {
    if (gc[i] === 0 && bytes[i]! > bestBytes) {
      bestBytes = bytes[i]!;
      best = i;
    }
  }
  return best;
}

function nextGc(gc: Uint8Array, from: number): number {
  for (let i = from + 1; i < gc.length; i++) if (gc[i] === 1) return i;
  return from;
}

/** The selected frame's own figures, and what the file cannot say about one frame. */
function showFrame(
  details: HTMLElement,
  run: RunResult,
  frame: number,
  bytes: number | undefined,
  ms: number | undefined,
  hasBytes: boolean,
  hasMs: boolean,
): void {
  const gcs = run.gc.events.filter((e) => e.frame === frame);
  const rows: string[][] = [];
  if (hasBytes) {
    const why = gcs.length > 0 ? 'a GC ran inside it' : 'a GC or a JIT code install ran inside it';
    rows.push(['GC Alloc', bytes === undefined || Number.isNaN(bytes) ? `no figure: ${why}` : formatBytes(bytes)]);
  }
  if (hasMs && ms !== undefined && !Number.isNaN(ms)) rows.push(['time', `${formatMs(ms)} ms`]);
  for (const e of gcs) rows.push(['GC', `${e.kind}${run.gc.pausesTimed ? `, ${formatMs(e.durationMs)} ms` : ''}`]);
  const hits = run.perFrameSiteHits?.[frame];
  if (hits !== undefined) rows.push(['site allocations', formatCalls(hits)]);
  const worst = run.worstFrames.find((w) => w.frame === frame);
  if (worst) rows.push(['rank', `among the run's ${run.worstFrames.length} heaviest frames`]);
  details.replaceChildren(
    table(['', `frame ${frame}`], rows, [false, true]),
    el('div', 'al-caption', 'Markers are kept for the whole run in this file (below), not per frame.'),
  );
}

function summaryTable(run: RunResult): HTMLElement {
  const b = run.bytesPerFrame;
  const t = run.frameMs;
  const rows = [
    ['GC Alloc / frame', formatBytes(b.mean), formatBytes(b.median), formatBytes(b.p95), formatBytes(b.max)],
    ['frame ms', formatMs(t.mean), formatMs(t.p50), formatMs(t.p95), formatMs(t.max)],
  ];
  const wrap = el('div');
  wrap.append(table(['', 'mean', 'median', 'p95', 'max'], rows, [false, true, true, true, true]));
  const gc = run.gc;
  wrap.append(
    el(
      'div',
      'al-caption',
      `GCs: ${gc.minor} minor, ${gc.major} major, ${gc.other} other` +
        `, ${inFrames(run)} of them inside a measured frame (the rest ran between frames)` +
        (gc.pausesTimed ? `; ${formatMs(gc.totalMs)} ms in all` : '; pause times unknown here') +
        (run.remeasured ? `; measured ${run.remeasured.measurements} times (the first window was disturbed)` : '') +
        (run.jitSettled ? '' : '; the JIT had not settled when measuring began'),
    ),
  );
  return wrap;
}

function inFrames(run: RunResult): number {
  return run.gc.events.filter((e) => e.frame >= 0).length;
}

function markersCard(run: RunResult): HTMLElement {
  if (run.markers.length === 0) return card('Markers', el('div', 'al-caption', 'This run has no markers.'));
  const rows = run.markers.map((m) => [
    m.name,
    formatBytes(m.bytesPerFrame),
    formatBytes(m.selfBytesPerFrame),
    formatCalls(m.calls),
    formatMs(m.ms),
  ]);
  return card(
    'Markers (per frame, over the run)',
    table(['Marker', 'GC Alloc', 'Self', 'Calls', 'ms'], rows, [false, true, true, true, true]),
  );
}

function sitesCard(run: RunResult): HTMLElement {
  const sites = run.sites!;
  const rows = sites.list
    .slice(0, 20)
    .map((s) => [
      s.functionName,
      `${s.kind} \u00b7 ${s.file}:${s.line}`,
      formatCalls(s.countPerFrame),
      `~${formatBytes(s.estimatedBytesPerFrame)}`,
    ]);
  return card(
    'Allocation sites',
    el('div', 'al-caption', `${sites.list.length} of ${sites.registered} sites ran; counts per frame are exact, bytes estimated (~)`),
    table(['Function', 'Where', 'Count/fr', 'Est. B/fr'], rows, [false, false, true, true]),
  );
}

function attributionCard(run: RunResult): HTMLElement {
  const a = run.attribution!;
  const rows = a.functions.slice(0, 20).map((f) => [f.functionName, `${f.file}:${f.line}`, `~${formatBytes(f.sampledBytesPerFrame)}`]);
  return card(
    'Allocations by function (sampled)',
    el(
      'div',
      'al-caption',
      `~${formatBytes(a.sampledBytesPerFrame)}/frame sampled over ${a.frames} frames, beside ${formatBytes(a.measuredBytesPerFrame)} measured in that pass`,
    ),
    table(['Function', 'Source', 'Sampled B/fr'], rows, [false, false, true]),
  );
}
