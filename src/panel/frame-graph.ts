import { THEME } from './theme.ts';

/**
 * Which stretch of the kept frames a graph shows: `span` frames ending `back` frames before the
 * newest (0: it follows the newest). Graphs given the same window scroll and zoom together.
 */
export class GraphWindow {
  span: number;
  back = 0;
  /** Called when the user zoomed or scrolled (to redraw at once). */
  onChange: () => void = () => {};

  constructor(span: number) {
    this.span = span;
  }

  /** Shifts the window so that slot `k` of `count` kept frames is inside it. */
  reveal(k: number, count: number): void {
    const end = count - this.back;
    if (k >= end) this.back = Math.max(0, count - k - 1);
    else if (k < end - this.span) this.back = Math.max(0, count - (k + this.span));
  }
}

/** Options of a `FrameGraph`. */
export interface FrameGraphOptions {
  title: string;
  /** Formats the scale label (the graph's current maximum). */
  format: (value: number) => string;
  /** Bar color. */
  color: string;
  /** Smallest top of the scale, so a quiet graph does not magnify noise (e.g. 16.7 ms, 1 KB). */
  minScale: number;
  /** A reference line (e.g. the 16.7 ms budget), or 0 for none. */
  guide?: number;
  guideLabel?: string;
  /** The stretch shown, shared with other graphs (default: a window of its own over all kept frames). */
  window?: GraphWindow;
}

/** Height of the strip above the bars that holds the scale label, in CSS pixels: no bar reaches it. */
const LABEL_STRIP = 14;
/** The fewest frames a zoomed-in graph shows. */
const MIN_SPAN = 30;

/**
 * A small bar graph of one value per frame over the frames kept, drawn on a canvas of its own
 * (tweakpane's graph monitor copies its buffer on every push and cannot mark GCs). Frames with a
 * GC are drawn as a red tick to the top of the plot; frames without a figure leave a gap. The
 * wheel zooms (fewer or more frames), Shift+wheel scrolls back in time; a click or a drag on the
 * bars picks a frame (`onPick`), drawn with a white outline.
 */
export class FrameGraph {
  readonly element: HTMLElement;
  readonly window: GraphWindow;
  private readonly _canvas: HTMLCanvasElement;
  private readonly _ctx: CanvasRenderingContext2D;
  private readonly _title: HTMLElement;
  private readonly _value: HTMLElement;
  private readonly _options: FrameGraphOptions;
  private _message = '';
  private _sorted = new Float64Array(0);
  /** The slots drawn at the last `draw`, and where the first bar starts, to map a pointer to a frame. */
  private _count = 0;
  private _start = 0;
  private _end = 0;
  private _left = 0;
  private _barWidth = 1;
  private _titleText = '';
  private _pick: ((k: number) => void) | null = null;

  constructor(options: FrameGraphOptions) {
    this._options = options;
    this.window = options.window ?? new GraphWindow(Number.MAX_SAFE_INTEGER);
    this.element = document.createElement('div');
    this.element.className = 'al-graph';
    const head = document.createElement('div');
    head.className = 'al-graph-head';
    this._title = document.createElement('span');
    this._title.textContent = options.title;
    this._value = document.createElement('span');
    this._value.className = 'al-graph-value';
    head.append(this._title, this._value);
    this._canvas = document.createElement('canvas');
    this._canvas.className = 'al-graph-canvas';
    this.element.append(head, this._canvas);
    this._ctx = this._canvas.getContext('2d')!;
    const pickAt = (event: PointerEvent) => {
      if (this._pick === null || this._end <= this._start) return;
      const x = (event.clientX - this._canvas.getBoundingClientRect().left) * (window.devicePixelRatio || 1);
      const k = this._start + Math.floor((x - this._left) / this._barWidth);
      this._pick(Math.min(this._end - 1, Math.max(this._start, k)));
    };
    this._canvas.addEventListener('pointerdown', (event) => {
      this._canvas.setPointerCapture(event.pointerId);
      pickAt(event);
    });
    this._canvas.addEventListener('pointermove', (event) => {
      if (event.buttons !== 0) pickAt(event);
    });
    this._canvas.addEventListener(
      'wheel',
      (event) => {
        if (this._count === 0) return;
        event.preventDefault();
        const w = this.window;
        const shown = Math.min(w.span, this._count);
        if (event.shiftKey || Math.abs(event.deltaX) > Math.abs(event.deltaY)) {
          const delta = (event.shiftKey ? event.deltaY : event.deltaX) || event.deltaY;
          const step = Math.max(1, Math.round(shown / 10)) * Math.sign(delta);
          // Wheel down (or right) goes forward in time, toward the newest frame.
          w.back = Math.min(Math.max(0, this._count - shown), Math.max(0, w.back - step));
        } else {
          w.span = Math.min(this._count, Math.max(MIN_SPAN, Math.round(shown * (event.deltaY > 0 ? 1.5 : 1 / 1.5))));
          w.back = Math.min(w.back, Math.max(0, this._count - w.span));
        }
        w.onChange();
      },
      { passive: false },
    );
  }

