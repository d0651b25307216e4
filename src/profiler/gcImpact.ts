import type { GcKind } from './GcLog.ts';
import { percentile } from './stats.ts';

/** The frame budget a game at 60 fps has: frames longer than this are visible stutter. */
export const FRAME_BUDGET_MS = 1000 / 60;

/**
 * What the run's GCs cost the player, added to a run's `gc` figures: how often each kind ran,
 * how long they paused, frames over the budget and how many of those had a GC inside, and how
 * often a minor GC should come given the bytes allocated per frame and the young generation's
 * size, beside how often one came.
 */
export interface GcImpact {
  /** GCs per 1,000 measured frames, by kind (incremental marking, weak callbacks and unknown are "other"). */
  per1000FramesByKind: { minor: number; major: number; other: number };
  /** False where the host cannot time GC pauses (a page: GCs are inferred, durations unknown). */
  pausesTimed: boolean;
  /** Pause durations of the run's GCs (nearest-rank median); null with no GC, or when pauses are not timed. */
  pauseMs: { p50: number; max: number } | null;
  /** Measured frames longer than `budgetMs`, and how many of them had a GC inside. */
  overBudget: { budgetMs: number; frames: number; withGc: number };
  /**
   * Frames between minor GCs. Predicted: the young generation's capacity over the mean bytes
   * allocated per frame (null when either is unknown or nothing is allocated). Observed: measured
   * frames per minor GC in the run (null when none ran).
   */
  minorGcSpacing: { youngGenerationBytes: number | null; predictedFrames: number | null; observedFrames: number | null };
}

/** What `gcImpact` needs from a run. */
export interface GcImpactInput {
  /** Measured frames. */
  frames: number;
  /** Each measured frame's duration in ms. */
  frameMs: ArrayLike<number>;
  /** Indexes of the measured frames with a GC inside. */
  gcFrames: ReadonlySet<number>;
  /** The run's GC events. */
  events: ReadonlyArray<{ kind: GcKind; durationMs: number }>;
  /** Mean measured bytes allocated per frame (NaN when no frame could be measured). */
  bytesPerFrame: number;
  /** The young generation's capacity in bytes, or null when the host cannot read it. */
  youngGenerationBytes: number | null;
  pausesTimed: boolean;
}

/** The GC impact figures of a run (outside frames; allocates). */
export function gcImpact(input: GcImpactInput): GcImpact {
  const per1000 = 1000 / Math.max(1, input.frames);
  let minor = 0;
  let major = 0;
  let other = 0;
  const durations: number[] = [];
  for (const event of input.events) {
    if (event.kind === 'minor') minor++;
    else if (event.kind === 'major') major++;
    else other++;
    durations.push(event.durationMs);
  }
  durations.sort((a, b) => a - b);
  let over = 0;
  let overWithGc = 0;
  for (let i = 0; i < input.frames; i++) {
    if (!(input.frameMs[i]! > FRAME_BUDGET_MS)) continue;
    over++;
    if (input.gcFrames.has(i)) overWithGc++;
  }
  const young = input.youngGenerationBytes;
  const allocates = input.bytesPerFrame > 0;
  return {
    per1000FramesByKind: { minor: minor * per1000, major: major * per1000, other: other * per1000 },
    pausesTimed: input.pausesTimed,
    pauseMs: input.pausesTimed && durations.length > 0 ? { p50: percentile(durations, 50), max: durations[durations.length - 1]! } : null,
    overBudget: { budgetMs: FRAME_BUDGET_MS, frames: over, withGc: overWithGc },
    minorGcSpacing: {
      youngGenerationBytes: young,
      predictedFrames: young !== null && allocates ? young / input.bytesPerFrame : null,
      observedFrames: minor > 0 ? input.frames / minor : null,
    },
  };
}
