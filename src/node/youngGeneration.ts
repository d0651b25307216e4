import { getHeapSpaceStatistics } from 'node:v8';

/**
 * The young generation's capacity now: how many bytes can be allocated between two minor GCs
 * (V8's new space: used plus available size of the semi-space objects are allocated in). V8
 * grows it while a program keeps objects alive (seen: 1 MB at start, 4 MB after 100,000 kept
 * objects; 64 MB with --min-semi-space-size=64), so read it when the figure is used. Null when
 * V8 reports no new space. Allocates: call outside frames.
 */
export function youngGenerationBytes(): number | null {
  const space = getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
  return space === undefined ? null : space.space_used_size + space.space_available_size;
}

/**
 * The young generation's capacity over a run's measured frames: read before the first frame
 * and after each chunk of frames, each chunk weighted by its frames and taken as the mean of
 * the readings around it. V8 may grow the new space in the middle of a run (seen: 2 MB at the
 * first measured frame, 4 MB at the last), so one reading at either end would mispredict how
 * often minor GCs come. Reads happen between chunks, never inside a frame.
 */
export class YoungGenerationSampler {
  private last: number | null = null;
  private weighted = 0;
  private frames = 0;
  private unreadable = false;

  /** Reads the capacity before the first measured frame. */
  start(): void {
    this.last = youngGenerationBytes();
    this.unreadable = this.last === null;
    this.weighted = 0;
    this.frames = 0;
  }

  /** Reads the capacity after `frames` more measured frames. */
  afterFrames(frames: number): void {
    const now = youngGenerationBytes();
    if (now === null || this.last === null) {
      this.unreadable = true;
      return;
    }
    this.weighted += ((this.last + now) / 2) * frames;
    this.frames += frames;
    this.last = now;
  }

  /** The frame-weighted capacity over the frames read so far (the last reading before any); null when V8 reports no new space. */
  mean(): number | null {
    if (this.unreadable) return null;
    return this.frames > 0 ? this.weighted / this.frames : this.last;
  }
}