  /** Called with the kept frame's slot (0 = oldest kept) under a click or a drag. */
  onPick(pick: (k: number) => void): void {
    this._pick = pick;
    this._canvas.style.cursor = 'crosshair';
    this._canvas.title = 'Click or drag to select a frame (\u2190 \u2192 step, Esc: live); wheel: zoom, Shift+wheel: scroll';
  }

  /** Shown instead of bars (e.g. "measured bytes unavailable"); '' to show bars. */
  setMessage(message: string): void {
    this._message = message;
  }

  /**
   * Draws the window's stretch of `count` values of a ring (`values`, newest at `head - 1`), with
   * GC flags, and shows `current` as text in the header; `selected` is the slot to outline (-1: none).
   */
  draw(values: Float64Array, gc: Uint8Array, count: number, head: number, current: string, selected = -1): void {
    this._value.textContent = current;
    const capacity = values.length;
    const w = this.window;
    const span = Math.max(1, Math.min(w.span, capacity));
    const back = Math.min(w.back, Math.max(0, count - span));
    const end = count - back;
    const start = Math.max(0, end - span);
    const title =
      back > 0
        ? `${this._options.title} (${(end - start).toLocaleString('en-US')} frames, ${back.toLocaleString('en-US')} before the newest)`
        : span >= capacity
          ? `${this._options.title} (all ${count.toLocaleString('en-US')})`
          : `${this._options.title} (last ${span.toLocaleString('en-US')})`;
    if (title !== this._titleText) {
      this._titleText = title;
      this._title.textContent = title;
    }
    const canvas = this._canvas;
    const dpr = window.devicePixelRatio || 1;
    const width = Math.max(1, Math.round(canvas.clientWidth * dpr));
    const height = Math.max(1, Math.round(canvas.clientHeight * dpr));
    if (canvas.width !== width || canvas.height !== height) {
      canvas.width = width;
      canvas.height = height;
    }
    const ctx = this._ctx;
    ctx.clearRect(0, 0, width, height);
    ctx.fillStyle = THEME.graphBackground;
    ctx.fillRect(0, 0, width, height);
    ctx.font = `${10 * dpr}px ${THEME.font}`;
    ctx.textBaseline = 'top';
    this._count = count;
    this._start = start;
    this._end = end;
    if (this._message !== '') {
      ctx.fillStyle = THEME.dim;
      ctx.fillText(this._message, 6 * dpr, 6 * dpr);
      this._end = this._start;
      return;
    }
    const slot = (k: number) => (head - count + k + capacity) % capacity;
    // Scale to the 95th percentile of the frames shown, so one warm-up spike does not flatten the
    // graph; taller bars are clipped and drawn brighter. Frames without a figure (NaN) sort last
    // and are left out of the scale.
    const shown = end - start;
    const sorted = this._sorted.length >= shown ? this._sorted : (this._sorted = new Float64Array(capacity));
    for (let k = start; k < end; k++) sorted[k - start] = values[slot(k)]!;
    const recent = sorted.subarray(0, shown).sort();
    let figured = shown;
    while (figured > 0 && Number.isNaN(recent[figured - 1]!)) figured--;
    let max = this._options.minScale;
    if (figured > 0) max = Math.max(max, recent[Math.min(figured - 1, Math.floor(figured * 0.95))]! * 1.25);
    const barWidth = width / span;
    const left = width - shown * barWidth;
    this._left = left;
    this._barWidth = barWidth;
    const top = LABEL_STRIP * dpr;
    const plot = height - top;
    for (let k = start; k < end; k++) {
      const i = slot(k);
      const x = left + (k - start) * barWidth;
      if (gc[i] !== 0) {
        ctx.fillStyle = THEME.gc;
        ctx.fillRect(x, top, Math.max(1, barWidth), plot);
        continue;
      }
      const v = values[i]!;
      if (!(v > 0)) continue;
      const h = Math.max(1, (Math.min(v, max) / max) * plot);
      ctx.fillStyle = v > max ? THEME.text : this._options.color;
      ctx.fillRect(x, height - h, Math.max(1, barWidth - 0.5), h);
    }
    if (selected >= start && selected < end) {
      ctx.strokeStyle = THEME.text;
      ctx.lineWidth = Math.max(1, dpr);
      ctx.strokeRect(left + (selected - start) * barWidth - dpr, top, barWidth + 2 * dpr, plot - dpr);
      ctx.lineWidth = 1;
    }
    const guide = this._options.guide ?? 0;
    if (guide > 0 && guide <= max) {
      const y = Math.round(height - (guide / max) * plot) + 0.5;
      ctx.strokeStyle = THEME.guide;
      ctx.setLineDash([4 * dpr, 4 * dpr]);
      ctx.beginPath();
      ctx.moveTo(0, y);
      ctx.lineTo(width, y);
      ctx.stroke();
      ctx.setLineDash([]);
      if (this._options.guideLabel) {
        ctx.fillStyle = THEME.dim;
        ctx.textBaseline = 'bottom';
        ctx.fillText(this._options.guideLabel, width - ctx.measureText(this._options.guideLabel).width - 4 * dpr, y - 2 * dpr);
        ctx.textBaseline = 'top';
      }
    }
    ctx.fillStyle = THEME.dim;
    ctx.fillText('scale ' + this._options.format(max), 4 * dpr, 3 * dpr);
  }
}
