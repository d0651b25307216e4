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

/**
 * A small bar graph of one value per frame over the panel's history, drawn on a canvas of its
 * own (tweakpane's graph monitor copies its buffer on every push and cannot mark GCs). Frames with
 * a GC are drawn as a full-height red tick; frames without a figure leave a gap.
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
  }

  /** Shown instead of bars (e.g. "measured bytes unavailable"); '' to show bars. */
  setMessage(message: string): void {
    this._message = message;
  }

  /**
   * Draws `count` values of a ring (`values`, newest at `head - 1`), with GC flags, and shows
   * `current` as text in the header.
   */
  draw(values: Float64Array, gc: Uint8Array, count: number, head: number, current: string): void {
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
    const recent = sorted.subarray(0, count).sort();
    let max = this._options.minScale;
    if (count > 0) max = Math.max(max, recent[Math.min(count - 1, Math.floor(count * 0.95))]! * 1.25);
    const barWidth = width / capacity;
    const left = width - count * barWidth;
    for (let k = 0; k < count; k++) {
      const i = (head - count + k + capacity) % capacity;
      const x = left + k * barWidth;
      if (gc[i] !== 0) {
        ctx.fillStyle = THEME.gc;
        ctx.fillRect(x, 0, Math.max(1, barWidth), height);
        continue;
      }
      const v = values[i]!;
      if (!(v > 0)) continue;
      const h = Math.max(1, (Math.min(v, max) / max) * (height - 14 * dpr));
      ctx.fillStyle = v > max ? THEME.text : this._options.color;
      ctx.fillRect(x, height - h, Math.max(1, barWidth - 0.5), h);
    }
    const guide = this._options.guide ?? 0;
    if (guide > 0 && guide <= max) {
      const y = Math.round(height - (guide / max) * (height - 14 * dpr)) + 0.5;
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
