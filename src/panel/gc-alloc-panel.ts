import type { FolderApi } from 'tweakpane';
import { adoptPublishedSites } from '../profiler/sites/runtime.ts';
import type { BrowserProfiler } from '../page/BrowserProfiler.ts';
import { type FrameStats, GcAllocModel, GRAPH_SPAN, type HierarchyRow } from './gc-alloc-model.ts';
import { FrameBar } from './frame-bar.ts';
import { FrameGraph, GraphWindow } from './frame-graph.ts';
import { FrameTimelineView } from './frame-timeline.ts';
import { HierarchyTable } from './hierarchy-table.ts';
import { SitesModel } from './sites-model.ts';
import { SitesTable } from './sites-table.ts';
import { formatBytes, formatMs } from './format.ts';
import { THEME } from './theme.ts';
/** A tweakpane binding (input or monitor) as `addBinding` returns it. */
type Binding = ReturnType<FolderApi['addBinding']>;

/**
 * The row that shows the panel's own cost. It is not a ProfilerMarker: the panel runs on a timer
 * between animation frames, never inside a profiled frame, so a marker would record nothing; the
 * panel reads the meter and clock around its own work instead.
 */
export const PANEL_ROW_NAME = 'Panel (10 Hz)';
const PANEL_ROW_TITLE =
  'The GC Alloc panel\u2019s last update, measured with the same meter and clock. It runs on its own 10 Hz timer, ' +
  'between frames, so its cost never lands in a frame\u2019s figures.';

/** How often the panel reads the recorder. */
export const PANEL_INTERVAL_MS = 100;

/**
 * The GC Alloc panel: tweakpane monitors for the newest frame (measured bytes, GC events, frame
 * ms), bar graphs of bytes/frame and ms/frame over the last 300 frames with GCs marked in red,
 * and the hierarchy table of the newest frame. It reads the recorder on its own 10 Hz timer (drop
 * policy), and measures its own cost with the same meter and clock, shown as a last row of its
 * own under the frame's: its work happens between frames, so it never lands in a frame's figures.
 */
export class GcAllocPanel {
  readonly model: GcAllocModel;
  readonly bytesGraph: FrameGraph;
  readonly msGraph: FrameGraph;
  readonly table: HierarchyTable;
  /** Allocation sites that ran since the scene was loaded (when the page is instrumented). */
  readonly sites: SitesTable;
  readonly sitesModel: SitesModel;
  readonly notice: HTMLElement;
  /** Above the hierarchy: which frame it shows, and buttons to step, jump and go back to live. */
  readonly frameBar: FrameBar;
  /** Below the hierarchy: the shown frame's markers along its time. */
  readonly timeline = new FrameTimelineView();
  private readonly _profiled: BrowserProfiler;
  private readonly _monitor = { bytes: '', gcs: 0, ms: '' };
  private readonly _bindings: Binding[] = [];
  private readonly _scratch = new Float64Array(8);
  private readonly _panelRow: HierarchyRow = {
    name: PANEL_ROW_NAME,
    parent: '',
    bytes: null,
    calls: 1,
    ms: 0,
    selfMs: 0,
    title: PANEL_ROW_TITLE,
  };
  private _timer = 0;
  private _label = '';
  /** The frame the hierarchy was last drawn for, and whether it was selected (a selected frame is drawn once, not at 10 Hz). */
  private _tableSeq = -1;
  private _tableSelected = false;
  /**
   * While the running code is still warming up, what to show instead of the newest frame's
   * figure (e.g. "warming up (420 frames)"); null once warm-up ended. The sandbox sets it.
   */
  warmupStatus: (() => string | null) | null = null;

