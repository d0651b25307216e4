import { Pane } from 'tweakpane';
import type { BrowserProfiler } from '../page/BrowserProfiler.ts';
import { GcAllocModel, GRAPH_SPAN } from '../panel/gc-alloc-model.ts';
import { GcAllocPanel, PANEL_INTERVAL_MS } from '../panel/gc-alloc-panel.ts';
import { FrameGraph, GraphWindow } from '../panel/frame-graph.ts';
import { formatBytes, formatMs } from '../panel/format.ts';
import { THEME } from '../panel/theme.ts';
import type { RunResult } from '../profiler/RunResult.ts';
import { SampleAction } from './sampleAction.ts';

/** Scoped under .al-overlay, so the game's page styles and ours do not meet. */
const STYLE = `
.al-overlay { position: fixed; top: 8px; right: 8px; z-index: 2147483647; width: 280px; font: 11px ${THEME.font}; color: #ddd;
  background: rgba(20, 20, 28, 0.92); border-radius: 6px; padding: 6px; box-sizing: border-box; }
.al-overlay.al-expanded { width: 420px; max-height: calc(100vh - 16px); overflow-y: auto; }
.al-overlay-head { display: flex; justify-content: space-between; align-items: center; gap: 6px; margin-bottom: 4px; }
.al-overlay-line { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.al-overlay button { font: inherit; color: inherit; background: #333; border: 0; border-radius: 3px; padding: 1px 6px; cursor: pointer; }
.al-overlay .al-graph { display: flex; flex-direction: column; height: 70px; margin-top: 4px; }
.al-overlay .al-graph[hidden] { display: none; }
.al-overlay .al-graph-head { display: flex; justify-content: space-between; color: #999; white-space: nowrap; overflow: hidden; }
.al-overlay .al-graph-canvas { flex: 1 1 auto; width: 100%; min-height: 0; }
.al-overlay .al-notice { color: #e8b04a; margin-top: 4px; }
.al-overlay .al-table { width: 100%; border-collapse: collapse; table-layout: fixed; }
.al-overlay .al-table th, .al-overlay .al-table td { padding: 1px 4px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.al-overlay .al-frame-bar { display: flex; align-items: center; gap: 4px; margin: 4px 0; }
.al-overlay .al-frame-label { flex: 1 1 auto; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.al-overlay .al-frame-bar button:disabled { opacity: 0.4; cursor: default; }
.al-overlay .al-site-where { color: #999; }
.al-overlay .al-sample-row { display: flex; flex-wrap: wrap; gap: 4px; margin-top: 4px; }
.al-overlay .al-sample-row button:disabled { opacity: 0.5; cursor: default; }
.al-overlay .al-sample-status { flex: 1 1 100%; white-space: normal; color: #999; }
.al-overlay .al-sample-status:empty { display: none; }
.al-overlay .al-sample-status.al-notice { color: #e8b04a; margin-top: 0; }
.al-overlay .al-sample-table td:first-child { width: 38%; }
.al-overlay .al-sample-table td:last-child, .al-overlay .al-sample-table th:last-child { width: 22%; text-align: right; }
.al-overlay .al-sample-path td { color: #888; padding-left: 12px; }
.al-overlay .al-sample-hint { color: #888; margin-top: 4px; }
`;

/**
 * The compact GC Alloc overlay: one line with the newest frame's bytes, GC count and ms, and a
 * bytes/frame graph with GCs marked in red, read on its own 10 Hz timer (never in the frame).
 * "Expand" shows the sandbox's full GC Alloc panel (monitors, bytes and ms graphs, the marker
 * hierarchy of the newest frame) below the line, in place of the compact graph.
 */
export class ProfilerOverlay {
  readonly element: HTMLElement;
  readonly model: GcAllocModel;
  private readonly _profiled: BrowserProfiler;
  private readonly _line: HTMLElement;
  private readonly _graph: FrameGraph;
  private readonly _style: HTMLStyleElement;
  private readonly _button: HTMLButtonElement;
  private _panel: GcAllocPanel | null = null;
  private _pane: Pane | null = null;
  private _expandedView: HTMLElement | null = null;
  private _timer = 0;
  /** The "Sample 300 frames" action, when the overlay was given a way to measure frames. */
  readonly sampling: SampleAction | null;

