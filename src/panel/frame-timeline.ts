import type { FrameSample } from '../profiler/FrameDecoder.ts';
import { markerName } from '../profiler/ProfilerMarker.ts';
import { formatBytes, formatCalls, formatMs } from './format.ts';
import { THEME } from './theme.ts';

/** Height of one nesting level of the timeline, in CSS pixels. */
const ROW_PX = 16;

/**
 * The shown frame's markers as nested bars along the frame's time, as Unity's Timeline view and
 * Perfetto draw slices: the frame on the first row, each marker under its parent, each bar
 * labelled with its name, bytes and ms (all figures on hover). Bars that allocated are drawn in
 * the bytes colour; a frame with a GC inside says so, since its byte figures are then unknown.
 * Built as DOM (text a user can select, and a test can read), redrawn only when the frame changes.
 */
export class FrameTimelineView {
  readonly element: HTMLElement;
  private readonly _note: HTMLElement;
  private readonly _track: HTMLElement;
  private _seq = -2;
  private _gc = false;

  constructor() {
    this.element = document.createElement('div');
    this.element.className = 'al-timeline';
    this._note = document.createElement('div');
    this._note.className = 'al-caption';
    this._track = document.createElement('div');
    this._track.className = 'al-timeline-track';
    this._track.style.position = 'relative';
    this.element.append(this._note, this._track);
  }

  /** Draws frame `sample` (its slices); `bytesKnown` is false without precise memory or with a GC inside. */
  update(sample: FrameSample, bytesKnown: boolean, gcInFrame: boolean, frameNumber: number): void {
    if (sample.seq === this._seq && gcInFrame === this._gc) return;
    this._seq = sample.seq;
    this._gc = gcInFrame;
    const track = this._track;
    track.replaceChildren();
    if (sample.seq < 0) {
      this._note.textContent = 'Timeline: waiting for a frame';
      track.style.height = '0';
      return;
    }
    const frameMs = sample.frameMs;
    this._note.textContent =
      `Timeline of frame ${frameNumber}: ${formatMs(frameMs)} ms` + (gcInFrame ? ', a GC ran inside it (byte figures unknown)' : '');
    let depths = 1;
    this._bar('Frame', 0, 0, frameMs, bytesKnown ? sample.bytes : null, 1, frameMs, gcInFrame);
    for (let i = 0; i < sample.sliceCount; i++) {
      const depth = sample.sliceDepth[i]! + 1;
      if (depth + 1 > depths) depths = depth + 1;
      this._bar(
        markerName(sample.sliceMarker[i]!),
        depth,
        sample.sliceStartMs[i]! - sample.startMs,
        sample.sliceEndMs[i]! - sample.sliceStartMs[i]!,
        bytesKnown ? sample.sliceBytes[i]! : null,
        sample.sliceCalls[i]!,
        frameMs,
        false,
      );
    }
    track.style.height = `${depths * ROW_PX}px`;
  }

  private _bar(
    name: string,
    depth: number,
    fromMs: number,
    ms: number,
    bytes: number | null,
    calls: number,
    frameMs: number,
    gc: boolean,
  ): void {
    const bar = document.createElement('div');
    bar.className = 'al-slice';
    const share = frameMs > 0 ? 100 / frameMs : 0;
    Object.assign(bar.style, {
      position: 'absolute',
      boxSizing: 'border-box',
      left: `${Math.min(100, Math.max(0, fromMs * share))}%`,
      width: `max(3px, ${Math.min(100, ms * share)}%)`,
      // Above its neighbours when it allocated: the page's clock ticks every 0.1 ms, so a marker
      // can read 0 ms and start where the next one does.
      zIndex: bytes !== null && bytes > 0 ? '1' : '0',
      top: `${depth * ROW_PX}px`,
      height: `${ROW_PX - 2}px`,
      lineHeight: `${ROW_PX - 2}px`,
      padding: '0 3px',
      overflow: 'hidden',
      whiteSpace: 'nowrap',
      textOverflow: 'ellipsis',
      borderRadius: '2px',
      color: THEME.background,
      background: gc ? THEME.gc : bytes !== null && bytes > 0 ? THEME.bytes : THEME.ms,
    });
    bar.textContent = `${name} ${formatBytes(bytes)} ${formatMs(ms)} ms`;
    bar.title =
      `${name}: ${formatBytes(bytes)} in ${formatMs(ms)} ms, ${formatCalls(calls)} call${calls === 1 ? '' : 's'}, ` +
      `from +${formatMs(fromMs)} ms`;
    this._track.append(bar);
  }
}
