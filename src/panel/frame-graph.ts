import { THEME } from './theme.ts';

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
}

/** Height of the strip above the bars that holds the scale label, in CSS pixels: no bar reaches it. */
const LABEL_STRIP = 14;

/**
 * A small bar graph of one value per frame over the panel's history, drawn on a canvas of its
 * own (tweakpane's graph monitor copies its buffer on every push and cannot mark GCs). Frames with
 * a GC are drawn as a red tick to the top of the plot; frames without a figure leave a gap. A
 * click or a drag on the bars picks a frame (`onPick`), drawn with a white outline.
 */
export class FrameGraph {
  readonly element: HTMLElement;
  private readonly _canvas: HTMLCanvasElement;
  private readonly _ctx: CanvasRenderingContext2D;
  private readonly _title: HTMLElement;
  private readonly _value: HTMLElement;
  private readonly _options: FrameGraphOptions;
  private _message = '';
  private _sorted = new Float64Array(0);
  /** Bars drawn at the last `draw`, and where the first one starts, to map a pointer to a frame. */
  private _count = 0;
  private _left = 0;
  private _barWidth = 1;
  private _pick: ((k: number) => void) | null = null;

  constructor(options: FrameGraphOptions) {
    this._options = options;
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
      if (this._pick === null || this._count === 0) return;
      const x = (event.clientX - this._canvas.getBoundingClientRect().left) * (window.devicePixelRatio || 1);
      const k = Math.floor((x - this._left) / this._barWidth);
      this._pick(Math.min(this._count - 1, Math.max(0, k)));
    };
    this._canvas.addEventListener('pointerdown', (event) => {
      this._canvas.setPointerCapture(event.pointerId);
      pickAt(event);
    });
    this._canvas.addEventListener('pointermove', (event) => {
      if (event.buttons !== 0) pickAt(event);
    });
  }

  /** Called with the history slot (0 = oldest drawn) under a click or a drag. */
  onPick(pick: (k: number) => void): void {
    this._pick = pick;
    this._canvas.style.cursor = 'crosshair';
    this._canvas.title = 'Click or drag to select a frame; ← → step, Esc: live';
  }

  /** Shown instead of bars (e.g. "measured bytes unavailable"); '' to show bars. */
  setMessage(message: string): void {
    this._message = message;
  }

  /**
   * Draws `count` values of a ring (`values`, newest at `head - 1`), with GC flags, and shows
   * `current` as text in the header; `selected` is the history slot to outline (-1: none).
   */
  draw(values: Float64Array, gc: Uint8Array, count: number, head: number, current: string, selected = -1): void {
    this._value.textContent = current;
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
    if (this._message !== '') {
      ctx.fillStyle = THEME.dim;
      ctx.fillText(this._message, 6 * dpr, 6 * dpr);
      return;
    }
    const capacity = values.length;
    // Scale to the 95th percentile, so one warm-up spike does not flatten the graph; taller
    // bars are clipped and drawn brighter.
    const sorted = this._sorted.length === capacity ? this._sorted : (this._sorted = new Float64Array(capacity));
    for (let k = 0; k < count; k++) sorted[k] = values[(head - count + k + capacity) % capacity]!;
    // Frames without a figure (NaN) sort last and are left out of the scale.
    const recent = sorted.subarray(0, count).sort();
    let figured = count;
    while (figured > 0 && Number.isNaN(recent[figured - 1]!)) figured--;
    let max = this._options.minScale;
    if (figured > 0) max = Math.max(max, recent[Math.min(figured - 1, Math.floor(figured * 0.95))]! * 1.25);
    const barWidth = width / capacity;
    const left = width - count * barWidth;
    this._count = count;
    this._left = left;
    this._barWidth = barWidth;
    const top = LABEL_STRIP * dpr;
    const plot = height - top;
    for (let k = 0; k < count; k++) {
      const i = (head - count + k + capacity) % capacity;
      const x = left + k * barWidth;
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
    if (selected >= 0 && selected < count) {
      ctx.strokeStyle = THEME.text;
      ctx.lineWidth = Math.max(1, dpr);
      ctx.strokeRect(left + selected * barWidth - dpr, top, barWidth + 2 * dpr, plot - dpr);
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