  /**
   * `summary` measures the next frames of the game (attachProfiler's): with it, the overlay offers
   * "Sample 300 frames" (see SampleAction).
   */
  constructor(profiled: BrowserProfiler, parent: HTMLElement = document.body, summary?: (frames: number) => Promise<RunResult>) {
    this._profiled = profiled;
    this.model = new GcAllocModel(profiled);
    this._style = document.createElement('style');
    this._style.textContent = STYLE;
    document.head.append(this._style);
    this.element = document.createElement('div');
    this.element.className = 'al-overlay';
    this.element.dataset.alloclabOverlay = '';
    const head = document.createElement('div');
    head.className = 'al-overlay-head';
    this._line = document.createElement('span');
    this._line.className = 'al-overlay-line';
    this._button = document.createElement('button');
    this._button.textContent = 'Expand';
    this._button.addEventListener('click', () => (this._panel === null ? this.expand() : this.collapse()));
    head.append(this._line, this._button);
    this._graph = new FrameGraph({
      title: 'GC Alloc per frame',
      format: formatBytes,
      color: THEME.bytes,
      minScale: 1024,
      window: new GraphWindow(GRAPH_SPAN),
    });
    if (!profiled.meter.precise) this._graph.setMessage('measured bytes unavailable (no --enable-precise-memory-info)');
    this.sampling = summary === undefined ? null : new SampleAction(summary, profiled.meter.precise);
    this.element.append(head, this._graph.element);
    if (this.sampling !== null) this.element.append(this.sampling.element);
    parent.append(this.element);
    this.update();
    this._timer = window.setInterval(() => this.update(), PANEL_INTERVAL_MS);
  }

  /** True while the full panel is shown. */
  get expanded(): boolean {
    return this._panel !== null;
  }

  /** Shows the full GC Alloc panel under the compact view. */
  expand(): void {
    if (this._panel !== null) return;
    const container = document.createElement('div');
    this._pane = new Pane({ container, title: 'GC Alloc' });
    const monitors = this._pane.addFolder({ title: 'Newest frame' });
    const panel = new GcAllocPanel(this._profiled, monitors);
    panel.reset(document.title || location.pathname);
    container.append(panel.notice, panel.bytesGraph.element, panel.msGraph.element, panel.table.element);
    // The game's own allocation sites, when its code is instrumented (alloclabInstrument in its Vite config).
    if (panel.sitesModel.instrumented) container.append(panel.sites.element);
    this.element.insertBefore(container, this.sampling?.element ?? null);
    this.element.classList.add('al-expanded');
    // The full panel draws the same series over a longer history: one bytes graph, not two.
    this._graph.element.hidden = true;
    panel.start();
    this._panel = panel;
    this._expandedView = container;
    this._button.textContent = 'Collapse';
  }

  /** Back to the compact view. */
  collapse(): void {
    if (this._panel === null) return;
    this._panel.stop();
    this._pane!.dispose();
    this._expandedView!.remove();
    this._panel = null;
    this._pane = null;
    this._expandedView = null;
    this.element.classList.remove('al-expanded');
    this._graph.element.hidden = false;
    this._button.textContent = 'Expand';
  }

  /** Reads the newest frames and redraws (the timer's callback). */
  update(): void {
    const model = this.model;
    model.poll();
    const latest = model.latest();
    const bytes = !model.precise ? 'bytes n/a' : latest.frame < 0 ? '—' : latest.bytes === null ? 'GC in frame' : formatBytes(latest.bytes);
    this._line.textContent = `${bytes}/frame · ${latest.gcCount} GC · ${latest.frame < 0 ? '—' : formatMs(latest.ms)} ms`;
    if (this._panel === null) this._graph.draw(model.bytes, model.gc, model.count, model.head, bytes);
  }

  /** Stops the timers and removes the overlay and its stylesheet. */
  destroy(): void {
    this.collapse();
    window.clearInterval(this._timer);
    this.element.remove();
    this._style.remove();
  }
}
