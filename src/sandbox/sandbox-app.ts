import { installRecordingDrop } from './dropRecording.ts';
import type { SceneDefinition } from '../engine/Scene.ts';
import { createBrowserProfiler } from '../page/BrowserProfiler.ts';
import { PixiStage } from './PixiStage.ts';
import { BrowserHost } from './BrowserHost.ts';
import { collectRun } from './collectRun.ts';
import { ControlsPane, type ControlState } from './controls-pane.ts';
import { GcAllocPanel } from '../panel/gc-alloc-panel.ts';
import { CompareView, QUIET_WINDOW_NOTE } from '../panel/compare-view.ts';
import { GcReportView } from './gc-report-view.ts';
import { gcPanelRows, retainedText } from './gcPanelRows.ts';
import { measureRetainedOnHost, pageLeakPassSupport } from './measureRetainedInPage.ts';
import type { LeaksResult } from '../profiler/retainedGrowth.ts';
import type { RunResult } from '../profiler/RunResult.ts';
import { readUrlState, writeUrlState } from './url-state.ts';
import { installAutomation } from '../panel/automation.ts';
import { download, recordFrames, runCompare, runFileName, runFileText, traceText } from './run-actions.ts';

/** Options of `startSandbox`. */
export interface SandboxOptions {
  /** Where the sandbox draws itself. */
  root: HTMLElement;
  /** The scenes it offers (the catalog). */
  scenes: readonly SceneDefinition[];
  /** A line under the title, e.g. why these scenes are shown. */
  note?: string;
}

/**
 * Boots the sandbox: the pixi stage on the left, tweakpane controls and the GC Alloc panel on
 * the right, the scene named in the URL (or the first one), the rAF loop, and `window.alloclab`.
 *
 * @example
 * await startSandbox({ root: document.getElementById('app')!, scenes });
 */