  constructor(profiled: BrowserProfiler, monitorFolder: FolderApi) {
    this._profiled = profiled;
    this.model = new GcAllocModel(profiled);
    const precise = profiled.meter.precise;
    this._bindings.push(
      monitorFolder.addBinding(this._monitor, 'bytes', { label: 'GC Alloc (frame)', readonly: true, interval: 0 }),
      monitorFolder.addBinding(this._monitor, 'gcs', {
        label: 'GC events',
        readonly: true,
        interval: 0,
        format: (v: number) => v.toFixed(0),
      }),
      monitorFolder.addBinding(this._monitor, 'ms', { label: 'frame ms', readonly: true, interval: 0 }),
    );
    // Both graphs show the same stretch of frames: zooming or scrolling one moves the other.
    const graphWindow = new GraphWindow(GRAPH_SPAN);
    graphWindow.onChange = () => this._draw();
    this.bytesGraph = new FrameGraph({
      window: graphWindow,
      title: 'GC Alloc per frame',
      format: formatBytes,
      color: THEME.bytes,
      minScale: 1024,
    });
    this.msGraph = new FrameGraph({
      window: graphWindow,
      title: 'JS time per frame, ms',
      format: (v) => formatMs(v) + ' ms',
      color: THEME.ms,
      minScale: 2,
      guide: 1000 / 60,
      guideLabel: '16.7 ms',
    });
    this.table = new HierarchyTable();
    this.frameBar = new FrameBar({
      step: (delta) => this.model.step(delta),
      mostBytes: () => this.model.select(this.model.mostBytesSeq()),
      nextGc: () => this.model.select(this.model.nextGcSeq()),
      live: () => this.model.live(),
      changed: () => {
        this._revealSelected();
        this._draw();
      },
    });
    this.table.element.prepend(this.frameBar.element);
    this.table.element.append(this.timeline.element);
    for (const graph of [this.bytesGraph, this.msGraph]) {
      graph.onPick((k) => {
        this.model.select(this.model.seqAt(k));
        this._draw();
      });
      this.frameBar.listenTo(graph.element);
    }
    this.sites = new SitesTable();
    // The game's counters, when its instrumented modules loaded another copy of the runtime than this panel's.
    adoptPublishedSites();
    this.sitesModel = new SitesModel(profiled.profiler.recorder);
    if (!this.sitesModel.instrumented) this.sites.showUninstrumented();
    this.notice = document.createElement('div');
    this.notice.className = 'al-notice';
    this.notice.hidden = precise;
    if (!precise) {
      this.notice.textContent =
        'Measured bytes are unavailable: this browser reports a rounded, cached heap size. ' +
        'Start Chromium or Chrome with --enable-precise-memory-info (and --js-flags=--expose-gc), ' +
        'or run `npm run sandbox`, which does it for you. Times and GC marks still work.';
      this.bytesGraph.setMessage('measured bytes unavailable: see the note below');
    }
  }

  /** Starts the 10 Hz timer. */
  start(): void {
    if (this._timer === 0) this._timer = window.setInterval(() => this.update(), PANEL_INTERVAL_MS);
  }

  stop(): void {
    window.clearInterval(this._timer);
    this._timer = 0;
  }

  /** A new scene: empty history, and `label` ("orbs / allocating / 200") in the table caption. */
  reset(label: string): void {
    this._label = label;
    this.model.reset();
    this.sitesModel.reset();
    this.update();
  }

  /** Reads the recorder and redraws (the timer's callback). */
  update(): void {
    const { meter, clock } = this._profiled;
    const s = this._scratch;
    clock.stamp(s, 0);
    meter.sample(s, 1);
    this._draw();
    meter.sample(s, 4);
    clock.stamp(s, 7);
    const row = this._panelRow;
    row.ms = clock.toMs(s, 7) - clock.toMs(s, 0);
    row.selfMs = row.ms;
    // A GC during the panel's work makes the used heap shrink: no figure then, rather than a guess.
    const bytes = meter.toBytes(s, 4) - meter.toBytes(s, 1);
    row.bytes = meter.precise && bytes >= 0 ? bytes : null;
  }

