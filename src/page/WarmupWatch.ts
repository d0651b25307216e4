import { TierWatch, type V8Natives } from '../measure/tierWatch.ts';
import type { WarmupJudgeName } from '../profiler/RunResult.ts';

/**
 * How a page tells that warm-up is over: `tiers` when V8's natives can be read (the browser was
 * started with `--js-flags=--allow-natives-syntax`): every function a frame runs reached its final
 * tier, then a quiet stretch; `quiet-window` otherwise: a quiet stretch alone (QuietWatch), which
 * cannot see a tier-up still to come, so figures may still include warm-up; `none` without
 * precise memory, when there is no figure to judge.
 */
export type PageWarmupJudge = Extract<WarmupJudgeName, 'tiers' | 'quiet-window' | 'none'>;

/** When warm-up may end. */
export interface WarmupRule {
  /** Frames a world runs at least. */
  warmup: number;
  /** Then: consecutive quiet frames, all after `warmup` (0: do not wait). */
  quietFrames: number;
  /** Frames after which warm-up ends anyway, settled or not. */
  maxWarmup: number;
}

/** The sandbox's rule: 300 frames, then 300 quiet ones, at most 30 s at 60 fps (see docs/measuring-in-v8.md). */
export const DEFAULT_WARMUP_RULE: WarmupRule = { warmup: 300, quietFrames: 300, maxWarmup: 1800 };

/**
 * Follows a page's world from its load to the end of its warm-up, one call per frame (after the
 * frame, outside it): `ended` once settled or at `maxWarmup`, `settled` when the judge saw the
 * code reach its steady state. With natives, the frame functions not yet optimised once the frames
 * went quiet are asked to be (see TierWatch), and warm-up ends when none is left.
 * Allocates nothing per frame.
 */
export class WarmupWatch {
  readonly judge: PageWarmupJudge;
  readonly rule: WarmupRule;
  /** Frames observed since the load. */
  frames = 0;
  settled = false;
  ended = false;
  private readonly _natives: V8Natives | null;
  private _tiers: TierWatch | null = null;

  constructor(rule: WarmupRule, natives: V8Natives | null, precise: boolean) {
    this.rule = rule;
    this._natives = precise ? natives : null;
    this.judge = !precise ? 'none' : natives !== null ? 'tiers' : 'quiet-window';
  }

  /** A new world, whose frames run `frameFunctions()` (asked for after its first frame); `frames` already run. */
  reset(frameFunctions: () => readonly unknown[], frames = 0): void {
    this.frames = frames;
    this.settled = false;
    this.ended = false;
    this._tiers = this._natives === null ? null : new TierWatch(this._natives, frameFunctions);
  }

  /** Functions still short of their final tier at the last look (0 without natives). */
  get pendingFunctions(): number {
    return this._tiers?.pending ?? 0;
  }

  /** After each frame, with the quiet watch's current run of quiet frames. */
  afterFrame(quietRun: number): void {
    const frames = ++this.frames;
    if (this.ended) return;
    const { warmup, quietFrames, maxWarmup } = this.rule;
    const quiet = quietFrames === 0 || (quietRun >= quietFrames && frames >= warmup + quietFrames);
    // Functions still unoptimised are asked for only once the frames have gone quiet: asked for
    // earlier, V8 compiles them before rare paths have feedback, and one deoptimised there stayed
    // in baseline code for good (bullets: 500 KB a frame once its pool first dropped idle bullets).
    const tiersDone = this._tiers === null || this._tiers.settled(frames, frames >= warmup && quiet);
    this.settled = this.judge !== 'none' && frames >= warmup && tiersDone && quiet;
    this.ended = this.settled || frames >= Math.max(warmup, maxWarmup) || (this.judge === 'none' && frames >= warmup);
  }
}