export async function startSandbox(options: SandboxOptions): Promise<BrowserHost> {
  const { root, scenes } = options;
  if (scenes.length === 0) {
    root.textContent = 'No scenes in the catalog (scenes/index.ts).';
    throw new Error('alloclab sandbox: the scene catalog is empty');
  }
  root.classList.add('al-app');
  const main = el('main', 'al-main');
  const stageBox = el('div', 'al-stage');
  const graphs = el('div', 'al-graphs');
  main.append(stageBox, graphs);
  const side = el('aside', 'al-side');
  const paneBox = el('div', 'al-pane');
  side.append(paneBox);
  root.append(main, side);

  const profiled = createBrowserProfiler();
  const url = readUrlState(window.location.search);
  const stage = await PixiStage.create(url.resolution ?? 1);
  stageBox.append(stage.canvas);
  const host = new BrowserHost(stage, profiled, url.pace);

  const first = scenes.find((s) => s.name === url.scene) ?? scenes[0]!;
  const state: ControlState = {
    scene: first.name,
    variant: url.variant !== null && Object.hasOwn(first.variants, url.variant) ? url.variant : Object.keys(first.variants)[0]!,
    size: clampSize(first, url.size ?? first.size.default),
    paused: false,
    timeScale: 1,
    deep: url.deep,
    frames: 300,
  };

  let busy = false;
  const compareView = new CompareView();
  const controls = new ControlsPane(paneBox, scenes, state, {
    reload: () => void apply(),
    playback: () => {
      host.paused = state.paused;
      host.timeScale = state.timeScale;
    },
    step: () => host.step(),
    compare: () => void compare(),
    record: (format) => void record(format),
    leaks: () => void leakPass(),
  });
  const panel = new GcAllocPanel(profiled, controls.monitorFolder);
  panel.warmupStatus = () => {
    const shadow = host.shadowProgress;
    if (shadow !== null) return `warming up (code: ${shadow.frames.toLocaleString('en-US')} frames off-screen)`;
    return host.warmup.ended ? null : `warming up (${host.warmup.frames} frames)`;
  };
  graphs.append(panel.bytesGraph.element, panel.msGraph.element);
  const tableCard = card('Hierarchy', panel.table.element);
  const compareCard = card('Compare', compareView.element);
  const sitesCard = card('Allocation sites', panel.sites.element);
  const gcView = new GcReportView();
  const gcCard = card('GC & leaks', gcView.element);
  side.append(panel.notice, tableCard, sitesCard, compareCard, gcCard);
  if (host.warmup.judge === 'quiet-window') {
    // Figures are measured, but warm-up can only be judged by quiet frames here: say so once.
    const note = Object.assign(el('div', 'al-notice'), { textContent: QUIET_WINDOW_NOTE });
    side.insertBefore(note, tableCard);
  }
  // The GC report shows the last run measured here, and the last leak pass of the same scene.
  let lastRun: RunResult | null = null;
  let lastLeaks: LeaksResult | null = null;
  const showGcReport = (): void => {
    const support = pageLeakPassSupport(profiled.meter.precise);
    if (lastRun !== null)
      gcView.show(`${lastRun.scene} / ${lastRun.variant}: ${lastRun.frames} frames`, gcPanelRows(lastRun, support, lastLeaks));
    else gcView.show(`${state.scene} / ${state.variant}`, [{ label: 'retained / frame', value: retainedText(support, lastLeaks) }]);
  };
  if (options.note) side.append(Object.assign(el('div', 'al-caption al-footnote'), { textContent: options.note }));

  async function apply(): Promise<void> {
    const scene = scenes.find((s) => s.name === state.scene)!;
    state.size = clampSize(scene, state.size);
    writeUrlState(state);
    try {
      await host.load(scene, state.variant, state.size, state.deep);
    } catch (error) {
      controls.setStatus('setup failed: ' + (error as Error).message);
      throw error;
    }
  }

  host.onLoad((loaded) => {
    state.scene = loaded.scene.name;
    state.variant = loaded.variant;
    state.size = loaded.size;
    state.deep = loaded.deep;
    writeUrlState(state);
    panel.reset(`${loaded.scene.name} / ${loaded.variant} / ${loaded.size}${loaded.deep ? ' / deep' : ''}`);
    lastRun = null;
    lastLeaks = null;
  });

  async function exclusive<T>(work: () => Promise<T>): Promise<T | undefined> {
    if (busy) return undefined;
    busy = true;
    controls.setBusy(true);
    try {
      return await work();
    } catch (error) {
      controls.setStatus((error as Error).message);
      return undefined;
    } finally {
      busy = false;
      controls.setBusy(false);
      controls.refresh();
    }
  }

  async function compare(): Promise<void> {
    compareView.showText('Running both variants…');
    const result = await exclusive(() => runCompare(host, state.frames, (text) => controls.setStatus(text)));
    if (result === undefined) return;
    compareView.show(result);
    lastRun = result.runs[0] ?? null;
    showGcReport();
    controls.setStatus('compare done');
  }

  async function record(format: 'json' | 'trace'): Promise<void> {
    const run = await exclusive(() => recordFrames(host, state.frames, (text) => controls.setStatus(text)));
    if (run === undefined) return;
    lastRun = run.result;
    showGcReport();
    if (format === 'json') download(runFileName(run.result, 'alloclab.json'), runFileText(run));
    else download(runFileName(run.result, 'trace.json'), traceText(run));
    // A recording starts at once; say whether the scene had gone quiet by then.
    controls.setStatus(`saved ${run.result.frames} frames${run.result.jitSettled ? '' : ' (the scene had not gone quiet yet)'}`);
  }

  async function leakPass(): Promise<void> {
    const support = pageLeakPassSupport(profiled.meter.precise);
    if (!support.available) {
      showGcReport();
      controls.setStatus('no leak pass: ' + support.reason);
      return;
    }
    const leaks = await exclusive(async () => {
      // Right after a load the page's heap still grows with compiled code and the renderer's
      // caches: the pass waits until the scene has run a while, so that growth is not read as a leak.
      const warm = LEAK_PASS_WARM_FRAMES - host.framesSinceLoad;
      if (warm > 0) {
        gcView.show(`${state.scene} / ${state.variant}: warming up (${warm} frames) before the leak pass…`, []);
        const wasPaused = host.paused;
        host.paused = false;
        try {
          await host.waitFrames(warm);
        } finally {
          host.paused = wasPaused;
        }
      }
      gcView.show(`${state.scene} / ${state.variant}: leak pass running (forced full GCs between frames)…`, []);
      return measureRetainedOnHost(host);
    });
    if (leaks === undefined) return;
    lastLeaks = leaks;
    showGcReport();
    controls.setStatus(`leak pass done: ${leaks.verdict}`);
  }

  host.paused = state.paused;
  host.start();
  await apply();
  controls.refresh();
  panel.start();

  // A recording dropped on the page opens in the viewer over it.
  installRecordingDrop();
  installAutomation({
    scenes: scenes.map((s) => s.name),
    precise: profiled.meter.precise,
    current: () => {
      const loaded = host.loaded;
      return loaded === null ? null : { scene: loaded.scene.name, variant: loaded.variant, size: loaded.size, deep: loaded.deep };
    },
    async load(name, variant, size) {
      const scene = scenes.find((s) => s.name === name);
      if (scene === undefined) throw new Error(`unknown scene "${name}" (scenes: ${scenes.map((s) => s.name).join(', ')})`);
      const v = variant ?? Object.keys(scene.variants)[0]!;
      if (!Object.hasOwn(scene.variants, v))
        throw new Error(`scene "${name}" has no variant "${v}" (has ${Object.keys(scene.variants).join(', ')})`);
      state.scene = scene.name;
      state.variant = v;
      state.size = clampSize(scene, size ?? scene.size.default);
      controls.refresh();
      await apply();
    },
    stats: () => panel.model.latest(),
    async summary(frames, summaryOptions) {
      const o = summaryOptions;
      const run = await collectRun(host, { frames, warmup: o?.warmup, quietFrames: o?.quietFrames, maxWarmup: o?.maxWarmup });
      return run.result;
    },
  });
  return host;
}

function clampSize(scene: SceneDefinition, size: number): number {
  return Math.min(scene.size.max, Math.max(scene.size.min, Math.round(size)));
}

function el(tag: string, className: string): HTMLElement {
  const e = document.createElement(tag);
  e.className = className;
  return e;
}

/** Frames a scene runs after loading before the leak pass starts (see leakPass). */
const LEAK_PASS_WARM_FRAMES = 3000;

function card(title: string, body: HTMLElement): HTMLElement {
  const section = el('section', 'al-card');
  const head = el('div', 'al-card-title');
  head.textContent = title;
  section.append(head, body);
  return section;
}