  /** Scrolls the graphs to the selected frame when it is outside the stretch they show. */
  private _revealSelected(): void {
    const index = this.model.selectedSeq >= 0 ? this.model.historyIndex(this.model.selectedSeq) : -1;
    if (index >= 0) this.bytesGraph.window.reveal(index, this.model.count);
    else if (this.model.selectedSeq < 0) this.bytesGraph.window.back = 0;
  }

  private _draw(): void {
    const model = this.model;
    const fresh = model.poll();
    const latest = model.latest();
    const m = this._monitor;
    const warming = this.warmupStatus?.() ?? null;
    m.bytes = !model.precise ? 'unavailable' : warming !== null ? warming : bytesText(latest);
    m.gcs = latest.gcCount;
    m.ms = latest.frame < 0 ? '\u2014' : formatMs(latest.ms);
    for (const binding of this._bindings) binding.refresh();
    const selected = model.selectedSeq;
    const shown = selected >= 0 ? model.statsOf(selected) : latest;
    const index = selected >= 0 ? model.historyIndex(selected) : -1;
    const prefix = selected >= 0 ? `frame ${shown.frame}: ` : '';
    const shownBytes = selected >= 0 && model.precise ? bytesText(shown) : m.bytes;
    const shownMs = shown.frame < 0 ? '\u2014' : formatMs(shown.ms);
    this.bytesGraph.draw(model.bytes, model.gc, model.count, model.head, prefix + shownBytes, index);
    this.msGraph.draw(model.ms, model.gc, model.count, model.head, `${prefix}${shownMs} ms`, index);
    this.frameBar.liveButton!.disabled = selected < 0;
    if (selected >= 0) {
      const where = index < 0 ? ', no longer in the graphs' : '';
      this.frameBar.label.textContent = `frame ${shown.frame} (selected${where})${shown.gc ? ', GC' : ''}`;
    } else this.frameBar.label.textContent = latest.frame < 0 ? 'no frame yet' : `frame ${latest.frame} (live)`;
    if ((fresh && selected < 0) || model.sample.seq !== this._tableSeq || selected >= 0 !== this._tableSelected || model.sample.seq < 0) {
      this._tableSeq = model.sample.seq;
      this._tableSelected = selected >= 0;
      const caption =
        model.sample.seq < 0
          ? `${this._label}: waiting for a frame`
          : selected >= 0
            ? `${this._label}: frame ${shown.frame} (selected; the recorder keeps the last ${this._profiled.profiler.recorder.frameCapacity.toLocaleString('en-US')} frames)`
            : `${this._label}: frame ${latest.frame} (newest, 10\u00d7/s)${warming === null ? '' : `, ${warming}: not yet steady`}`;
      this.table.update(caption, model.rows(), selected >= 0 ? null : this._panelRow);
    }
    const gcInShown = model.gcInShownFrame();
    this.timeline.update(model.sample, model.precise && !gcInShown, gcInShown, model.frameNumber(model.sample.seq));
    const sites = this.sitesModel;
    const frameSites = sites.instrumented && selected >= 0 ? sites.frameRows(selected) : null;
    if (sites.instrumented) sites.poll();
    if (frameSites !== null) {
      this.sites.update(
        `${this._label}: frame ${shown.frame} (selected): ${frameSites.length} of ${sites.registered} sites ran in it (exact counts; bytes are estimates, ~)`,
        frameSites,
      );
    } else if (sites.instrumented) {
      const rows = sites.rows();
      this.sites.update(
        `${this._label}: ${rows.length} of ${sites.registered} sites ran, counts per frame over ${sites.frames} frames (exact); bytes are estimates (~, Chromium layouts)`,
        rows,
      );
    }
  }
}

/** A frame's bytes as the panel shows them. */
function bytesText(frame: FrameStats): string {
  return frame.frame < 0 ? '\u2014' : frame.bytes === null ? 'GC in frame' : formatBytes(frame.bytes);
}
